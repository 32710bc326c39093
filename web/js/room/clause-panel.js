// The side panel of the drafting room's text view: everything about the selected clause.
//   its name, status (which the chair and rapporteurs change here, panel/status-control.js) and
//   text; its amendments (pending first, decided ones folded away), each
//   with its word diff, standing and straw poll (panel/amendment-card.js); for the rapporteur and
//   chair, conflict groups side by side with a compromise form (panel/conflict-group.js); for
//   delegates, ways to propose a change (panel/change-words-form.js, panel/structural-forms.js);
//   comment threads (panel/comment-thread.js); and agreed language from adopted texts.
//
// The panel is rebuilt from the store and the live text whenever either changes for this clause;
// forms being filled in are kept across rebuilds (panel/panel-kit.js) and so is the focus.
// Selecting words in the clause as it reads fills the "Change words" form (selection-offsets.js).

import { h } from '../dom.js';
import { addStrings, language, t } from '../i18n.js';
import panelStrings from '../strings/panel.js';
import { inlineMarkdown } from '../inline-markdown.js';
import { renderPrecedents } from '../precedents.js';
import { clauseName, clauseNameById } from './clause-name.js';
import { renderAmendmentCard } from './panel/amendment-card.js';
import { renderConflictGroup } from './panel/conflict-group.js';
import { renderCommentThreads } from './panel/comment-thread.js';
import { changeWordsForm } from './panel/change-words-form.js';
import { blockEnd, renderStructuralForms } from './panel/structural-forms.js';
import { keep } from './panel/panel-kit.js';
import { renderStatusControl } from './panel/status-control.js';
import { sourceOffsets } from './panel/selection-offsets.js';

addStrings(panelStrings);

const PENDING = new Set(['draft', 'tabled']);

