// One closed formal vote as a record: the question, what it was on, the summary the chair reads
// out, the tally, the quorum, and the roll call when the ballot was roll-call.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { voteSubject } from './vote-subject.js';

export function renderVoteResult(vote, ctx) {
  const r = vote.result;
  const yesNo = (b) => t(b ? 'chair.yes' : 'chair.no');
  return h('article', { class: 'chair-result', 'data-carried': String(Boolean(r?.carried)) },
    h('h5', { tabindex: '-1', 'data-focus': `vote-result-${vote.id}`, dir: 'auto' }, vote.question),
    h('p', { class: 'chair-result__summary' }, h('strong', { dir: 'auto' }, r?.summary ?? '')),
    r ? h('dl', { class: 'facts chair-facts' }, [
      ['chair.vote.fact.subject', voteSubject(vote, ctx)],
      ['chair.result.tally', t('chair.result.tallyText', r.tally)],
      ['chair.vote.fact.quorum', t('chair.result.quorumText', { present: r.present, quorum: r.quorum })],
      ['chair.result.quorumMet', yesNo(r.quorumMet)],
      ['chair.result.carried', yesNo(r.carried)],
      ['chair.vote.fact.majority', t(`chair.majority.${vote.majority}`)],
    ].map(([k, v]) => h('div', null, h('dt', null, t(k)), h('dd', null, v)))) : null,
    vote.rollCall?.length ? h('table', { class: 'chair-table' },
      h('caption', null, t('chair.result.rollCall')),
      h('thead', null, h('tr', null, ['delegation', 'voter', 'choice'].map((c) => h('th', { scope: 'col' }, t(`chair.result.col.${c}`))))),
      h('tbody', null, vote.rollCall.map((row) => h('tr', null,
        h('th', { scope: 'row', dir: 'auto' }, row.delegation),
        h('td', { dir: 'auto' }, row.voter),
        h('td', null, t(`chair.choice.${row.choice}`)))))) : null);
}
