// A world: a fake server, a fake network and clock, and LiveClients connected through them,
// with helpers to deliver messages step by step, let everything settle and check convergence.

import assert from 'node:assert/strict';
import { LiveClient } from '../../../../../web/js/live/live-client.js';
import { makeRng } from './rng.mjs';
import { Clock } from './clock.mjs';
import { serverNumbers } from './doc-state.mjs';
import { FakeServer } from './fake-server.mjs';
import { Network } from './network.mjs';

const INITIAL = {
  id: 'd1', title: 'Outcome', status: 'drafting', meta: {}, revision: 0,
  clauses: [
    { id: 'pp1', kind: 'preambular', text: 'Recalling its resolutions', version: 0, status: 'bracketed' },
    { id: 'op1', kind: 'operative', text: 'Calls upon cities', version: 0, status: 'bracketed' },
    { id: 'sub1', kind: 'sub-paragraph', text: 'to act', version: 0, status: 'bracketed' },
    { id: 'op2', kind: 'operative', text: 'Decides to remain seized', version: 0, status: 'bracketed' },
  ],
};

const DEFAULT_SETTINGS = {
  maxClause: 100_000, historyPerClause: 1000, catchUpLimit: 2000, maxMessageBytes: 65536,
  faults: { rateLimited: 0, unavailable: 0 },
};

export class World {
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
      for (const type of ['document', 'clause', 'presence', 'status', 'error', 'revision', 'diverged']) {
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
    return this.net.sockets.find((s) => s === client._connection.ws) ?? null;
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
    if (this.server.unbroadcast.length > 0 || this.server.presenceChanges.size > 0) {
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
      assert.equal(c.hash, this.server.durable.hash, `client ${c.index} history hash`);
      assert.equal(c.info?.status, doc.status, `client ${c.index} document status`);
      assert.deepEqual(c.clauses, expected, `client ${c.index} clauses`);
    }
    assert.equal(this.server.counts.tooLarge, 0, 'a client sent a message over the limit');
  }
}

/** A world with joins answered at once; clients connected and settled unless told otherwise. */
export function world(options = {}, { connect = true } = {}) {
  const w = new World(options.seed ?? 1, options);
  w.server.deferJoins = false;
  if (connect) {
    for (const c of w.clients) c.connect();
    w.settle();
  }
  return w;
}

export const textOf = (w, id) => w.server.durable.doc.clauses.find((c) => c.id === id)?.text;
