// Checks web/js/text-op.js against vectors computed by the Java implementation, then writes
// vectors computed by the JS module for the Java side to check (so agreement is tested both
// ways). Run by TextOpCrossLanguageTest; can also be run by hand:
//
//   node src/test/js/check-text-op-vectors.mjs target/ot-vectors.json [out.json]
//
// out.json defaults to ot-vectors-from-js.json beside the input. The JS cases are drawn from a
// PRNG seeded by the input's "seed", so one seed replays both directions. Exits 0 when every
// vector agrees, 1 with the first mismatch, 2 on bad usage.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ot from '../../../web/js/text-op.js';

const JS_CASES = 2000;
const JS_EDGES = 1000;
const MAX_CODE_POINTS = 12;

// ---- expected values: the same fields, computed the same way, as OtVectors.java ----

function expectCase(c) {
  const { text, a, b, c: next, raw, positions } = c;
  const applyA = ot.apply(text, a);
  const applyB = ot.apply(text, b);
  const composeAC = ot.compose(a, next);
  const bAfterARight = ot.transform(b, a, 'right');
  const aAfterBLeft = ot.transform(a, b, 'left');
  return {
    normalizedRaw: ot.normalize(raw),
    applyRaw: ot.apply(text, raw),
    applyA,
    applyB,
    applyAC: ot.apply(applyA, next),
    composeAC,
    applyComposeAC: ot.apply(text, composeAC),
    aAfterBLeft,
    aAfterBRight: ot.transform(a, b, 'right'),
    bAfterALeft: ot.transform(b, a, 'left'),
    bAfterARight,
    convergedViaA: ot.apply(applyA, bAfterARight),
    convergedViaB: ot.apply(applyB, aAfterBLeft),
    spanA: ot.spanLength(a),
    deltaA: ot.targetLengthDelta(a),
    spanRaw: ot.spanLength(raw),
    deltaRaw: ot.targetLengthDelta(raw),
    caretsOwn: positions.map((p) => ot.transformPosition(p, a, true)),
    caretsOther: positions.map((p) => ot.transformPosition(p, a, false)),
  };
}

function expectEdge(e) {
  try {
    return { result: ot.apply(e.text, e.op) };
  } catch (err) {
    if (!(err instanceof ot.InvalidOperationError)) throw err;
    return { error: err.message };
  }
}

function malformedError(json) {
  try {
    ot.normalize(JSON.parse(json));
  } catch (err) {
    if (!(err instanceof ot.InvalidOperationError)) throw err;
    return err.message;
  }
  return null;
}

// ---- comparison ----

function show(v) {
  // Escape everything non-ASCII so the two sides' code units are visible.
  return JSON.stringify(v).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function firstDifference(expected, actual) {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const k of keys) {
    if (show(expected[k]) !== show(actual[k])) {
      return `field ${k}: Java ${show(expected[k])}, JavaScript ${show(actual[k])}`;
    }
  }
  return null;
}

function mismatch(kind, index, input, detail) {
  console.error(`MISMATCH in ${kind} ${index}: ${detail}`);
  console.error(`input: ${show(input)}`);
  process.exit(1);
}

function checkJavaVectors(doc) {
  doc.cases.forEach((c, i) => {
    let actual;
    try {
      actual = expectCase(c);
    } catch (err) {
      mismatch('Java case', i, c, `JavaScript threw ${err.stack}`);
    }
    const diff = firstDifference(c.expect, actual);
    if (diff) mismatch('Java case', i, c, diff);
    if (actual.convergedViaA !== actual.convergedViaB) mismatch('Java case', i, c, 'TP1 fails in JavaScript');
  });
  doc.edges.forEach((e, i) => {
    const diff = firstDifference(e.expect, expectEdge(e));
    if (diff) mismatch('Java edge case', i, e, diff);
  });
  doc.malformed.forEach((m, i) => {
    const actual = malformedError(m.json);
    if (actual !== m.error) mismatch('Java malformed input', i, m, `Java "${m.error}", JavaScript ${show(actual)}`);
  });
}

// ---- JS-side generation: a seeded SplitMix64, independent of Java's SplittableRandom ----

function splitMix64(seed) {
  let state = BigInt.asUintN(64, seed);
  const next32 = () => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    z ^= z >> 31n;
    return Number(z >> 32n);
  };
  return { int: (n) => next32() % n, bool: () => (next32() & 1) === 1 };
}

const POOLS = [
  [0x61, 0x7a], [0x20, 0x20], [0x2e, 0x2e],
  [0x0621, 0x064a], // Arabic
  [0x4e00, 0x4fff], // CJK
  [0x0300, 0x036f], // combining marks
  [0x1f600, 0x1f64f], // emoticons (surrogate pairs)
  [0x1f300, 0x1f5ff], // pictographs
  [0x1d400, 0x1d7ff], // mathematical alphanumerics
  [0x20000, 0x2a6df], // CJK extension B
];

