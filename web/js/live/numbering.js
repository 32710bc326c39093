// Clause numbers (PP1, 1, (a)) derived from the order of kinds, exactly as the server derives
// them (plenary.document.Numbering). They are never sent in changes.

/** 1 → a … 26 → z, 27 → aa, 28 → bb (plenary.document.Numbering.letters). */
export function subParagraphLetters(n) {
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

/** Labels for clauses of these kinds, in order: PP1…, 1…, (a)… reset by each operative; else null. */
export function clauseNumbers(kinds) {
  let preambular = 0;
  let operative = 0;
  let sub = 0;
  return kinds.map((kind) => {
    switch (kind) {
      case 'preambular': return `PP${++preambular}`;
      case 'operative': sub = 0; return String(++operative);
      case 'sub-paragraph': return `(${subParagraphLetters(++sub)})`;
      default: return null;
    }
  });
}
