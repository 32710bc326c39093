// The browser side of live editing: one WebSocket per document, the local document model, and
// the client half of the OT protocol in /docs/live-protocol.md (web/docs/live-protocol.md).
//
// Dependency-free ES module (besides ./text-op.js). It runs in browsers and in Node 20: the
// WebSocket constructor, timers and randomness can be injected through the options, which is
// how src/test/js/live-client.test.mjs drives it against a fake server.
//
//   const live = new LiveClient(documentId, { name: 'Rapporteur' });
//   live.on('document', ({ clauses }) => render(clauses));
//   live.on('clause', ({ clauseId, op, text, source }) => patch(clauseId, text, op));
//   live.connect();
//   textarea.oninput = () => live.replaceText(clauseId, textarea.value);
//
// Model. The server decides; the client predicts. For every clause the client keeps the text
// the server has confirmed (at `version`), at most one submitted text op (`inflight`) and one
// buffer of local edits composed together; the local text is confirmed + inflight + buffer.
// Structure is kept the same way: the confirmed clause order and kinds, plus the submitted and
// queued structural changes, which are replayed on the confirmed state (with the server's rules,
// skipping those the server is bound to refuse) to give the order the user sees. Numbers (PP1,
// 1, (a)) are derived from that order exactly as the server derives them.
//
// One submission is in flight for the whole client. Local changes wait in a queue: a text entry
// per clause (its edits composed into the clause's buffer) and structural changes in order.
//
// Transform sides. The server transforms a late op against the ops committed since its version
// with the committed ones winning ties: transform(op, committed, 'right'). So that the client
// ends with the same text, it must do the mirror image: inflight' = transform(inflight, r,
// 'right') and r' = transform(r, inflight, 'left') (likewise for the buffer). TP1 as stated in
// text-op.js: apply(apply(s, r), transform(o, r, 'right')) === apply(apply(s, o), transform(r, o,
// 'left')). (The protocol document's "client algorithm" states the sides the other way round,
// which diverges on concurrent inserts at one position; see the test "protocol sides". For the
// buffer either pair converges, since the buffer is sent later on a version that already
// includes r; it uses the same sides so that local edits consistently yield ties.)
//
// Reconnection and exactly-once. A submission keeps its seq until it is resolved, and is only
// ever resent with that seq, so the server applies it at most once. It is resolved by (a) its own
// commit in an `ops` frame or a `joined` catch-up, (b) an `ack` with `duplicate` whose revision
// the client already has (the change is inside a loaded document) or (c) an `error` naming its
// seq, which proves it was not applied. After a `joined` with ops the pending op has been
// transformed against everything the client missed, so it is resent as it now stands. After a
// `joined` with a whole document the client cannot tell whether the pending op is inside it, so
// it resends the op exactly as first submitted (the server transforms it against its history or
// answers `duplicate`), and meanwhile rebases its local view onto the loaded text through a
// minimal diff; when the answer comes, the local text is reconciled with what the server did
// (an own commit carries the op as applied, a duplicate means "drop mine", an error means "not
// applied, my rebased op stands").
//
// Refused text ops. When the server refuses the in-flight text op, the client drops it by
// applying its exact inverse (computed from the confirmed text) to the local text, transforming
// the clause's buffer accordingly, so the clause shows the server's text plus the edits still to
// be sent; no reconnect is needed. Codes that mean "the client's state is off" (bad-version,
// op-out-of-range, invalid-change on a text op) also trigger a resync (since = -1).
//
// Also: frames that overtake the `joined` reply are held and applied after it (commits it
// already contained are skipped); a gap in revisions reconnects with `since`; edits made while
// offline are applied and queued (a clause's edits composed into one op); ops too large for one
// message are split into several submissions; a new clause placed after a clause someone
// deleted meanwhile goes after that clause's predecessor instead of being lost.

import * as ot from './text-op.js';

/** Clause kinds, in the wire spelling. */
export const CLAUSE_KINDS = Object.freeze(['heading', 'preambular', 'operative', 'sub-paragraph', 'free-text',
  'footnote']);

const CLIENT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The server's own alphabet for clause ids (plenary.document.RandomIds): a-z and 2-9 without l, o.
const CLAUSE_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const OPEN = 1; // WebSocket.OPEN

/** A local change the document's rules forbid; `code` is the server's error code for it. */
export class LiveClientError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LiveClientError';
    this.code = code;
  }
}

function defaultRandomBytes(n) {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** A random string over alphabet, unbiased (rejection sampling). */
export function randomString(length, alphabet, randomBytes = defaultRandomBytes) {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) {
        out += alphabet[byte % alphabet.length];
        if (out.length === length) break;
      }
    }
  }
  return out;
}

/** 16 characters of A-Za-z0-9. */
export const newClientId = (randomBytes) => randomString(16, CLIENT_ID_ALPHABET, randomBytes);

/** 12 characters of the server's clause id alphabet. */
export const newClauseId = (randomBytes) => randomString(12, CLAUSE_ID_ALPHABET, randomBytes);

