// Human-readable labels for values sent by the server, in the interface language.

import { addStrings, locale, t, tn } from './i18n.js';
import strings from './strings/common.js';

addStrings(strings);

const DOCUMENT_STATUSES = new Set(['drafting', 'negotiating', 'adopted']);
/** A paragraph's statuses, from under negotiation to agreed. */
export const CLAUSE_STATUSES = ['bracketed', 'agreed-ad-ref', 'agreed'];
// Statuses under which the server refuses any change to the paragraph until it is reopened (bracketed).
const SETTLED = new Set(['agreed', 'agreed-ad-ref']);

const humanize = (value) => String(value ?? '').replace(/[-_]+/g, ' ');

export const documentStatusLabel = (status) =>
  (DOCUMENT_STATUSES.has(status) ? t(`status.document.${status}`) : humanize(status));
export const clauseStatusLabel = (status) =>
  (CLAUSE_STATUSES.includes(status) ? t(`status.clause.${status}`) : humanize(status));
/** True for agreed and agreed ad ref: the paragraph's text, place and kind are locked. */
export const isSettledStatus = (status) => SETTLED.has(status);
export const clauseCountLabel = (n) => (Number.isFinite(n) ? tn('format.clauses', n) : '');

/** A language's name in the interface language ("French", "français", "francés"). */
export function languageName(code) {
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "2022-02-08" → "8 February 2022" (or "8 février 2022"…); anything else is returned unchanged. */
export function formatDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return value;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An ISO instant → "4 December 2026, 14:02" in the reader's time zone. */
export function formatDateTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value ?? '');
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** An ISO instant → "27 Nov 2026, 18:00" (with seconds: "18:00:07") in the reader's time zone. */
export function formatInstant(value, { seconds = false } = {}) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value ?? '');
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' }).format(date);
}

/** Seconds to wait → "45 seconds", "12 minutes". */
export function formatWait(seconds) {
  const s = Math.max(1, Math.ceil(Number(seconds) || 0));
  if (s < 90) return tn('format.seconds', s);
  return tn('format.minutes', Math.ceil(s / 60));
}
