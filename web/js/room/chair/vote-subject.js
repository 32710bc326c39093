// What a formal vote is about, in words: "the whole document", "paragraph 3",
// "A7, amendment to paragraph 3 by City of Graz". Also labels tabled amendments in selects.

import { t } from '../../i18n.js';
import { amendmentNumber } from '../amendment-number.js';
import { clauseNameById } from '../clause-name.js';

export function amendmentLabel(amendment, client) {
  return t('chair.vote.subject.amendment', {
    label: amendmentNumber(amendment) ?? amendment.id,
    clause: clauseNameById(client, amendment.clauseId),
    sponsor: amendment.sponsor ?? t('chair.vote.compromise'),
  });
}

export function voteSubject(vote, { store, client }) {
  if (vote.subject === 'document') return t('chair.vote.subject.document');
  if (vote.subject === 'clause') return clauseNameById(client, vote.subjectId);
  const amendment = store.amendment(vote.subjectId);
  return amendment ? amendmentLabel(amendment, client) : t('chair.vote.subject.amendmentGone', { id: vote.subjectId });
}
