// Changes the server refuses: refused text ops taken back, ops on deleted clauses dropped,
// inserts after deleted clauses re-anchored (server-messages.js, outbox.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { world, textOf } from './support/world.mjs';

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
