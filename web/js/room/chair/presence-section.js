// Who is connected to the document now, with their role and the paragraph they are in.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { clauseNameById } from '../clause-name.js';
import { keyed } from './keyed.js';

export function presenceSection(ctx) {
  const { client } = ctx;
  const body = h('div');
  const element = h('section', { class: 'chair-section', 'aria-labelledby': 'chair-presence-heading' },
    h('h3', { id: 'chair-presence-heading' }, t('chair.presence.heading')), body);
  const people = () => client.people.map((p) => ({
    id: p.connectionId, name: p.name, role: p.role, where: p.clauseId ? clauseNameById(client, p.clauseId) : null,
  }));
  const update = keyed(body, () => [people(), document.documentElement.lang], () => {
    const list = people();
    if (!list.length) return h('p', { class: 'chair-note' }, t('chair.presence.none'));
    return [
      h('p', null, t(list.length === 1 ? 'chair.presence.count.one' : 'chair.presence.count.other', { n: list.length })),
      h('ul', { class: 'chair-people' }, list.map((p) => h('li', null,
        h('span', { class: 'chair-people__name', dir: 'auto' }, p.name),
        ` · ${p.role ? t(`chair.role.${p.role}`) : t('chair.role.admin')} · `,
        p.where ? t('chair.presence.in', { clause: p.where }) : t('chair.presence.nowhere')))),
    ];
  });
  update();
  return { element, update };
}
