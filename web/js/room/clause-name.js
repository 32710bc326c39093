// How the page names a clause in sentences and labels: "paragraph 3", "preambular paragraph PP2".

import { t } from '../i18n.js';

/** clause: {kind, number}; position: its index in the document (for unnumbered clauses). */
export function clauseName(clause, position = 0) {
  if (!clause) return t('event.clause.this');
  const kind = ['operative', 'preambular', 'sub-paragraph', 'heading'].includes(clause.kind) ? clause.kind : 'other';
  if (!clause.number && kind !== 'other') return t('room.clause.name.other', { position: position + 1 });
  return t(`room.clause.name.${kind}`, { number: clause.number ?? '', position: position + 1 });
}

/** The first words of a clause's text, without Markdown marks: "Commits to promoting…". */
export function clauseExcerpt(text, words = 10) {
  const all = String(text ?? '').replace(/[*_#`[\]^]/g, '').trim().split(/\s+/);
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ');
}

/** The name of a clause by id in a LiveClient's current document. */
export function clauseNameById(client, clauseId) {
  const clauses = client.clauses;
  const i = clauses.findIndex((c) => c.id === clauseId);
  return i < 0 ? t('event.clause.this') : clauseName(clauses[i], i);
}

/** A name put at the start of a sentence: "paragraph 3" → "Paragraph 3". */
export function sentenceStart(name) {
  const text = String(name ?? '');
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
