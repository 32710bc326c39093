// The other ways a delegate proposes a change to a clause, each a small form behind a button:
// edit a copy of the whole text, insert a new clause after it, delete it, or move it.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { disclosure, draftOrTable, field, formNote, tableNow } from './panel-kit.js';
import { submitAmendment } from './submit-amendment.js';
import { clauseName } from '../clause-name.js';

const NEW_KINDS = ['operative', 'preambular', 'sub-paragraph', 'heading', 'free-text'];

/** The four buttons and whichever of their forms are open. */
export function renderStructuralForms(env) {
  const pairs = [
    disclosure(env, 'copy', t('panel.copy.open'), () => copyForm(env)),
    disclosure(env, 'insert', t('panel.insert.open'), () => insertForm(env)),
    disclosure(env, 'delete', t('panel.delete.open'), () => deleteForm(env)),
    disclosure(env, 'move', t('panel.move.open'), () => moveForm(env)),
  ];
  return h('div', { class: 'structural-forms' },
    h('div', { class: 'panel-actions' }, pairs.map(([button]) => button)),
    pairs.map(([, form]) => form));
}

function copyForm(env) {
  const text = h('textarea', { rows: '7', dir: 'auto', name: 'text' });
  text.value = env.clause.text;
  const rationale = h('textarea', { rows: '2', dir: 'auto', name: 'rationale' });
  const note = formNote();
  const form = h('form', { class: 'panel-form', novalidate: true },
    field(t('panel.copy.text'), text), field(t('panel.rationale'), rationale), note, draftOrTable());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!text.value.trim() || text.value === env.clause.text) {
      note.textContent = t('panel.copy.unchanged');
      text.focus();
      return;
    }
    submitAmendment(env, 'copy', {
      kind: 'modify', clauseId: env.clause.id, text: text.value, baseVersion: env.clause.version,
      rationale: rationale.value.trim() || undefined,
    }, tableNow(event));
  });
  return form;
}

function insertForm(env) {
  const kind = h('select', { name: 'clauseKind' }, NEW_KINDS.map((k) => h('option', { value: k }, t(`panel.clauseKind.${k}`))));
  const text = h('textarea', { rows: '4', dir: 'auto', name: 'text', required: true, 'aria-required': 'true' });
  const rationale = h('textarea', { rows: '2', dir: 'auto', name: 'rationale' });
  const note = formNote();
  const form = h('form', { class: 'panel-form', novalidate: true },
    field(t('panel.insert.kind'), kind), field(t('panel.insert.text'), text), field(t('panel.rationale'), rationale),
    note, draftOrTable());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      note.textContent = t('panel.error.textRequired');
      text.focus();
      return;
    }
    submitAmendment(env, 'insert', {
      kind: 'insert', clauseId: env.clause.id, clauseKind: kind.value, text: text.value,
      rationale: rationale.value.trim() || undefined,
    }, tableNow(event));
  });
  return form;
}

function deleteForm(env) {
  const rationale = h('textarea', { rows: '3', dir: 'auto', name: 'rationale', required: true, 'aria-required': 'true' });
  const note = formNote();
  const form = h('form', { class: 'panel-form', novalidate: true },
    field(t('panel.delete.rationale'), rationale, t('panel.delete.hint')), note, draftOrTable());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!rationale.value.trim()) {
      note.textContent = t('panel.error.rationaleRequired');
      rationale.focus();
      return;
    }
    submitAmendment(env, 'delete', { kind: 'delete', clauseId: env.clause.id, rationale: rationale.value.trim() }, tableNow(event));
  });
  return form;
}

function moveForm(env) {
  const { client } = env.ctx;
  const options = [h('option', { value: '' }, t('panel.move.top'))];
  client.clauses.forEach((c, i) => {
    if (c.id !== env.clause.id) options.push(h('option', { value: c.id }, t('panel.move.after', { name: clauseName(c, i) })));
  });
  const after = h('select', { name: 'after' }, options);
  const rationale = h('textarea', { rows: '2', dir: 'auto', name: 'rationale' });
  const note = formNote();
  const form = h('form', { class: 'panel-form', novalidate: true },
    field(t('panel.move.where'), after), field(t('panel.rationale'), rationale), note, draftOrTable());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitAmendment(env, 'move', {
      kind: 'move', clauseId: env.clause.id, after: after.value || null, rationale: rationale.value.trim() || undefined,
    }, tableNow(event));
  });
  return form;
}
