// The closed formal votes, newest first, each with its result.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { keyed } from './keyed.js';
import { renderVoteResult } from './vote-result.js';

export function pastVotes(ctx) {
  const { store } = ctx;
  const body = h('div');
  const element = h('div', { class: 'chair-past-votes' }, h('h4', null, t('chair.vote.past.heading')), body);
  const closed = () => store.state.votes.filter((v) => v.stage === 'closed').reverse();
  const update = keyed(body, () => [closed().map((v) => [v.id, v.rollCall?.length ?? 0]), document.documentElement.lang], () => {
    const votes = closed();
    if (!votes.length) return h('p', { class: 'chair-note' }, t('chair.vote.past.none'));
    return h('ol', { class: 'chair-results' }, votes.map((v) => h('li', null, renderVoteResult(v, ctx))));
  });
  update();
  return { element, update };
}
