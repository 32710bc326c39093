// Tests for web/js/live-client.js, run with plain Node 20 (no packages):
//
//   node --test src/test/js/live-client.test.mjs
//
// A fake in-memory server implements the server's rules as the protocol document and the
// sequencer state them (transform against the clause history with 'right', revisions, the
// sub-paragraph rule, exactly-once by clientId + seq, durable-then-broadcast, coalesced frames,
// catch-up by ops or by document, resync). Fake sockets connect LiveClients to it; a seeded
// scheduler interleaves local edits, message deliveries, disconnects, reconnects, write failures
// and restarts, then lets everything settle and checks that every client converged to the
// server's document and that nothing was applied twice.
//
// Seeds: LIVE_SEED=n fixes the base seed (run i of each scenario uses n + i), LIVE_RUNS=k the
// runs per scenario. A failure prints the seed that replays it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ot from '../../../web/js/text-op.js';
import {
  LiveClient, LiveClientError, clauseNumbers, subParagraphLetters, textDiff, invertOp, splitOp, opCost,
  liveUrl, newClientId, newClauseId,
} from '../../../web/js/live-client.js';

const BASE_SEED = process.env.LIVE_SEED ? Number(process.env.LIVE_SEED) >>> 0
  : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0;
const RUNS = process.env.LIVE_RUNS ? Number(process.env.LIVE_RUNS) : null;

// ------------------------------------------------------------------------------ randomness

function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
    weighted: (table) => {
      const total = table.reduce((s, [w]) => s + w, 0);
      let x = next() * total;
      for (const [w, v] of table) {
        if ((x -= w) < 0) return v;
      }
      return table[table.length - 1][1];
    },
  };
  return r;
}

// ------------------------------------------------------------------------------ fake clock

class Clock {
  constructor() {
    this.now = 0;
    this.ids = 0;
    this.timers = new Map();
    this.setTimeout = (fn, ms) => {
      const id = ++this.ids;
      this.timers.set(id, { id, at: this.now + Math.max(0, ms ?? 0), fn });
      return id;
    };
    this.clearTimeout = (id) => this.timers.delete(id);
  }

  nextTimer() {
    let best = null;
    for (const t of this.timers.values()) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }

  fireNext() {
    const t = this.nextTimer();
    if (!t) return false;
    this.timers.delete(t.id);
    this.now = Math.max(this.now, t.at);
    t.fn();
    return true;
  }

  /** Fires every timer due within ms from now. */
  advance(ms) {
    const until = this.now + ms;
    for (let t = this.nextTimer(); t && t.at <= until; t = this.nextTimer()) {
      this.timers.delete(t.id);
      this.now = Math.max(this.now, t.at);
      t.fn();
    }
    this.now = until;
  }
}

// ------------------------------------------------------------------------------ fake server

const KINDS = ['heading', 'preambular', 'operative', 'sub-paragraph', 'free-text', 'footnote'];
const CLAUSE_ID = /^[A-Za-z0-9_-]{1,64}$/;

class Rejected extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function serverNumbers(clauses) {
  // Written independently of the client's clauseNumbers, after plenary.document.Numbering.
  const out = [];
  let pp = 0;
  let op = 0;
  let sub = 0;
  for (const c of clauses) {
    if (c.kind === 'preambular') out.push('PP' + ++pp);
    else if (c.kind === 'operative') {
      sub = 0;
      out.push(String(++op));
    } else if (c.kind === 'sub-paragraph') {
      sub++;
      const letter = 'abcdefghijklmnopqrstuvwxyz'[(sub - 1) % 26];
      out.push('(' + letter.repeat(Math.floor((sub - 1) / 26) + 1) + ')');
    } else out.push(null);
  }
  return out;
}

function checkDocumentRules(clauses) {
  const seen = new Set();
  let previous = null;
  for (const c of clauses) {
    if (seen.has(c.id)) throw new Rejected('invalid-change', `clause id ${c.id} appears twice`);
    seen.add(c.id);
    if (c.kind === 'sub-paragraph' && previous !== 'operative' && previous !== 'sub-paragraph') {
      throw new Rejected('invalid-change', `sub-paragraph ${c.id} must follow an operative paragraph or another sub-paragraph`);
    }
    previous = c.kind;
  }
}

/** plenary.editing.DocumentState, in JavaScript. */
class DocState {
  constructor(doc, settings, ids) {
    this.doc = structuredClone(doc);
    this.settings = settings;
    this.ids = ids;
    this.histories = new Map(); // clause id → {version, ops}
    this.lastByClient = new Map(); // clientId → {seq, revision}
    this.deleted = new Set();
  }

  copy() {
    const s = new DocState(this.doc, this.settings, this.ids);
    s.lastByClient = new Map(this.lastByClient);
    s.deleted = new Set(this.deleted);
    return s; // histories start empty, as after a reload
  }

  clause(id) {
    return this.doc.clauses.find((c) => c.id === id);
  }

  existing(id) {
    if (id == null) throw new Rejected('unknown-clause', 'no clause id given');
    const c = this.clause(id);
    if (!c) {
      throw this.deleted.has(id) ? new Rejected('clause-deleted', `clause ${id} was deleted`)
        : new Rejected('unknown-clause', `no clause ${id} in this document`);
    }
    return c;
  }

  history(c) {
    if (!this.histories.has(c.id)) this.histories.set(c.id, { version: c.version, ops: [] });
    return this.histories.get(c.id);
  }

  submit(sub) {
    const last = this.lastByClient.get(sub.clientId);
    if (last && sub.seq <= last.seq) return { duplicate: { seq: sub.seq, revision: sub.seq === last.seq ? last.revision : -1 } };
    let change;
    try {
      change = this.rebase(sub.change);
    } catch (e) {
      if (e instanceof Rejected) return { rejected: e };
      throw e;
    }
    const commit = { revision: this.doc.revision + 1, clientId: sub.clientId, seq: sub.seq, author: sub.author,
      at: '2026-11-27T12:00:00Z', change };
    try {
      this.apply(commit);
    } catch (e) {
      if (e instanceof Rejected) return { rejected: e };
      if (e instanceof ot.InvalidOperationError) return { rejected: new Rejected('invalid-change', e.message) };
      throw e;
    }
    return { applied: commit };
  }

