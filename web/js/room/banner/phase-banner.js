// The state of the negotiation in one line: adopted, or whether amendments may be tabled (and
// until when).

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { keyed } from '../chair/keyed.js';
import { formatInstant } from '../../format.js';
import { countdown } from '../chair/time.js';

export function phaseBanner(ctx) {
  const { store } = ctx;
  const element = h('div', { class: 'banner banner--phase' });
  const update = keyed(element, () => [store.adopted, store.state.documentStatus, store.phase('tabling'),
    document.documentElement.lang], () => {
    element.hidden = !store.state.documentStatus;
    if (store.adopted) {
      element.dataset.state = 'adopted';
      return h('p', { class: 'banner__adopted' }, h('strong', null, t('banner.adopted')));
    }
    const { open, deadline } = store.phase('tabling');
    element.dataset.state = open ? 'open' : 'closed';
    if (!open) return h('p', null, t('banner.tabling.closed'));
    if (!deadline) return h('p', null, t('banner.tabling.open'));
    return h('p', null, t('banner.tabling.until', { time: formatInstant(deadline) }), ' (', countdown(deadline), ')');
  });
  update();
  return { element, update };
}
