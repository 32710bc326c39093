// Operational transformation for clause text, the browser twin of plenary.editing.TextOp.
//
// An operation is a plain array in the wire form: a positive integer retains that many
// code units, a string inserts it, a negative integer deletes that many code units, e.g.
// [5, "abc", -3]. Positions are UTF-16 code units (JS string indices), the same units the
// Java server uses. Whatever follows the last retain or delete is kept, so an operation has
// no base length and a trailing retain is implicit.
//
// Canonical form (what normalize returns and every function here produces): adjacent
// components of one type merged, no zero-length components, an insert before a delete at the
// same position, no trailing retain. The Java side produces the identical form and the same
// error messages; src/test/js/check-text-op-vectors.mjs and TextOpCrossLanguageTest check that.
//
// Functions accept any well-typed wire array (canonical or not) and never mutate their inputs.

/** Largest retain or delete count; the Java side holds counts in 32-bit ints. */
export const MAX_COUNT = 2147483647;

/** A malformed operation, or one that does not fit the text it is applied to. */
export class InvalidOperationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidOperationError';
  }
}

function fail(message) {
  throw new InvalidOperationError(message);
}

function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Checks the wire form's types, as strictly as the Java parser: an array of non-zero integers
 * within MAX_COUNT and non-empty strings. (After JSON.parse, 1.0 is the integer 1, so unlike
 * the Java parser this cannot reject a float written with a zero fraction.)
 */
export function validate(op) {
  if (!Array.isArray(op)) fail(`operation must be a JSON array, got ${typeName(op)}`);
  for (let i = 0; i < op.length; i++) {
    const c = op[i];
    if (typeof c === 'string') {
      if (c.length === 0) fail(`component ${i} is an empty insert; inserts must be non-empty strings`);
    } else if (typeof c === 'number') {
      if (!Number.isInteger(c)) {
        fail(`component ${i} is not an integer; retain and delete counts must be integers`);
      }
      if (c === 0) fail(`component ${i} is zero; retain and delete counts must be non-zero`);
      if (Math.abs(c) > MAX_COUNT) {
        fail(`component ${i} is out of range; counts are limited to ${MAX_COUNT} code units`);
      }
    } else {
      const what = Array.isArray(c) ? 'a nested array'
        : c === null ? 'null'
          : typeof c === 'object' ? 'an object'
            : typeof c === 'boolean' ? 'a boolean'
              : `a ${typeof c}`;
      fail(`component ${i} is ${what}; components must be integers or strings`);
    }
  }
}

// Appends to a canonical array in place, keeping it canonical (mirrors TextOpBuilder).
function mergedCount(sum, kind) {
  if (sum > MAX_COUNT) fail(`merged ${kind} of ${sum} code units exceeds ${MAX_COUNT}`);
  return sum;
}

function pushRetain(out, n) {
  if (n === 0) return;
  const last = out.length - 1;
  if (last >= 0 && typeof out[last] === 'number' && out[last] > 0) {
    out[last] = mergedCount(out[last] + n, 'retain');
  } else {
    out.push(n);
  }
}

function pushInsert(out, s) {
  if (s.length === 0) return;
  const n = out.length;
  const last = n > 0 ? out[n - 1] : undefined;
  if (typeof last === 'string') {
    out[n - 1] = last + s;
  } else if (typeof last === 'number' && last < 0) {
    // Insert-then-delete and delete-then-insert at one position are the same edit;
    // canonical form puts the insert first (merging with an insert already there).
    if (n >= 2 && typeof out[n - 2] === 'string') {
      out[n - 2] = out[n - 2] + s;
    } else {
      out.splice(n - 1, 0, s);
    }
  } else {
    out.push(s);
  }
}

function pushDelete(out, n) {
  if (n === 0) return;
  const last = out.length - 1;
  if (last >= 0 && typeof out[last] === 'number' && out[last] < 0) {
    out[last] = -mergedCount(-out[last] + n, 'delete');
  } else {
    out.push(-n);
  }
}

function finish(out) {
  // The rest of the text is kept implicitly, so a trailing retain says nothing.
  if (out.length > 0 && typeof out[out.length - 1] === 'number' && out[out.length - 1] > 0) {
    out.pop();
  }
  return out;
}

/** The canonical form of a well-typed wire array (a new array). */
export function normalize(op) {
  validate(op);
  const out = [];
  for (const c of op) {
    if (typeof c === 'string') pushInsert(out, c);
    else if (c > 0) pushRetain(out, c);
    else pushDelete(out, -c);
  }
  return finish(out);
}

/** Code units of the old text the operation reaches (retains plus deletes). */
export function spanLength(op) {
  // Of the canonical form, as in Java: a trailing retain is implicit and reaches nothing.
  let span = 0;
  for (const c of normalize(op)) if (typeof c === 'number') span += Math.abs(c);
  return span;
}

/** New length minus old length. */
export function targetLengthDelta(op) {
  let delta = 0;
  for (const c of normalize(op)) delta += typeof c === 'string' ? c.length : Math.min(c, 0);
  return delta;
}

export function isNoop(op) {
  return normalize(op).length === 0;
}

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

// Index of the first unpaired surrogate in s, or -1 if s is well-formed UTF-16.
function unpairedSurrogateAt(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
      else return i;
    } else if (isLow(c)) {
      return i;
    }
  }
  return -1;
}

/**
 * Throws InvalidOperationError unless op can be applied to text (arguments in apply's order):
 * it must not reach past the end, no retain or delete may end between the halves of a
 * surrogate pair, and no insert may carry an unpaired surrogate. Same checks, order and
 * messages as TextOp.validateAgainst.
 */
