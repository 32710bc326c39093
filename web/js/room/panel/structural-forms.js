// The other ways a delegate proposes a change to a clause, each a small form behind a button:
// edit a copy of the whole text, insert a new clause after it, delete it, or move it.
//
// A new paragraph "after paragraph 2" goes after 2's sub-paragraphs: inserted right after the
// clause itself it would stand between 2 and its (a), and take those sub-paragraphs as its own.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { disclosure, draftOrTable, field, formNote, tableNow, uid } from './panel-kit.js';
import { submitAmendment } from './submit-amendment.js';
import { clauseExcerpt, clauseName } from '../clause-name.js';

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

/** The last clause of the clause's block: itself, or the last of the sub-paragraphs that follow it. */
export function blockEnd(clauses, clauseId) {
  const i = clauses.findIndex((c) => c.id === clauseId);
  if (i < 0 || clauses[i].kind === 'sub-paragraph') return clauseId;
  let end = i;
  while (clauses[end + 1]?.kind === 'sub-paragraph') end++;
  return clauses[end].id;
}

function insertForm(env) {
  const kind = h('select', { name: 'clauseKind' }, NEW_KINDS.map((k) => h('option', { value: k }, t(`panel.clauseKind.${k}`))));
  const text = h('textarea', { rows: '4', dir: 'auto', name: 'text', required: true, 'aria-required': 'true' });
  const rationale = h('textarea', { rows: '2', dir: 'auto', name: 'rationale' });
  const note = formNote();
  const hasSubs = blockEnd(env.ctx.client.clauses, env.clause.id) !== env.clause.id;
  const where = hasSubs ? h('p', { class: 'field__hint', id: uid('panel-where') }, t('panel.insert.where', { name: env.nameOf(env.clause.id) })) : null;
  if (where) kind.setAttribute('aria-describedby', where.id);
  const form = h('form', { class: 'panel-form', novalidate: true },
    where, field(t('panel.insert.kind'), kind), field(t('panel.insert.text'), text), field(t('panel.rationale'), rationale),
    note, draftOrTable());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      note.textContent = t('panel.error.textRequired');
      text.focus();
      return;
    }
    // A sub-paragraph goes right after this clause; anything else after its whole block.
    const anchor = kind.value === 'sub-paragraph' ? env.clause.id : blockEnd(env.ctx.client.clauses, env.clause.id);
    submitAmendment(env, 'insert', {
      kind: 'insert', clauseId: anchor, clauseKind: kind.value, text: text.value,
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
    if (c.id !== env.clause.id) options.push(h('option', { value: c.id }, optionLabel(c, i)));
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

/** "After paragraph 3: *Commits to* promoting…": headings have no number, so the words tell them apart. */
function optionLabel(clause, position) {
  return t('panel.move.afterExcerpt', { name: clauseName(clause, position), excerpt: clauseExcerpt(clause.text, 6) });
}
