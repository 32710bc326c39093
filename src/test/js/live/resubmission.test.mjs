// Exactly-once across reconnects: resubmission with the same seq, duplicates, frames before
// joined, version-too-old after a restart (server-messages.js, outbox.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { world, textOf } from './support/world.mjs';

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
