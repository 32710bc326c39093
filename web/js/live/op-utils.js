// Helpers on text operations that the live client needs beyond text-op.js: the inverse of an
// op, an upper bound of its JSON size, and splitting an op to fit the server's message limit.

import * as ot from '../text-op.js';
import { isHigh, isLow } from './utf16.js';

/** The operation undoing op: applied to apply(text, op) it gives text back. */
export function invertOp(op, text) {
  const out = [];
  let pos = 0;
  for (const c of ot.normalize(op)) {
    if (typeof c === 'string') {
      out.push(-c.length);
    } else if (c > 0) {
      out.push(c);
      pos += c;
    } else {
      out.push(text.slice(pos, pos - c));
      pos -= c;
    }
  }
  return ot.normalize(out);
}

// Upper bound of the UTF-8 bytes one code unit takes in JSON.
function unitCost(code) {
  if (code < 0x20 || code === 0x22 || code === 0x5c) return 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (isHigh(code) || isLow(code)) return 2;
  return 3;
}

function stringCost(s) {
  let cost = 3; // quotes and a comma
  for (let i = 0; i < s.length; i++) cost += unitCost(s.charCodeAt(i));
  return cost;
}

/** Upper bound of the UTF-8 size of an op's JSON. */
export function opCost(op) {
  let cost = 2;
  for (const c of op) cost += typeof c === 'string' ? stringCost(c) : String(c).length + 1;
  return cost;
}

// The longest prefix of s (not cutting a surrogate pair) whose JSON costs at most budget.
function fittingPrefix(s, budget) {
  let cost = 3;
  let i = 0;
  while (i < s.length) {
    const step = isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    let add = 0;
    for (let k = 0; k < step; k++) add += unitCost(s.charCodeAt(i + k));
    if (cost + add > budget) break;
    cost += add;
    i += step;
  }
  return i;
}

const nonEmpty = (components) => components.filter((c) => c !== 0 && c !== '');

/**
 * Splits op into [first, rest] with compose(first, rest) equal to op and first's JSON within
 * budget bytes; rest is null when op fits. Keeps submissions under the server's message limit.
 * first always changes something (it may exceed a budget too small for one character).
 */
export function splitOp(op, budget) {
  const ops = ot.normalize(op);
  if (opCost(ops) <= budget) return [ops, null];
  const first = [];
  let cost = 2;
  let produced = 0; // length, in the text after `first`, of what the taken components cover
  let progress = false; // first inserts or deletes something
  for (let i = 0; i < ops.length; i++) {
    const c = ops[i];
    if (typeof c === 'number') {
      const add = String(c).length + 1;
      if (cost + add > budget && progress) {
        return [ot.normalize(first), ot.normalize(nonEmpty([produced, ...ops.slice(i)]))];
      }
      first.push(c);
      cost += add;
      if (c > 0) produced += c;
      else progress = true;
      continue;
    }
    const add = stringCost(c);
    if (cost + add <= budget) {
      first.push(c);
      cost += add;
      produced += c.length;
      progress = true;
      continue;
    }
    let take = fittingPrefix(c, budget - cost);
    if (take === 0 && !progress) take = isHigh(c.charCodeAt(0)) && isLow(c.charCodeAt(1)) ? 2 : 1;
    const head = c.slice(0, take);
    if (head.length > 0) first.push(head);
    return [ot.normalize(first), ot.normalize(nonEmpty([produced + head.length, c.slice(take), ...ops.slice(i + 1)]))];
  }
  return [ops, null];
}
