// What the rapporteur and the chair may do with a tabled amendment: accept it as it stands, accept
// it with a changed text, or reject it with a reason. Deletions and moves cannot take a text.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { decided, disclosure, field, formNote } from './panel-kit.js';

export function renderRapporteurActions(env, a) {
  const { ctx } = env;
  if (!(ctx.role === 'rapporteur' || ctx.role === 'chair') || a.state !== 'tabled' || env.adopted) return null;
  const accept = h('button', { type: 'button', 'data-focus-key': `accept:${a.id}`, 'data-action': 'accept' }, t('panel.action.accept'));
  accept.disabled = a.standing === 'conflicting' || a.standing === 'obsolete';
  accept.addEventListener('click', async () => {
    accept.disabled = true;
    env.focusLater('section:amendments');
    if (!await ctx.run(() => ctx.api.acceptAmendment(ctx.documentId, a.id), { done: t('panel.done.accepted') })) accept.disabled = false;
    ctx.store.reload();
  });
  const canChange = a.kind === 'modify' || a.kind === 'insert';
  const [changeButton, changeForm] = canChange
    ? disclosure(env, `accept-with:${a.id}`, t('panel.action.acceptWith'), () => acceptWithForm(env, a))
    : [null, null];
  const [rejectButton, rejectOpen] = disclosure(env, `reject:${a.id}`, t('panel.action.reject'), () => rejectForm(env, a));
  return h('div', { class: 'rapporteur-actions' },
    h('div', { class: 'panel-actions' }, accept, changeButton, rejectButton),
    accept.disabled ? h('p', { class: 'panel-note' }, t(`panel.accept.blocked.${a.standing}`)) : null,
    changeForm, rejectOpen);
}

function acceptWithForm(env, a) {
  const text = h('textarea', { rows: '6', dir: 'auto', required: true, 'aria-required': 'true', name: 'text' });
  text.value = a.proposal ?? a.text ?? '';
  return decisionForm(env, `accept-with:${a.id}`, {
    control: text, label: t('panel.acceptWith.text'), submit: t('panel.acceptWith.submit'),
    required: t('panel.error.textRequired'), done: t('panel.done.acceptedWith'),
    send: () => env.ctx.api.acceptAmendment(env.ctx.documentId, a.id, text.value),
  });
}

function rejectForm(env, a) {
  const reason = h('textarea', { rows: '3', dir: 'auto', required: true, 'aria-required': 'true', name: 'reason' });
  return decisionForm(env, `reject:${a.id}`, {
    control: reason, label: t('panel.reject.reason'), submit: t('panel.reject.submit'),
    required: t('panel.error.reasonRequired'), done: t('panel.done.rejected'),
    send: () => env.ctx.api.rejectAmendment(env.ctx.documentId, a.id, reason.value.trim()),
  });
}

/** A form of one required text: refused in the page while empty, else sent, and then forgotten. */
function decisionForm(env, key, { control, label, submit, required, done, send }) {
  const note = formNote();
  const form = h('form', { class: 'panel-form', novalidate: true },
    field(label, control),
    note,
    h('div', { class: 'panel-actions' }, h('button', { type: 'submit' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!control.value.trim()) {
      note.textContent = required;
      control.setAttribute('aria-invalid', 'true');
      control.focus();
      return;
    }
    if (await env.ctx.run(send, { done })) decided(env, key);
  });
  return form;
}
