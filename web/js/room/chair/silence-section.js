// The silence procedure for the chair: start one (a deadline; every paragraph not yet agreed, or
// those chosen), follow it while it runs (time left, breaks), and see how the last one ended.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { clauseName, clauseNameById } from '../clause-name.js';
import { focusLater, keyed } from './keyed.js';
import { formatInstant } from '../../format.js';
import { countdown } from './time.js';
import { deadlineField } from './deadline-field.js';

export function silenceSection(ctx) {
  const { store, client, api, documentId } = ctx;
  const body = h('div');
  const element = h('section', { class: 'chair-section', 'aria-labelledby': 'chair-silence-heading' },
    h('h3', { id: 'chair-silence-heading' }, t('chair.silence.heading')), body);
  const names = (ids) => ids.map((id) => clauseNameById(client, id)).join(', ');
  const candidates = () => client.clauses.map((c, i) => ({ c, i })).filter(({ c }) => c.kind !== 'heading' && c.status !== 'agreed');
  const last = () => store.state.silences.filter((s) => s.concluded).at(-1) ?? null;

  const update = keyed(body, () => [store.runningSilence(), last()?.id, store.adopted, store.currentVote()?.id,
    candidates().map(({ c, i }) => [c.id, c.number, i]), document.documentElement.lang], () => {
    const running = store.runningSilence();
    const parts = [];
    if (running) parts.push(renderRunning(running));
    else if (store.adopted) parts.push(h('p', { class: 'chair-note' }, t('chair.silence.adopted')));
    else parts.push(renderStart());
    const ended = last();
    if (ended) parts.push(renderEnded(ended));
    return parts;
  });

  function renderRunning(s) {
    return h('div', { class: 'chair-silence' },
      h('p', { class: 'chair-silence__status', tabindex: '-1', 'data-focus': 'silence-status' },
        h('strong', null, t('chair.silence.running')), ' ',
        t('chair.silence.until', { time: formatInstant(s.deadline) }), ' (', countdown(s.deadline), ')'),
      h('p', null, t('chair.silence.under', { n: s.clauseIds.length }), ' ', names(s.clauseIds)),
      h('h4', null, t('chair.silence.breaks')),
      s.breaks.length
        ? h('table', { class: 'chair-table chair-breaks' },
          h('thead', null, h('tr', null, ['clause', 'delegation', 'by', 'reason', 'at']
            .map((c) => h('th', { scope: 'col' }, t(`chair.silence.col.${c}`))))),
          h('tbody', null, s.breaks.map((b) => h('tr', null,
            h('th', { scope: 'row' }, clauseNameById(client, b.clauseId)),
            h('td', { dir: 'auto' }, b.delegation),
            h('td', { dir: 'auto' }, b.by),
            h('td', { dir: 'auto' }, b.reason),
            h('td', null, formatInstant(b.at))))))
        : h('p', { class: 'chair-note' }, t('chair.silence.noBreaks')));
  }

  function renderEnded(s) {
    const held = s.held ?? [];
    const broken = s.broken ?? [];
    return h('div', { class: 'chair-silence-ended' },
      // Takes the focus if the deadline passes while it is on the running procedure's status.
      h('h4', { tabindex: '-1', 'data-focus-home': '' }, t('chair.silence.ended', { time: formatInstant(s.deadline) })),
      h('p', null, h('strong', null, t('chair.silence.held', { n: held.length })), ' ', held.length ? names(held) : '—'),
      h('p', null, h('strong', null, t('chair.silence.broken', { n: broken.length })), ' ', broken.length ? names(broken) : '—'));
  }

  function renderStart() {
    const field = deadlineField({ id: 'silence-deadline', label: t('chair.silence.deadline'), required: true });
    const list = candidates();
    if (!list.length) return h('p', { class: 'chair-note' }, t('chair.silence.nothing'));
    const scope = ['all', 'chosen'].map((v) => h('div', { class: 'chair-choice' },
      h('input', { type: 'radio', name: 'silence-scope', id: `silence-scope-${v}`, value: v, checked: v === 'all', 'data-keep': 'silence-scope' }),
      h('label', { for: `silence-scope-${v}` }, v === 'all' ? t('chair.silence.all', { n: list.length }) : t('chair.silence.choose'))));
    const boxes = h('fieldset', { class: 'chair-fieldset chair-silence__choice', hidden: true },
      h('legend', null, t('chair.silence.paragraphs')),
      h('div', { class: 'chair-checks' }, list.map(({ c, i }) => h('div', { class: 'chair-choice' },
        h('input', { type: 'checkbox', id: `silence-clause-${c.id}`, value: c.id, 'data-keep': 'silence-clause' }),
        h('label', { for: `silence-clause-${c.id}` }, clauseName(c, i))))));
    const error = h('p', { class: 'field__error', id: 'silence-choice-error', hidden: true });
    const warning = store.adopted || !store.currentVote() ? null : h('p', { class: 'chair-note' }, t('chair.silence.duringVote'));
    const form = h('form', { class: 'form chair-form', novalidate: true },
      field.element,
      h('fieldset', { class: 'chair-fieldset' }, h('legend', null, t('chair.silence.scope')), scope),
      boxes, error, warning,
      h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t('chair.silence.start'))));
    const sync = () => { boxes.hidden = form.querySelector('[name="silence-scope"]:checked')?.value !== 'chosen'; };
    form.addEventListener('change', sync);
    queueMicrotask(sync);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      const read = field.read();
      if (read.error) return;
      let clauseIds;
      if (!boxes.hidden) {
        clauseIds = [...boxes.querySelectorAll('input:checked')].map((b) => b.value);
        if (!clauseIds.length) {
          error.textContent = t('chair.silence.chooseOne');
          error.hidden = false;
          boxes.querySelector('input')?.focus();
          return;
        }
      }
      const started = await ctx.run(() => api.startSilence(documentId, { deadline: read.deadline, clauseIds }),
        { done: t('chair.silence.started') });
      if (started) {
        focusLater('silence-status');
        store.reload();
      }
    });
    return form;
  }

  update();
  return { element, update };
}
