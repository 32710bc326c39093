// One sentence for an audit entry of a live frame, for the room's polite live region; null for
// entries nobody needs to hear about (drafts, edits of comments, every single ballot).

import { t } from '../i18n.js';
import { clauseNameById } from './clause-name.js';

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
  return t(`event.${entry.action}`, {
    actor: entry.actor?.delegation || entry.actor?.name || '',
    clause: clauseNameById(client, clauseId),
  });
}
