// The members page of a meeting (#/meetings/<id>/members): the table of members and, for chairs
// and admins, saving a member's role and delegation, removing members, the pending invitations
// (with Revoke) and inviting people.

import { h } from './dom.js';
import { api } from './api.js';
import { clearProblem, formAlert, formStatus, showInvalid, showProblem } from './forms.js';
import { canManageMembers, roleLabel, yourRoleText } from './roles.js';
import { meetingHref } from './routes.js';
import { renderMembersTable } from './render-members-table.js';
import { renderInviteForm } from './render-invite-form.js';
import { invitationFor, renderPendingInvitations } from './render-pending-invitations.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/members.js';

addStrings(strings);

/**
 * Loads the meeting and its members and renders the page. Rejects with ApiError.
 * ctx: {signal, user, onMembershipChanged(userId)}: the latter after a save or removal.
 */
export async function renderMembersView(meetingId, { signal, user, onMembershipChanged }) {
  const [meeting, members] = await Promise.all([
    api.getMeeting(meetingId, { signal }),
    api.listMembers(meetingId, { signal }),
  ]);
  const manage = canManageMembers(meeting.role, user);
  // Only those who run the meeting see its invitations (the server refuses everyone else).
  const pending = manage ? renderPendingInvitations(await api.listInvitations(meetingId, { signal })) : null;
  const alert = formAlert();
  const status = formStatus();
  const table = renderMembersTable(meeting.name, sortMembers(members), { manage, self: user?.id });
  const element = h('section', { class: 'members-view', 'aria-labelledby': 'members-title' },
    h('p', { class: 'eyebrow' }, h('a', { href: meetingHref(meeting.id), dir: 'auto' }, meeting.name)),
    h('h1', { id: 'members-title', tabindex: '-1' }, t('members.title')),
    h('p', null, `${yourRoleText(meeting.role, user)}.`, manage ? t('members.canManage') : ''),
    alert, status,
    members.length ? table.element : h('p', { class: 'empty' }, t('members.none')),
    pending?.element,
    manage ? renderInviteForm(meeting.id, { onCreated: (made) => pending.add(invitationMadeBy(made, user)) }) : null);

  if (manage) {
    table.body.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (!button) return;
      const parts = table.rows.get(button.dataset.userId);
      if (!parts || button.dataset.busy) return;
      button.dataset.busy = 'true';
      const work = button.dataset.action === 'save' ? save(parts) : remove(parts, button);
      work.finally(() => { delete button.dataset.busy; });
    });
    pending.body.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action="revoke"]');
      if (!button || button.dataset.busy) return;
      button.dataset.busy = 'true';
      revoke(button.dataset.invitationId, button).finally(() => { delete button.dataset.busy; });
    });
  }

  async function revoke(invitationId, button) {
    clearProblem(alert);
    status.textContent = '';
    const entry = pending.rows.get(invitationId);
    if (!entry) return;
    try {
      await api.revokeInvitation(meeting.id, invitationId);
    } catch (error) {
      showProblem(alert, error);
      return;
    }
    // Focus goes to the next row's Revoke button (or the previous row's, or the section's heading).
    const ids = [...pending.rows.keys()];
    const i = ids.indexOf(invitationId);
    const neighbour = pending.rows.get(ids[i + 1] ?? ids[i - 1]);
    const hadFocus = entry.row.contains(document.activeElement) || document.activeElement === button;
    pending.remove(invitationId);
    status.textContent = t('invitations.revoked', { who: invitationFor(entry.invitation) });
    if (hadFocus) {
      (neighbour?.row.querySelector('button[data-action="revoke"]') ?? pending.element.querySelector('h2')).focus();
    }
  }

  async function save(parts) {
    clearProblem(alert);
    status.textContent = '';
    const role = parts.role.value;
    const delegation = parts.delegation.value.trim();
    const name = parts.member.displayName || parts.member.username;
    if (role === 'delegate' && !delegation) {
      parts.setError(t('members.delegationMissing'));
      showInvalid(alert, [t('members.delegationMissingFor', { name })]);
      parts.delegation.focus();
      return;
    }
    parts.setError('');
    try {
      const saved = await api.putMember(meeting.id, parts.member.userId, { role, delegation: delegation || undefined });
      parts.member = saved;
      parts.role.value = saved.role;
      parts.delegation.value = saved.delegation ?? '';
      status.textContent = saved.delegation
        ? t('members.savedFor', { name, role: roleLabel(saved.role), delegation: saved.delegation })
        : t('members.saved', { name, role: roleLabel(saved.role) });
      onMembershipChanged(saved.userId);
    } catch (error) {
      showProblem(alert, error);
    }
  }

  async function remove(parts, button) {
    clearProblem(alert);
    status.textContent = '';
    const name = parts.member.displayName || parts.member.username;
    if (!globalThis.confirm(t('members.confirmRemove', { name, meeting: meeting.name }))) return;
    try {
      await api.removeMember(meeting.id, parts.member.userId);
    } catch (error) {
      showProblem(alert, error);
      return;
    }
    // Focus goes to the next row's Save button (or the previous row's, or the heading).
    const rowsNow = [...table.rows.values()];
    const i = rowsNow.indexOf(parts);
    const neighbour = rowsNow[i + 1] ?? rowsNow[i - 1];
    const hadFocus = parts.row.contains(document.activeElement) || document.activeElement === button;
    parts.row.remove();
    table.rows.delete(parts.member.userId);
    table.setCount(table.rows.size);
    status.textContent = t('members.removed', { name });
    if (hadFocus) {
      (neighbour?.row.querySelector('button[data-action="save"]') ?? element.querySelector('h1')).focus();
    }
    onMembershipChanged(parts.member.userId);
  }

  return { element, meeting };
}

/** A new invitation as the listing would show it: made just now, by the person signed in. */
function invitationMadeBy(made, user) {
  return {
    id: made.id, role: made.role, delegation: made.delegation, expiresAt: made.expiresAt,
    createdBy: { userId: user?.id, username: user?.username, displayName: user?.displayName },
  };
}

const ORDER = { chair: 0, rapporteur: 1, delegate: 2, observer: 3 };

function sortMembers(members) {
  return [...members].sort((a, b) => (ORDER[a.role] ?? 9) - (ORDER[b.role] ?? 9)
    || String(a.displayName).localeCompare(String(b.displayName)));
}
