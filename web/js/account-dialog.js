// The account dialog, opened from the header's account area: change your password, and sign out
// everywhere (every session of the account, on every device, with their live connections). The
// password form also serves the first sign-in of an account whose password was generated, which
// must be replaced before anything else (render-sign-in.js).

import { h } from './dom.js';
import { api, ApiError } from './api.js';
import { busy, clearProblem, field, formAlert, formStatus, showInvalid, showProblem } from './forms.js';
import { formatWait } from './format.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/account.js';

addStrings(strings);

const MIN_LENGTH = 12; // plenary.people.PasswordRules: checked here too, to say so before asking

/**
 * The password form: current password (unless given: the first sign-in already asked for it), new
 * password twice. username: for the first sign-in, when there is no session yet.
 * onChanged(newPassword) runs once the server has changed it.
 */
export function renderPasswordForm({ username = null, current = null, onChanged }) {
  const alert = formAlert();
  const status = formStatus();
  const currentField = current == null
    ? field(t('account.password.current'), { type: 'password', name: 'current-password', autocomplete: 'current-password', required: true })
    : null;
  const fresh = field(t('account.password.new'),
    { type: 'password', name: 'new-password', autocomplete: 'new-password', required: true, minlength: MIN_LENGTH },
    { hint: t('account.password.hint') });
  const again = field(t('account.password.again'),
    { type: 'password', name: 'new-password-again', autocomplete: 'new-password', required: true });
  // A hidden username lets password managers file the new password under the right account.
  const named = username ? h('input', { type: 'text', name: 'username', autocomplete: 'username', value: username, hidden: true }) : null;
  const form = h('form', { class: 'form account-password', novalidate: true },
    alert, status, named, currentField?.element, fresh.element, again.element,
    h('p', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t('account.password.submit'))));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clearProblem(alert);
      status.textContent = '';
      const currentValue = current ?? currentField.control.value;
      const freshValue = fresh.control.value;
      const errors = [
        currentValue ? '' : t('account.password.currentMissing'),
        [...freshValue].length < MIN_LENGTH ? t('account.password.tooShort')
          : freshValue === currentValue ? t('account.password.same') : '',
        again.control.value === freshValue ? '' : t('account.password.mismatch'),
      ];
      currentField?.setError(errors[0]);
      fresh.setError(errors[1]);
      again.setError(errors[2]);
      const firstWrong = [currentField, fresh, again][errors.findIndex(Boolean)];
      if (firstWrong !== undefined) {
        showInvalid(alert, errors);
        (firstWrong ?? fresh).control.focus();
        return;
      }
      try {
        await api.changePassword({ username, currentPassword: currentValue, newPassword: freshValue });
      } catch (error) {
        const problem = error instanceof ApiError ? error.problem : null;
        if (problem?.status === 429) {
          showProblem(alert, t('account.password.tooMany', { wait: formatWait(problem.retryAfter) }));
        } else if (problem?.type === '/problems/wrong-password' || problem?.type === '/problems/bad-credentials') {
          currentField?.setError(t('account.password.wrong'));
          showProblem(alert, t('account.password.wrong'));
          (currentField ?? fresh).control.focus();
        } else if (problem?.status === 422) {
          fresh.setError(t('account.password.weak'));
          showProblem(alert, t('account.password.weak'));
          fresh.control.focus();
        } else {
          showProblem(alert, error);
        }
        return;
      }
      for (const f of [currentField, fresh, again]) {
        if (f) {
          f.control.value = '';
          f.setError('');
        }
      }
      status.textContent = t('account.password.changed');
      await onChanged?.(freshValue);
    });
  });
  return form;
}

/**
 * Opens the account dialog (modal). user: {username, displayName}. opener: the button that opened
 * it, which gets the focus back. onSignedOutEverywhere(): after the server ended every session.
 */
export function openAccountDialog(user, { opener, onSignedOutEverywhere }) {
  const everywhereAlert = formAlert();
  const everywhere = h('button', { type: 'button', class: 'button' }, t('account.everywhere.submit'));
  const close = h('button', { type: 'button', class: 'button' }, t('account.close'));
  const dialog = h('dialog', { class: 'account-dialog', 'aria-labelledby': 'account-dialog-title' },
    h('h2', { id: 'account-dialog-title' }, t('account.title')),
    h('p', null, t('account.signedInAs', { name: user.displayName || user.username, username: user.username })),
    h('section', { 'aria-labelledby': 'account-password-title' },
      h('h3', { id: 'account-password-title' }, t('account.password.title')),
      renderPasswordForm({})),
    h('section', { 'aria-labelledby': 'account-everywhere-title' },
      h('h3', { id: 'account-everywhere-title' }, t('account.everywhere.title')),
      h('p', null, t('account.everywhere.intro')),
      everywhereAlert,
      h('p', { class: 'form__actions' }, everywhere)),
    h('p', { class: 'form__actions' }, close));

  everywhere.addEventListener('click', () => busy(dialog, async () => {
    clearProblem(everywhereAlert);
    try {
      await api.signOutEverywhere();
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 401) {
        showProblem(everywhereAlert, error);
        return;
      }
    }
    dialog.close();
    await onSignedOutEverywhere();
  }));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    // The header may have been drawn again meanwhile: then its new Account button takes the focus.
    const target = opener?.isConnected ? opener : document.querySelector('.account [aria-haspopup="dialog"]');
    target?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('input')?.focus();
  return dialog;
}
