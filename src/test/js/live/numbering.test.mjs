// Clause numbers, checked against the server's numbering written independently.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clauseNumbers, subParagraphLetters } from '../../../../web/js/live/live-client.js';
import { makeRng } from './support/rng.mjs';
import { KINDS, serverNumbers } from './support/doc-state.mjs';

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