  rebase(change) {
    if (change === null || typeof change !== 'object') throw new Rejected('invalid-change', 'missing change');
    const str = (v, required, field) => {
      if (v == null) {
        if (required) throw new Rejected('invalid-change', `missing field '${field}'`);
        return null;
      }
      if (typeof v !== 'string') throw new Rejected('invalid-change', `field '${field}' must be a string`);
      return v;
    };
    const kind = () => {
      const k = str(change.kind, true, 'kind');
      if (!KINDS.includes(k)) throw new Rejected('invalid-change', `unknown clause kind '${k}'`);
      return k;
    };
    switch (change.type) {
      case 'text': {
        const id = str(change.clauseId, true, 'clauseId');
        if (!Number.isInteger(change.version)) throw new Rejected('invalid-change', "field 'version' must be an integer");
        let op;
        try {
          op = ot.normalize(change.op);
        } catch (e) {
          throw new Rejected('invalid-change', e.message);
        }
        const c = this.existing(id);
        if (change.version > c.version || change.version < 0) throw new Rejected('bad-version', 'bad version');
        const h = this.history(c);
        if (change.version < h.version - h.ops.length) throw new Rejected('version-too-old', 'too old');
        try {
          for (const concurrent of h.ops.slice(change.version - (h.version - h.ops.length))) {
            op = ot.transform(op, concurrent, 'right');
          }
        } catch (e) {
          throw new Rejected('op-out-of-range', e.message);
        }
        if (ot.spanLength(op) > c.text.length) throw new Rejected('op-out-of-range', 'out of range');
        if (c.text.length + ot.targetLengthDelta(op) > this.settings.maxClause) throw new Rejected('clause-too-long', 'too long');
        return { type: 'text', clauseId: id, version: c.version, op };
      }
      case 'insert': {
        const id = str(change.clauseId, false, 'clauseId') ?? this.ids();
        const after = str(change.after, false, 'after');
        const k = kind();
        const text = change.text == null ? '' : str(change.text, true, 'text');
        if (!CLAUSE_ID.test(id)) throw new Rejected('invalid-change', 'bad clause id');
        if (this.clause(id) || this.deleted.has(id)) throw new Rejected('duplicate-clause', `clause id ${id} is already used`);
        if (after != null) this.existing(after);
        if (text.length > this.settings.maxClause) throw new Rejected('clause-too-long', 'too long');
        return { type: 'insert', clauseId: id, after, kind: k, text };
      }
      case 'delete':
        this.existing(str(change.clauseId, true, 'clauseId'));
        return { type: 'delete', clauseId: change.clauseId };
      case 'move': {
        const id = str(change.clauseId, true, 'clauseId');
        const after = str(change.after, false, 'after');
        this.existing(id);
        if (after != null) this.existing(after);
        return { type: 'move', clauseId: id, after };
      }
      case 'set-kind': {
        const id = str(change.clauseId, true, 'clauseId');
        const k = kind();
        this.existing(id);
        return { type: 'set-kind', clauseId: id, kind: k };
      }
      default:
        throw new Rejected('invalid-change', `unknown change type '${change.type}'`);
    }
  }

  /** Applies a commit atomically (Document is immutable on the server). */
  apply(commit) {
    const change = commit.change;
    let clauses = this.doc.clauses.map((c) => ({ ...c }));
    const index = (id) => clauses.findIndex((c) => c.id === id);
    const require = (id) => {
      const i = index(id);
      if (i < 0) throw new Rejected('invalid-change', `no clause ${id}`);
      return i;
    };
    let textOp = null;
    switch (change.type) {
      case 'text': {
        const c = clauses[require(change.clauseId)];
        c.text = ot.apply(c.text, change.op);
        c.version++;
        textOp = change.op;
        break;
      }
      case 'insert':
        clauses.splice(change.after == null ? 0 : require(change.after) + 1, 0,
          { id: change.clauseId, kind: change.kind, text: change.text, version: 0, status: 'bracketed' });
        break;
      case 'delete':
        clauses.splice(require(change.clauseId), 1);
        break;
      case 'move': {
        if (change.clauseId === change.after) throw new Rejected('invalid-change', 'a clause cannot be moved after itself');
        const [moving] = clauses.splice(require(change.clauseId), 1);
        clauses.splice(change.after == null ? 0 : require(change.after) + 1, 0, moving);
        break;
      }
      case 'set-kind':
        clauses[require(change.clauseId)].kind = change.kind;
        break;
      default:
        throw new Error('unknown change');
    }
    checkDocumentRules(clauses);
    if (textOp) {
      const h = this.history(this.clause(change.clauseId));
      if (h.ops.length === this.settings.historyPerClause) h.ops.shift();
      h.ops.push(textOp);
      h.version++;
    }
    this.doc = { ...this.doc, revision: commit.revision, clauses };
    if (change.type === 'delete') {
      this.deleted.add(change.clauseId);
      this.histories.delete(change.clauseId);
    }
    if (commit.clientId != null) this.lastByClient.set(commit.clientId, { seq: commit.seq, revision: commit.revision });
  }
}

/** The sequencer and the connections: durable-then-broadcast, catch-up, presence. */
class FakeServer {
  constructor(doc, settings, r) {
    this.settings = settings;
    this.r = r;
    let n = 0;
    const ids = () => `srv${++n}`;
    this.state = new DocState(doc, settings, ids);
    this.durable = new DocState(doc, settings, ids);
    this.unwritten = []; // {commit, conn}
    this.recent = [];
    this.unbroadcast = [];
    this.parked = []; // {revision, conn, reply}
    this.conns = new Set();
    this.presence = new Map();
    this.presenceChanged = false;
    this.durableApplied = new Set();
    this.counts = { tooLarge: 0, rejected: {}, frames: 0 };
    this.connIds = 0;
  }

  get durableRevision() {
    return this.durable.doc.revision;
  }

  accept(socket) {
    const conn = { id: `conn${++this.connIds}`, socket, open: true, clientId: null, name: null, subscribed: false,
      joinSince: null };
    this.conns.add(conn);
    return conn;
  }

  send(conn, message) {
    if (conn.open) conn.socket.s2c.push(JSON.stringify(message));
  }

  close(conn, code, reason) {
    if (!conn.open) return;
    conn.socket.s2c.push({ close: code, reason });
    this.onClose(conn);
  }

  onClose(conn) {
    if (!conn.open) return;
    conn.open = false;
    this.conns.delete(conn);
    if (this.presence.delete(conn.id)) this.presenceChanged = true;
  }

  error(conn, seq, code, message) {
    this.counts.rejected[code] = (this.counts.rejected[code] ?? 0) + 1;
    this.send(conn, { type: 'error', code, message, seq: seq ?? null });
  }

  onMessage(conn, text) {
    if (!conn.open) return;
    if (Buffer.byteLength(text, 'utf8') > this.settings.maxMessageBytes) {
      this.counts.tooLarge++;
      this.error(conn, null, 'message-too-large', 'too large');
      return;
    }
    const m = JSON.parse(text);
    switch (m.type) {
      case 'join': {
        assert.match(m.clientId, /^[A-Za-z0-9]{16}$/);
        assert.ok(Number.isInteger(m.since) && m.since >= -1, `join since ${m.since}`);
        if (conn.clientId) {
          this.error(conn, null, 'invalid-message', 'this socket has already joined');
          return;
        }
        conn.clientId = m.clientId;
        conn.name = m.name;
        conn.subscribed = true;
        conn.joinSince = m.since;
        if (this.deferJoins === false || (this.deferJoins === undefined && this.r.chance(0.5))) this.replyJoin(conn);
        break;
      }
      case 'submit': this.submit(conn, m); break;
      case 'presence':
        assert.ok(conn.clientId, 'presence before join');
        this.presence.set(conn.id, { connectionId: conn.id, clientId: conn.clientId, name: conn.name,
          clauseId: m.clauseId ?? null, caret: Number.isInteger(m.caret) ? m.caret : null });
        this.presenceChanged = true;
        break;
      case 'ping': this.send(conn, { type: 'pong', t: m.t }); break;
      default: this.error(conn, m.seq, 'unknown-type', 'unknown');
    }
  }

