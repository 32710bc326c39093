// A fake in-memory live server: the sequencer (durable-then-broadcast, coalesced frames,
// catch-up by ops or by document, parked duplicate acks, write failures with resync,
// restarts, a store restored from an older copy, hashes and divergence, statuses set by the
// negotiation) and the connections (join, submit, presence, ping, limits), with fault injection.

import assert from 'node:assert/strict';
import { serverNumbers, DocState } from './doc-state.mjs';

export class FakeServer {
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
    this.presenceChanges = new Map(); // connection id -> entry, or {connectionId, left: true}
    this.durableApplied = new Set();
    this.counts = { tooLarge: 0, rejected: {}, frames: 0, joins: [] };
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
    if (this.presence.delete(conn.id)) this.presenceChanges.set(conn.id, { connectionId: conn.id, left: true });
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
        if (m.hash !== undefined) assert.match(m.hash, /^[0-9a-f]{64}$/, 'a join hash is 64 hex digits');
        assert.ok(m.since >= 0 || m.hash === undefined, 'no hash with since -1');
        if (conn.clientId) {
          this.error(conn, null, 'invalid-message', 'this socket has already joined');
          return;
        }
        conn.clientId = m.clientId;
        conn.name = m.name;
        conn.subscribed = true;
        conn.joinSince = m.since;
        conn.joinHash = m.hash ?? null;
        if (this.deferJoins === false || (this.deferJoins === undefined && this.r.chance(0.5))) this.replyJoin(conn);
        break;
      }
      case 'submit': this.submit(conn, m); break;
      case 'presence':
        assert.ok(conn.clientId, 'presence before join');
        this.setPresence(conn, m.clauseId ?? null, Number.isInteger(m.caret) ? m.caret : null);
        break;
      case 'ping': this.send(conn, { type: 'pong', t: m.t }); break;
      default: this.error(conn, m.seq, 'unknown-type', 'unknown');
    }
  }

  replyJoin(conn) {
    const since = conn.joinSince;
    const hash = conn.joinHash;
    conn.joinSince = null;
    if (this.unbroadcast.length > 0) this.tick();
    const reply = { type: 'joined', connectionId: conn.id, revision: this.durableRevision, hash: this.durable.hash,
      lastSeq: this.durable.lastByClient.get(conn.clientId)?.seq ?? 0, presence: [...this.presence.values()] };
    // This history does not hold what the client saw: a revision beyond it, or another hash there.
    const diverged = since > this.durableRevision || (since >= 0 && hash !== null && this.durable.hashes.get(since) !== hash);
    this.counts.joins.push({ since, hash, diverged });
    const oldestKept = this.recent.length === 0 ? this.durableRevision : this.recent[0].revision - 1;
    if (diverged) reply.diverged = true;
    if (diverged || since < 0 || since < oldestKept || since > this.durableRevision) {
      const doc = structuredClone(this.durable.doc);
      const numbers = serverNumbers(doc.clauses);
      doc.clauses.forEach((c, i) => { c.number = numbers[i]; });
      reply.document = doc;
    } else {
      reply.ops = this.recent.filter((c) => c.revision > since);
    }
    this.send(conn, reply);
    this.setPresence(conn, null, null);
  }

  setPresence(conn, clauseId, caret) {
    const entry = { connectionId: conn.id, name: conn.name, clauseId, caret };
    this.presence.set(conn.id, entry);
    this.presenceChanges.set(conn.id, entry);
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
      if (commit.clientId != null) { // decisions of the negotiation have no client
        const key = `${commit.clientId}:${commit.seq}`;
        assert.ok(!this.durableApplied.has(key), `submission ${key} applied twice`);
        this.durableApplied.add(key);
      }
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
    if (this.presenceChanges.size > 0) {
      const changes = [...this.presenceChanges.values()];
      this.presenceChanges.clear();
      for (const conn of this.conns) if (conn.subscribed) this.send(conn, { type: 'presence', changes });
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
    this.presenceChanges.clear();
  }

  /**
   * A decision of the negotiation (the chair sets a paragraph's status, opens tabling…): durable
   * at once, broadcast at the next tick.
   */
  decide(change) {
    const commit = this.state.decide(change);
    this.unwritten.push({ commit, conn: null });
    this.persist(false);
    return commit;
  }

  /** A copy of what is durable now, to restore later (a backup). */
  backup() {
    return { durable: this.durable.copy(), applied: new Set(this.durableApplied) };
  }

  /**
   * The store is restored from an older copy and the server restarted: every commit after the
   * backup is gone, though clients saw (and were acknowledged) some of them.
   */
  restore(backup) {
    this.restart();
    this.durable = backup.durable.copy();
    this.state = backup.durable.copy();
    this.durableApplied = new Set(backup.applied);
  }

  idle() {
    return this.unwritten.length === 0 && this.unbroadcast.length === 0 && this.presenceChanges.size === 0
      && [...this.conns].every((c) => c.joinSince === null);
  }
}
