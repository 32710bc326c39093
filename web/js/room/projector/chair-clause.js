// The clause the chair is on, from the live presence list: the first chair (in the server's
// order) who has a clause; null when no chair has chosen one.

export function chairClauseId(people, clauses) {
  const present = new Set(clauses.map((c) => c.id));
  const chair = (people ?? []).find((p) => p.role === 'chair' && p.clauseId && present.has(p.clauseId));
  return chair?.clauseId ?? null;
}