  replyJoin(conn) {
    const since = conn.joinSince;
    conn.joinSince = null;
    if (this.unbroadcast.length > 0) this.tick();
    const reply = { type: 'joined', connectionId: conn.id, revision: this.durableRevision,
      presence: [...this.presence.values()] };
    const oldestKept = this.recent.length === 0 ? this.durableRevision : this.recent[0].revision - 1;
    if (since < 0 || since < oldestKept || since > this.durableRevision) {
      const doc = structuredClone(this.durable.doc);
      const numbers = serverNumbers(doc.clauses);
      doc.clauses.forEach((c, i) => { c.number = numbers[i]; });
      reply.document = doc;
    } else {
      reply.ops = this.recent.filter((c) => c.revision > since);
    }
    this.send(conn, reply);
    this.presence.set(conn.id, { connectionId: conn.id, clientId: conn.clientId, name: conn.name, clauseId: null, caret: null });
    this.presenceChanged = true;
  }

  submit(conn, m) {
    assert.ok(conn.clientId, 'submit before join');
    assert.ok(Number.isInteger(m.seq) && m.seq > 0, `seq ${m.seq}`);
    const f = this.settings.faults;
    if (this.r.chance(f.rateLimited)) {
      this.error(conn, null, 'rate-limited', 'too many messages');
      return;
    }
    const unavailable = this.r.chance(f.unavailable);
    if (unavailable && this.r.chance(0.5)) {
      this.error(conn, m.seq, 'unavailable', 'the sequencer did not answer');
      return; // never reached the sequencer
    }
    const outcome = this.state.submit({ clientId: conn.clientId, seq: m.seq, author: conn.name, change: m.change });
    if (unavailable) {
      this.error(conn, m.seq, 'unavailable', 'the sequencer answered too late'); // but it did act on it
      if (outcome.applied) this.unwritten.push({ commit: outcome.applied, conn: null });
      return;
    }
    if (outcome.applied) {
      this.unwritten.push({ commit: outcome.applied, conn });
    } else if (outcome.duplicate) {
      const reply = { type: 'ack', seq: outcome.duplicate.seq, revision: outcome.duplicate.revision, duplicate: true };
      if (outcome.duplicate.revision > this.durableRevision) this.parked.push({ revision: outcome.duplicate.revision, conn, reply });
      else this.send(conn, reply);
    } else {
      this.error(conn, m.seq, outcome.rejected.code, outcome.rejected.message);
    }
  }

  /** The store writes everything pending (or fails to). */
  persist(fail) {
    if (this.unwritten.length === 0) return;
    if (fail) {
      for (const { conn, commit } of this.unwritten) if (conn) this.error(conn, commit.seq, 'not-saved', 'could not save');
      this.unwritten = [];
      for (const p of this.parked) this.error(p.conn, p.reply.seq, 'not-saved', 'could not save');
      this.parked = [];
      this.state = this.durable.copy();
      for (const conn of this.conns) this.send(conn, { type: 'resync', reason: 'the server could not save recent changes' });
      return;
    }
    for (const { commit } of this.unwritten) {
      const key = `${commit.clientId}:${commit.seq}`;
      assert.ok(!this.durableApplied.has(key), `submission ${key} applied twice`);
      this.durableApplied.add(key);
      this.durable.apply(structuredClone(commit));
      this.recent.push(commit);
      if (this.recent.length > this.settings.catchUpLimit) this.recent.shift();
      this.unbroadcast.push(commit);
    }
    this.unwritten = [];
    this.parked = this.parked.filter((p) => {
      if (p.revision > this.durableRevision) return true;
      this.send(p.conn, p.reply);
      return false;
    });
  }

  /** One coalesced frame of durable commits, one of presence. */
  tick() {
    if (this.unbroadcast.length > 0) {
      const frame = { type: 'ops', ops: this.unbroadcast };
      this.unbroadcast = [];
      this.counts.frames++;
      for (const conn of this.conns) if (conn.subscribed) this.send(conn, frame);
    }
    if (this.presenceChanged) {
      this.presenceChanged = false;
      for (const conn of this.conns) if (conn.subscribed) this.send(conn, { type: 'presence', people: [...this.presence.values()] });
    }
  }

  /** Crash and restart: only what was durable survives; catch-up history is gone. */
  restart() {
    for (const conn of [...this.conns]) this.close(conn, 1012, 'restart');
    this.unwritten = [];
    this.parked = [];
    this.unbroadcast = [];
    this.recent = [];
    this.state = this.durable.copy();
    this.presence.clear();
  }

  idle() {
    return this.unwritten.length === 0 && this.unbroadcast.length === 0 && !this.presenceChanged
      && [...this.conns].every((c) => c.joinSince === null);
  }
}

// ------------------------------------------------------------------------------ fake network

class Network {
  constructor(server, r) {
    this.server = server;
    this.r = r;
    this.sockets = [];
    this.sent = []; // every message a client sent: {owner, message}
    const net = this;
    this.WebSocket = class FakeWebSocket {
      constructor(url) {
        this.url = url;
        this.readyState = 0;
        this.c2s = [];
        this.s2c = [];
        this.conn = null;
        this.onopen = this.onmessage = this.onclose = this.onerror = null;
        net.sockets.push(this);
      }

      send(data) {
        if (this.readyState === 0) throw new Error('InvalidStateError: still connecting');
        if (this.readyState === 1) {
          this.c2s.push(data);
          net.sent.push({ owner: this.owner, message: JSON.parse(data) });
        }
      }

      close() {
        net.clientClose(this);
      }
    };
  }

  live() {
    return this.sockets.filter((s) => s.readyState !== 3 || s.s2c.length > 0);
  }

  open(s, fail = false) {
    if (fail) {
      s.readyState = 3;
      this.sockets.splice(this.sockets.indexOf(s), 1);
      s.onerror?.({});
      s.onclose?.({ code: 1006, reason: '' });
      return;
    }
    s.readyState = 1;
    s.conn = this.server.accept(s);
    s.onopen?.({});
  }

  deliverC2S(s) {
    const data = s.c2s.shift();
    this.server.onMessage(s.conn, data);
  }

  deliverS2C(s) {
    const item = s.s2c.shift();
    if (typeof item === 'object') {
      // The server closed the socket; messages sent before the close came first.
      s.readyState = 3;
      s.c2s = [];
      s.s2c = [];
      this.sockets.splice(this.sockets.indexOf(s), 1);
      s.onclose?.({ code: item.close, reason: item.reason });
      return;
    }
    if (s.readyState === 1 || s.readyState === 2) s.onmessage?.({ data: item });
  }

  /** The client closed: what it sent before still reaches the server. */
  clientClose(s) {
    if (s.readyState === 3) return;
    if (s.readyState === 1) {
      while (s.c2s.length > 0) this.deliverC2S(s);
      this.server.onClose(s.conn);
    }
    s.readyState = 3;
    s.s2c = [];
    this.sockets.splice(this.sockets.indexOf(s), 1);
  }

  /** The network drops the connection: some of what was sent arrives, the rest is lost. */
  drop(s, keep = this.r.int(s.c2s.length + 1)) {
    if (s.readyState === 1) {
      for (let i = 0; i < keep; i++) this.deliverC2S(s);
      this.server.onClose(s.conn);
    }
    s.readyState = 3;
    s.c2s = [];
    s.s2c = [];
    this.sockets.splice(this.sockets.indexOf(s), 1);
    s.onclose?.({ code: 1006, reason: '' });
  }
}

// ------------------------------------------------------------------------------ a world

