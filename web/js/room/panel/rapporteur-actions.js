// What the rapporteur and the chair may do with a tabled amendment: accept it as it stands, accept
// it with a changed text, or reject it with a reason. Deletions and moves cannot take a text.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { disclosure, field, forget, formNote } from './panel-kit.js';

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
  const { ctx } = env;
  const key = `accept-with:${a.id}`;
  const text = h('textarea', { rows: '6', dir: 'auto', required: true, name: 'text' });
  text.value = a.proposal ?? a.text ?? '';
  const note = formNote();
  const form = h('form', { class: 'panel-form', novalidate: true },
    field(t('panel.acceptWith.text'), text),
    note,
    h('div', { class: 'panel-actions' }, h('button', { type: 'submit' }, t('panel.acceptWith.submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      note.textContent = t('panel.error.textRequired');
      text.focus();
      return;
    }
    const done = await ctx.run(() => ctx.api.acceptAmendment(ctx.documentId, a.id, text.value), { done: t('panel.done.acceptedWith') });
    if (done) {
      forget(env, key);
      env.focusLater('section:amendments');
      env.rerender();
      ctx.store.reload();
    }
  });
  return form;
}

function rejectForm(env, a) {
  const { ctx } = env;
  const key = `reject:${a.id}`;
  const reason = h('textarea', { rows: '3', dir: 'auto', required: true, 'aria-required': 'true', name: 'reason' });
  const note = formNote();
  const form = h('form', { class: 'panel-form', novalidate: true },
    field(t('panel.reject.reason'), reason),
    note,
    h('div', { class: 'panel-actions' }, h('button', { type: 'submit' }, t('panel.reject.submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!reason.value.trim()) {
      note.textContent = t('panel.error.reasonRequired');
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    const done = await ctx.run(() => ctx.api.rejectAmendment(ctx.documentId, a.id, reason.value.trim()), { done: t('panel.done.rejected') });
    if (done) {
      forget(env, key);
      env.focusLater('section:amendments');
      env.rerender();
      ctx.store.reload();
    }
  });
  return form;
}
