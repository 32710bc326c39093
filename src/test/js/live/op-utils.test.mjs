// textDiff, invertOp and splitOp (op-utils.js, text-diff.js) on random text with surrogate pairs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ot from '../../../../web/js/text-op.js';
import { textDiff, invertOp, splitOp, opCost } from '../../../../web/js/live/live-client.js';
import { makeRng } from './support/rng.mjs';

test('textDiff, invertOp and splitOp on random text with surrogate pairs', () => {
  const r = makeRng(2024);
  const alphabet = ['a', 'b', ' ', 'é', '中', '😀', '👍🏽', '"', '\n'];
  const pieces = (n) => Array.from({ length: n }, () => r.pick(alphabet));
  for (let i = 0; i < 2000; i++) {
    const ap = pieces(r.int(12));
    const a = ap.join('');
    const b = r.chance(0.5) ? pieces(r.int(12)).join('')
      : [...ap.slice(0, r.int(ap.length + 1)), ...pieces(r.int(3)), ...ap.slice(r.int(ap.length + 1))].join('');
    const d = textDiff(a, b);
    assert.equal(ot.apply(a, d), b, `diff ${JSON.stringify([a, b])}`);
    assert.ok(d.filter((c) => typeof c === 'string').length <= 1 && d.filter((c) => c < 0).length <= 1);
    assert.equal(ot.apply(b, invertOp(d, a)), a);
    const budget = 8 + r.int(40);
    let rest = d;
    let text = a;
    const target = b;
    for (let guard = 0; rest !== null && guard < 1000; guard++) {
      const [first, next] = splitOp(rest, budget);
      if (next !== null) {
        assert.ok(opCost(first) <= Math.max(budget, 24), `piece ${JSON.stringify(first)} over ${budget}`);
        assert.ok(first.some((c) => typeof c === 'string' || c < 0), 'every piece changes something');
      }
      text = ot.apply(text, first);
      rest = next;
    }
    assert.equal(text, target);
  }
  assert.deepEqual(textDiff('a😀b', 'a😃b'), [1, '😃', -2]); // never half a pair
});