/** 1 → a … 26 → z, 27 → aa, 28 → bb (plenary.document.Numbering.letters). */
export function subParagraphLetters(n) {
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

/** Labels for clauses of these kinds, in order: PP1…, 1…, (a)… reset by each operative; else null. */
export function clauseNumbers(kinds) {
  let preambular = 0;
  let operative = 0;
  let sub = 0;
  return kinds.map((kind) => {
    switch (kind) {
      case 'preambular': return `PP${++preambular}`;
      case 'operative': sub = 0; return String(++operative);
      case 'sub-paragraph': return `(${subParagraphLetters(++sub)})`;
      default: return null;
    }
  });
}

/** The server's structural rule: a sub-paragraph follows an operative paragraph or a sub-paragraph. */
function rulesHold(order, kinds) {
  let previous = null;
  for (const id of order) {
    const kind = kinds.get(id);
    if (kind === 'sub-paragraph' && previous !== 'operative' && previous !== 'sub-paragraph') return false;
    previous = kind;
  }
  return true;
}

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A minimal operation turning oldText into newText: keeps the common prefix and suffix and
 * replaces what lies between (what a textarea `input` event amounts to). Never cuts a
 * surrogate pair.
 */
export function textDiff(oldText, newText) {
  if (oldText === newText) return [];
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHigh(oldText.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix
    && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLow(oldText.charCodeAt(oldText.length - suffix))) suffix--;
  const removed = oldText.length - suffix - prefix;
  const inserted = newText.slice(prefix, newText.length - suffix);
  const op = [];
  if (prefix > 0) op.push(prefix);
  if (inserted.length > 0) op.push(inserted);
  if (removed > 0) op.push(-removed);
  return ot.normalize(op);
}

/** The operation undoing op: applied to apply(text, op) it gives text back. */
export function invertOp(op, text) {
  const out = [];
  let pos = 0;
  for (const c of ot.normalize(op)) {
    if (typeof c === 'string') {
      out.push(-c.length);
    } else if (c > 0) {
      out.push(c);
      pos += c;
    } else {
      out.push(text.slice(pos, pos - c));
      pos -= c;
    }
  }
  return ot.normalize(out);
}

// Upper bound of the UTF-8 bytes one code unit takes in JSON.
function unitCost(code) {
  if (code < 0x20 || code === 0x22 || code === 0x5c) return 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (isHigh(code) || isLow(code)) return 2;
  return 3;
}

function stringCost(s) {
  let cost = 3; // quotes and a comma
  for (let i = 0; i < s.length; i++) cost += unitCost(s.charCodeAt(i));
  return cost;
}

/** Upper bound of the UTF-8 size of an op's JSON. */
export function opCost(op) {
  let cost = 2;
  for (const c of op) cost += typeof c === 'string' ? stringCost(c) : String(c).length + 1;
  return cost;
}

// The longest prefix of s (not cutting a surrogate pair) whose JSON costs at most budget.
function fittingPrefix(s, budget) {
  let cost = 3;
  let i = 0;
  while (i < s.length) {
    const step = isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    let add = 0;
    for (let k = 0; k < step; k++) add += unitCost(s.charCodeAt(i + k));
    if (cost + add > budget) break;
    cost += add;
    i += step;
  }
  return i;
}

const nonEmpty = (components) => components.filter((c) => c !== 0 && c !== '');

/**
 * Splits op into [first, rest] with compose(first, rest) equal to op and first's JSON within
 * budget bytes; rest is null when op fits. Keeps submissions under the server's message limit.
 * first always changes something (it may exceed a budget too small for one character).
 */
export function splitOp(op, budget) {
  const ops = ot.normalize(op);
  if (opCost(ops) <= budget) return [ops, null];
  const first = [];
  let cost = 2;
  let produced = 0; // length, in the text after `first`, of what the taken components cover
  let progress = false; // first inserts or deletes something
  for (let i = 0; i < ops.length; i++) {
    const c = ops[i];
    if (typeof c === 'number') {
      const add = String(c).length + 1;
      if (cost + add > budget && progress) {
        return [ot.normalize(first), ot.normalize(nonEmpty([produced, ...ops.slice(i)]))];
      }
      first.push(c);
      cost += add;
      if (c > 0) produced += c;
      else progress = true;
      continue;
    }
    const add = stringCost(c);
    if (cost + add <= budget) {
      first.push(c);
      cost += add;
      produced += c.length;
      progress = true;
      continue;
    }
    let take = fittingPrefix(c, budget - cost);
    if (take === 0 && !progress) take = isHigh(c.charCodeAt(0)) && isLow(c.charCodeAt(1)) ? 2 : 1;
    const head = c.slice(0, take);
    if (head.length > 0) first.push(head);
    return [ot.normalize(first), ot.normalize(nonEmpty([produced + head.length, c.slice(take), ...ops.slice(i + 1)]))];
  }
  return [ops, null];
}

/** The live URL for a document: ws(s)://host/api/documents/{id}/live, from an http(s) or ws(s) origin. */
export function liveUrl(documentId, origin) {
  const url = new URL(String(origin));
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return `${secure ? 'wss:' : 'ws:'}//${url.host}/api/documents/${encodeURIComponent(documentId)}/live`;
}

// Applies a structural change to a {order, kinds} state if the server would accept it.
function applyStructural(state, change, deleted) {
  const { order, kinds } = state;
  const id = change.clauseId;
  const position = (after) => (after == null ? 0 : order.indexOf(after) + 1);
  switch (change.type) {
    case 'insert': {
      if (kinds.has(id) || deleted.has(id)) return false;
      if (change.after != null && !kinds.has(change.after)) return false;
      order.splice(position(change.after), 0, id);
      kinds.set(id, change.kind);
      if (rulesHold(order, kinds)) return true;
      order.splice(order.indexOf(id), 1);
      kinds.delete(id);
      return false;
    }
    case 'delete': {
      const index = order.indexOf(id);
      if (index < 0) return false;
      const kind = kinds.get(id);
      order.splice(index, 1);
      kinds.delete(id);
      if (rulesHold(order, kinds)) return true;
      order.splice(index, 0, id);
      kinds.set(id, kind);
      return false;
    }
    case 'move': {
      const index = order.indexOf(id);
      if (index < 0 || change.after === id || (change.after != null && !kinds.has(change.after))) return false;
      order.splice(index, 1);
      order.splice(position(change.after), 0, id);
      if (rulesHold(order, kinds)) return true;
      order.splice(order.indexOf(id), 1);
      order.splice(index, 0, id);
      return false;
    }
    case 'set-kind': {
      if (!kinds.has(id)) return false;
      const kind = kinds.get(id);
      kinds.set(id, change.kind);
      if (rulesHold(order, kinds)) return true;
      kinds.set(id, kind);
      return false;
    }
    default:
      return false;
  }
}

// Errors after which the in-flight submission stays pending and is resent with the same seq.
const RETRY_AFTER_RECONNECT = new Set(['unavailable', 'not-joined']);
// Refusals of a text op that mean the client's idea of the clause is wrong.
const STATE_IS_OFF = new Set(['bad-version', 'op-out-of-range', 'invalid-change']);

/**
 * A live editing session on one document.
 *
 * Local edits are applied by the client itself: editText(clauseId, op) takes an op made on the
 * clause's current local text (text(clauseId)), applies it, queues it and emits 'clause'.
 *
 * Events (subscribe with on(type, listener), which returns an unsubscribe function):
 * - 'document' {clauses, revision}: the clause list changed (order, kinds, numbers, a load);
 * - 'clause' {clauseId, op, text, source}: one clause's local text changed by op (map carets
 *   with transformPosition(caret, op)); source is 'local', 'remote', 'revert' (a refused edit
 *   taken back) or 'rebase' (reconciled after a reload);
 * - 'presence' {people}: everyone connected, as the server reports them;
 * - 'status' {status}: 'connecting' | 'online' | 'offline' | 'resyncing' | 'closed';
 * - 'error' {code, message, seq, change}: the server refused something, or the client lost
 *   track of the document ('client-inconsistent') and resynchronises.
 */
export class LiveClient {
  /**
   * @param {string} documentId
   * @param {object} [options]
   * @param {Function} [options.WebSocket] WebSocket constructor (default globalThis.WebSocket)
   * @param {string} [options.url] the full ws(s):// URL; default derived from options.origin or location
   * @param {string} [options.origin] e.g. 'https://plenary.example' (default location.origin)
   * @param {string} [options.name] display name sent in join
   * @param {string} [options.clientId] default: 16 random characters, once per LiveClient
   * @param {Function} [options.randomBytes] n => Uint8Array (default crypto.getRandomValues)
   * @param {Function} [options.setTimeout] @param {Function} [options.clearTimeout]
   * @param {number} [options.pingIntervalMs=20000] @param {number} [options.backoffMinMs=500]
   * @param {number} [options.backoffMaxMs=10000] @param {number} [options.presenceIntervalMs=100]
   * @param {number} [options.maxOpBytes=60000] split larger ops (the server refuses messages over 64 KiB)
   * @param {number} [options.retryDelayMs=1000] resend delay after 'rate-limited'
   */
  constructor(documentId, options = {}) {
    if (typeof documentId !== 'string' || documentId.length === 0) throw new TypeError('documentId must be a non-empty string');
    this.documentId = documentId;
    this._WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (typeof this._WebSocket !== 'function') throw new TypeError('no WebSocket constructor: pass options.WebSocket');
    const origin = options.origin ?? globalThis.location?.origin;
    if (options.url == null && origin == null) throw new TypeError('pass options.url or options.origin');
    this.url = options.url ?? liveUrl(documentId, origin);
    this.name = options.name ?? 'anonymous';
    this._randomBytes = options.randomBytes ?? defaultRandomBytes;
    // Once per LiveClient (one per page for a document), never persisted: a reloaded page starts
    // a new session, because its seq numbers start again at 1.
    this.clientId = options.clientId ?? newClientId(this._randomBytes);
    this._setTimeout = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this._clearTimeout = options.clearTimeout ?? ((t) => globalThis.clearTimeout(t));
    this._pingMs = options.pingIntervalMs ?? 20_000;
    this._backoffMin = options.backoffMinMs ?? 500;
    this._backoffMax = options.backoffMaxMs ?? 10_000;
    this._presenceMs = options.presenceIntervalMs ?? 100;
    this._maxOpBytes = options.maxOpBytes ?? 60_000;
    this._retryMs = options.retryDelayMs ?? 1000;

    this.revision = -1;
    this.status = 'offline';
    this.connectionId = null;
    this.people = [];
    this.info = null; // {id, title, status, meta} from the last loaded document

    this._records = new Map(); // clause id → record (see _newRecord)
    this._order = []; // confirmed clause order
    this._deleted = new Set(); // clause ids known deleted (never reused)
    this._deletedBefore = new Map(); // deleted id → its confirmed predecessor then (null: top)
    this._queue = []; // {type:'text', clauseId} | {type:'change', change, anchorRetries}
    this._inflight = null; // {seq, kind:'text'|'change', clauseId, change, original, exact}
    this._seq = 0;
    this._view = { order: [], kinds: new Map() };
    this._viewKey = '';
    this._listeners = new Map();

    this._ws = null;
    this._joined = false;
    this._early = []; // ops frames that arrived before joined
    this._closed = false;
    this._resyncPending = false;
    this._backoff = this._backoffMin;
    this._reconnectTimer = null;
    this._pingTimer = null;
    this._silentPings = 0;
    this._pingCount = 0;
    this._retryTimer = null;
    this._hold = null; // {clauseId, timer}: a re-queued insert waits for that clause's deletion
    this._presence = null;
    this._presenceTimer = null;
    this._presenceDirty = false;
    /** Counters for diagnostics and tests. */
    this.stats = { submitted: 0, resubmitted: 0, dropped: 0, inconsistencies: 0, mismatches: 0, documentLoads: 0 };
  }

  // ---------------------------------------------------------------- public: state

  /** The clauses as the user sees them: {id, kind, number, text, version, status}, in order. */
  get clauses() {
    const { order, kinds } = this._view;
    const numbers = clauseNumbers(order.map((id) => kinds.get(id)));
    return order.map((id, i) => {
      const r = this._records.get(id);
      return { id, kind: kinds.get(id), number: numbers[i], text: r.text, version: r.version, status: r.status };
    });
  }

  /** One clause as the user sees it, or null. */
  clause(clauseId) {
    return this.clauses.find((c) => c.id === clauseId) ?? null;
  }

  /** The local text of a visible clause, or null. */
  text(clauseId) {
    return this._view.kinds.has(clauseId) ? this._records.get(clauseId).text : null;
  }

  /** Changes made here that the server has not yet confirmed (submitted or waiting). */
  get pendingCount() {
    return (this._inflight ? 1 : 0) + this._queue.length;
  }

  // ---------------------------------------------------------------- public: events

  on(type, listener) {
    if (!this._listeners.has(type)) this._listeners.set(type, new Set());
    this._listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this._listeners.get(type)?.delete(listener);
  }

  _emit(type, detail) {
    for (const listener of [...(this._listeners.get(type) ?? [])]) {
      try {
        listener(detail);
      } catch (e) {
        // A failing listener must not leave the client half-way through a frame.
        queueMicrotask(() => { throw e; });
      }
    }
  }

  // ---------------------------------------------------------------- public: connection

  /** Opens the socket (and keeps reopening it until close()). */
  connect() {
    if (this._closed) throw new Error('this LiveClient is closed');
    if (this._ws || this._reconnectTimer !== null) return;
    this._open();
  }

  /** Closes for good. Changes not yet confirmed are lost. */
  close() {
    this._closed = true;
    this._dropSocket();
    this._cancel('_reconnectTimer');
    this._cancel('_retryTimer');
    this._cancel('_presenceTimer');
    if (this._hold) this._clearTimeout(this._hold.timer);
    this._hold = null;
    this._setStatus('closed');
  }

  // ---------------------------------------------------------------- public: editing

  /**
   * Applies op (made on the clause's current local text, see text()) to the clause and queues it.
   * Returns the new text. Throws InvalidOperationError if op does not fit, LiveClientError if the
   * clause is not in the document.
   */
  editText(clauseId, op) {
    const rec = this._visible(clauseId);
    const norm = ot.normalize(op);
    ot.validateAgainst(rec.text, norm);
    if (norm.length === 0) return rec.text;
    rec.text = ot.apply(rec.text, norm);
    this._buffer(rec, norm);
    this._movePeople(clauseId, norm);
    this._emit('clause', { clauseId, op: norm, text: rec.text, source: 'local' });
    this._pump();
    return rec.text;
  }

  /** Makes the clause's text newText with a minimal op (for a textarea's input event); returns the op. */
  replaceText(clauseId, newText) {
    const rec = this._visible(clauseId);
    if (typeof newText !== 'string') throw new TypeError('newText must be a string');
    const op = textDiff(rec.text, newText);
    if (op.length > 0) this.editText(clauseId, op);
    return op;
  }

  /** Adds a clause after afterId (null: at the top); returns its new id. */
  insertClause(afterId, kind, text = '') {
    this._checkKind(kind);
    if (typeof text !== 'string') throw new TypeError('text must be a string');
    if (afterId != null) this._visible(afterId);
    let id;
    do id = newClauseId(this._randomBytes); while (this._records.has(id) || this._deleted.has(id));
    const change = { type: 'insert', clauseId: id, after: afterId ?? null, kind, text };
    this._checkAllowed(change);
    // An insert's text travels in one message: keep it small and send the rest as a text op.
    const budget = Math.max(64, this._maxOpBytes - 200);
    const [first, rest] = splitOp(text.length > 0 ? [text] : [], budget);
    const head = first.length > 0 ? first[0] : '';
    const rec = this._newRecord(id, kind, head, 0, 'bracketed');
    rec.inConfirmed = false;
    this._records.set(id, rec);
    this._queue.push({ type: 'change', change: { ...change, text: head }, anchorRetries: 0 });
    if (rest) {
      rec.text = text;
      this._buffer(rec, rest);
    }
    this._changed();
    this._pump();
    return id;
  }

  deleteClause(clauseId) {
    this._visible(clauseId);
    this._enqueueChange({ type: 'delete', clauseId });
  }

  /** Moves a clause after afterId (null: to the top). */
  moveClause(clauseId, afterId) {
    this._visible(clauseId);
    if (afterId != null) this._visible(afterId);
    const order = this._view.order;
    const index = order.indexOf(clauseId);
    if ((afterId == null && index === 0) || (afterId != null && order[index - 1] === afterId)) return;
    this._enqueueChange({ type: 'move', clauseId, after: afterId ?? null });
  }

  setKind(clauseId, kind) {
    this._checkKind(kind);
    this._visible(clauseId);
    if (this._view.kinds.get(clauseId) === kind) return;
    this._enqueueChange({ type: 'set-kind', clauseId, kind });
  }

  /** Where this person is: a clause (or null) and a caret offset in its local text (or null). */
  setPresence(clauseId, caret) {
    this._presence = { clauseId: clauseId ?? null, caret: Number.isInteger(caret) ? caret : null };
    this._presenceDirty = true;
    this._flushPresence();
  }

  // ---------------------------------------------------------------- socket

  _open() {
    this._reconnectTimer = null;
    if (this._closed) return;
    this._setStatus(this._resyncPending ? 'resyncing' : 'connecting');
    let ws;
    try {
      ws = new this._WebSocket(this.url);
    } catch {
      this._setStatus('offline');
      this._scheduleReconnect();
      return;
    }
    this._ws = ws;
    this._joined = false;
    this._early = [];
    ws.onopen = () => {
      if (ws !== this._ws) return;
      this._silentPings = 0;
      this._send({ type: 'join', clientId: this.clientId, name: this.name,
        since: this._resyncPending ? -1 : this.revision });
      this._schedulePing();
    };
    ws.onmessage = (event) => this._onMessage(ws, event.data);
    ws.onclose = () => this._onClose(ws);
    ws.onerror = () => {}; // a close event follows
  }

  _onClose(ws) {
    if (ws !== this._ws) return;
    this._detach();
    this._setStatus(this._resyncPending ? 'resyncing' : 'offline');
    this._scheduleReconnect();
  }

  _detach() {
    const ws = this._ws;
    this._ws = null;
    this._joined = false;
    this._early = [];
    this._cancel('_pingTimer');
    this._cancel('_retryTimer');
    if (this._hold) this._clearTimeout(this._hold.timer);
    this._hold = null;
    return ws;
  }

  _dropSocket() {
    const ws = this._detach();
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close();
    } catch {
      // already closed
    }
  }

  /** Drops the socket and connects again after the backoff; resync: with since = -1. */
  _reconnect(resync) {
    if (resync) this._resyncPending = true;
    this._dropSocket();
    if (this._closed) return;
    this._setStatus(resync ? 'resyncing' : 'offline');
    this._scheduleReconnect();
  }

  _scheduleReconnect() {
    if (this._closed || this._reconnectTimer !== null) return;
    const delay = this._backoff;
    this._backoff = Math.min(delay * 2, this._backoffMax);
    this._reconnectTimer = this._setTimeout(() => this._open(), delay);
  }

  _schedulePing() {
    this._cancel('_pingTimer');
    this._pingTimer = this._setTimeout(() => {
      this._pingTimer = null;
      if (!this._ws) return;
      // Two intervals without a word from the server: the connection is dead.
      if (this._silentPings >= 2) {
        this._reconnect(false);
        return;
      }
      this._silentPings++;
      this._send({ type: 'ping', t: ++this._pingCount });
      this._schedulePing();
    }, this._pingMs);
  }

  _cancel(field) {
    if (this[field] !== null) {
      this._clearTimeout(this[field]);
      this[field] = null;
    }
  }

  _send(message) {
    const ws = this._ws;
    if (!ws || ws.readyState !== OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  }

  _setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this._emit('status', { status });
  }

  // ---------------------------------------------------------------- incoming

  _onMessage(ws, data) {
    if (ws !== this._ws) return;
    this._silentPings = 0;
    let message;
    try {
      message = JSON.parse(String(data));
    } catch {
      this._emit('error', { code: 'malformed-json', message: 'the server sent a frame that is not JSON', seq: null });
      return;
    }
    switch (message?.type) {
      case 'joined': this._onJoined(message); break;
      case 'ops':
        if (this._joined) this._onOps(message.ops);
        else this._early.push(message.ops);
        break;
      case 'ack': this._onAck(message); break;
      case 'presence': this._setPeople(message.people); break;
      case 'error': this._onError(message); break;
      case 'resync': this._reconnect(true); break;
      default: break; // pong and anything newer
    }
  }

  _onJoined(message) {
    this._joined = true;
    this._backoff = this._backoffMin;
    this.connectionId = message.connectionId ?? null;
    if (this._hold) this._clearTimeout(this._hold.timer);
    this._hold = null;
    if (!this._catchUp(message)) {
      this._changed();
      return;
    }
    this._resyncPending = false;
    this._setStatus('online');
    this._setPeople(message.presence ?? []);
    this._changed();
    if (this._inflight) {
      // Not resolved by the catch-up: resubmit with the same seq (applied at most once).
      this.stats.resubmitted++;
      this._sendInflight();
    }
    this._presenceDirty = this._presence !== null;
    this._flushPresence();
    this._pump();
  }

  /** Applies a joined reply and the frames that came before it; false if the client lost track. */
  _catchUp(message) {
    if (message.document) {
      this._loadDocument(message.document, message.revision);
    } else {
      for (const commit of message.ops ?? []) if (!this._applyCommit(commit)) return false;
      if (typeof message.revision === 'number' && message.revision > this.revision) {
        return this._inconsistent(`joined at revision ${message.revision} but the catch-up ends at ${this.revision}`);
      }
    }
    // Broadcasts can overtake the joined reply; commits it already contained are skipped.
    const early = this._early;
    this._early = [];
    for (const ops of early) {
      for (const commit of ops ?? []) if (!this._applyCommit(commit)) return false;
    }
    return true;
  }

  _onOps(commits) {
    for (const commit of commits ?? []) {
      if (!this._applyCommit(commit)) break;
    }
    this._changed();
    this._pump();
  }

  _onAck(message) {
    const inflight = this._inflight;
    if (!inflight || message.seq !== inflight.seq) return;
    // A duplicate with a revision we do not have yet: its commit is on its way in an ops frame.
    if (typeof message.revision === 'number' && message.revision > this.revision) return;
    // Already applied, and inside what we have (a loaded document): our copy must go.
    this._inflight = null;
    if (inflight.kind === 'text') this._dropInflightText(this._records.get(inflight.clauseId), 'rebase');
    this._gc();
    this._changed();
    this._pump();
  }

  _onError(message) {
    const inflight = this._inflight;
    const mine = inflight && message.seq != null && message.seq === inflight.seq;
    this._emit('error', { code: message.code, message: message.message, seq: message.seq ?? null,
      change: mine ? this._currentChange() : null });
    if (message.seq == null) {
      // Limits are reported without the seq; resending with the same seq is harmless.
      if (inflight && (message.code === 'rate-limited' || message.code === 'message-too-large')) this._retryLater();
      return;
    }
    if (!mine) return;
    const code = message.code;
    if (code === 'rate-limited') {
      this._retryLater();
      return;
    }
    if (RETRY_AFTER_RECONNECT.has(code)) {
      this._reconnect(false);
      return;
    }
    if (code === 'not-saved') {
      this._reconnect(true);
      return;
    }
    if (code === 'version-too-old' && inflight.kind === 'text') {
      if (inflight.exact) {
        this._reconnect(false);
      } else {
        // The original is too old for the server's history, and was not applied (else it would
        // be a duplicate): what stands locally, rebased onto the loaded text, takes its place.
        inflight.exact = true;
        this._sendInflight();
      }
      return;
    }
    this._inflight = null;
    this.stats.dropped++;
    if (inflight.kind === 'text') {
      this._dropInflightText(this._records.get(inflight.clauseId), 'revert');
      if (STATE_IS_OFF.has(code) && inflight.exact) {
        this._reconnect(true);
        return;
      }
    } else if (code === 'clause-deleted' && inflight.change.type === 'insert') {
      this._requeueInsert(inflight);
    }
    this._gc();
    this._changed();
    this._pump();
  }

  _setPeople(people) {
    this.people = Array.isArray(people) ? people.map((p) => ({ ...p })) : [];
    this._emit('presence', { people: this.people });
  }

  _movePeople(clauseId, op) {
    let moved = false;
    for (const person of this.people) {
      if (person.clauseId === clauseId && Number.isInteger(person.caret)) {
        try {
          person.caret = ot.transformPosition(person.caret, op, false);
          moved = true;
        } catch {
          // a stale caret; leave it
        }
      }
    }
    return moved;
  }

  // ---------------------------------------------------------------- commits

  /** Applies one commit in revision order; false when the client lost track (it resyncs). */
  _applyCommit(commit) {
    if (commit.revision <= this.revision) return true;
    if (commit.revision !== this.revision + 1) {
      // A gap: ask for the missing commits again.
      this.stats.inconsistencies++;
      this._emit('error', { code: 'client-inconsistent', message: `expected revision ${this.revision + 1}, got ${commit.revision}`, seq: null, change: null });
      this._reconnect(false);
      return false;
    }
    const inflight = this._inflight;
    const own = inflight !== null && commit.clientId === this.clientId && commit.seq === inflight.seq;
    const change = commit.change;
    const rec = this._records.get(change.clauseId);
    switch (change.type) {
      case 'text': {
        if (!rec || !rec.inConfirmed || rec.version !== change.version) {
          return this._inconsistent(`text commit ${commit.revision} on clause ${change.clauseId} at version ${change.version}`);
        }
        if (own) {
          this._ackText(rec, change.op);
        } else {
          const local = this._remoteText(rec, change.op);
          if (local.length > 0) this._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source: 'remote' });
        }
        rec.version = change.version + 1;
        break;
      }
      case 'insert': {
        if (this._order.includes(change.clauseId) || (change.after != null && !this._order.includes(change.after))) {
          return this._inconsistent(`insert commit ${commit.revision} of ${change.clauseId}`);
        }
        let r = rec;
        if (r && !own) {
          // Someone else chose the id of a clause we are inserting (60 random bits): ours will be
          // refused as a duplicate; forget its local state.
          this._queue = this._queue.filter((e) => (e.type === 'text' ? e.clauseId : e.change.clauseId) !== r.id);
          r = null;
        }
        if (!r) {
          r = this._newRecord(change.clauseId, change.kind, change.text ?? '', 0, 'bracketed');
          this._records.set(r.id, r);
        }
        r.inConfirmed = true;
        r.kind = change.kind;
        r.version = 0;
        this._order.splice(change.after == null ? 0 : this._order.indexOf(change.after) + 1, 0, r.id);
        break;
      }
      case 'delete': {
        const index = this._order.indexOf(change.clauseId);
        if (index < 0) return this._inconsistent(`delete commit ${commit.revision} of ${change.clauseId}`);
        this._reanchor(change.clauseId);
        this._deletedBefore.set(change.clauseId, index > 0 ? this._order[index - 1] : null);
        this._deleted.add(change.clauseId);
        this._order.splice(index, 1);
        this._records.delete(change.clauseId);
        this._queue = this._queue.filter((e) => !(e.type === 'text' && e.clauseId === change.clauseId));
        break;
      }
      case 'move': {
        const index = this._order.indexOf(change.clauseId);
        if (index < 0 || change.after === change.clauseId
          || (change.after != null && !this._order.includes(change.after))) {
          return this._inconsistent(`move commit ${commit.revision} of ${change.clauseId}`);
        }
        this._order.splice(index, 1);
        this._order.splice(change.after == null ? 0 : this._order.indexOf(change.after) + 1, 0, change.clauseId);
        break;
      }
      case 'set-kind': {
        if (!rec || !rec.inConfirmed) return this._inconsistent(`set-kind commit ${commit.revision} of ${change.clauseId}`);
        rec.kind = change.kind;
        break;
      }
      default:
        return this._inconsistent(`commit ${commit.revision} has an unknown change type`);
    }
    this.revision = commit.revision;
    if (own) {
      this._inflight = null;
      this._gc();
    }
    return true;
  }

  _inconsistent(what) {
    this.stats.inconsistencies++;
    this._emit('error', { code: 'client-inconsistent', message: `lost track of the document: ${what}; reloading`, seq: null, change: null });
    this._reconnect(true);
    return false;
  }

  /** Loads a whole document, keeping local changes not yet confirmed on top of it. */
  _loadDocument(doc, revision) {
    this.stats.documentLoads++;
    const order = [];
    for (const c of doc.clauses ?? []) {
      let rec = this._records.get(c.id);
      if (!rec) {
        rec = this._newRecord(c.id, c.kind, c.text, c.version, c.status);
        this._records.set(c.id, rec);
      } else if (rec.inflight !== null || rec.buffer !== null) {
        // What happened to the clause meanwhile is unknown op by op: rebase through a diff.
        if (rec.confirmed !== c.text) {
          const local = this._remoteText(rec, textDiff(rec.confirmed, c.text));
          this._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source: 'rebase' });
        }
      } else {
        rec.confirmed = rec.text = c.text;
      }
      rec.kind = c.kind;
      rec.version = c.version;
      rec.status = c.status ?? rec.status;
      rec.inConfirmed = true;
      order.push(c.id);
    }
    const present = new Set(order);
    this._order.forEach((id, i) => {
      if (!present.has(id)) this._deletedBefore.set(id, i > 0 ? this._order[i - 1] : null);
    });
    for (const rec of [...this._records.values()]) {
      if (present.has(rec.id)) continue;
      if (rec.inConfirmed) {
        // Deleted while we were away.
        this._deleted.add(rec.id);
        this._records.delete(rec.id);
        this._queue = this._queue.filter((e) => !(e.type === 'text' && e.clauseId === rec.id));
      }
    }
    this._order = order;
    // Queued changes placed after a clause deleted meanwhile go after its predecessor instead.
    for (const entry of this._queue) {
      const c = entry.type === 'change' ? entry.change : null;
      if (c && (c.type === 'insert' || c.type === 'move') && c.after != null && !present.has(c.after)) {
        const after = this._resolveAnchor(c.after);
        if (after !== undefined && after !== c.clauseId) entry.change = { ...c, after };
      }
    }
    this.revision = typeof revision === 'number' ? revision : doc.revision;
    this.info = { id: doc.id, title: doc.title, status: doc.status, meta: doc.meta };
    if (this._inflight?.kind === 'text') this._inflight.exact = false;
    this._gc();
    this._viewKey = null; // always announce a load
  }

  // ---------------------------------------------------------------- text OT

  _newRecord(id, kind, text, version, status) {
    return { id, kind, status, confirmed: text, version, text, inflight: null, buffer: null, inConfirmed: true };
  }

  /** Adds a local edit to the clause's buffer, queueing the clause if it has none. */
  _buffer(rec, op) {
    if (rec.buffer !== null) {
      rec.buffer = ot.compose(rec.buffer, op);
    } else {
      rec.buffer = op;
      this._queue.push({ type: 'text', clauseId: rec.id });
    }
  }

  /**
   * A committed op r (made on the confirmed text) arrives: transform the pending ops past it and
   * apply what is left of it to the local text. Returns the op applied to the local text.
   */
  _remoteText(rec, r) {
    let local = r;
    if (rec.inflight !== null) {
      const inflight = ot.transform(rec.inflight, local, 'right');
      local = ot.transform(local, rec.inflight, 'left');
      rec.inflight = inflight;
    }
    if (rec.buffer !== null) {
      const buffer = ot.transform(rec.buffer, local, 'right');
      local = ot.transform(local, rec.buffer, 'left');
      rec.buffer = buffer;
    }
    rec.confirmed = ot.apply(rec.confirmed, r);
    rec.text = ot.apply(rec.text, local);
    this._movePeople(rec.id, local);
    return local;
  }

  /** Our own text commit: the in-flight op is confirmed as the server applied it. */
  _ackText(rec, op) {
    const expected = ot.apply(rec.confirmed, rec.inflight);
    const actual = ot.apply(rec.confirmed, op);
    rec.inflight = null;
    rec.confirmed = expected;
    if (actual !== expected) {
      if (this._inflight?.exact) this.stats.mismatches++; // a bug: OT should have predicted it exactly
      // Only after a document load (our op was rebased locally through a diff): take the
      // server's result and rebase what is still buffered onto it.
      const local = this._remoteText(rec, textDiff(expected, actual));
      this._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source: 'rebase' });
    }
  }

  /** Takes the in-flight op back out of the local text (refused, or already in a loaded document). */
  _dropInflightText(rec, source) {
    if (!rec || rec.inflight === null) return;
    const inverse = invertOp(rec.inflight, rec.confirmed);
    rec.confirmed = ot.apply(rec.confirmed, rec.inflight);
    rec.inflight = null;
    const local = this._remoteText(rec, inverse); // confirmed returns to what it was
    if (local.length > 0) this._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source });
  }

  // ---------------------------------------------------------------- submitting

  _pump() {
    if (!this._joined || this._inflight || this._closed) return;
    if (this._hold) {
      if (this._order.includes(this._hold.clauseId)) return;
      this._clearTimeout(this._hold.timer);
      this._hold = null;
    }
    while (this._queue.length > 0) {
      const entry = this._queue.shift();
      if (entry.type === 'text') {
        const rec = this._records.get(entry.clauseId);
        if (!rec || rec.buffer === null) continue;
        const [first, rest] = splitOp(rec.buffer, this._maxOpBytes);
        rec.buffer = null;
        if (rest !== null) {
          rec.buffer = rest;
          this._queue.unshift({ type: 'text', clauseId: rec.id });
        }
        if (first.length === 0) continue; // emptied by concurrent deletions
        rec.inflight = first;
        this._inflight = { seq: ++this._seq, kind: 'text', clauseId: rec.id,
          original: { type: 'text', clauseId: rec.id, version: rec.version, op: first }, exact: true };
      } else {
        this._inflight = { seq: ++this._seq, kind: 'change', clauseId: entry.change.clauseId, change: entry.change,
          anchorRetries: entry.anchorRetries ?? 0 };
      }
      this.stats.submitted++;
      this._sendInflight();
      return;
    }
  }

  /** The change to (re)send for the in-flight submission. */
  _currentChange() {
    const inflight = this._inflight;
    if (!inflight) return null;
    if (inflight.kind !== 'text') return inflight.change;
    const rec = this._records.get(inflight.clauseId);
    if (!inflight.exact || !rec || rec.inflight === null) return inflight.original;
    return { type: 'text', clauseId: rec.id, version: rec.version, op: rec.inflight };
  }

  _sendInflight() {
    this._cancel('_retryTimer');
    if (!this._inflight || !this._joined) return;
    this._send({ type: 'submit', seq: this._inflight.seq, change: this._currentChange() });
  }

  _retryLater() {
    if (this._retryTimer !== null) return;
    const seq = this._inflight?.seq;
    this._retryTimer = this._setTimeout(() => {
      this._retryTimer = null;
      if (this._inflight && this._inflight.seq === seq) {
        this.stats.resubmitted++;
        this._sendInflight();
      }
    }, this._retryMs);
  }

  /**
   * Our in-flight insert named a clause someone deleted: put it back at the front of the queue
   * (a new submission: the refused one was not applied), placed after the deleted clause's
   * predecessor. If the deletion has not reached us yet, the queue waits for it (at most 5 s);
   * _reanchor then fixes the entry. Gives up after a few refusals.
   */
  _requeueInsert(inflight) {
    const retries = (inflight.anchorRetries ?? 0) + 1;
    if (retries > 5) return;
    const change = inflight.change;
    if (change.after != null && this._order.includes(change.after)) {
      this._queue.unshift({ type: 'change', change, anchorRetries: retries });
      if (this._hold) this._clearTimeout(this._hold.timer);
      const hold = { clauseId: change.after, timer: null };
      hold.timer = this._setTimeout(() => {
        if (this._hold === hold) {
          this._hold = null;
          this._pump();
        }
      }, 5000);
      this._hold = hold;
      return;
    }
    const after = this._resolveAnchor(change.after);
    if (after === undefined) return; // cannot tell where it was: dropped
    this._queue.unshift({ type: 'change', change: { ...change, after }, anchorRetries: retries });
  }

  /** An existing clause to stand in for a deleted anchor: its predecessor, transitively (null: top). */
  _resolveAnchor(after) {
    const seen = new Set();
    while (after != null && !this._order.includes(after)) {
      if (!this._deletedBefore.has(after) || seen.has(after)) return undefined;
      seen.add(after);
      after = this._deletedBefore.get(after);
    }
    return after;
  }

  /** A clause is being deleted: queued changes placed after it are placed after its predecessor. */
  _reanchor(deletedId) {
    const state = { order: this._order.slice(), kinds: this._confirmedKinds() };
    const inflight = this._inflight;
    if (inflight?.kind === 'change' && !(inflight.change.type === 'delete' && inflight.clauseId === deletedId)) {
      applyStructural(state, inflight.change, this._deleted);
    }
    for (const entry of this._queue) {
      if (entry.type !== 'change') continue;
      const c = entry.change;
      if ((c.type === 'insert' || c.type === 'move') && c.after === deletedId && c.clauseId !== deletedId) {
        let i = state.order.indexOf(deletedId) - 1;
        if (i >= 0 && state.order[i] === c.clauseId) i--;
        if (state.order.includes(deletedId)) entry.change = { ...c, after: i >= 0 ? state.order[i] : null };
      }
      applyStructural(state, entry.change, this._deleted);
    }
  }

  /** Forgets records of clauses that neither exist nor are being inserted. */
  _gc() {
    const inserting = new Set();
    if (this._inflight?.kind === 'change' && this._inflight.change.type === 'insert') inserting.add(this._inflight.clauseId);
    for (const e of this._queue) if (e.type === 'change' && e.change.type === 'insert') inserting.add(e.change.clauseId);
    for (const rec of [...this._records.values()]) {
      if (!rec.inConfirmed && !inserting.has(rec.id)) {
        this._records.delete(rec.id);
        this._queue = this._queue.filter((e) => !(e.type === 'text' && e.clauseId === rec.id));
      }
    }
  }

  // ---------------------------------------------------------------- structure

  _confirmedKinds() {
    return new Map(this._order.map((id) => [id, this._records.get(id).kind]));
  }

  /** Recomputes what the user sees; emits 'document' when the clause list changed. */
  _changed() {
    const state = { order: this._order.slice(), kinds: this._confirmedKinds() };
    if (this._inflight?.kind === 'change') applyStructural(state, this._inflight.change, this._deleted);
    for (const e of this._queue) if (e.type === 'change') applyStructural(state, e.change, this._deleted);
    this._view = state;
    const key = state.order.map((id) => `${id}:${state.kinds.get(id)}`).join(',');
    if (key !== this._viewKey) {
      this._viewKey = key;
      this._emit('document', { clauses: this.clauses, revision: this.revision });
    }
  }

  _enqueueChange(change) {
    this._checkAllowed(change);
    this._queue.push({ type: 'change', change, anchorRetries: 0 });
    this._changed();
    this._pump();
  }

  _checkAllowed(change) {
    const state = { order: this._view.order.slice(), kinds: new Map(this._view.kinds) };
    if (!applyStructural(state, change, this._deleted)) {
      throw new LiveClientError('invalid-change',
        'a sub-paragraph must follow an operative paragraph or another sub-paragraph');
    }
  }

  _checkKind(kind) {
    if (!CLAUSE_KINDS.includes(kind)) throw new LiveClientError('invalid-change', `unknown clause kind '${kind}'`);
  }

  _visible(clauseId) {
    if (!this._view.kinds.has(clauseId)) throw new LiveClientError('unknown-clause', `no clause ${clauseId} in this document`);
    return this._records.get(clauseId);
  }

  // ---------------------------------------------------------------- presence

  _flushPresence() {
    if (!this._presenceDirty || this._presenceTimer !== null || !this._joined) return;
    this._presenceDirty = false;
    this._send({ type: 'presence', ...this._presence });
    this._presenceTimer = this._setTimeout(() => {
      this._presenceTimer = null;
      this._flushPresence();
    }, this._presenceMs);
  }

  // ---------------------------------------------------------------- checks

  /** Throws if the internal invariants do not hold (for tests). */
  _selfCheck() {
    for (const rec of this._records.values()) {
      const expected = ot.apply(ot.apply(rec.confirmed, rec.inflight ?? []), rec.buffer ?? []);
      if (expected !== rec.text) throw new Error(`clause ${rec.id}: local text is not confirmed + inflight + buffer`);
      const queued = this._queue.filter((e) => e.type === 'text' && e.clauseId === rec.id).length;
      if (queued !== (rec.buffer !== null ? 1 : 0)) throw new Error(`clause ${rec.id}: ${queued} queue entries, buffer ${JSON.stringify(rec.buffer)}`);
      if (rec.inflight !== null && !(this._inflight?.kind === 'text' && this._inflight.clauseId === rec.id)) {
        throw new Error(`clause ${rec.id} holds an in-flight op that is not the client's submission`);
      }
      if (rec.inConfirmed !== this._order.includes(rec.id)) throw new Error(`clause ${rec.id}: inConfirmed is wrong`);
    }
    for (const id of this._order) if (!this._records.has(id)) throw new Error(`no record for clause ${id}`);
    if (!rulesHold(this._view.order, this._view.kinds)) throw new Error('the local view breaks the sub-paragraph rule');
  }
}
