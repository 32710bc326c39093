// Local editing: large pastes split to fit, offline edits composed and sent in order, local
// structural changes checked against the rules and renumbered (live-client.js, view.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ot from '../../../../web/js/text-op.js';
import { LiveClientError } from '../../../../web/js/live/live-client.js';
import { world, textOf } from './support/world.mjs';

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
