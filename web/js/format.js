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

/** An ISO instant → "4 December 2026, 14:02" in the reader's time zone. */
export function formatDateTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value ?? '');
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** Seconds to wait → "45 seconds", "12 minutes". */
export function formatWait(seconds) {
  const s = Math.max(1, Math.ceil(Number(seconds) || 0));
  if (s < 90) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const m = Math.ceil(s / 60);
  return `${m} minutes`;
}