const INITIAL = {
  id: 'd1', title: 'Outcome', status: 'draft', meta: {}, revision: 0,
  clauses: [
    { id: 'pp1', kind: 'preambular', text: 'Recalling its resolutions', version: 0, status: 'bracketed' },
    { id: 'op1', kind: 'operative', text: 'Calls upon cities', version: 0, status: 'agreed' },
    { id: 'sub1', kind: 'sub-paragraph', text: 'to act', version: 0, status: 'bracketed' },
    { id: 'op2', kind: 'operative', text: 'Decides to remain seized', version: 0, status: 'bracketed' },
  ],
};

const DEFAULT_SETTINGS = {
  maxClause: 100_000, historyPerClause: 1000, catchUpLimit: 2000, maxMessageBytes: 65536,
  faults: { rateLimited: 0, unavailable: 0 },
};

class World {
  constructor(seed, { clients = 2, settings = {}, clientOptions = {}, doc = INITIAL } = {}) {
    this.r = makeRng(seed);
    this.clock = new Clock();
    this.settings = { ...DEFAULT_SETTINGS, ...settings, faults: { ...DEFAULT_SETTINGS.faults, ...settings.faults } };
    this.server = new FakeServer(doc, this.settings, this.r);
    this.net = new Network(this.server, this.r);
    this.clients = [];
    this.trace = [];
    for (let i = 0; i < clients; i++) {
      const Base = this.net.WebSocket;
      const c = new LiveClient('d1', {
        WebSocket: class extends Base {
          constructor(url) {
            super(url);
            this.owner = i;
          }
        },
        url: 'ws://test/api/documents/d1/live', name: `R${i}`,
        randomBytes: this.r.bytes, setTimeout: this.clock.setTimeout, clearTimeout: this.clock.clearTimeout,
        ...clientOptions,
      });
      c.index = i;
      c.events = [];
      for (const type of ['document', 'clause', 'presence', 'status', 'error']) {
        c.on(type, (detail) => c.events.push({ type, ...detail }));
      }
      this.clients.push(c);
    }
  }

  log(line) {
    this.trace.push(line);
    if (this.trace.length > 400) this.trace.shift();
  }

  socketOf(client) {
    return this.net.sockets.find((s) => s === client._ws) ?? null;
  }

  /** Messages client i sent, optionally of one type. */
  sentBy(i, type) {
    return this.net.sent.filter((e) => e.owner === i && (!type || e.message.type === type)).map((e) => e.message);
  }

  /** Opens pending sockets and delivers messages (no timers) until nothing moves. */
  deliver() {
    for (let n = 0; n < 100_000 && this.stepDelivery(); n++);
  }

  /** Delivers what client c sent. */
  up(c) {
    const s = this.socketOf(c);
    while (s && s.c2s.length > 0) this.net.deliverC2S(s);
  }

  /** Delivers what the server sent to client c. */
  down(c) {
    const s = this.socketOf(c);
    while (s && s.s2c.length > 0) this.net.deliverS2C(s);
  }

  /** Delivers everything, including timers, until nothing is pending. */
  settle(maxRounds = 20_000) {
    for (let round = 0; round < maxRounds; round++) {
      if (this.quiet()) return;
      if (!this.stepDelivery()) this.clock.fireNext();
    }
    throw new Error('the world did not settle:\n' + this.describe());
  }

  /** One delivery in a fixed order of priority; false if there was nothing to deliver. */
  stepDelivery() {
    for (const s of this.net.sockets) {
      if (s.readyState === 0) {
        this.net.open(s);
        return true;
      }
    }
    for (const s of this.net.sockets) {
      if (s.c2s.length > 0) {
        this.net.deliverC2S(s);
        return true;
      }
    }
    for (const conn of this.server.conns) {
      if (conn.joinSince !== null) {
        this.server.replyJoin(conn);
        return true;
      }
    }
    if (this.server.unwritten.length > 0) {
      this.server.persist(false);
      return true;
    }
    if (this.server.unbroadcast.length > 0 || this.server.presenceChanged) {
      this.server.tick();
      return true;
    }
    for (const s of [...this.net.sockets]) {
      if (s.s2c.length > 0) {
        this.net.deliverS2C(s);
        return true;
      }
    }
    return false;
  }

  quiet() {
    return this.server.idle() && this.net.sockets.every((s) => s.readyState === 1 && s.c2s.length === 0 && s.s2c.length === 0)
      && this.clients.every((c) => c.status === 'online' && c.pendingCount === 0);
  }

  describe() {
    const lines = [`server revision ${this.server.durableRevision}, unwritten ${this.server.unwritten.length}`];
    for (const c of this.clients) {
      lines.push(`client ${c.index}: ${c.status} rev ${c.revision} pending ${c.pendingCount} inflight ${JSON.stringify(c._inflight)} queue ${JSON.stringify(c._queue)}`);
    }
    lines.push(...this.trace.slice(-80));
    return lines.join('\n');
  }

  /** Every client shows exactly the server's document. */
  assertConverged() {
    const doc = this.server.durable.doc;
    assert.deepEqual(this.server.state.doc, doc, 'server live state is the durable state');
    const numbers = serverNumbers(doc.clauses);
    const expected = doc.clauses.map((c, i) => ({ id: c.id, kind: c.kind, number: numbers[i], text: c.text,
      version: c.version, status: c.status }));
    for (const c of this.clients) {
      c._selfCheck();
      assert.equal(c.stats.inconsistencies, 0, `client ${c.index} lost track of the document`);
      assert.equal(c.stats.mismatches, 0, `client ${c.index} predicted a text the server did not produce`);
      assert.equal(c.revision, doc.revision, `client ${c.index} revision`);
      assert.deepEqual(c.clauses, expected, `client ${c.index} clauses`);
    }
    assert.equal(this.server.counts.tooLarge, 0, 'a client sent a message over the limit');
  }
}

// ------------------------------------------------------------------------------ random runs

const LETTERS = 'abcdefghijklmnopqrstuvwxyz     ';
const EXOTIC = ['é', 'ß', '中', '😀', '👍🏽', '\u0301', '"', '\\', '\n'];

function codePointBoundaries(text) {
  const out = [0];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    out.push(i);
  }
  return out;
}

// A unique marker: random text is lowercase, so a second copy of a token can only come from
// applying an insert twice (deletions cannot forge one: each token's letters occur only in it).
function newToken(r, tokens) {
  let token = '{';
  for (let i = 0; i < 10; i++) token += String.fromCharCode(65 + r.int(26));
  token += '}';
  tokens.add(token);
  return token;
}

function randomText(r, tokens) {
  if (r.chance(0.03)) {
    // a paste: long enough to be split when messages are small
    const token = newToken(r, tokens);
    let s = '';
    const n = 20 + r.int(100);
    while (s.length < n) s += r.chance(0.1) ? r.pick(EXOTIC) : LETTERS[r.int(LETTERS.length)];
    return s + token + s;
  }
  if (r.chance(0.25)) return newToken(r, tokens);
  let s = '';
  const n = 1 + r.int(5);
  for (let i = 0; i < n; i++) s += r.chance(0.1) ? r.pick(EXOTIC) : LETTERS[r.int(LETTERS.length)];
  return s;
}

function randomTextEdit(r, text, tokens) {
  const bounds = codePointBoundaries(text);
  const a = r.pick(bounds);
  const b = r.pick(bounds);
  const [from, to] = a <= b ? [a, b] : [b, a];
  const longText = text.length > 60;
  const mode = r.weighted([[longText ? 2 : 6, 'insert'], [longText ? 5 : 2, 'delete'], [2, 'replace']]);
  const op = [];
  if (from > 0) op.push(from);
  if (mode !== 'delete') op.push(randomText(r, tokens));
  if (mode !== 'insert' && to > from) op.push(-(Math.min(to - from, 12)));
  // a delete must not end inside a surrogate pair
  const norm = ot.normalize(op);
  try {
    ot.validateAgainst(text, norm);
    return norm;
  } catch {
    return ot.normalize(from > 0 ? [from, 'x'] : ['x']);
  }
}

