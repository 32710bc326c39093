// The chair's three windows (tabling, comments, voting): open or closed now, the deadline and the
// time left, and Open / Close (with an optional deadline, which can also be moved while open).

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { keyed } from './keyed.js';
import { formatInstant } from '../../format.js';
import { countdown } from './time.js';
import { deadlineField } from './deadline-field.js';

const PHASES = ['tabling', 'comments', 'voting'];

export function phasesSection(ctx) {
  const blocks = PHASES.map((phase) => phaseBlock(ctx, phase));
  const element = h('section', { class: 'chair-section', 'aria-labelledby': 'chair-phases-heading' },
    h('h3', { id: 'chair-phases-heading' }, t('chair.phases.heading')),
    h('div', { class: 'chair-phases' }, blocks.map((b) => b.element)));
  return { element, update: () => blocks.forEach((b) => b.update()) };
}

function phaseBlock(ctx, phase) {
  const { store, api, documentId } = ctx;
  const element = h('fieldset', { class: 'chair-phase' });
  const name = t(`chair.phase.${phase}`);

  async function set(open, deadline) {
    const body = deadline ? { open, deadline } : { open };
    const done = t(open ? (deadline ? 'chair.phase.opened.until' : 'chair.phase.opened') : 'chair.phase.closed.done',
      { phase: name, deadline: deadline && formatInstant(deadline) });
    const answer = await ctx.run(() => api.setPhase(documentId, phase, body), { done });
    if (answer && answer !== true) store.accept(answer);
  }

  const update = keyed(element, () => [store.phase(phase), store.adopted, document.documentElement.lang], () => {
    const { open, deadline } = store.phase(phase);
    const state = h('p', { class: 'chair-phase__state', 'data-open': String(open) },
      h('strong', null, t(open ? 'chair.phase.open' : 'chair.phase.closed')),
      open && deadline ? [' ', t('chair.phase.until', { time: formatInstant(deadline) }), ' (', countdown(deadline), ')'] : null,
      open && !deadline ? [' ', t('chair.phase.noDeadline')] : null);
    if (store.adopted) return [h('legend', null, name), state, h('p', { class: 'chair-note' }, t('chair.phase.adopted'))];
    const field = deadlineField({ id: `chair-deadline-${phase}`, label: t(open ? 'chair.phase.newDeadline' : 'chair.phase.deadline') });
    const toggle = h('button', {
      type: 'button', class: open ? 'button' : 'button button--primary', 'data-focus': `phase-${phase}`,
    }, t(`chair.phase.${phase}.${open ? 'close' : 'open'}`));
    toggle.addEventListener('click', () => {
      if (open) return set(false);
      const read = field.read();
      if (!read.error) set(true, read.deadline);
    });
    const actions = [toggle];
    if (open) {
      const move = h('button', { type: 'button', class: 'button', 'data-focus': `phase-${phase}-deadline` },
        t('chair.phase.setDeadline'));
      move.addEventListener('click', () => {
        const read = field.read();
        if (!read.error && read.deadline) set(true, read.deadline);
        else if (!read.error) field.input.focus();
      });
      actions.unshift(move);
    }
    return [h('legend', null, name), state, field.element, h('div', { class: 'form__actions' }, actions)];
  });
  update();
  return { element, update };
}
