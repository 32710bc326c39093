// Paragraph statuses in the reader's language, and the first words of a clause for tables and lists.

import { t } from '../../i18n.js';

export const STATUSES = ['bracketed', 'agreed-ad-ref', 'agreed'];

export const statusLabel = (status) => t(`chair.status.${status}`);

/** The first words of a clause's text, without Markdown marks. */
export function firstWords(text, words = 10) {
  const all = String(text ?? '').replace(/[*_#`[\]^]/g, '').trim().split(/\s+/);
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ');
}