const TEXT_HEAVY = [[70, 'text'], [8, 'replace'], [7, 'insert'], [4, 'delete'], [5, 'move'], [4, 'kind'], [2, 'presence']];
const STRUCTURE_HEAVY = [[30, 'text'], [5, 'replace'], [20, 'insert'], [15, 'delete'], [15, 'move'], [10, 'kind'], [2, 'presence']];

function localAction(w, c, tokens, weights = TEXT_HEAVY) {
  const r = w.r;
  const clauses = c.clauses;
  const who = `c${c.index}`;
  try {
    if (clauses.length === 0) {
      const id = c.insertClause(null, r.pick(['operative', 'preambular']), randomText(r, tokens));
      w.log(`${who} insert ${id} at top`);
      return;
    }
    const hot = clauses.slice(0, Math.min(3, clauses.length));
    const action = r.weighted(weights);
    switch (action) {
      case 'text': {
        const cl = r.chance(0.7) ? r.pick(hot) : r.pick(clauses);
        const op = randomTextEdit(r, cl.text, tokens);
        c.editText(cl.id, op);
        w.log(`${who} edit ${cl.id} ${JSON.stringify(op)}`);
        break;
      }
      case 'replace': {
        const cl = r.pick(hot);
        const text = cl.text;
        const bounds = codePointBoundaries(text);
        const at = r.pick(bounds);
        const next = text.slice(0, at) + randomText(r, tokens) + text.slice(at);
        c.replaceText(cl.id, next);
        w.log(`${who} replace ${cl.id}`);
        break;
      }
      case 'insert': {
        const after = r.chance(0.15) ? null : r.pick(clauses).id;
        const id = c.insertClause(after, r.pick(KINDS), r.chance(0.3) ? '' : randomText(r, tokens));
        w.log(`${who} insert ${id} after ${after}`);
        break;
      }
      case 'delete': {
        if (clauses.length < 3) return;
        const cl = r.pick(clauses);
        c.deleteClause(cl.id);
        w.log(`${who} delete ${cl.id}`);
        break;
      }
      case 'move': {
        const cl = r.pick(clauses);
        const after = r.chance(0.2) ? null : r.pick(clauses).id;
        c.moveClause(cl.id, after);
        w.log(`${who} move ${cl.id} after ${after}`);
        break;
      }
      case 'kind': {
        const cl = r.pick(clauses);
        c.setKind(cl.id, r.pick(KINDS));
        w.log(`${who} set-kind ${cl.id}`);
        break;
      }
      default: {
        const cl = r.pick(clauses);
        c.setPresence(cl.id, r.int(cl.text.length + 1));
      }
    }
  } catch (e) {
    if (!(e instanceof LiveClientError)) throw e; // the rules refused it locally: fine
  }
}

function randomStep(w, tokens, p) {
  const r = w.r;
  const net = w.net;
  const server = w.server;
  const step = r.weighted([
    [p.edit, 'edit'], [20, 'c2s'], [25, 's2c'], [6, 'open'], [5, 'join'], [8, 'persist'], [8, 'tick'],
    [4, 'timer'], [p.drop, 'drop'], [p.restart, 'restart'], [p.resync, 'resync'], [p.slow, 'slow'],
  ]);
  switch (step) {
    case 'edit':
      localAction(w, r.pick(w.clients), tokens, p.actions);
      return;
    case 'c2s': {
      const s = net.sockets.filter((x) => x.c2s.length > 0 && x.readyState === 1);
      if (s.length) net.deliverC2S(r.pick(s));
      return;
    }
    case 's2c': {
      const s = net.sockets.filter((x) => x.s2c.length > 0);
      if (s.length) net.deliverS2C(r.pick(s));
      return;
    }
    case 'open': {
      const s = net.sockets.filter((x) => x.readyState === 0);
      if (s.length) net.open(r.pick(s), r.chance(0.1));
      return;
    }
    case 'join': {
      const conns = [...server.conns].filter((c) => c.joinSince !== null);
      if (conns.length) server.replyJoin(r.pick(conns));
      return;
    }
    case 'persist':
      server.persist(r.chance(p.writeFailure));
      return;
    case 'tick':
      server.tick();
      return;
    case 'timer':
      w.clock.fireNext();
      return;
    case 'drop': {
      const s = net.sockets.filter((x) => x.readyState === 1);
      if (s.length) {
        w.log('network drop');
        net.drop(r.pick(s));
      }
      return;
    }
    case 'restart':
      w.log('server restart');
      server.restart();
      return;
    case 'resync':
      w.log('server resync');
      for (const conn of server.conns) server.send(conn, { type: 'resync', reason: 'test' });
      return;
    case 'slow': {
      const conns = [...server.conns];
      if (conns.length) {
        w.log('slow consumer closed');
        server.close(r.pick(conns), 4000, 'resync: too far behind');
      }
      return;
    }
    default:
  }
}

const SCENARIOS = [
  {
    name: 'two clients, one hot clause, reliable network',
    clients: 2, steps: [80, 250],
    settings: () => ({}),
    p: { edit: 30, drop: 0.3, restart: 0, resync: 0, slow: 0, writeFailure: 0 },
  },
  {
    name: 'three clients, disconnects, short catch-up history, faults',
    clients: 3, steps: [100, 350],
    settings: (r) => ({ catchUpLimit: r.int(12), historyPerClause: 2 + r.int(30), maxClause: 150 + r.int(200),
      faults: { rateLimited: 0.03, unavailable: 0.03 } }),
    p: { edit: 30, drop: 2, restart: 0.2, resync: 0.2, slow: 0.3, writeFailure: 0.05 },
  },
  {
    name: 'four clients, tiny messages (op splitting), chaos',
    clients: 4, steps: [100, 300],
    clientOptions: { maxOpBytes: 40 },
    settings: (r) => ({ catchUpLimit: r.int(30), historyPerClause: 1 + r.int(10), maxMessageBytes: 400,
      faults: { rateLimited: 0.05, unavailable: 0.05 } }),
    p: { edit: 35, drop: 4, restart: 0.4, resync: 0.4, slow: 0.5, writeFailure: 0.1 },
  },
  {
    name: 'three clients, structural changes racing (inserts after deleted clauses, moves, kinds)',
    clients: 3, steps: [100, 300],
    settings: (r) => ({ catchUpLimit: 5 + r.int(30), faults: { rateLimited: 0.01, unavailable: 0.01 } }),
    p: { edit: 40, drop: 1, restart: 0.1, resync: 0.1, slow: 0.1, writeFailure: 0.02, actions: STRUCTURE_HEAVY },
  },
];

