// Revisions in words: "edited paragraph 3 by Rapporteur (demo), 27 Nov 2026, 18:02:11".

import { clauseStatusLabel, formatInstant } from '../../format.js';
import { t, tn } from '../../i18n.js';
import { clauseName } from '../clause-name.js';

const TYPES = new Set(['text', 'insert', 'delete', 'move', 'set-kind', 'set-status', 'set-statuses', 'set-document-status']);

/** What a revision did, naming its clause from the first of the given clause lists holding it. */
export function changeText(entry, ...clauseLists) {
  const type = TYPES.has(entry.type) ? entry.type : 'other';
  if (type === 'set-statuses') {
    // Several paragraphs in one revision (a silence procedure's conclusion): counted, not named.
    return tn('history.change.set-statuses', entry.clauseIds?.length ?? 0, { status: clauseStatusLabel(entry.status) });
  }
  let clause = t('history.clause.gone');
  for (const clauses of clauseLists) {
    const i = (clauses ?? []).findIndex((c) => c.id === entry.clauseId);
    if (i >= 0) {
      clause = clauseName(clauses[i], i);
      break;
    }
  }
  return t(`history.change.${type}`, { clause });
}

/** The slider's value text: which revision, of how many, what, who and when. */
export function revisionText(revision, max, entry, ...clauseLists) {
  if (revision === 0) return t('history.origin', { max });
  if (!entry) return t('history.revision.unknown', { revision, max });
  return t('history.revision', {
    revision, max, change: changeText(entry, ...clauseLists), author: entry.author ?? '', at: formatInstant(entry.at, { seconds: true }),
  });
}
