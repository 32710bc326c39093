// The vote in progress, for the chair: its stage, the delegations present (live as they
// register), Open the vote, the live tally of ballots cast and who has voted, Close the vote.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { focusLater, keyed } from './keyed.js';
import { voteSubject } from './vote-subject.js';

export function currentVote(ctx) {
  const { store, api, documentId } = ctx;
  const body = h('div');
  // Says the tally when it moves; the visible tally is rebuilt, so it cannot be the live region.
  const tally = h('p', { class: 'visually-hidden', role: 'status' });
  const element = h('div', { class: 'chair-current-vote' }, h('h4', null, t('chair.vote.current.heading')), body, tally);
  let lastTally = null;

  const update = keyed(body, () => [store.currentVote(), document.documentElement.lang], () => {
    const vote = store.currentVote();
    if (!vote) return h('p', { class: 'chair-note' }, t('chair.vote.current.none'));
    const n = vote.electorate.length;
    const facts = [
      ['chair.vote.fact.subject', voteSubject(vote, ctx)],
      ['chair.vote.fact.stage', t(`chair.vote.stage.${vote.stage}`)],
      ['chair.vote.fact.majority', t(`chair.majority.${vote.majority}`)],
      ['chair.vote.fact.ballot', t(`chair.ballot.${vote.ballot}`)],
      ['chair.vote.fact.quorum', t('chair.vote.quorumOf', { quorum: vote.quorum, n })],
      ['chair.vote.fact.present', t('chair.vote.presentOf', { present: vote.present.length, n })],
    ];
    const action = vote.stage === 'register'
      ? h('button', { type: 'button', class: 'button button--primary', 'data-focus': 'vote-action' }, t('chair.vote.open'))
      : h('button', { type: 'button', class: 'button button--primary', 'data-focus': 'vote-action' }, t('chair.vote.close'));
    action.addEventListener('click', async () => {
      if (vote.stage === 'register') {
        await ctx.run(() => api.openVote(documentId, vote.id), { done: t('chair.vote.opened') });
        return;
      }
      const closed = await ctx.run(() => api.closeVote(documentId, vote.id));
      if (closed?.result) {
        ctx.announce(closed.result.summary);
        focusLater(`vote-result-${vote.id}`);
        store.reload();
      }
    });
    return [
      h('p', { class: 'chair-vote__question', dir: 'auto' }, vote.question),
      h('dl', { class: 'facts chair-facts' }, facts.map(([k, v]) => h('div', null, h('dt', null, t(k)), h('dd', null, v)))),
      h('p', null, t('chair.vote.presentList'), ' ',
        vote.present.length ? h('span', { dir: 'auto' }, vote.present.join(', ')) : t('chair.vote.nobody')),
      vote.stage === 'open' ? [
        h('p', { class: 'chair-tally' }, t('chair.vote.tally', { cast: vote.ballotsCast, n })),
        h('p', null, t('chair.vote.votedList'), ' ',
          vote.voted.length ? h('span', { dir: 'auto' }, vote.voted.join(', ')) : t('chair.vote.nobody')),
      ] : null,
      h('div', { class: 'form__actions' }, action),
    ];
  });

  function refresh() {
    update();
    const vote = store.currentVote();
    const now = vote ? `${vote.id}:${vote.stage}:${vote.present.length}:${vote.ballotsCast}` : null;
    if (vote && lastTally && now !== lastTally && lastTally.startsWith(vote.id)) {
      tally.textContent = vote.stage === 'open'
        ? t('chair.vote.tally', { cast: vote.ballotsCast, n: vote.electorate.length })
        : t('chair.vote.presentOf', { present: vote.present.length, n: vote.electorate.length });
    }
    lastTally = now;
  }
  refresh();
  return { element, update: refresh };
}
