// The chair's "Invite someone" form: role, delegation (for a delegate), expiry. The answer is
// a single-use link, shown once as an absolute URL with a Copy button and its expiry; the caller
// hears of each new invitation (onCreated) to list it among the pending ones.

import { h } from './dom.js';
import { api } from './api.js';
import { busy, clearProblem, field, formAlert, formStatus, showInvalid, showProblem } from './forms.js';
import { formatDateTime } from './format.js';
import { ROLES, roleLabel } from './roles.js';
import { invitationFor } from './render-pending-invitations.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/members.js';

import { fill } from './fill.js';

addStrings(strings);

const DEFAULT_HOURS = 168;
const MAX_HOURS = 720;

export function renderInviteForm(meetingId, { onCreated = () => {} } = {}) {
  const alert = formAlert();
  const role = field(t('invite.role'), { name: 'role' }, { tag: 'select', choices: ROLES.map((r) => [r, roleLabel(r)]) });
  role.control.value = 'delegate';
  const delegation = field(t('invite.delegation'), { name: 'delegation', maxlength: 200, autocomplete: 'off', required: true },
    { hint: t('invite.delegation.hint') });
  const hours = field(t('invite.hours'), {
    name: 'expiresInHours', type: 'number', inputmode: 'numeric', min: 1, max: MAX_HOURS, step: 1, required: true,
  }, { hint: t('invite.hours.hint', { max: MAX_HOURS, default: DEFAULT_HOURS }) });
  hours.control.value = String(DEFAULT_HOURS);
  const result = h('div', { class: 'invite-result', hidden: true });
  const status = formStatus(); // in the page from the start, so that what it says is announced
  const form = h('form', { class: 'form invite-form', novalidate: true, 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, t('invite.title')),
    h('p', null, t('invite.intro')),
    alert, role.element, delegation.element, hours.element,
    h('p', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t('invite.submit'))));

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
        delegation: chosen === 'delegate' && !delegationText ? t('members.delegationMissing') : '',
        hours: Number.isFinite(hoursValue) && hoursValue > 0 && hoursValue <= MAX_HOURS && hours.control.value.trim() !== ''
          ? '' : t('invite.hours.invalid', { max: MAX_HOURS }),
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
        onCreated(invitation);
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
  const copy = h('button', { type: 'button', class: 'button' }, t('invite.result.copy'));
  const who = invitationFor(invitation);
  copy.addEventListener('click', async () => {
    status.textContent = await copyText(link) ? t('invite.result.copied') : t('invite.result.copyFailed');
  });
  link.addEventListener('focus', () => link.select());
  container.replaceChildren(
    h('h3', null, t('invite.result.title')),
    h('label', { for: 'invite-link' }, t('invite.result.label', { who })),
    h('div', { class: 'invite-result__row' }, link, copy),
    h('p', { id: 'invite-link-note', class: 'field__hint' },
      fill(t('invite.result.note'), { time: h('time', { datetime: invitation.expiresAt }, formatDateTime(invitation.expiresAt)) })));
  container.hidden = false;
  status.textContent = t('invite.result.created', { who });
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