export function validateAgainst(text, op) {
  if (typeof text !== 'string') fail(`clause text must be a string, got ${typeName(text)}`);
  const ops = normalize(op);
  const length = text.length;
  const span = spanLength(ops);
  if (span > length) fail(`operation spans ${span} code units but clause text has ${length}`);
  let pos = 0;
  for (const c of ops) {
    if (typeof c === 'string') {
      const bad = unpairedSurrogateAt(c);
      if (bad >= 0) fail(`insert at code unit ${pos} contains an unpaired surrogate at offset ${bad}`);
      continue;
    }
    pos += Math.abs(c);
    // Every insert sits where a retain or delete ends (or at 0), so this covers inserts too.
    if (pos > 0 && pos < length && isHigh(text.charCodeAt(pos - 1)) && isLow(text.charCodeAt(pos))) {
      fail(`operation boundary at code unit ${pos} splits a surrogate pair in the clause text`);
    }
  }
}

/** The text after op, which is validated against text first. */
export function apply(text, op) {
  const ops = normalize(op);
  validateAgainst(text, ops);
  const parts = [];
  let pos = 0;
  for (const c of ops) {
    if (typeof c === 'string') {
      parts.push(c);
    } else if (c > 0) {
      parts.push(text.slice(pos, pos + c));
      pos += c;
    } else {
      pos -= c;
    }
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

// Walks canonical components piecemeal; past the end it is an endless retain (mirrors OpCursor).
const RETAIN = 'retain';
const INSERT = 'insert';
const DELETE = 'delete';
const END = 'end';

class Cursor {
  constructor(ops) {
    this.ops = ops;
    this.index = 0;
    this.offset = 0;
  }

  kind() {
    if (this.index >= this.ops.length) return END;
    const c = this.ops[this.index];
    return typeof c === 'string' ? INSERT : c > 0 ? RETAIN : DELETE;
  }

  remaining() {
    if (this.index >= this.ops.length) return Infinity;
    const c = this.ops[this.index];
    return (typeof c === 'string' ? c.length : Math.abs(c)) - this.offset;
  }

  advance(n) {
    if (this.index >= this.ops.length) return;
    this.offset += n;
    const c = this.ops[this.index];
    if (this.offset >= (typeof c === 'string' ? c.length : Math.abs(c))) {
      this.index++;
      this.offset = 0;
    }
  }

  takeInsert(n) {
    const piece = this.ops[this.index].slice(this.offset, this.offset + n);
    this.advance(n);
    return piece;
  }
}

/** One operation with the effect of a followed by b (b made on the text a produces). */
export function compose(a, b) {
  const ca = new Cursor(normalize(a));
  const cb = new Cursor(normalize(b));
  const out = [];
  while (ca.kind() !== END || cb.kind() !== END) {
    // a's deletes remove old text that b never sees.
    if (ca.kind() === DELETE) {
      const n = ca.remaining();
      pushDelete(out, n);
      ca.advance(n);
      continue;
    }
    // b's inserts add text that a never saw.
    if (cb.kind() === INSERT) {
      pushInsert(out, cb.takeInsert(cb.remaining()));
      continue;
    }
    const n = Math.min(ca.remaining(), cb.remaining());
    const keep = cb.kind() !== DELETE;
    if (ca.kind() === INSERT) {
      const piece = ca.takeInsert(n);
      if (keep) pushInsert(out, piece);
    } else {
      if (keep) pushRetain(out, n);
      else pushDelete(out, n);
      ca.advance(n);
    }
    cb.advance(n);
  }
  return finish(out);
}

/**
 * op rewritten to apply after other (both made on the same text). side 'left': op's insert
 * goes first when both insert at one position; 'right': other's goes first.
 * apply(apply(s, a), transform(b, a, 'right')) === apply(apply(s, b), transform(a, b, 'left')).
 */
export function transform(op, other, side) {
  if (side !== 'left' && side !== 'right') fail(`side must be 'left' or 'right', got ${String(side)}`);
  const ca = new Cursor(normalize(op));
  const cb = new Cursor(normalize(other));
  const out = [];
  // Once op is exhausted the rest of the result is its implicit retain.
  while (ca.kind() !== END) {
    if (ca.kind() === INSERT && (side === 'left' || cb.kind() !== INSERT)) {
      pushInsert(out, ca.takeInsert(ca.remaining()));
      continue;
    }
    if (cb.kind() === INSERT) {
      // Step over the other's inserted text, which op did not know about.
      const n = cb.remaining();
      pushRetain(out, n);
      cb.advance(n);
      continue;
    }
    const n = Math.min(ca.remaining(), cb.remaining());
    if (cb.kind() !== DELETE) {
      if (ca.kind() === RETAIN) pushRetain(out, n);
      else pushDelete(out, n);
    }
    // Text the other deleted is gone: nothing left for op to retain or delete there.
    ca.advance(n);
    cb.advance(n);
  }
  return finish(out);
}

/**
 * Where a caret at pos in the old text ends up after op. Inside a deleted range it moves to
 * where the range was. Exactly at an insert's position it moves after the inserted text if
 * ownOp (the caret's owner typed it) and stays before it otherwise (someone else's typing does
 * not push my caret). Same rule as TextOp.transformPosition.
 */
export function transformPosition(pos, op, ownOp = false) {
  if (!Number.isInteger(pos) || pos < 0) fail(`caret position must be a non-negative integer, got ${pos}`);
  const ops = normalize(op);
  let old = 0;
  let result = pos;
  for (const c of ops) {
    if (old > pos) break;
    if (typeof c === 'string') {
      if (old < pos || ownOp) result += c.length;
    } else if (c > 0) {
      old += c;
    } else {
      result -= Math.min(-c, Math.max(0, pos - old));
      old -= c;
    }
  }
  return result;
}
