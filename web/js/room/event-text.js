// One sentence for an audit entry of a live frame, for the room's polite live region; null for
// entries nobody needs to hear about (drafts, edits of comments, every single ballot). A status
// set back to bracketed from agreed (ad ref) is said as a reopening. {Clause} in a sentence is the
// clause's name capitalised, for sentences that start with it.

import { t } from '../i18n.js';
import { clauseStatusLabel, isSettledStatus } from '../format.js';
import { clauseNameById, sentenceStart } from './clause-name.js';

/** A status as the audit detail spells it ('agreed-ad-ref', or an enum name 'AGREED_AD_REF'). */
const wire = (status) => String(status ?? '').toLowerCase().replace(/_/g, '-');

const ANNOUNCED = new Set([
  'amendment-tabled', 'amendment-withdrawn', 'amendment-accepted', 'amendment-rejected', 'compromise-merged',
  'cosponsor-joined', 'comment-posted', 'clause-status-set', 'phase-set', 'vote-called', 'vote-opened',
  'vote-closed', 'silence-started', 'silence-broken', 'silence-concluded', 'document-adopted',
]);

/** entry: {action, subject, actor, detail}; store: NegotiationStore; client: LiveClient. */
export function eventText(entry, { store, client }) {
  if (!entry || entry.hidden || !ANNOUNCED.has(entry.action)) return null;
  const detail = entry.detail ?? {};
  const clauseId = detail.clauseId ?? store.amendment(detail.amendmentId ?? entry.subject)?.clauseId
    ?? (detail.target === 'clause' ? detail.targetId : null) ?? entry.subject;
  if (entry.action === 'clause-status-set' && isSettledStatus(wire(detail.from)) && wire(detail.to) === 'bracketed') {
    // A reopening: the paragraph is under negotiation again, which editors need to hear as such.
    return t('event.clause-reopened', {
      Clause: sentenceStart(clauseNameById(client, clauseId)),
      status: clauseStatusLabel(wire(detail.from)),
    });
  }
  return t(`event.${entry.action}`, {
    actor: entry.actor?.delegation || entry.actor?.name || '',
    clause: clauseNameById(client, clauseId),
  });
}
