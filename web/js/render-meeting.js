// One meeting's page: its name, the person's role in it, its documents and a link to its members.

import { h } from './dom.js';
import { membersHref } from './routes.js';
import { renderDocumentLinks } from './render-list.js';
import { roleInMeetingLabel } from './roles.js';

export function renderMeeting(meeting, documents, user) {
  return h('section', { class: 'meeting', 'aria-labelledby': 'meeting-title' },
    h('p', { class: 'eyebrow' }, 'Meeting'),
    h('h1', { id: 'meeting-title', tabindex: '-1', dir: 'auto' }, meeting.name),
    h('p', null, `Your role: ${roleInMeetingLabel(meeting.role, user)}`),
    h('p', null, h('a', { href: membersHref(meeting.id) }, 'Members of this meeting')),
    h('h2', null, 'Documents'),
    renderDocumentLinks(documents, null));
}