export function mountClausePanel(aside, ctx) {
  const { client, store } = ctx;
  let clauseId = null;
  let lastKey = null;
  let pendingFocus = null; // {key, until}: where the focus goes once the element exists

  const env = {
    ctx,
    clause: null,
    forms: new Map(),
    open: new Set(),
    adopted: false,
    commentsOpen: false,
    focusLater(key) { pendingFocus = { key, until: Date.now() + 10_000 }; },
    rerender() { render(true); },
    nameOf: (id) => clauseNameById(client, id),
  };

  function show(id, { focus = false } = {}) {
    if (id !== clauseId) {
      clauseId = id;
      env.forms.clear();
      env.open.clear();
    }
    render(true);
    if (focus) aside.querySelector('.clause-panel__heading')?.focus();
  }

  function render(force = false) {
    if (!clauseId) {
      aside.replaceChildren(h('p', { class: 'empty' }, t('room.panel.none')));
      return;
    }
    const clauses = client.clauses;
    const position = clauses.findIndex((c) => c.id === clauseId);
    const clause = position >= 0 ? clauses[position] : null;
    const amendments = amendmentsShown(clauses);
    const ids = new Set(amendments.map((a) => a.id));
    const comments = store.state.comments.filter((c) =>
      (c.target === 'clause' && c.targetId === clauseId) || (c.target === 'amendment' && ids.has(c.targetId)));
    const groups = store.conflictGroupsOf(clauseId);
    // The text apart: while someone types in the clause only its text changes, and that is written
    // in place. Rebuilding the panel put its forms back into the page on every keystroke, and each
    // form control put into a page makes Chromium's autofill read every one in it again (about
    // 40 ms a keystroke beside a 1,000-paragraph live view).
    // (The version goes with the text; forms read it from env.clause when they are sent.)
    const { text, version, ...shape } = clause ?? {};
    const key = JSON.stringify([shape, position, amendments, comments, groups, store.state.phases, store.adopted, language()]);
    if (!force && key === lastKey) {
      const retyped = clause && env.clause?.text !== text;
      env.clause = clause;
      if (retyped) {
        env.forms.get('words')?.sync(clause);
        aside.querySelector('.clause-panel__text')?.replaceChildren(inlineMarkdown(text));
      }
      return;
    }
    lastKey = key;

    env.clause = clause;
    env.adopted = store.adopted;
    env.commentsOpen = store.phase('comments').open && !store.adopted;
    if (clause) env.forms.get('words')?.sync(clause);

    const focus = rememberFocus();
    aside.replaceChildren(h('div', { class: 'clause-panel' },
      clause ? header(clause, position) : gone(),
      amendmentsSection(amendments, groups),
      clause ? tablingSection() : null,
      clause ? renderCommentThreads(env, 'clause', clauseId, { level: 3 }) : null,
      clause?.number ? renderPrecedents(ctx.documentId, clauseId) : null));
    restoreFocus(focus);
  }

  // The clause's own amendments, and the new paragraphs proposed after its block (they are
  // anchored on its last sub-paragraph, see panel/structural-forms.js, but are about it).
  function amendmentsShown(clauses) {
    const own = store.amendmentsOf(clauseId);
    const end = blockEnd(clauses, clauseId);
    if (end === clauseId) return own;
    return own.concat(store.amendmentsOf(end).filter((a) => a.kind === 'insert' && a.clauseKind !== 'sub-paragraph'));
  }

  function header(clause, position) {
    const name = clauseName(clause, position);
    return h('div', { class: 'clause-panel__head' },
      h('h2', { class: 'clause-panel__heading', tabindex: '-1' }, capitalise(name)),
      renderStatusControl(env, clause, name),
      h('p', { class: 'clause-panel__text', dir: 'auto' }, inlineMarkdown(clause.text)));
  }

  function gone() {
    return h('div', { class: 'clause-panel__head' },
      h('h2', { class: 'clause-panel__heading', tabindex: '-1' }, t('panel.gone.heading')),
      h('p', { class: 'panel-note', role: 'status' }, t('panel.gone.text')));
  }

  function amendmentsSection(amendments, groups) {
    const pending = amendments.filter((a) => PENDING.has(a.state));
    const decided = amendments.filter((a) => !PENDING.has(a.state));
    const deciding = ctx.role === 'rapporteur' || ctx.role === 'chair';
    return h('section', { class: 'clause-panel__amendments', 'aria-labelledby': 'panel-amendments-heading' },
      h('h3', { id: 'panel-amendments-heading', tabindex: '-1', 'data-focus-key': 'section:amendments' },
        t('panel.amendments.heading', { n: pending.length })),
      pending.length ? pending.map((a) => renderAmendmentCard(env, a)) : h('p', { class: 'empty' }, t('panel.amendments.none')),
      deciding ? groups.map((g, i) => renderConflictGroup(env, g, i)) : null,
      decided.length ? decidedList(decided) : null);
  }

  function decidedList(decided) {
    const details = h('details', { class: 'clause-panel__decided' },
      h('summary', null, t('panel.amendments.decided', { n: decided.length })),
      decided.map((a) => renderAmendmentCard(env, a)));
    if (env.open.has('decided')) details.open = true;
    details.addEventListener('toggle', () => (details.open ? env.open.add('decided') : env.open.delete('decided')));
    return details;
  }

  function tablingSection() {
    if (ctx.role !== 'delegate' || !ctx.delegation || env.adopted) return null;
    const heading = h('h3', { tabindex: '-1', 'data-focus-key': 'section:tabling' }, t('panel.table.heading'));
    if (!store.phase('tabling').open) {
      return h('section', { class: 'clause-panel__tabling' }, heading, h('p', { class: 'panel-note' }, t('panel.table.closed')));
    }
    return h('section', { class: 'clause-panel__tabling' }, heading,
      h('h4', null, t('panel.words.heading')),
      h('p', { class: 'field__hint' }, t('panel.words.intro')),
      keep(env, 'words', () => changeWordsForm(env)),
      h('h4', null, t('panel.other.heading')),
      renderStructuralForms(env));
  }

  // ------------------------------------------------------------------ focus across rebuilds

  function rememberFocus() {
    const active = document.activeElement;
    if (!active || !aside.contains(active)) return null;
    return {
      element: active,
      key: active.dataset?.focusKey,
      selection: 'selectionStart' in active && active.type !== 'checkbox' && active.type !== 'radio'
        ? [active.selectionStart, active.selectionEnd, active.selectionDirection] : null,
    };
  }

  function restoreFocus(focus) {
    if (pendingFocus && Date.now() < pendingFocus.until) {
      const target = findFocusTarget(pendingFocus.key);
      if (target) {
        pendingFocus = null;
        target.closest('details')?.setAttribute('open', '');
        target.focus();
        return;
      }
    } else {
      pendingFocus = null;
    }
    if (!focus) return;
    if (focus.element.isConnected) {
      focus.element.focus({ preventScroll: true });
      if (focus.selection) {
        try { focus.element.setSelectionRange(...focus.selection); } catch { /* not a text field */ }
      }
      return;
    }
    const same = focus.key && aside.querySelector(`[data-focus-key="${CSS.escape(focus.key)}"]`);
    (same || aside.querySelector('.clause-panel__heading'))?.focus({ preventScroll: true });
  }

  function findFocusTarget(key) {
    if (key.startsWith('first:')) {
      const form = aside.querySelector(`[data-form-key="${CSS.escape(key.slice(6))}"]`);
      return form?.querySelector('input, select, textarea, button') ?? null;
    }
    const el = aside.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    return el && !el.disabled ? el : null;
  }

  // ------------------------------------------------------------------ selecting words in the text

  let selectionTimer = null;
  function onSelection() {
    clearTimeout(selectionTimer);
    if (ctx.role !== 'delegate' || !ctx.delegation || store.adopted || !store.phase('tabling').open) return;
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    const range = selection.getRangeAt(0);
    const node = range.commonAncestorContainer;
    const textEl = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)?.closest('.clause__text');
    const readView = aside.closest('.room-columns')?.querySelector('.document__body');
    if (!textEl || !readView?.contains(textEl)) return;
    const id = textEl.closest('[data-clause-id]')?.dataset.clauseId;
    const clause = client.clauses.find((c) => c.id === id);
    if (!clause) return;
    // Offsets first: selecting the clause re-renders it, which drops the page's selection.
    const offsets = sourceOffsets(textEl, range, clause.text);
    if (!offsets) return;
    if (ctx.selectedClauseId() !== id) ctx.selectClause(id);
    if (clauseId !== id) show(id);
    const form = env.forms.get('words');
    if (!form) return;
    form.chooseRange(offsets.start, offsets.end);
    form.scrollIntoView({ block: 'nearest' });
  }
  const onSelectionChange = () => {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(onSelection, 250);
  };
  document.addEventListener('selectionchange', onSelectionChange);
  document.addEventListener('mouseup', onSelection);
  document.addEventListener('keyup', onSelectionChange);

  const offs = [
    store.on('change', () => render()),
    client.on('clause', ({ clauseId: id }) => { if (id === clauseId) render(); }),
    client.on('document', () => render()),
  ];
  render();

  return {
    show,
    destroy() {
      clearTimeout(selectionTimer);
      document.removeEventListener('selectionchange', onSelectionChange);
      document.removeEventListener('mouseup', onSelection);
      document.removeEventListener('keyup', onSelectionChange);
      offs.forEach((off) => off());
    },
  };
}

const capitalise = (s) => (s ? s[0].toLocaleUpperCase() + s.slice(1) : s);