function runRandom(scenario, seed) {
  const setup = makeRng(seed ^ 0x5bd1e995);
  const w = new World(seed, { clients: scenario.clients, settings: scenario.settings(setup),
    clientOptions: scenario.clientOptions ?? {} });
  const tokens = new Set();
  for (const c of w.clients) c.connect();
  const steps = scenario.steps[0] + w.r.int(scenario.steps[1] - scenario.steps[0]);
  try {
    for (let i = 0; i < steps; i++) {
      randomStep(w, tokens, scenario.p);
      for (const c of w.clients) c._selfCheck();
    }
    w.settle();
    w.assertConverged();
    // Nothing was applied twice: every unique token occurs at most once in the result.
    const all = w.server.durable.doc.clauses.map((c) => c.text).join('\n');
    for (const token of tokens) {
      const count = all.split(token).length - 1;
      assert.ok(count <= 1, `token ${token} occurs ${count} times`);
    }
    // And the clients went on editing after it all: one more round converges too.
    for (let i = 0; i < 10; i++) localAction(w, w.r.pick(w.clients), tokens);
    w.settle();
    w.assertConverged();
  } catch (e) {
    e.message = `${scenario.name}: seed=${seed} (replay: LIVE_SEED=${seed} LIVE_RUNS=1 node --test `
      + `src/test/js/live-client.test.mjs)\n${e.message}\n--- last steps ---\n${w.describe()}`;
    throw e;
  }
  return w;
}

const runsPerScenario = RUNS ?? 150;
for (const [k, scenario] of SCENARIOS.entries()) {
  test(`random: ${scenario.name} (${runsPerScenario} runs)`, (t) => {
    t.diagnostic(`base seed ${BASE_SEED} (LIVE_SEED=${BASE_SEED})`);
    const totals = { documentLoads: 0, resubmitted: 0, dropped: 0, frames: 0, rejected: {} };
    for (let i = 0; i < runsPerScenario; i++) {
      const seed = (BASE_SEED + i + (RUNS === 1 ? 0 : k * 1_000_003)) >>> 0;
      const w = runRandom(scenario, seed);
      for (const c of w.clients) {
        totals.documentLoads += c.stats.documentLoads;
        totals.resubmitted += c.stats.resubmitted;
        totals.dropped += c.stats.dropped;
      }
      totals.frames += w.server.counts.frames;
      for (const [code, n] of Object.entries(w.server.counts.rejected)) totals.rejected[code] = (totals.rejected[code] ?? 0) + n;
    }
    t.diagnostic(`totals ${JSON.stringify(totals)}`);
  });
}

// ------------------------------------------------------------------------------ deterministic tests

/** A world with joins answered at once; clients connected and settled unless told otherwise. */
function world(options = {}, { connect = true } = {}) {
  const w = new World(options.seed ?? 1, options);
  w.server.deferJoins = false;
  if (connect) {
    for (const c of w.clients) c.connect();
    w.settle();
  }
  return w;
}

const textOf = (w, id) => w.server.durable.doc.clauses.find((c) => c.id === id)?.text;

test('numbering follows the server: PP1…, 1…, (a)… reset by each operative, aa after z', () => {
  assert.deepEqual(
    clauseNumbers(['heading', 'preambular', 'preambular', 'operative', 'sub-paragraph', 'sub-paragraph', 'operative',
      'sub-paragraph', 'free-text', 'footnote', 'operative']),
    [null, 'PP1', 'PP2', '1', '(a)', '(b)', '2', '(a)', null, null, '3']);
  assert.equal(subParagraphLetters(1), 'a');
  assert.equal(subParagraphLetters(26), 'z');
  assert.equal(subParagraphLetters(27), 'aa');
  assert.equal(subParagraphLetters(28), 'bb');
  assert.equal(subParagraphLetters(52), 'zz');
  assert.equal(subParagraphLetters(53), 'aaa');
  const many = ['operative', ...Array(30).fill('sub-paragraph')];
  assert.deepEqual(clauseNumbers(many), serverNumbers(many.map((kind) => ({ kind }))));
  const r = makeRng(99);
  for (let i = 0; i < 500; i++) {
    const kinds = Array.from({ length: r.int(40) }, () => r.pick(KINDS));
    assert.deepEqual(clauseNumbers(kinds), serverNumbers(kinds.map((kind) => ({ kind }))));
  }
});

test('textDiff, invertOp and splitOp on random text with surrogate pairs', () => {
  const r = makeRng(2024);
  const alphabet = ['a', 'b', ' ', 'é', '中', '😀', '👍🏽', '"', '\n'];
  const pieces = (n) => Array.from({ length: n }, () => r.pick(alphabet));
  for (let i = 0; i < 2000; i++) {
    const ap = pieces(r.int(12));
    const a = ap.join('');
    const b = r.chance(0.5) ? pieces(r.int(12)).join('')
      : [...ap.slice(0, r.int(ap.length + 1)), ...pieces(r.int(3)), ...ap.slice(r.int(ap.length + 1))].join('');
    const d = textDiff(a, b);
    assert.equal(ot.apply(a, d), b, `diff ${JSON.stringify([a, b])}`);
    assert.ok(d.filter((c) => typeof c === 'string').length <= 1 && d.filter((c) => c < 0).length <= 1);
    assert.equal(ot.apply(b, invertOp(d, a)), a);
    const budget = 8 + r.int(40);
    let rest = d;
    let text = a;
    const target = b;
    for (let guard = 0; rest !== null && guard < 1000; guard++) {
      const [first, next] = splitOp(rest, budget);
      if (next !== null) {
        assert.ok(opCost(first) <= Math.max(budget, 24), `piece ${JSON.stringify(first)} over ${budget}`);
        assert.ok(first.some((c) => typeof c === 'string' || c < 0), 'every piece changes something');
      }
      text = ot.apply(text, first);
      rest = next;
    }
    assert.equal(text, target);
  }
  assert.deepEqual(textDiff('a😀b', 'a😃b'), [1, '😃', -2]); // never half a pair
});

test('protocol sides: the server transforms with right, so the client must use right for its own op', () => {
  // Concurrent inserts at one position: r committed first, o in flight on this client.
  const S = 'x';
  const r = ['A'];
  const o = ['B'];
  const server = ot.apply(ot.apply(S, r), ot.transform(o, r, 'right'));
  const asInTheDocument = ot.apply(ot.apply(S, o), ot.transform(r, o, 'right'));
  const asImplemented = ot.apply(ot.apply(S, o), ot.transform(r, o, 'left'));
  assert.equal(server, 'ABx');
  assert.equal(asImplemented, server);
  assert.notEqual(asInTheDocument, server); // 'BAx': the document's client algorithm diverges
  // And end to end: two clients type at the same place at the same time.
  const w = world();
  const [a, b] = w.clients;
  a.editText('op1', ['A']);
  b.editText('op1', ['B']);
  w.up(a);
  w.up(b);
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'ABCalls upon cities');
});

