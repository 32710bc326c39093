// The chair's "Invite someone" form: role, delegation (for a delegate), expiry. The answer is
// a single-use link, shown once as an absolute URL with a Copy button and its expiry.

import { h } from './dom.js';
import { api } from './api.js';
import { busy, clearProblem, field, formAlert, formStatus, showInvalid, showProblem } from './forms.js';
import { formatDateTime } from './format.js';
import { ROLES, roleLabel } from './roles.js';

const DEFAULT_HOURS = 168;
const MAX_HOURS = 720;

export function renderInviteForm(meetingId) {
  const alert = formAlert();
  const role = field('Role', { name: 'role' }, { tag: 'select', choices: ROLES.map((r) => [r, roleLabel(r)]) });
  role.control.value = 'delegate';
  const delegation = field('Delegation', { name: 'delegation', maxlength: 200, autocomplete: 'off', required: true },
    { hint: 'The city, region, state or organisation this delegate speaks for.' });
  const hours = field('Valid for (hours)', {
    name: 'expiresInHours', type: 'number', inputmode: 'numeric', min: 1, max: MAX_HOURS, step: 1, required: true,
  }, { hint: `1 to ${MAX_HOURS} hours (30 days). ${DEFAULT_HOURS} hours is one week.` });
  hours.control.value = String(DEFAULT_HOURS);
  const result = h('div', { class: 'invite-result', hidden: true });
  const status = formStatus(); // in the page from the start, so that what it says is announced
  const form = h('form', { class: 'form invite-form', novalidate: true, 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, 'Invite someone'),
    h('p', null, 'Creates a link that works once. Send it to the person; opening it lets them create their account or add the role to the one they have.'),
    alert, role.element, delegation.element, hours.element,
    h('p', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, 'Create invitation link')));

  const showDelegation = () => { delegation.element.hidden = role.control.value !== 'delegate'; };
  role.control.addEventListener('change', showDelegation);
  showDelegation();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clearProblem(alert);
      const chosen = role.control.value;
      const delegationText = chosen === 'delegate' ? delegation.control.value.trim() : '';
      const hoursValue = Number(hours.control.value);
      const errors = {
        delegation: chosen === 'delegate' && !delegationText ? 'A delegate speaks for a delegation: enter its name.' : '',
        hours: Number.isFinite(hoursValue) && hoursValue > 0 && hoursValue <= MAX_HOURS && hours.control.value.trim() !== ''
          ? '' : `Enter a number of hours from 1 to ${MAX_HOURS}.`,
      };
      delegation.setError(errors.delegation);
      hours.setError(errors.hours);
      if (errors.delegation || errors.hours) {
        showInvalid(alert, [errors.delegation, errors.hours]);
        (errors.delegation ? delegation : hours).control.focus();
        return;
      }
      try {
        const invitation = await api.invite(meetingId, {
          role: chosen, delegation: delegationText || undefined, expiresInHours: hoursValue,
        });
        showResult(result, status, invitation);
      } catch (error) {
        showProblem(alert, error);
      }
    });
  });
  return h('div', { class: 'invite' }, form, result, status);
}

function showResult(container, status, invitation) {
  const url = new URL(invitation.url, location.origin).href;
  const link = h('input', { id: 'invite-link', type: 'text', readonly: true, class: 'invite-result__link', 'aria-describedby': 'invite-link-note' });
  link.value = url;
  const copy = h('button', { type: 'button', class: 'button' }, 'Copy link');
  const who = invitation.delegation ? `${roleLabel(invitation.role)} (${invitation.delegation})` : roleLabel(invitation.role);
  copy.addEventListener('click', async () => {
    status.textContent = await copyText(link) ? 'Link copied.' : 'Copying did not work here: select the link and copy it.';
  });
  link.addEventListener('focus', () => link.select());
  container.replaceChildren(
    h('h3', null, 'Invitation link'),
    h('label', { for: 'invite-link' }, `Link for ${article(who)} ${who}`),
    h('div', { class: 'invite-result__row' }, link, copy),
    h('p', { id: 'invite-link-note', class: 'field__hint' },
      'Expires ', h('time', { datetime: invitation.expiresAt }, formatDateTime(invitation.expiresAt)),
      '. It works once and is not shown again: copy it now.'));
  container.hidden = false;
  status.textContent = `Invitation link created for ${article(who)} ${who}.`;
  link.focus();
}

async function copyText(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

const article = (word) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
