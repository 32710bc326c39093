// The browser side of live editing: one WebSocket per document, the local document model, and
// the client half of the OT protocol in /docs/live-protocol.md (web/docs/live-protocol.md).
//
// Dependency-free ES modules (besides ../text-op.js). They run in browsers and in Node 20: the
// WebSocket constructor, timers and randomness can be injected through the options, which is
// how src/test/js/live/ drives the client against a fake server.
//
//   const live = new LiveClient(documentId, { name: 'Rapporteur' });
//   live.on('document', ({ clauses }) => render(clauses));
//   live.on('clause', ({ clauseId, op, text, source }) => patch(clauseId, text, op));
//   live.connect();
//   textarea.oninput = () => live.replaceText(clauseId, textarea.value);
//
// Model. The server decides; the client predicts. Each clause's text is kept by a ClauseSync
// (clause-sync.js: confirmed text + in-flight op + buffer). Structure is kept the same way: the
// confirmed clause order and kinds, plus the submitted and queued structural changes
// (outbox.js), which are replayed on the confirmed state with the server's rules (structure.js),
// skipping those the server is bound to refuse, to give the order the user sees. Numbers (PP1,
// 1, (a)) are derived from that order exactly as the server derives them (numbering.js).
// The socket is connection.js; the server's messages are handled in server-messages.js, the
// commits and document loads they carry in commits.js; presence is presence.js.
//
// Also: edits made while offline are applied and queued (a clause's edits composed into one op);
// ops too large for one message are split into several submissions; a new clause placed after a
// clause someone deleted meanwhile goes after that clause's predecessor instead of being lost.
//
// Divergence (own-edits.js). The client keeps the history hash of the last commit it applied (or
// of a loaded document) and sends it with `since` when it rejoins, so the server can tell that its
// history no longer holds what the client saw (a store restored from an older copy). It also keeps
// its last 500 acknowledged submissions: seq, revision, the change as committed and, for text,
// the clause text just before and after. When a `joined` reply loads a whole document, every
// recorded submission with a seq above the reply's `lastSeq` was lost: the client never keeps
// confirmed text the server lacks, so it loads the document as for any reload, emits 'diverged'
// with the lost submissions, and keeps them until remakeLostEdits() makes them again as new local
// edits rebased on the loaded text (what no longer applies is skipped and reported) or
// dismissLostEdits() lets them go.

import * as ot from '../text-op.js';
import { ClauseSync } from './clause-sync.js';
import { Connection, liveUrl } from './connection.js';
import { Emitter } from './emitter.js';
import { defaultRandomBytes, newClauseId, newClientId } from './ids.js';
import { clauseNumbers } from './numbering.js';
import { splitOp } from './op-utils.js';
import { cancelHold, cancelRetry, pump } from './outbox.js';
import { Presence } from './presence.js';
import { copyOf, dismissLost, remakeLost } from './own-edits.js';
import { loadDocument } from './commits.js';
import { onServerMessage } from './server-messages.js';
import { textDiff } from './text-diff.js';
import { checkAllowed, checkKind, refreshView, visibleClause } from './view.js';
import { checkInvariants } from './invariants.js';

export { CLAUSE_KINDS } from './structure.js';
export { LiveClientError } from './errors.js';
export { clauseNumbers, subParagraphLetters } from './numbering.js';
export { textDiff } from './text-diff.js';
export { invertOp, opCost, splitOp } from './op-utils.js';
export { liveUrl } from './connection.js';
export { newClauseId, newClientId, randomString } from './ids.js';

/**
 * A live editing session on one document.
 *
 * Local edits are applied by the client itself: editText(clauseId, op) takes an op made on the
 * clause's current local text (text(clauseId)), applies it, queues it and emits 'clause'.
 *
 * Events (subscribe with on(type, listener), which returns an unsubscribe function):
 * - 'document' {clauses, revision}: the clause list changed (order, kinds, numbers, statuses, a load);
 * - 'revision' {revision, status}: the document moved to another revision, or its status changed
 *   (drafting, negotiating, adopted); after each frame or load, not after each commit;
 * - 'diverged' {lost}: a reload came from a history that does not hold what this client had
 *   seen, or lacks some of its acknowledged submissions; lost: those not yet made again or
 *   dismissed, oldest first ({seq, revision, change, before, after}; may be empty); see
 *   remakeLostEdits() and dismissLostEdits();
 * - 'clause' {clauseId, op, text, source}: one clause's local text changed by op (map carets
 *   with transformPosition(caret, op)); source is 'local', 'remote', 'revert' (a refused edit
 *   taken back) or 'rebase' (reconciled after a reload);
 * - 'presence' {people}: everyone connected, as the server reports them;
 * - 'pending' {count}: a submission was resolved (applied or refused); count is pendingCount;
 * - 'negotiation' {events, frame, own, changes}: a negotiation frame (amendments,
 *   comments, votes…), as web/docs/negotiation-api.md ("Live frames") describes it;
 * - 'status' {status}: 'connecting' | 'online' | 'offline' | 'resyncing' | 'closed';
 * - 'error' {code, message, seq, change}: the server refused something, or the client lost
 *   track of the document ('client-inconsistent') and resynchronises.
 */
