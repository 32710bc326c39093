// One meeting's page: its name, the person's role in it, its documents and a link to its members.

import { h } from './dom.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/meeting.js';
import { membersHref } from './routes.js';
import { renderDocumentLinks } from './render-list.js';
import { yourRoleText } from './roles.js';

addStrings(strings);

export function renderMeeting(meeting, documents, user) {
  return h('section', { class: 'meeting', 'aria-labelledby': 'meeting-title' },
    h('p', { class: 'eyebrow' }, t('meeting.eyebrow')),
    h('h1', { id: 'meeting-title', tabindex: '-1', dir: 'auto' }, meeting.name),
    h('p', null, yourRoleText(meeting.role, user)),
    h('p', null, h('a', { href: membersHref(meeting.id) }, t('meeting.membersLink'))),
    h('h2', null, t('meeting.documents')),
    renderDocumentLinks(documents, null));
}
