// A running silence procedure, for everyone: its deadline and paragraphs, and the breaks so far;
// delegates break silence on a paragraph with a reason, in a small form opened from the banner.
// Once the deadline passes, what held and what broke, until dismissed (as vote results are).

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { clauseNameById } from '../clause-name.js';
import { focusLater, keyed } from '../chair/keyed.js';
import { formatInstant } from '../../format.js';
import { countdown } from '../chair/time.js';
import { dismiss, dismissed, focusCurrentTab } from './dismissals.js';

const DISMISSED_KEY = 'plenary.dismissedSilences';

export function silenceBanner(ctx) {
  const { store, client, api, documentId, delegation } = ctx;
  const element = h('div', { class: 'banner banner--silence' });
  let formOpen = false;
  const canBreak = ctx.role === 'delegate' && Boolean(delegation);
  const open = (s) => s.clauseIds.filter((id) => !s.breaks.some((b) => b.clauseId === id && b.delegation === delegation));

  const ended = () => {
    const last = store.state.silences.filter((s) => s.concluded).at(-1);
    return last && !dismissed(DISMISSED_KEY).has(last.id) ? last : null;
  };
  const name = (id) => clauseNameById(client, id);

  const update = keyed(element, () => [store.runningSilence(), store.runningSilence() ? null : ended(), formOpen,
    client.clauses.map((c) => c.number), document.documentElement.lang], () => {
    const s = store.runningSilence();
    const last = s ? null : ended();
    element.hidden = !s && !last;
    if (!s) formOpen = false;
    if (last) return renderEnded(last);
    if (!s) return null;
    const parts = [
      h('p', { tabindex: '-1', 'data-focus-home': '' }, h('strong', null, t('banner.silence.title')), ' ',
        t('banner.silence.until', { time: formatInstant(s.deadline) }), ' (', countdown(s.deadline), ')'),
      h('details', { class: 'banner__details' },
        h('summary', null, t(s.clauseIds.length === 1 ? 'banner.silence.paragraphs.one' : 'banner.silence.paragraphs.other', { n: s.clauseIds.length })),
        h('p', null, s.clauseIds.map(name).join(', '))),
      s.breaks.length ? h('ul', { class: 'banner__breaks' }, s.breaks.map((b) => h('li', null,
        t('banner.silence.broken', { clause: name(b.clauseId), delegation: b.delegation }), ' ',
        h('q', { dir: 'auto' }, b.reason)))) : null,
    ];
    if (!canBreak) return parts;
    const choices = open(s);
    if (!choices.length) return [...parts, h('p', { class: 'banner__status' }, t('banner.silence.allBroken'))];
    const toggle = h('button', {
      type: 'button', class: 'button button--small', 'aria-expanded': String(formOpen),
      'aria-controls': 'silence-break-form', 'data-focus': 'silence-break-toggle',
    }, t('banner.silence.break'));
    toggle.addEventListener('click', () => {
      formOpen = !formOpen;
      if (formOpen) focusLater('silence-break-clause');
      update();
    });
    parts.push(toggle);
    if (!formOpen) return parts;

    const select = h('select', { id: 'silence-break-clause', 'data-keep': 'silence-break-clause', 'data-focus': 'silence-break-clause' },
      choices.map((id) => h('option', { value: id }, name(id))));
    const reason = h('textarea', {
      id: 'silence-break-reason', rows: 2, required: true, maxlength: 5000, dir: 'auto',
      'data-keep': 'silence-break-reason', 'data-focus': 'silence-break-reason',
    });
    const error = h('p', { class: 'field__error', id: 'silence-break-error', hidden: true });
    const cancel = h('button', { type: 'button', class: 'button' }, t('banner.cancel'));
    cancel.addEventListener('click', () => {
      formOpen = false;
      focusLater('silence-break-toggle');
      update();
    });
    const form = h('form', { id: 'silence-break-form', class: 'banner__form', novalidate: true },
      h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'silence-break-clause' }, t('banner.silence.paragraph')), select),
      h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'silence-break-reason' }, t('banner.silence.reason')), reason, error),
      h('div', { class: 'banner__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t('banner.silence.submit')), cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = reason.value.trim();
      if (!text) {
        error.textContent = t('banner.silence.reasonRequired');
        error.hidden = false;
        reason.setAttribute('aria-invalid', 'true');
        reason.setAttribute('aria-describedby', 'silence-break-error');
        reason.focus();
        return;
      }
      const clause = name(select.value);
      const state = await ctx.run(() => api.breakSilence(documentId, select.value, text),
        { done: t('banner.silence.done', { clause }) });
      if (!state) return;
      reason.value = '';
      formOpen = false;
      focusLater('silence-break-toggle');
      store.accept(state);
      update(true);
    });
    parts.push(form);
    return parts;
  });
  // The deadline passed, perhaps under the delegate's focus: the headline takes it (data-focus-home).
  function renderEnded(s) {
    const held = s.held ?? [];
    const broken = s.broken ?? [];
    const close = h('button', { type: 'button', class: 'button button--small', 'data-focus': 'silence-banner-dismiss' },
      t('banner.dismiss'), h('span', { class: 'visually-hidden' }, ` ${t('banner.silence.result')}`));
    close.addEventListener('click', () => {
      dismiss(DISMISSED_KEY, s.id);
      update(true);
      focusCurrentTab();
      ctx.announce(t('banner.silence.dismissed'));
    });
    return [
      h('p', { tabindex: '-1', 'data-focus-home': '' }, h('strong', null, t('banner.silence.ended', { time: formatInstant(s.deadline) }))),
      h('p', null, held.length ? [t('banner.silence.held'), ' ', held.map(name).join(', ')] : t('banner.silence.heldNone')),
      broken.length ? h('p', null, t('banner.silence.brokenOn'), ' ', broken.map(name).join(', ')) : null,
      close,
    ];
  }

  update();
  return { element, update };
}
