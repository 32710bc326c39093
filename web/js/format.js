// Human-readable labels for values sent by the server.

const DOCUMENT_STATUS = { drafting: 'Drafting', negotiating: 'Negotiating', adopted: 'Adopted' };
const CLAUSE_STATUS = { bracketed: 'bracketed', 'agreed-ad-ref': 'agreed ad ref', agreed: 'agreed' };

const humanize = (value) => String(value ?? '').replace(/[-_]+/g, ' ');

export const documentStatusLabel = (status) => DOCUMENT_STATUS[status] ?? humanize(status);
export const clauseStatusLabel = (status) => CLAUSE_STATUS[status] ?? humanize(status);
export const clauseCountLabel = (n) => (Number.isFinite(n) ? `${n} ${n === 1 ? 'clause' : 'clauses'}` : '');

export function languageName(code) {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "2022-02-08" → "8 February 2022"; anything else is returned unchanged. */
export function formatDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return value;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