test('join: a 16-character clientId kept across reconnects, since -1 then the last revision; URLs and ids', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  const joins = w.sentBy(0, 'join');
  assert.equal(joins.length, 1);
  assert.match(joins[0].clientId, /^[A-Za-z0-9]{16}$/);
  assert.deepEqual(joins[0], { type: 'join', clientId: a.clientId, name: 'R0', since: -1 });
  assert.notEqual(a.clientId, b.clientId);
  b.editText('pp1', [9, 'X']);
  w.settle();
  assert.equal(a.revision, 1);
  w.net.drop(w.socketOf(a), 0);
  assert.equal(a.status, 'offline');
  w.settle();
  const again = w.sentBy(0, 'join');
  assert.equal(again.length, 2);
  assert.deepEqual(again[1], { type: 'join', clientId: a.clientId, name: 'R0', since: 1 });
  assert.deepEqual(a.events.filter((e) => e.type === 'status').map((e) => e.status),
    ['connecting', 'online', 'offline', 'connecting', 'online']);

  assert.equal(liveUrl('d 1', 'https://plenary.example:8443/x/y'), 'wss://plenary.example:8443/api/documents/d%201/live');
  assert.equal(liveUrl('d1', 'http://localhost:8080'), 'ws://localhost:8080/api/documents/d1/live');
  assert.equal(new LiveClient('d1', { WebSocket: class {}, origin: 'https://p.example' }).url, 'wss://p.example/api/documents/d1/live');
  assert.throws(() => new LiveClient('d1', { WebSocket: class {} }), /options.url or options.origin/);
  assert.throws(() => new LiveClient('d1', { origin: 'https://p.example', WebSocket: undefined }), /WebSocket/);
  for (let i = 0; i < 200; i++) {
    assert.match(newClientId(), /^[A-Za-z0-9]{16}$/);
    assert.match(newClauseId(), /^[a-km-np-z2-9]{12}$/);
  }
});

test('reconnect backoff: 0.5 s doubling to 10 s, reset after joining', () => {
  const w = world({ clients: 1 }, { connect: false });
  const [a] = w.clients;
  const created = [];
  const Base = a._WebSocket;
  a._WebSocket = class extends Base {
    constructor(url) {
      super(url);
      created.push(w.clock.now);
    }
  };
  a.connect();
  for (let i = 0; i < 8; i++) {
    w.net.open(w.net.sockets.find((s) => s.readyState === 0), true); // refused
    w.clock.fireNext();
  }
  const delays = created.slice(1).map((t, i) => t - created[i]);
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  w.settle();
  assert.equal(a.status, 'online');
  const before = created.length;
  const droppedAt = w.clock.now;
  w.net.drop(w.socketOf(a), 0);
  w.clock.fireNext();
  assert.equal(created.length, before + 1);
  assert.equal(created[before] - droppedAt, 500); // back to the shortest delay
  w.settle();
  assert.equal(a.status, 'online');
});

test('ping every 20 s; a silent server is given up after three intervals', () => {
  const w = world({ clients: 1 });
  const [a] = w.clients;
  const start = w.clock.now;
  const pingsBefore = w.sentBy(0, 'ping').length;
  w.clock.advance(20_000);
  assert.equal(w.sentBy(0, 'ping').length, pingsBefore + 1);
  w.deliver(); // pong
  w.clock.advance(20_000);
  w.clock.advance(20_000);
  assert.equal(w.sentBy(0, 'ping').length, pingsBefore + 3);
  assert.equal(a.status, 'online'); // the pongs are not delivered: silent, but only two intervals
  w.clock.advance(20_000);
  assert.equal(a.status, 'offline');
  assert.ok(w.clock.now - start <= 80_000);
  w.settle();
  assert.equal(a.status, 'online');
});

test('resubmission: acknowledged by the catch-up, resent once with the same seq, or found to be a duplicate', () => {
  // 1. Applied and durable, the connection lost before the commit came back: the catch-up acks it.
  let w = world({ clients: 2 });
  let [a] = w.clients;
  a.editText('op1', [5, ' strongly']);
  w.up(a);
  w.server.persist(false);
  w.server.tick();
  w.net.drop(w.socketOf(a), 0);
  a.editText('op1', ['!']); // offline: buffered
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), '!Calls strongly upon cities');
  assert.deepEqual(w.sentBy(0, 'submit').map((m) => m.seq), [1, 2]);

  // 2. Never reached the server: resent once, with the same seq.
  w = world({ clients: 2 });
  [a] = w.clients;
  a.editText('op1', [5, ' strongly']);
  w.net.drop(w.socketOf(a), 0);
  w.settle();
  w.assertConverged();
  assert.deepEqual(w.sentBy(0, 'submit').map((m) => m.seq), [1, 1]);
  assert.equal(textOf(w, 'op1'), 'Calls strongly upon cities');

  // 3. Applied but not yet durable when the connection broke: the resubmission is a duplicate,
  //    acknowledged (after the write) before its commit arrives; applied once.
  w = world({ clients: 2 });
  [a] = w.clients;
  a.editText('op1', [5, ' strongly']);
  w.up(a);
  w.net.drop(w.socketOf(a), 0);
  w.clock.fireNext(); // reconnect
  w.net.open(w.socketOf(a));
  w.up(a); // join: answered at once, without the pending commit
  w.down(a);
  assert.equal(a.status, 'online');
  w.up(a); // the resubmission, seq 1: parked until durable
  w.server.persist(false);
  const s = w.socketOf(a);
  assert.deepEqual(JSON.parse(s.s2c[0]), { type: 'ack', seq: 1, revision: 1, duplicate: true });
  w.down(a);
  assert.equal(a.pendingCount, 1); // still waiting for the commit itself
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Calls strongly upon cities');
  assert.deepEqual(w.sentBy(0, 'submit').map((m) => m.seq), [1, 1]);

  // 4. Whole-document catch-up that already contains it: the duplicate ack removes the local copy.
  w = world({ clients: 2, settings: { catchUpLimit: 0 } });
  [a] = w.clients;
  a.editText('op1', [5, ' strongly']);
  w.up(a);
  w.server.persist(false);
  w.net.drop(w.socketOf(a), 0);
  a.editText('op1', ['Firmly: ']);
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Firmly: Calls strongly upon cities');
  assert.deepEqual(w.sentBy(0, 'submit').map((m) => m.seq), [1, 1, 2]);
  assert.equal(a.stats.documentLoads, 2);
});

test('frames that overtake the joined reply are applied once, after it', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  w.server.deferJoins = true;
  w.net.drop(w.socketOf(a), 0);
  b.editText('op2', [7, ' firmly']);
  w.up(b);
  w.clock.fireNext();
  w.net.open(w.socketOf(a));
  w.up(a); // join: subscribed, reply deferred
  w.server.persist(false);
  w.server.tick(); // the frame goes to a before its joined reply
  w.server.replyJoin([...w.server.conns].find((c) => c.clientId === a.clientId));
  assert.equal(JSON.parse(w.socketOf(a).s2c[0]).type, 'ops');
  w.down(a);
  w.settle();
  w.assertConverged();
  assert.equal(a.text('op2'), 'Decides firmly to remain seized');
});

test('a refused text op is taken back; edits made meanwhile survive', () => {
  const w = world({ clients: 2, settings: { maxClause: 30 } });
  const [a, b] = w.clients;
  a.editText('op1', [17, ' and all the States of the region']); // too long: refused
  a.editText('op1', ['Also ']);
  assert.equal(a.text('op1'), 'Also Calls upon cities and all the States of the region');
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Also Calls upon cities');
  const revert = a.events.find((e) => e.type === 'clause' && e.source === 'revert');
  assert.ok(revert, 'a revert event');
  assert.equal(revert.text, 'Also Calls upon cities');
  assert.equal(a.events.filter((e) => e.type === 'error')[0].code, 'clause-too-long');
  assert.equal(b.text('op1'), 'Also Calls upon cities');
});

test('a text op on a clause deleted concurrently is dropped', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  b.deleteClause('op2');
  w.up(b);
  a.editText('op2', ['Still ']);
  w.up(a);
  w.settle();
  w.assertConverged();
  assert.equal(a.clause('op2'), null);
  assert.equal(a.stats.dropped, 1);
  assert.equal(a.events.filter((e) => e.type === 'error')[0].code, 'clause-deleted');
});

