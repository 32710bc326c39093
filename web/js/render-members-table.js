// The members table of a meeting. For those who manage members, each row has a role select, a
// delegation field, Save and Remove; the others see plain text, and so does one's own row (nobody
// changes their own role or delegation: another chair or an admin does).

import { h } from './dom.js';
import { ROLES, roleLabel } from './roles.js';
import { addStrings, t, tn } from './i18n.js';
import strings from './strings/members.js';

addStrings(strings);

const COLUMNS = ['name', 'username', 'role', 'delegation'];

/**
 * members: [{userId, username, displayName, role, delegation}]; manage: show the controls; self:
 * the reader's user id, whose row never has them.
 * Returns {element, body, rows: Map(userId → row parts), setCount(n)}; each row's buttons carry
 * data-action (save, remove) and data-user-id, for the caller's click handler.
 */
export function renderMembersTable(meetingName, members, { manage, self = null }) {
  const rows = new Map();
  const body = h('tbody', null, members.map((member) => {
    const parts = renderRow(member, manage, manage && member.userId === self);
    rows.set(member.userId, parts);
    return parts.row;
  }));
  const count = h('span', null);
  const setCount = (n) => { count.textContent = tn('members.count', n); };
  setCount(members.length);
  const element = h('div', { class: 'table-scroll' },
    h('table', { class: 'members' },
      h('caption', null, h('bdi', null, meetingName), count),
      h('thead', null, h('tr', null,
        COLUMNS.map((key) => h('th', { scope: 'col', id: `members-col-${key}` }, t(`members.col.${key}`))),
        manage ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('members.col.actions'))) : null)),
      body));
  return { element, rows, body, setCount };
}

function renderRow(member, manage, own) {
  const nameId = `member-${member.userId}-name`;
  const name = member.displayName || member.username;
  const cells = [
    h('th', { scope: 'row', id: nameId, dir: 'auto' }, name),
    h('td', null, member.username),
  ];
  if (!manage || own) {
    cells.push(h('td', null, roleLabel(member.role)), h('td', { dir: 'auto' }, member.delegation ?? ''));
    if (manage) cells.push(h('td', null)); // the actions column, empty for one's own row
    return { row: h('tr', { 'data-user-id': member.userId }, cells), member };
  }
  const role = h('select', { 'aria-labelledby': `members-col-role ${nameId}`, 'data-field': 'role' },
    ROLES.map((r) => h('option', { value: r, selected: r === member.role }, roleLabel(r))));
  const errorId = `member-${member.userId}-error`;
  const delegation = h('input', {
    type: 'text', maxlength: 200, autocomplete: 'off', 'data-field': 'delegation',
    'aria-labelledby': `members-col-delegation ${nameId}`,
  });
  delegation.value = member.delegation ?? '';
  const error = h('p', { class: 'field__error', id: errorId, hidden: true });
  const button = (action, text, extra) => h('button', {
    type: 'button', class: `button button--small ${extra ?? ''}`, 'data-action': action, 'data-user-id': member.userId,
  }, text, h('span', { class: 'visually-hidden' }, ` ${name}`));
  cells.push(
    h('td', null, role),
    h('td', null, delegation, error),
    h('td', { class: 'members__actions' }, h('div', null, button('save', t('members.save')), button('remove', t('members.remove'), 'button--danger'))));
  const setError = (text) => {
    error.textContent = text ?? '';
    error.hidden = !text;
    if (text) {
      delegation.setAttribute('aria-invalid', 'true');
      delegation.setAttribute('aria-describedby', errorId);
    } else {
      delegation.removeAttribute('aria-invalid');
      delegation.removeAttribute('aria-describedby');
    }
  };
  return { row: h('tr', { 'data-user-id': member.userId }, cells), member, role, delegation, setError };
}
