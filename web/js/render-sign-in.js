// The sign-in view: username and password. Wrong credentials and the wait after too many
// failures are announced in the form's alert. An account whose password was generated (the first
// admin's) must choose a new one first: the view then asks for it, and signs in with it.

import { h } from './dom.js';
import { ApiError } from './api.js';
import { busy, clearProblem, field, formAlert, showInvalid, showProblem } from './forms.js';
import { formatWait } from './format.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/sign-in.js';
import accountStrings from './strings/account.js';
import { renderPasswordForm } from './account-dialog.js';

addStrings(strings);
addStrings(accountStrings);

/** signIn(username, password) signs in (rejects with ApiError); onSignedIn() runs after. */
export function renderSignIn({ signIn, onSignedIn }) {
  const alert = formAlert();
  const username = field(t('signIn.username'), {
    name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true,
  });
  const password = field(t('signIn.password'), { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'form sign-in', novalidate: true, 'aria-labelledby': 'sign-in-title' },
    alert, username.element, password.element,
    h('p', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t('signIn.submit'))));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clearProblem(alert);
      const name = username.control.value.trim();
      const secret = password.control.value;
      const errors = [name ? '' : t('signIn.usernameMissing'), secret ? '' : t('signIn.passwordMissing')];
      username.setError(errors[0]);
      password.setError(errors[1]);
      if (!name || !secret) {
        showInvalid(alert, errors);
        (name ? password : username).control.focus();
        return;
      }
      try {
        await signIn(name, secret);
      } catch (error) {
        const problem = error instanceof ApiError ? error.problem : null;
        if (problem?.type === '/problems/password-change-required') {
          view.replaceChildren(...renderFirstPassword(name, secret, async (fresh) => {
            await signIn(name, fresh);
            onSignedIn();
          }));
          view.querySelector('h1')?.focus();
          return;
        }
        if (problem?.status === 429) {
          const wait = problem.retryAfter ?? Number(/(\d+)\s*second/.exec(problem.detail ?? '')?.[1]);
          showProblem(alert, t('signIn.tooMany', { wait: formatWait(wait) }));
        } else if (problem?.status === 401) {
          showProblem(alert, t('signIn.wrong'));
          password.control.value = '';
          password.control.focus();
        } else {
          showProblem(alert, error);
        }
        return;
      }
      onSignedIn();
    });
  });

  const view = h('section', { class: 'sign-in-view', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title', tabindex: '-1' }, t('signIn.title')),
    h('p', null, t('signIn.intro')),
    form);
  return view;
}

/** The heading, the reason and the form that replace a generated password (no session yet). */
function renderFirstPassword(username, current, onChanged) {
  return [
    h('h1', { id: 'sign-in-title', tabindex: '-1' }, t('account.firstSignIn.title')),
    h('p', null, t('account.firstSignIn.intro')),
    renderPasswordForm({ username, current, onChanged }),
  ];
}
