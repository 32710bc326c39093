// The sidebar: the meetings this person can see, each with their role in it, a link to its
// members and its documents.

import { h } from './dom.js';
import { documentHref, meetingHref, membersHref } from './routes.js';
import { clauseCountLabel, documentStatusLabel } from './format.js';
import { yourRoleText } from './roles.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/frame.js';

addStrings(strings);

/** meetings: [{id, name, role}]; documents: summaries with meetingId; user: the signed-in person. */
export function renderMeetingList(meetings, documents, user, currentId) {
  const known = new Set(meetings.map((m) => m.id));
  const others = documents.filter((d) => !known.has(d.meetingId));
  if (!meetings.length && !others.length) {
    return h('p', { class: 'empty' }, user?.admin
      ? t('list.none.admin')
      : t('list.none'));
  }
  return h('ul', { class: 'meeting-list' },
    meetings.map((meeting) => h('li', { class: 'meeting-list__item' },
      h('h3', { class: 'meeting-list__name', dir: 'auto' },
        h('a', { href: meetingHref(meeting.id), 'data-meeting-id': meeting.id }, meeting.name)),
      h('p', { class: 'meeting-list__role' }, yourRoleText(meeting.role, user)),
      h('p', { class: 'meeting-list__links' },
        h('a', { href: membersHref(meeting.id), 'data-members-of': meeting.id },
          t('list.members'), h('span', { class: 'visually-hidden' }, t('list.membersOf', { meeting: meeting.name })))),
      renderDocumentLinks(documents.filter((d) => d.meetingId === meeting.id), currentId))),
    others.length
      ? h('li', { class: 'meeting-list__item' },
        h('h3', { class: 'meeting-list__name' }, t('list.otherDocuments')),
        renderDocumentLinks(others, currentId))
      : null);
}

/** The links to some documents (also used on a meeting's page). */
export function renderDocumentLinks(documents, currentId) {
  if (!documents.length) return h('p', { class: 'empty' }, t('list.noDocuments'));
  return h('ul', { class: 'doc-list' }, documents.map((doc) =>
    h('li', null,
      h('a', {
        class: 'doc-list__link',
        href: documentHref(doc.id),
        'data-document-id': doc.id,
        'aria-current': doc.id === currentId ? 'page' : null,
      },
      h('span', { class: 'doc-list__title', dir: 'auto' }, doc.title || t('common.untitled')),
      h('span', { class: 'doc-list__meta' },
        [doc.meta?.symbol, documentStatusLabel(doc.status), clauseCountLabel(doc.clauseCount)]
          .filter(Boolean).join(' · '))))));
}

/** Marks the link to the page shown (a document, a meeting or its members) with aria-current. */
export function markCurrent(container, { documentId = null, meetingId = null, membersOf = null } = {}) {
  const marks = [
    ['a[data-document-id]', (a) => a.dataset.documentId === documentId],
    ['a[data-meeting-id]', (a) => a.dataset.meetingId === meetingId],
    ['a[data-members-of]', (a) => a.dataset.membersOf === membersOf],
  ];
  for (const [selector, isCurrent] of marks) {
    for (const link of container.querySelectorAll(selector)) {
      if (isCurrent(link)) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
}
