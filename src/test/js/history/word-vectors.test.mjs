// The browser's word segmentation and word diff against the vectors the server is checked against
// too (plenary.amendment.WordsVectorsTest): Chinese, Japanese, Thai, Arabic with its vowel signs,
// Russian, emoji sequences, Markdown marks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokens, wordDiff } from '../../../../web/js/room/history/word-diff.js';

const VECTORS = JSON.parse(readFileSync(new URL('../../resources/plenary/words/vectors.json', import.meta.url), 'utf8'));

test('segments as the server does', () => {
  for (const v of VECTORS.tokens) {
    assert.deepEqual(tokens(v.text), v.tokens, v.name);
    assert.equal(v.tokens.join(''), v.text, `${v.name}: the tokens spell the text`);
  }
});

test('diffs as the server does', () => {
  for (const v of VECTORS.diffs) {
    assert.deepEqual(wordDiff(v.from, v.to), v.parts, v.name);
  }
});
