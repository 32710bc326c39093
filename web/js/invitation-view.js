// An invitation link (#/invitations/<token>): what it grants, then either "Accept" for someone
// signed in, or a form that creates their account with it and signs them in.

import { h } from './dom.js';
import { api, ApiError } from './api.js';
import { busy, clearProblem, field, formAlert, sentence, showInvalid, showProblem } from './forms.js';
import { formatDateTime } from './format.js';
import { roleLabel } from './roles.js';
import { SIGN_IN_HREF } from './routes.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/invitation.js';
import { fill } from './fill.js';

addStrings(strings);

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
    h('h1', { id: 'invitation-title', tabindex: '-1' }, t('invitation.title')),
    h('p', null, t('invitation.intro')),
    h('dl', { class: 'facts' },
      fact(t('invitation.meeting'), h('bdi', null, invitation.meeting)),
      fact(t('invitation.role'), roleLabel(invitation.role)),
      invitation.delegation ? fact(t('invitation.delegation'), h('bdi', null, invitation.delegation)) : null,
      fact(t('invitation.expires'), h('time', { datetime: invitation.expiresAt }, formatDateTime(invitation.expiresAt)))),
    alert,
    ctx.user ? acceptAsMember(token, invitation, alert, ctx) : createAccount(token, invitation, alert, ctx));
}

function acceptAsMember(token, invitation, alert, ctx) {
  const current = ctx.meetings.filter((m) => m.name === invitation.meeting && m.role);
  const accept = h('button', { type: 'button', class: 'button button--primary' }, t('invitation.accept'));
  const signOut = h('button', { type: 'button', class: 'button' }, t('invitation.signOut'));
  const form = h('div', { class: 'invitation__accept' },
    h('p', null, fill(t('invitation.signedInAs'),
      { name: h('strong', { dir: 'auto' }, ctx.user.displayName || ctx.user.username) })),
    current.length === 1
      ? h('p', { class: 'warning' }, t('invitation.replaces', { current: roleLabel(current[0].role), role: roleLabel(invitation.role) }))
      : null,
    h('p', { class: 'form__actions' }, accept, signOut),
    h('p', { class: 'field__hint' }, t('invitation.notYou')));
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
  const displayName = field(t('invitation.name'), { name: 'displayName', autocomplete: 'name', maxlength: 200, required: true },
    { hint: t('invitation.name.hint') });
  const username = field(t('invitation.username'), {
    name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: 64, required: true,
  }, { hint: t('invitation.username.hint') });
  const password = field(t('invitation.password'), {
    type: 'password', name: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD, maxlength: MAX_PASSWORD, required: true,
  }, { hint: t('invitation.password.hint', { min: MIN_PASSWORD }) });
  const fields = { displayName, username, password };
  const signInLink = h('a', { href: SIGN_IN_HREF }, t('invitation.signIn'));
  signInLink.addEventListener('click', () => ctx.returnHereAfterSignIn());
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title' }, t('invitation.create.title')),
    displayName.element, username.element, password.element,
    h('p', { class: 'form__actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, t('invitation.create.submit'))),
    h('p', null, fill(t('invitation.haveAccount'), { link: signInLink })));

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
            ? t('invitation.usernameTaken')
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
  if (!displayName) errors.displayName = t('invitation.nameMissing');
  if (!USERNAME.test(username)) {
    errors.username = username ? t('invitation.usernameInvalid') : t('invitation.usernameMissing');
  }
  const length = [...password].length;
  if (length < MIN_PASSWORD) errors.password = t('invitation.passwordShort', { min: MIN_PASSWORD, length });
  else if (length > MAX_PASSWORD) errors.password = t('invitation.passwordLong', { max: MAX_PASSWORD });
  else if (password.toLowerCase() === username) errors.password = t('invitation.passwordIsUsername');
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