export class LiveClient extends Emitter {
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
    super();
    if (typeof documentId !== 'string' || documentId.length === 0) throw new TypeError('documentId must be a non-empty string');
    this.documentId = documentId;
    const WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (typeof WebSocket !== 'function') throw new TypeError('no WebSocket constructor: pass options.WebSocket');
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
    this._maxOpBytes = options.maxOpBytes ?? 60_000;
    this._retryMs = options.retryDelayMs ?? 1000;

    this.revision = -1;
    this.hash = null; // the history hash at this.revision, when the server sent one
    this.status = 'offline';
    this.connectionId = null;
    this.info = null; // {id, title, status, meta} from the last loaded document

    this._records = new Map(); // clause id → ClauseSync
    this._order = []; // confirmed clause order
    this._deleted = new Set(); // clause ids known deleted (never reused)
    this._deletedBefore = new Map(); // deleted id → its confirmed predecessor then (null: top)
    this._queue = []; // see outbox.js
    this._inflight = null; // see outbox.js
    this._seq = 0;
    this._view = { order: [], kinds: new Map() };
    this._viewKey = '';
    this._joined = false;
    this._early = []; // ops frames that arrived before joined
    this._retryTimer = null;
    this._hold = null; // {clauseId, timer}: a re-queued insert waits for that clause's deletion
    this._own = []; // acknowledged submissions, see own-edits.js
    this._lost = []; // acknowledged submissions the server no longer has
    this._shown = { revision: null, status: null }; // what the last 'revision' event said
    /** Counters for diagnostics and tests. */
    this.stats = { submitted: 0, resubmitted: 0, dropped: 0, inconsistencies: 0, mismatches: 0, documentLoads: 0,
      divergences: 0 };

    this._connection = new Connection(this.url, {
      WebSocket, setTimeout: this._setTimeout, clearTimeout: this._clearTimeout,
      pingIntervalMs: options.pingIntervalMs ?? 20_000,
      backoffMinMs: options.backoffMinMs ?? 500, backoffMaxMs: options.backoffMaxMs ?? 10_000,
    }, {
      opened: () => this._connection.send(this._joinMessage()),
      message: (data) => onServerMessage(this, data),
      reset: () => {
        this._joined = false;
        this._early = [];
        cancelRetry(this);
        cancelHold(this);
      },
      status: (status) => this._setStatus(status),
    });
    this._presence = new Presence({
      send: (message) => this._connection.send(message), canSend: () => this._joined,
      setTimeout: this._setTimeout, clearTimeout: this._clearTimeout, intervalMs: options.presenceIntervalMs ?? 100,
    });
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

  /** The in-flight submission was resolved: tells those who show how many edits still wait. */
  _settled() {
    this._emit('pending', { count: this.pendingCount });
  }

  /** This client's acknowledged submissions that the server no longer has (see 'diverged'). */
  get lostEdits() {
    return this._lost.map(copyOf);
  }

  /** Everyone connected, as the server last reported them (carets moved by edits seen since). */
  get people() {
    return this._presence.people;
  }

  // ---------------------------------------------------------------- public: connection

  /** Opens the socket (and keeps reopening it until close()). */
  connect() {
    this._connection.connect();
  }

  /**
   * Shows a document the page has already read over HTTP, before the socket joins: the views get
   * it at once, and the join then asks only for what came after its revision (the server sends the
   * whole document only when it no longer has those commits). Only before anything was loaded;
   * true when it was taken.
   */
  preload(doc) {
    if (this.revision >= 0 || this._joined || !Number.isInteger(doc?.revision) || doc.revision < 0
      || !Array.isArray(doc.clauses)) return false;
    loadDocument(this, doc, doc.revision, null);
    this._changed();
    return true;
  }

  /** Closes for good. Changes not yet confirmed are lost. */
  close() {
    this._connection.close();
    this._presence.cancel();
    this._setStatus('closed');
  }

  // ---------------------------------------------------------------- public: editing

  /**
   * Applies op (made on the clause's current local text, see text()) to the clause and queues it.
   * Returns the new text. Throws InvalidOperationError if op does not fit, LiveClientError if the
   * clause is not in the document.
   */
  editText(clauseId, op) {
    const rec = visibleClause(this, clauseId);
    const norm = ot.normalize(op);
    ot.validateAgainst(rec.text, norm);
    if (norm.length === 0) return rec.text;
    if (rec.edit(norm)) this._queue.push({ type: 'text', clauseId: rec.id });
    this._presence.move(clauseId, norm);
    this._emit('clause', { clauseId, op: norm, text: rec.text, source: 'local' });
    pump(this);
    return rec.text;
  }

