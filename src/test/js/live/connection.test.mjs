// The socket: join, reconnect backoff, pings, resync and close 4000 (connection.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveClient, liveUrl, newClientId, newClauseId } from '../../../../web/js/live/live-client.js';
import { world } from './support/world.mjs';

test('join: a 16-character clientId kept across reconnects, since -1 then the last revision and its hash; URLs and ids', () => {
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
  // The rejoin names the last revision seen and the history hash there, as the server sent it.
  assert.deepEqual(again[1], { type: 'join', clientId: a.clientId, name: 'R0', since: 1, hash: w.server.durable.hash });
  assert.match(a.hash, /^[0-9a-f]{64}$/);
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
  const Base = a._connection.WebSocket;
  a._connection.WebSocket = class extends Base {
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

test('preload: a document read over HTTP is shown before the join, which then asks only for what is newer', () => {
  const w = world({ clients: 2 }, { connect: false });
  const [a, b] = w.clients;
  w.clients = [b]; // a's page has not opened its socket yet: the world settles without it
  b.connect();
  w.settle();
  b.editText('pp1', [9, 'X']);
  w.settle();
  const read = structuredClone(w.server.durable.doc); // what GET /api/documents/:id answered then
  read.revision = w.server.durableRevision;
  b.editText('pp1', ['Y']); // and one more commit after the page read it
  w.settle();
  let shown = null;
  a.on('document', ({ revision }) => { shown ??= revision; });
  assert.equal(a.preload(read), true);
  assert.equal(shown, 1, 'shown at the revision read, before any socket');
  assert.equal(a.status, 'offline');
  assert.equal(a.preload(read), false, 'only once');
  w.clients = [a, b];
  a.connect();
  w.settle();
  const joins = w.sentBy(0, 'join');
  assert.deepEqual(joins.at(-1), { type: 'join', clientId: a.clientId, name: 'R0', since: 1 });
  assert.equal(w.server.counts.joins.at(-1).diverged, false);
  assert.equal(a.revision, w.server.durableRevision, 'caught up with the commit made after the read');
  assert.equal(a.text('pp1'), w.server.durable.doc.clauses.find((c) => c.id === 'pp1').text);
  assert.equal(a.stats.documentLoads, 1, 'the join sent the missed commit, not the document again');
  assert.equal(new (a.constructor)('d', { url: 'ws://x', WebSocket: class {} }).preload({ revision: -1, clauses: [] }), false,
    'no document without a revision');
});
