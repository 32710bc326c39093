// The differences between two versions of a document, clause by clause (by stable id): changed
// text (word diff), added, removed, moved (relative order changed) and status changes.

import { wordDiff } from './word-diff.js';

/**
 * from, to: [{id, kind, number, text, status}] in document order.
 * Returns [{kind: 'changed'|'added'|'removed'|'moved', clause, position, parts, moved, fromStatus}]
 * in the order of `to`, removed clauses last; clauses alike in both are left out.
 */
export function clauseDiff(from, to) {
  const before = new Map(from.map((c, i) => [c.id, { clause: c, position: i }]));
  const after = new Set(to.map((c) => c.id));
  const moved = movedIds(from.filter((c) => after.has(c.id)).map((c) => c.id), to.filter((c) => before.has(c.id)).map((c) => c.id));
  const out = [];
  to.forEach((clause, position) => {
    const old = before.get(clause.id);
    if (!old) {
      out.push({ kind: 'added', clause, position, parts: [{ kind: 'insert', text: clause.text }] });
      return;
    }
    const textChanged = old.clause.text !== clause.text;
    const statusChanged = old.clause.status !== clause.status;
    const wasMoved = moved.has(clause.id);
    if (!textChanged && !statusChanged && !wasMoved) return;
    out.push({
      kind: textChanged || statusChanged ? 'changed' : 'moved',
      clause, position,
      parts: textChanged ? wordDiff(old.clause.text, clause.text) : [{ kind: 'equal', text: clause.text }],
      moved: wasMoved,
      fromStatus: statusChanged ? old.clause.status : null,
      fromClause: old.clause,
      fromPosition: old.position,
    });
  });
  from.forEach((clause, position) => {
    if (!after.has(clause.id)) out.push({ kind: 'removed', clause, position, parts: [{ kind: 'delete', text: clause.text }] });
  });
  return out;
}

/**
 * Ids whose relative order changed: those outside a longest increasing subsequence of their new
 * positions taken in the old order (patience sorting, n log n).
 */
function movedIds(oldOrder, newOrder) {
  const newPos = new Map(newOrder.map((id, i) => [id, i]));
  const seq = oldOrder.map((id) => newPos.get(id));
  const tails = []; // index into seq of the smallest tail of each length
  const prev = new Array(seq.length).fill(-1);
  seq.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const kept = new Set();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) kept.add(oldOrder[i]);
  return new Set(oldOrder.filter((id) => !kept.has(id)));
}