function codePoint(r) {
  const [lo, hi] = POOLS[r.int(POOLS.length)];
  return String.fromCodePoint(lo + r.int(hi - lo + 1));
}

function randomText(r, max) {
  let s = '';
  for (let n = r.int(max + 1); n > 0; n--) s += codePoint(r);
  return s;
}

function insertText(r) {
  let s = '';
  for (let n = 1 + r.int(4); n > 0; n--) s += codePoint(r);
  return s;
}

// Code units covered by up to count code points from pos.
function unitsFor(text, pos, count) {
  let end = pos;
  for (let i = 0; i < count && end < text.length; i++) end += text.codePointAt(end) > 0xffff ? 2 : 1;
  return end - pos;
}

// Possibly non-canonical, but valid on text and cut only at code point boundaries.
function rawOp(r, text) {
  const out = [];
  let pos = 0;
  let edited = false;
  for (;;) {
    const roll = r.int(10);
    // Mostly stop only after an edit: all-retain operations are no-ops, wanted but rarely.
    const mayStop = edited || r.int(8) === 0;
    if (mayStop && (roll === 0 || (pos === text.length && roll < 5))) return out;
    edited ||= roll < 4 || roll >= 7;
    if (roll < 4) {
      out.push(insertText(r));
      continue;
    }
    const units = unitsFor(text, pos, 1 + r.int(3));
    if (units === 0) continue;
    out.push(roll < 7 ? units : -units);
    pos += units;
  }
}

function boundary(r, text) {
  const cps = [...text];
  let pos = 0;
  for (let k = r.int(cps.length + 1), i = 0; i < k; i++) pos += cps[i].length;
  return pos;
}

// Built in code units regardless of the text: may overrun, cut pairs, or insert half a pair.
function unitOp(r, text) {
  const out = [];
  for (let n = 1 + r.int(4); n > 0; n--) {
    const roll = r.int(3);
    if (roll === 0) {
      let s = insertText(r);
      if (r.int(4) === 0) {
        const cut = r.int(s.length);
        s = s.slice(cut, cut + 1);
      }
      out.push(s);
    } else {
      const units = 1 + r.int(Math.max(1, Math.floor(text.length / 2) + 1));
      out.push(roll === 1 ? units : -units);
    }
  }
  return out;
}

const MALFORMED = [
  '{}', '"abc"', '5', 'null', 'true', '[0]', '[1, -0]', '[1.5]', '[2, -2.5]', '[[1]]',
  '[3, "a", ["b"]]', '[{}]', '[null]', '[false]', '[""]', '[2147483648]', '[-2147483648]',
  '[99999999999999999999]',
];

function generate(seed) {
  const r = splitMix64(seed);
  const cases = [];
  for (let i = 0; i < JS_CASES; i++) {
    const text = randomText(r, MAX_CODE_POINTS);
    const a = ot.normalize(rawOp(r, text));
    const b = ot.normalize(rawOp(r, text));
    const c = ot.normalize(rawOp(r, ot.apply(text, a)));
    const raw = rawOp(r, text);
    const positions = [boundary(r, text), boundary(r, text), text.length + 1 + r.int(3)];
    const kase = { text, a, b, c, raw, positions };
    kase.expect = expectCase(kase);
    if (kase.expect.convergedViaA !== kase.expect.convergedViaB) {
      mismatch('JavaScript-generated case', i, kase, 'TP1 fails in JavaScript');
    }
    cases.push(kase);
  }
  const edges = [];
  for (let i = 0; i < JS_EDGES; i++) {
    const text = randomText(r, 6);
    const edge = { text, op: unitOp(r, text) };
    edge.expect = expectEdge(edge);
    edges.push(edge);
  }
  const malformed = MALFORMED.map((json) => ({ json, error: malformedError(json) }));
  return { generator: 'javascript', seed: seed.toString(), cases, edges, malformed };
}

// ---- main ----

const [inPath, outArg] = process.argv.slice(2);
if (!inPath) {
  console.error('usage: node check-text-op-vectors.mjs <java-vectors.json> [<js-vectors-out.json>]');
  process.exit(2);
}
const outPath = outArg ?? join(dirname(inPath), 'ot-vectors-from-js.json');
const doc = JSON.parse(readFileSync(inPath, 'utf8'));
checkJavaVectors(doc);
console.log(`agree: ${doc.cases.length} Java cases, ${doc.edges.length} edge cases, `
  + `${doc.malformed.length} malformed inputs (seed=${doc.seed})`);

// A different stream from Java's, but fixed by the same seed.
const jsSeed = BigInt.asUintN(64, BigInt(doc.seed) ^ 0x5eed5eed5eed5eedn);
const mine = generate(jsSeed);
for (const m of mine.malformed) {
  if (m.error === null) mismatch('JavaScript malformed input', 0, m, 'JavaScript accepted it');
}
writeFileSync(outPath, JSON.stringify(mine));
console.log(`wrote ${mine.cases.length} JavaScript cases and ${mine.edges.length} edge cases to ${outPath}`);
