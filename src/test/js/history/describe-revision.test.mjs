// The history view's words for a revision, here for one that set several paragraphs' statuses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addStrings } from '../../../../web/js/i18n.js';
import strings from '../../../../web/js/strings/history.js';
import { changeText } from '../../../../web/js/room/history/describe-revision.js';

addStrings(strings);

test('a silence procedure\'s conclusion is one revision that counts its paragraphs and names their status', () => {
  const clauses = [{ id: 'pp1', kind: 'preambular' }, { id: 'op1', kind: 'operative' }];
  assert.equal(changeText({ type: 'set-statuses', clauseId: '', clauseIds: ['pp1', 'op1', 'op2'], status: 'agreed' }, clauses),
    'made 3 paragraphs agreed (silence procedure)');
  assert.equal(changeText({ type: 'set-statuses', clauseId: '', clauseIds: ['op1'], status: 'agreed' }, clauses),
    'made 1 paragraph agreed (silence procedure)');
  assert.match(changeText({ type: 'set-status', clauseId: 'op1' }, clauses), /^set the status of /);
});
