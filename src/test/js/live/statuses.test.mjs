// Decisions of the negotiation arriving live: paragraph statuses ('document'), the revision and
// the document's status ('revision'), and an edit refused because its paragraph was agreed first
// (commits.js, server-messages.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { world, textOf } from './support/world.mjs';

const last = (c, type) => c.events.filter((e) => e.type === type).at(-1);

test('a paragraph\'s status and the document\'s status and revision follow the commits', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  assert.deepEqual(last(a, 'revision'), { type: 'revision', revision: 0, status: 'drafting' });
  const documentEvents = a.events.filter((e) => e.type === 'document').length;

  w.server.decide({ type: 'set-status', clauseId: 'op2', status: 'agreed' });
  w.settle();
  assert.equal(a.clause('op2').status, 'agreed');
  assert.equal(a.events.filter((e) => e.type === 'document').length, documentEvents + 1, 'one document event');
  assert.equal(last(a, 'document').clauses.find((c) => c.id === 'op2').status, 'agreed');
  assert.deepEqual(last(a, 'revision'), { type: 'revision', revision: 1, status: 'drafting' });

  b.editText('pp1', ['Also ']);
  w.settle();
  assert.deepEqual(last(a, 'revision'), { type: 'revision', revision: 2, status: 'drafting' });

  w.server.decide({ type: 'set-document-status', status: 'negotiating' });
  w.settle();
  w.assertConverged();
  assert.deepEqual(last(a, 'revision'), { type: 'revision', revision: 3, status: 'negotiating' });
  assert.deepEqual(a.events.filter((e) => e.type === 'revision').map((e) => e.revision), [0, 1, 2, 3]);
});

test('an edit that reaches the server after its paragraph was agreed is refused and taken back; reopened, it can change', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  a.editText('op1', [17, ' and towns']); // submitted, not yet delivered
  w.server.decide({ type: 'set-status', clauseId: 'op1', status: 'agreed' }); // the chair was first
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Calls upon cities');
  assert.equal(a.text('op1'), 'Calls upon cities');
  const error = last(a, 'error');
  assert.equal(error.code, 'paragraph-agreed');
  assert.equal(error.change.clauseId, 'op1');
  assert.ok(a.events.some((e) => e.type === 'clause' && e.source === 'revert' && e.clauseId === 'op1'));
  assert.equal(a.clause('op1').status, 'agreed');

  w.server.decide({ type: 'set-status', clauseId: 'op1', status: 'bracketed' }); // reopened
  w.settle();
  a.editText('op1', [17, ' and towns']);
  w.settle();
  w.assertConverged();
  assert.equal(textOf(w, 'op1'), 'Calls upon cities and towns');
  assert.equal(b.clause('op1').status, 'bracketed');
});

test('a silence procedure\'s conclusion agrees several paragraphs in one revision, and an edit to one of them is refused', () => {
  const w = world({ clients: 2 });
  const [a, b] = w.clients;
  const documentEvents = a.events.filter((e) => e.type === 'document').length;
  b.editText('op1', [17, ' and towns']); // submitted, not yet delivered
  w.server.decide({ type: 'set-statuses', clauseIds: ['pp1', 'op1'], status: 'agreed' });
  w.settle();
  w.assertConverged();
  for (const c of [a, b]) {
    assert.equal(c.clause('pp1').status, 'agreed');
    assert.equal(c.clause('op1').status, 'agreed');
    assert.equal(c.clause('op2').status, 'bracketed');
  }
  assert.equal(a.events.filter((e) => e.type === 'document').length, documentEvents + 1, 'one document event');
  assert.deepEqual(last(a, 'revision'), { type: 'revision', revision: 1, status: 'drafting' });
  assert.equal(last(b, 'error').code, 'paragraph-agreed');
  assert.equal(textOf(w, 'op1'), 'Calls upon cities');
});
