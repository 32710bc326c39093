// The compilation's order and labels: tabled amendments in document order (by the clause they
// amend; on one clause, changes to it before insertions after it; then by tabling time), and last
// those whose clause is gone. Each is labelled with its number from its tabling ("A7"), which
// stays the same whatever is decided about the others, as it does in the PDF.

import { amendmentNumber } from '../amendment-number.js';

const byTime = (a, b) => String(a.createdAt).localeCompare(String(b.createdAt));

/**
 * clauses: the current clauses in order; amendments: every amendment of the state.
 * Returns {ordered: [{amendment, label}], label: Map id → label, orphans: [amendment]}.
 */
export function labelAmendments(clauses, amendments) {
  const tabled = amendments.filter((a) => a.state === 'tabled');
  const present = new Set(clauses.map((c) => c.id));
  const ordered = [];
  for (const clause of clauses) {
    const own = tabled.filter((a) => a.clauseId === clause.id).sort(byTime);
    ordered.push(...own.filter((a) => a.kind !== 'insert'), ...own.filter((a) => a.kind === 'insert'));
  }
  const orphans = tabled.filter((a) => !present.has(a.clauseId)).sort(byTime);
  ordered.push(...orphans);
  const label = new Map(amendments.filter((a) => amendmentNumber(a)).map((a) => [a.id, amendmentNumber(a)]));
  return { ordered, label, orphans };
}