  /** Makes the clause's text newText with a minimal op (for a textarea's input event); returns the op. */
  replaceText(clauseId, newText) {
    const rec = visibleClause(this, clauseId);
    if (typeof newText !== 'string') throw new TypeError('newText must be a string');
    const op = textDiff(rec.text, newText);
    if (op.length > 0) this.editText(clauseId, op);
    return op;
  }

  /** Adds a clause after afterId (null: at the top); returns its new id. */
  insertClause(afterId, kind, text = '') {
    checkKind(kind);
    if (typeof text !== 'string') throw new TypeError('text must be a string');
    if (afterId != null) visibleClause(this, afterId);
    let id;
    do id = newClauseId(this._randomBytes); while (this._records.has(id) || this._deleted.has(id));
    const change = { type: 'insert', clauseId: id, after: afterId ?? null, kind, text };
    checkAllowed(this, change);
    // An insert's text travels in one message: keep it small and send the rest as a text op.
    const budget = Math.max(64, this._maxOpBytes - 200);
    const [first, rest] = splitOp(text.length > 0 ? [text] : [], budget);
    const head = first.length > 0 ? first[0] : '';
    const rec = new ClauseSync(id, kind, head, 0, 'bracketed');
    rec.inConfirmed = false;
    this._records.set(id, rec);
    this._queue.push({ type: 'change', change: { ...change, text: head }, anchorRetries: 0 });
    if (rest) {
      rec.text = text;
      if (rec.addToBuffer(rest)) this._queue.push({ type: 'text', clauseId: id });
    }
    this._changed();
    pump(this);
    return id;
  }

  deleteClause(clauseId) {
    visibleClause(this, clauseId);
    this._enqueueChange({ type: 'delete', clauseId });
  }

  /** Moves a clause after afterId (null: to the top). */
  moveClause(clauseId, afterId) {
    visibleClause(this, clauseId);
    if (afterId != null) visibleClause(this, afterId);
    const order = this._view.order;
    const index = order.indexOf(clauseId);
    if ((afterId == null && index === 0) || (afterId != null && order[index - 1] === afterId)) return;
    this._enqueueChange({ type: 'move', clauseId, after: afterId ?? null });
  }

  setKind(clauseId, kind) {
    checkKind(kind);
    visibleClause(this, clauseId);
    if (this._view.kinds.get(clauseId) === kind) return;
    this._enqueueChange({ type: 'set-kind', clauseId, kind });
  }

  /** Where this person is: a clause (or null) and a caret offset in its local text (or null). */
  setPresence(clauseId, caret) {
    this._presence.set(clauseId, caret);
  }

  /**
   * Makes the lost submissions (lostEdits) again as new local edits on the text as it now is, and
   * forgets them. Returns {remade, skipped}: skipped ones carry a `reason` ('clause-gone',
   * 'anchor-gone', 'paragraph-agreed', 'document-frozen', 'invalid-change', 'unknown-base').
   */
  remakeLostEdits() {
    return remakeLost(this);
  }

  /** Forgets the lost submissions without making them again; returns how many there were. */
  dismissLostEdits() {
    return dismissLost(this);
  }

  // ---------------------------------------------------------------- internal (used by the modules)

  _setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this._emit('status', { status });
  }

  _changePeople(changes) {
    this._emit('presence', { people: this._presence.change(changes) });
  }

  _setPeople(people) {
    this._emit('presence', { people: this._presence.setPeople(people) });
  }

  /** A committed op r on the clause: see ClauseSync.remote; moves carets; returns the local op. */
  _remoteText(rec, r) {
    const local = rec.remote(r);
    this._presence.move(rec.id, local);
    return local;
  }

  /** Takes the clause's in-flight op back out of its local text, announcing it as source. */
  _dropInflightText(rec, source) {
    const local = rec?.dropInflight() ?? null;
    if (local === null) return;
    this._presence.move(rec.id, local);
    if (local.length > 0) this._emit('clause', { clauseId: rec.id, op: local, text: rec.text, source });
  }

  /** The join message: since the last revision seen, with its hash (none for a fresh start). */
  _joinMessage() {
    const since = this._connection.resyncPending ? -1 : this.revision;
    const join = { type: 'join', clientId: this.clientId, name: this.name, since };
    if (since >= 0 && this.hash) join.hash = this.hash;
    return join;
  }

  /**
   * Recomputes what the user sees; emits 'document' when the clause list changed and 'revision'
   * when the revision or the document's status did.
   */
  _changed() {
    if (refreshView(this)) this._emit('document', { clauses: this.clauses, revision: this.revision });
    const status = this.info?.status ?? null;
    if (this.revision >= 0 && (this._shown.revision !== this.revision || this._shown.status !== status)) {
      this._shown = { revision: this.revision, status };
      this._emit('revision', { revision: this.revision, status });
    }
  }

  _enqueueChange(change) {
    checkAllowed(this, change);
    this._queue.push({ type: 'change', change, anchorRetries: 0 });
    this._changed();
    pump(this);
  }

  /** Throws if the internal invariants do not hold (for tests). */
  _selfCheck() {
    checkInvariants(this);
  }
}
