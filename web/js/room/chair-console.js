// The chair console (#/documents/{id}/chair): phases, paragraph statuses, who is connected,
// formal votes, the silence procedure and adoption. Each part lives in chair/ and rebuilds itself
// only when what it shows changed, so the chair's focus and half-typed forms survive the room's
// constant live updates.

import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import chairStrings from '../strings/chair.js';
import { phasesSection } from './chair/phases-section.js';
import { statusesSection } from './chair/statuses-section.js';
import { presenceSection } from './chair/presence-section.js';
import { voteCallForm } from './chair/vote-call-form.js';
import { currentVote } from './chair/current-vote.js';
import { pastVotes } from './chair/past-votes.js';
import { silenceSection } from './chair/silence-section.js';
import { adoptionSection } from './chair/adoption-section.js';
import { startTicker } from './chair/time.js';

addStrings(chairStrings);

export function mountChairConsole(container, ctx) {
  const heading = h('h2', { class: 'chair-console__heading' }, t('chair.heading'));
  if (ctx.role !== 'chair' && !ctx.user?.admin) {
    container.append(h('div', { class: 'chair-console' }, heading, h('p', { class: 'chair-note' }, t('chair.forChair'))));
    return { destroy() {} };
  }

  const votes = [currentVote(ctx), voteCallForm(ctx), pastVotes(ctx)];
  const sections = [
    phasesSection(ctx),
    h('section', { class: 'chair-section', 'aria-labelledby': 'chair-votes-heading' },
      h('h3', { id: 'chair-votes-heading' }, t('chair.votes.heading')), votes.map((v) => v.element)),
    silenceSection(ctx),
    adoptionSection(ctx),
    statusesSection(ctx),
    presenceSection(ctx),
  ];
  const parts = [...sections.filter((s) => s.update), ...votes];
  container.append(h('div', { class: 'chair-console' }, heading,
    ctx.role !== 'chair' ? h('p', { class: 'warning' }, t('chair.adminOnly')) : null,
    sections.map((s) => s.element ?? s)));

  const update = () => parts.forEach((p) => p.update());
  const offs = [
    ctx.store.on('change', update),
    ctx.client.on('document', update),
    ctx.client.on('clause', update),
    ctx.client.on('presence', update),
    startTicker(container),
  ];
  return { destroy: () => offs.forEach((off) => off()) };
}
