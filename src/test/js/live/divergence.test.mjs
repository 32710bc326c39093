// Divergence: the history hash sent on every rejoin, and a server whose store was restored from
// an older copy, which no longer has edits it once acknowledged (live-protocol.md, "Divergence";
// own-edits.js, server-messages.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { world, textOf } from './support/world.mjs';

const seqsOf = (entries) => entries.map((e) => e.seq);
const divergedEvents = (c) => c.events.filter((e) => e.type === 'diverged');
const submitsAfter = (w, i, seq) => w.sentBy(i, 'submit').filter((m) => m.seq > seq);

/**
 * a and b edit; a backup of the store is taken; then a makes five more edits (text, a new
 * paragraph and an edit of it, a deletion, text in pp1) and b one, all acknowledged; then the
 * store is restored from the backup and the server restarted.
 */
function divergedWorld() {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  a.editText('op1', [17, ' and towns']); // a 1: in the backup
  b.editText('pp1', [25, ' on local government']); // b 1: in the backup
  w.settle();
  const backup = w.server.backup();
  const kept = w.server.durable.doc.revision;
  a.editText('op1', [27, ' and regions']); // a 2
  w.settle();
  const lostId = a.insertClause('op2', 'operative', 'Invites regions'); // a 3
  w.settle();
  a.editText(lostId, [15, ' to join']); // a 4
  w.settle();
  a.deleteClause('sub1'); // a 5
  w.settle();
  a.editText('pp1', ['Also ']); // a 6
  b.editText('op2', [7, ' firmly']); // b 2
  w.settle();
  assert.equal(textOf(w, 'op1'), 'Calls upon cities and towns and regions');
  const seen = { revision: a.revision, hash: a.hash };
  w.server.restore(backup);
  w.settle();
  return { w, a, b, lostId, kept, seen };
}

test('every rejoin sends the hash at since; a reconnect, a restart or a reload report nothing lost', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  a.editText('op1', [17, ' and towns']);
  b.editText('pp1', [25, ' on local government']);
  w.settle();
  assert.equal(a.revision, 2);

  w.net.drop(w.socketOf(a), 0);
  w.settle();
  assert.deepEqual(w.sentBy(0, 'join').at(-1),
    { type: 'join', clientId: a.clientId, name: 'R0', since: 2, hash: w.server.durable.hashes.get(2) });

  w.server.restart(); // the same history: nothing lost
  a.editText('op2', ['Also ']);
  w.settle();
  // A reload (since -1) sends no hash; the whole document comes with lastSeq.
  for (const conn of w.server.conns) w.server.send(conn, { type: 'resync', reason: 'test' });
  w.settle();
  w.assertConverged();
  assert.deepEqual(w.sentBy(0, 'join').at(-1), { type: 'join', clientId: a.clientId, name: 'R0', since: -1 });
  assert.ok(w.server.counts.joins.length >= 6);
  assert.ok(w.server.counts.joins.every((j) => !j.diverged), JSON.stringify(w.server.counts.joins));
  for (const c of [a, b]) {
    assert.deepEqual(divergedEvents(c), [], `client ${c.index} reported lost edits`);
    assert.deepEqual(c.lostEdits, []);
    assert.equal(c.stats.divergences, 0);
  }
  assert.deepEqual(seqsOf(a._own), [1, 2]);
});

test('a diverged join loads the server\'s text and reports exactly the own acknowledged edits beyond lastSeq', () => {
  const { w, a, b, lostId, kept, seen } = divergedWorld();
  // a rejoined with what it had seen: a revision and hash this history does not hold.
  const join = w.sentBy(0, 'join').at(-1);
  assert.deepEqual([join.since, join.hash], [seen.revision, seen.hash]);
  assert.ok(w.server.counts.joins.slice(-2).every((j) => j.diverged));

  // Nothing the server lacks is kept as confirmed: both show the restored document.
  w.assertConverged();
  assert.equal(a.revision, kept);
  assert.equal(a.text('op1'), 'Calls upon cities and towns');
  assert.equal(a.clause(lostId), null);
  assert.notEqual(a.clause('sub1'), null, 'the lost deletion is undone');
  assert.equal(a.text('pp1'), 'Recalling its resolutions on local government');
  assert.deepEqual(a.events.filter((e) => e.type === 'revision').at(-1), { type: 'revision', revision: kept, status: 'drafting' });

  // Exactly a's submissions 2 to 6 (lastSeq 1) and b's second, each once, as committed.
  const [event, ...more] = divergedEvents(a);
  assert.deepEqual(more, []);
  assert.deepEqual(seqsOf(event.lost), [2, 3, 4, 5, 6]);
  assert.deepEqual(event.lost.map((e) => e.change.type), ['text', 'insert', 'text', 'delete', 'text']);
  assert.deepEqual(event.lost[0], { seq: 2, revision: 3, change: { type: 'text', clauseId: 'op1', version: 1, op: [27, ' and regions'] },
    before: 'Calls upon cities and towns', after: 'Calls upon cities and towns and regions' });
  assert.deepEqual(event.lost[1].change, { type: 'insert', clauseId: lostId, after: 'op2', kind: 'operative', text: 'Invites regions' });
  assert.deepEqual([event.lost[2].before, event.lost[2].after], ['Invites regions', 'Invites regions to join']);
  assert.deepEqual(seqsOf(a.lostEdits), [2, 3, 4, 5, 6]);
  assert.deepEqual(seqsOf(divergedEvents(b)[0].lost), [2]);
  // They are not resent on their own: that is the person's choice.
  assert.deepEqual(submitsAfter(w, 0, 6), []);
  assert.deepEqual(submitsAfter(w, 1, 2), []);
});

