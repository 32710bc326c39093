// An invitation link (#/invitations/<token>): what it grants, then either "Accept" for someone
// signed in, or a form that creates their account with it and signs them in.

import { h } from './dom.js';
import { api, ApiError } from './api.js';
import { busy, clearProblem, field, formAlert, sentence, showInvalid, showProblem } from './forms.js';
import { formatDateTime } from './format.js';
import { roleLabel } from './roles.js';
import { SIGN_IN_HREF } from './routes.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const MIN_PASSWORD = 12;
const MAX_PASSWORD = 128;

/**
 * Loads the invitation and renders it. Rejects with ApiError (410 when used, expired or unknown).
 * ctx: {signal, user (or null), meetings (the person's, to warn about a role being replaced),
 *       signIn(username, password), signOut(), onAccepted(invitation), returnHereAfterSignIn()}.
 */
export async function renderInvitationView(token, ctx) {
  const invitation = await api.getInvitation(token, { signal: ctx.signal });
  const alert = formAlert();
  return h('section', { class: 'invitation', 'aria-labelledby': 'invitation-title' },
    h('h1', { id: 'invitation-title', tabindex: '-1' }, 'Invitation'),
    h('p', null, 'You are invited to take part in a meeting on Plenary.'),
    h('dl', { class: 'facts' },
      fact('Meeting', h('bdi', null, invitation.meeting)),
      fact('Role', roleLabel(invitation.role)),
      invitation.delegation ? fact('Delegation', h('bdi', null, invitation.delegation)) : null,
      fact('Expires', h('time', { datetime: invitation.expiresAt }, formatDateTime(invitation.expiresAt)))),
    alert,
    ctx.user ? acceptAsMember(token, invitation, alert, ctx) : createAccount(token, invitation, alert, ctx));
}

function acceptAsMember(token, invitation, alert, ctx) {
  const current = ctx.meetings.filter((m) => m.name === invitation.meeting && m.role);
  const accept = h('button', { type: 'button', class: 'button button--primary' }, 'Accept');
  const signOut = h('button', { type: 'button', class: 'button' }, 'Sign out');
  const form = h('div', { class: 'invitation__accept' },
    h('p', null, 'You are signed in as ', h('strong', { dir: 'auto' }, ctx.user.displayName || ctx.user.username),
      '. Accepting adds this role to your account.'),
    current.length === 1
      ? h('p', { class: 'warning' }, `You are already ${roleLabel(current[0].role)} in this meeting: accepting replaces that role with ${roleLabel(invitation.role)}.`)
      : null,
    h('p', { class: 'form__actions' }, accept, signOut),
    h('p', { class: 'field__hint' }, 'Not you? Sign out, then open this link again to create your own account.'));
  accept.addEventListener('click', () => busy(form, async () => {
    clearProblem(alert);
    try {
      await api.acceptInvitation(token, {});
    } catch (error) {
      showProblem(alert, error);
      return;
    }
    await ctx.onAccepted(invitation);
  }));
  signOut.addEventListener('click', () => ctx.signOut());
  return form;
}

function createAccount(token, invitation, alert, ctx) {
  const displayName = field('Your name', { name: 'displayName', autocomplete: 'name', maxlength: 200, required: true },
    { hint: 'Shown to the others in the meeting, for example “Maria Rossi (City of Graz)”.' });
  const username = field('Username', {
    name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: 64, required: true,
  }, { hint: '2 to 64 characters: lower-case letters a–z, digits, dots, hyphens or underscores, starting with a letter or digit.' });
  const password = field('Password', {
    type: 'password', name: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD, maxlength: MAX_PASSWORD, required: true,
  }, { hint: `At least ${MIN_PASSWORD} characters (any characters; a few words make a good password), not your username.` });
  const fields = { displayName, username, password };
  const signInLink = h('a', { href: SIGN_IN_HREF }, 'Sign in');
  signInLink.addEventListener('click', () => ctx.returnHereAfterSignIn());
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title' }, 'Create your account'),
    displayName.element, username.element, password.element,
    h('p', { class: 'form__actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, 'Create account and accept')),
    h('p', null, 'Already have an account? ',
      signInLink, ' first, then accept.'));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clearProblem(alert);
      const values = {
        displayName: displayName.control.value.trim(),
        username: username.control.value.trim().toLowerCase(),
        password: password.control.value,
      };
      const errors = validate(values);
      for (const [name, f] of Object.entries(fields)) f.setError(errors[name] ?? '');
      const firstInvalid = Object.keys(fields).find((name) => errors[name]);
      if (firstInvalid) {
        showInvalid(alert, Object.keys(fields).map((name) => errors[name]));
        fields[firstInvalid].control.focus();
        return;
      }
      try {
        await api.acceptInvitation(token, values);
      } catch (error) {
        const target = error instanceof ApiError ? fieldOf(error.problem) : null;
        if (target) {
          const message = error.problem.status === 409
            ? 'This username is taken: choose another, or sign in first to add the role to your account.'
            : sentence(error.problem.detail);
          fields[target].setError(message);
          showInvalid(alert, [message]);
          fields[target].control.focus();
        } else {
          showProblem(alert, error);
        }
        return;
      }
      try {
        await ctx.signIn(values.username, values.password);
      } catch (error) {
        showProblem(alert, error);
        return;
      }
      await ctx.onAccepted(invitation);
    });
  });
  return form;
}

/** The same rules as the server (plenary.people.Usernames, PasswordRules), to say so early. */
function validate({ displayName, username, password }) {
  const errors = {};
  if (!displayName) errors.displayName = 'Enter your name.';
  if (!USERNAME.test(username)) {
    errors.username = username ? 'Use 2 to 64 of a–z, 0–9, “.”, “_” or “-”, starting with a letter or digit.' : 'Choose a username.';
  }
  const length = [...password].length;
  if (length < MIN_PASSWORD) errors.password = `The password needs at least ${MIN_PASSWORD} characters (it has ${length}).`;
  else if (length > MAX_PASSWORD) errors.password = `The password may have at most ${MAX_PASSWORD} characters.`;
  else if (password.toLowerCase() === username) errors.password = 'The password must not be the username.';
  return errors;
}

/** Which field a refusal is about: 409 is always the username; 422 names it in its detail. */
function fieldOf(problem) {
  if (problem.status === 409) return 'username';
  if (problem.status !== 422) return null;
  const detail = problem.detail ?? '';
  if (/password/i.test(detail)) return 'password';
  if (/username/i.test(detail)) return 'username';
  if (/display name/i.test(detail)) return 'displayName';
  return null;
}

const fact = (term, value) => h('div', null, h('dt', null, term), h('dd', null, value));
