// The sign-in view: username and password. Wrong credentials and the wait after too many
// failures are announced in the form's alert.

import { h } from './dom.js';
import { ApiError } from './api.js';
import { busy, clearProblem, field, formAlert, showInvalid, showProblem } from './forms.js';
import { formatWait } from './format.js';

/** signIn(username, password) signs in (rejects with ApiError); onSignedIn() runs after. */
export function renderSignIn({ signIn, onSignedIn }) {
  const alert = formAlert();
  const username = field('Username', {
    name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true,
  });
  const password = field('Password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'form sign-in', novalidate: true, 'aria-labelledby': 'sign-in-title' },
    alert, username.element, password.element,
    h('p', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, 'Sign in')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clearProblem(alert);
      const name = username.control.value.trim();
      const secret = password.control.value;
      const errors = [name ? '' : 'Enter your username.', secret ? '' : 'Enter your password.'];
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
        if (problem?.status === 429) {
          const wait = problem.retryAfter ?? Number(/(\d+)\s*second/.exec(problem.detail ?? '')?.[1]);
          showProblem(alert, `Too many failed sign-ins. Wait ${formatWait(wait)} before trying again.`);
        } else if (problem?.status === 401) {
          showProblem(alert, 'Wrong username or password. Check both and try again.');
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

  return h('section', { class: 'sign-in-view', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in'),
    h('p', null, 'Sign in with your Plenary account. New here? Open the invitation link a chair sent you to create one.'),
    form);
}
