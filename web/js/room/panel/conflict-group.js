// A conflict group for the rapporteur and chair: the group's amendments side by side (one diff per
// column), and "Write a compromise": a new text for the clause that supersedes the amendments ticked.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { renderWordDiff } from './word-diff.js';
import { decided, disclosure, field, formNote, uid } from './panel-kit.js';

export function renderConflictGroup(env, group, index) {
  const { ctx } = env;
  const amendments = group.amendments.map((id) => ctx.store.amendment(id)).filter(Boolean);
  const headingId = `${group.id}-heading`;
  const [button, form] = env.adopted ? [null, null]
    : disclosure(env, `compromise:${group.id}`, t('panel.compromise.write'), () => compromiseForm(env, group, amendments));
  return h('section', { class: 'conflict-group', 'aria-labelledby': headingId, 'data-group-id': group.id },
    h('h4', { id: headingId, tabindex: '-1', 'data-focus-key': `group:${group.id}` }, t('panel.group.heading', { n: index + 1 })),
    h('p', null, t('panel.group.explain')),
    h('div', { class: 'side-by-side' }, amendments.map((a) => h('div', { class: 'side-by-side__column' },
      h('p', { class: 'side-by-side__sponsor' }, a.sponsor ?? t('panel.amendment.compromise'), ' — ', t(`panel.kind.${a.kind}`)),
      renderWordDiff(a.diff)))),
    button, form);
}

function compromiseForm(env, group, amendments) {
  const { ctx } = env;
  const key = `compromise:${group.id}`;
  const text = h('textarea', { rows: '7', dir: 'auto', name: 'text', required: true, 'aria-required': 'true' });
  text.value = env.clause?.text ?? '';
  const boxes = amendments.map((a) => {
    const id = uid('supersede');
    const box = h('input', { type: 'checkbox', id, value: a.id, checked: true });
    return h('div', { class: 'checkbox' }, box, h('label', { for: id }, a.sponsor ?? a.id, ' — ', t(`panel.kind.${a.kind}`)));
  });
  const rationale = h('textarea', { rows: '2', dir: 'auto', name: 'rationale' });
  const note = formNote();
  const form = h('form', { class: 'panel-form compromise-form', novalidate: true },
    field(t('panel.compromise.text'), text),
    h('fieldset', null, h('legend', null, t('panel.compromise.supersedes')), boxes),
    field(t('panel.rationale.optional'), rationale),
    note,
    h('div', { class: 'panel-actions' }, h('button', { type: 'submit' }, t('panel.compromise.submit'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const supersedes = [...form.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
    if (!text.value.trim()) {
      note.textContent = t('panel.error.textRequired');
      text.focus();
      return;
    }
    if (!supersedes.length) {
      note.textContent = t('panel.error.supersedesRequired');
      form.querySelector('input[type=checkbox]')?.focus();
      return;
    }
    const done = await ctx.run(() => ctx.api.compromise(ctx.documentId, {
      clauseId: group.clauseId, text: text.value, supersedes, rationale: rationale.value.trim() || undefined,
    }), { done: t('panel.done.compromise') });
    if (done) decided(env, key);
  });
  return form;
}
