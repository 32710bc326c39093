// The history view's word diff: seeded random texts, both sides rebuilt from the parts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokens, wordDiff } from '../../../../web/js/room/history/word-diff.js';
import { makeRng } from '../live/support/rng.mjs';

const SEED = Number.parseInt(process.env.LIVE_SEED ?? '', 10) || 20261127;
const WORDS = ['Calls', 'upon', 'local', 'and', 'regional', 'governments', 'to', 'the', 'human', 'rights',
  'by', '2030', 'États', 'derechos', 'حقوق', 'الإنسان', '城市', ',', ';', '.', '*', ' ', '  ', '\n', '😀'];

const side = (parts, kind) => parts.filter((p) => p.kind === 'equal' || p.kind === kind).map((p) => p.text).join('');

function randomText(r) {
  return Array.from({ length: r.int(40) }, () => r.pick(WORDS) + (r.int(3) === 0 ? '' : ' ')).join('');
}

/** A related text: some tokens of text dropped, replaced or added. */
function edit(r, text) {
  const out = [];
  for (const token of tokens(text)) {
    const roll = r.int(10);
    if (roll === 0) continue;
    if (roll === 1) out.push(r.pick(WORDS));
    else out.push(token);
    if (roll === 2) out.push(r.pick(WORDS), ' ');
  }
  return out.join('');
}

test('tokens join back into the text', () => {
  assert.deepEqual(tokens('Calls upon, cities'), ['Calls', ' ', 'upon', ', ', 'cities']);
  assert.deepEqual(tokens('加强人权教育'), ['加强', '人权', '教育']);
  assert.equal(tokens('').length, 0);
});

test('a changed word is one deletion and one insertion', () => {
  assert.deepEqual(wordDiff('Calls upon cities to act;', 'Calls upon States to act now;'), [
    { kind: 'equal', text: 'Calls upon ' },
    { kind: 'delete', text: 'cities' },
    { kind: 'insert', text: 'States' },
    { kind: 'equal', text: ' to act' },
    { kind: 'insert', text: ' now' },
    { kind: 'equal', text: ';' },
  ]);
  assert.deepEqual(wordDiff('same', 'same'), [{ kind: 'equal', text: 'same' }]);
  assert.deepEqual(wordDiff('', 'new'), [{ kind: 'insert', text: 'new' }]);
  assert.deepEqual(wordDiff('old', ''), [{ kind: 'delete', text: 'old' }]);
});

test(`seeded random texts: equal+insert gives the new text, equal+delete the old one (seed ${SEED})`, () => {
  const r = makeRng(SEED);
  for (let i = 0; i < 2000; i++) {
    const before = randomText(r);
    const after = r.int(4) === 0 ? randomText(r) : edit(r, before);
    const parts = wordDiff(before, after);
    const where = `seed ${SEED}, case ${i}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`;
    assert.equal(side(parts, 'insert'), after, where);
    assert.equal(side(parts, 'delete'), before, where);
    for (const [k, p] of parts.entries()) {
      assert.ok(p.text.length > 0, `empty part, ${where}`);
      assert.notEqual(p.kind, parts[k + 1]?.kind, `unmerged neighbours, ${where}`);
    }
    if (before === after) assert.ok(parts.every((p) => p.kind === 'equal'), where);
  }
});