test('large pastes and long new clauses are split to fit the message limit', () => {
  const w = world({ clients: 2, clientOptions: { maxOpBytes: 100 }, settings: { maxMessageBytes: 400 } });
  const [a, b] = w.clients;
  const paste = Array.from({ length: 400 }, (_, i) => ['word ', 'é', '中', '😀', '"'][i % 5]).join('');
  a.editText('op1', [5, paste]);
  const id = a.insertClause('op2', 'operative', paste);
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), `Calls${paste} upon cities`);
  assert.equal(textOf(w, id), paste);
  assert.equal(b.text(id), paste);
  assert.ok(w.sentBy(0, 'submit').length > 10);
  assert.equal(w.server.counts.tooLarge, 0);
  for (const m of w.sentBy(0, 'submit')) assert.ok(Buffer.byteLength(JSON.stringify(m)) <= 400);
});

test('a new clause placed after a clause deleted concurrently is kept, after its predecessor', () => {
  // The refusal arrives before the deletion: the insert waits for it, then goes after sub1.
  let w = world({ clients: 2 });
  let [a, b] = w.clients;
  b.deleteClause('op2');
  w.up(b); // applied, not yet durable
  const id = a.insertClause('op2', 'operative', 'Noting');
  a.editText(id, [6, ' with concern']);
  w.up(a); // refused: clause-deleted
  w.down(a);
  assert.equal(a.events.filter((e) => e.type === 'error')[0].code, 'clause-deleted');
  assert.equal(a.clause(id).text, 'Noting with concern');
  assert.equal(a._hold?.clauseId, 'op2');
  w.settle();
  w.assertConverged();
  assert.deepEqual(w.server.durable.doc.clauses.map((c) => c.id), ['pp1', 'op1', 'sub1', id]);
  assert.equal(textOf(w, id), 'Noting with concern');

  // The deletion arrives first while the insert is queued: re-anchored before it is sent.
  w = world({ clients: 2 });
  [a, b] = w.clients;
  a.editText('pp1', ['x']); // in flight, so the insert waits in the queue
  const id2 = a.insertClause('op2', 'operative', 'Requests');
  b.deleteClause('op2');
  w.up(b);
  w.server.persist(false);
  w.server.tick();
  w.down(a);
  assert.equal(a._queue.find((e) => e.type === 'change').change.after, 'sub1');
  w.settle();
  w.assertConverged();
  assert.deepEqual(w.server.durable.doc.clauses.map((c) => c.id), ['pp1', 'op1', 'sub1', id2]);
});

test('after a restart the original op is too old: the rebased one is sent with the same seq', () => {
  const w = world({ clients: 2, settings: { catchUpLimit: 0 } });
  const [a, b] = w.clients;
  a.editText('op1', [17, ' and towns']);
  w.net.drop(w.socketOf(a), 0); // lost on the way
  b.editText('op1', ['Firmly, ']);
  w.up(b);
  w.server.persist(false);
  w.server.restart(); // the clause history is gone
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Firmly, Calls upon cities and towns');
  assert.deepEqual(w.sentBy(0, 'submit').map((m) => m.seq), [1, 1, 1]);
  assert.equal(a.events.filter((e) => e.type === 'error').map((e) => e.code).join(), 'version-too-old');
});

test('resync and close 4000: reconnect with since -1 and with since', () => {
  const w = world({ clients: 1 });
  const [a] = w.clients;
  for (const conn of w.server.conns) w.server.send(conn, { type: 'resync', reason: 'test' });
  w.down(a);
  assert.equal(a.status, 'resyncing');
  w.settle();
  assert.equal(w.sentBy(0, 'join').at(-1).since, -1);
  assert.equal(a.stats.documentLoads, 2);
  w.server.close([...w.server.conns][0], 4000, 'resync: too far behind');
  w.settle();
  assert.equal(w.sentBy(0, 'join').at(-1).since, 0);
  assert.equal(a.status, 'online');
});

test('offline edits are composed per clause and sent in order on reconnect', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  w.net.drop(w.socketOf(a), 0);
  for (const ch of 'Hence, ') a.editText('op1', a.text('op1').startsWith('Calls') ? [ch] : [a.text('op1').indexOf('Calls'), ch]);
  a.replaceText('op2', 'Decides to remain actively seized of the matter');
  const id = a.insertClause('op2', 'operative', 'Requests');
  a.editText(id, [8, ' a report']);
  assert.deepEqual(a._queue.map((e) => (e.type === 'text' ? `text:${e.clauseId}` : e.change.type)),
    ['text:op1', 'text:op2', 'insert', `text:${id}`]);
  b.editText('op1', [17, ' and towns']);
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Hence, Calls upon cities and towns');
  assert.equal(textOf(w, id), 'Requests a report');
  assert.deepEqual(a.clauses.map((c) => c.number), ['PP1', '1', '(a)', '2', '3']);
});

test('local structural changes are checked against the rules; remote ones renumber', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  assert.throws(() => a.insertClause(null, 'sub-paragraph', 'x'), (e) => e instanceof LiveClientError && e.code === 'invalid-change');
  assert.throws(() => a.setKind('op1', 'preambular'), LiveClientError); // would orphan (a)
  assert.throws(() => a.editText('nope', ['x']), (e) => e.code === 'unknown-clause');
  assert.throws(() => a.editText('op1', [100, 'x']), ot.InvalidOperationError);
  assert.throws(() => a.insertClause(null, 'chapter', 'x'), LiveClientError);
  a.moveClause('op1', 'pp1'); // already there
  a.setKind('op1', 'operative');
  assert.equal(a.pendingCount, 0);
  const id = b.insertClause('sub1', 'sub-paragraph', 'to report');
  w.settle();
  assert.deepEqual(a.clauses.map((c) => c.number), ['PP1', '1', '(a)', '(b)', '2']);
  const documents = a.events.filter((e) => e.type === 'document');
  assert.equal(documents.at(-1).clauses[3].id, id);
  b.moveClause('op2', null);
  w.settle();
  assert.deepEqual(a.clauses.map((c) => c.number), ['1', 'PP1', '2', '(a)', '(b)']);
  w.assertConverged();
});

test('presence: sent throttled, received, carets moved by remote edits', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  for (let i = 0; i < 10; i++) a.setPresence('op1', i);
  assert.equal(w.sentBy(0, 'presence').length, 1);
  w.clock.advance(100);
  assert.equal(w.sentBy(0, 'presence').length, 2);
  assert.deepEqual(w.sentBy(0, 'presence').at(-1), { type: 'presence', clauseId: 'op1', caret: 9 });
  w.deliver();
  const aSeenByB = () => b.people.find((p) => p.clientId === a.clientId);
  assert.equal(aSeenByB().caret, 9);
  const presenceEvents = b.events.filter((e) => e.type === 'presence').length;
  assert.ok(presenceEvents > 0);
  b.editText('op1', ['Now ']); // b's own edit before a's caret moves it in b's view
  assert.equal(aSeenByB().caret, 13);
  const clauseEvents = [];
  a.on('clause', (e) => clauseEvents.push(e));
  w.settle();
  assert.deepEqual(clauseEvents.map((e) => [e.clauseId, e.op, e.source]), [['op1', ['Now '], 'remote']]);
  assert.equal(ot.transformPosition(9, clauseEvents[0].op), 13);
});