test('lost edits are made again as new edits on the text as it now is; what no longer applies is skipped', () => {
  const { w, a, b, lostId } = divergedWorld();
  // Meanwhile, on the restored text: b edits op1 and deletes sub1, and the chair agrees pp1.
  b.editText('op1', ['Also ']);
  b.deleteClause('sub1');
  w.settle();
  w.server.decide({ type: 'set-status', clauseId: 'pp1', status: 'agreed' });
  w.settle();

  const { remade, skipped } = a.remakeLostEdits();
  assert.deepEqual(seqsOf(remade), [2, 3, 4]);
  assert.deepEqual(skipped.map((e) => [e.seq, e.reason]), [[5, 'clause-gone'], [6, 'paragraph-agreed']]);
  assert.deepEqual(a.lostEdits, []);
  w.settle();
  w.assertConverged();
  // The edit lands where it was made, after b's; the new paragraph and its edit come back under a new id.
  assert.equal(textOf(w, 'op1'), 'Also Calls upon cities and towns and regions');
  const clauses = w.server.durable.doc.clauses;
  const made = clauses.at(-1);
  assert.deepEqual([made.kind, made.text], ['operative', 'Invites regions to join']);
  assert.notEqual(made.id, lostId);
  assert.deepEqual(clauses.map((c) => c.id), ['pp1', 'op1', 'op2', made.id]);
  assert.equal(textOf(w, 'pp1'), 'Recalling its resolutions on local government', 'agreed: left alone');
  // New submissions, numbered after the lost ones.
  assert.deepEqual(seqsOf(submitsAfter(w, 0, 6)), [7, 8, 9]);
  assert.deepEqual(divergedEvents(a).length, 1);
});

test('dismissed lost edits are forgotten and never sent', () => {
  const { w, a } = divergedWorld();
  assert.equal(a.dismissLostEdits(), 5);
  assert.deepEqual(a.lostEdits, []);
  assert.deepEqual(a.remakeLostEdits(), { remade: [], skipped: [] });
  w.settle();
  w.assertConverged();
  assert.deepEqual(submitsAfter(w, 0, 6), []);
  assert.equal(textOf(w, 'op1'), 'Calls upon cities and towns');
});

test('an edit in flight when the store was restored is sent again rebased on the loaded text, and applied once', () => {
  const w = world({ clients: 2 });
  const [a] = w.clients;
  a.editText('op1', [17, ' and towns']); // a 1: in the backup
  w.settle();
  const backup = w.server.backup();
  a.editText('op1', [27, ' and regions']); // a 2: acknowledged, then lost
  w.settle();
  a.editText('op1', ['Also ']); // a 3: in flight when the store is restored
  w.up(a);
  w.server.restore(backup);
  w.settle();
  w.assertConverged();
  assert.deepEqual(seqsOf(divergedEvents(a)[0].lost), [2]);
  // Resent with its seq, rebased: "Also " at the start of the text the server has.
  assert.deepEqual(w.sentBy(0, 'submit').filter((m) => m.seq === 3).at(-1).change,
    { type: 'text', clauseId: 'op1', version: 1, op: ['Also '] });
  assert.equal(textOf(w, 'op1'), 'Also Calls upon cities and towns');
  a.remakeLostEdits();
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Also Calls upon cities and towns and regions');
});

test('the record of acknowledged submissions keeps the last 500', () => {
  const w = world({ clients: 1 });
  const [a] = w.clients;
  for (let i = 0; i < 520; i++) {
    a.editText('op2', ['x']);
    w.settle();
  }
  assert.equal(a._own.length, 500);
  assert.deepEqual([a._own[0].seq, a._own.at(-1).seq], [21, 520]);
});
