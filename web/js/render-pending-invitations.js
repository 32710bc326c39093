// The pending invitations of a meeting, for its chairs and admins: whom each is for, who made it,
// when it expires, and Revoke. Links are never shown again here: their creator saw each once.

import { h } from './dom.js';
import { formatDateTime } from './format.js';
import { ROLES, roleLabel } from './roles.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/members.js';

addStrings(strings);

/** "a Delegate (City of Graz)": whom an invitation is for, as the invite form says it. */
export function invitationFor({ role, delegation }) {
  const someone = ROLES.includes(role) ? t(`invite.who.${role}`) : roleLabel(role);
  return delegation ? `${someone} (${delegation})` : someone;
}

/**
 * invitations: [{id, role, delegation, createdBy: {userId, username, displayName}, createdAt, expiresAt}].
 * Returns {element, body, rows: Map(id → {row, invitation}), add(invitation), remove(id)}; each
 * Revoke button carries data-action="revoke" and data-invitation-id, for the caller's click handler.
 */
export function renderPendingInvitations(invitations) {
  const rows = new Map();
  const body = h('tbody');
  const none = h('p', { class: 'empty' }, t('invitations.none'));
  const table = h('div', { class: 'table-scroll' },
    h('table', { class: 'members invitations', 'aria-labelledby': 'invitations-title' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('members.col.role')),
        h('th', { scope: 'col' }, t('members.col.delegation')),
        h('th', { scope: 'col' }, t('invitations.col.invitedBy')),
        h('th', { scope: 'col' }, t('invitations.col.expires')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('members.col.actions'))))),
      body));
  const element = h('section', { class: 'invite pending-invitations', 'aria-labelledby': 'invitations-title' },
    h('h2', { id: 'invitations-title', tabindex: '-1' }, t('invitations.title')),
    h('p', null, t('invitations.intro')),
    none, table);

  const shown = () => {
    none.hidden = rows.size > 0;
    table.hidden = rows.size === 0;
  };
  const add = (invitation) => {
    const row = renderRow(invitation);
    rows.set(invitation.id, { row, invitation });
    body.append(row);
    shown();
  };
  const remove = (id) => {
    rows.get(id)?.row.remove();
    rows.delete(id);
    shown();
  };
  invitations.forEach(add);
  shown();
  return { element, body, rows, add, remove };
}

function renderRow(invitation) {
  const by = invitation.createdBy ?? {};
  return h('tr', { 'data-invitation-id': invitation.id },
    h('th', { scope: 'row' }, roleLabel(invitation.role)),
    h('td', { dir: 'auto' }, invitation.delegation ?? ''),
    h('td', { dir: 'auto' }, by.displayName || by.username || ''),
    h('td', null, h('time', { datetime: invitation.expiresAt }, formatDateTime(invitation.expiresAt))),
    h('td', { class: 'members__actions' }, h('button', {
      type: 'button', class: 'button button--small button--danger', 'data-action': 'revoke',
      'data-invitation-id': invitation.id,
    }, t('invitations.revoke'), h('span', { class: 'visually-hidden' },
      ` ${t('invitations.revokeWhat', { who: invitationFor(invitation) })}`))));
}
