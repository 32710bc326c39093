// The formal vote, for everyone in the room: its question and stage; for delegates of the
// electorate, "Register as present" then the ballot (Yes / No / Abstain); once closed, the result
// until dismissed (dismissals last for the browser tab's session).

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { amendmentNumber } from '../amendment-number.js';
import { focusLater, keyed } from '../chair/keyed.js';
import { dismiss, dismissed, focusCurrentTab } from './dismissals.js';

const DISMISSED_KEY = 'plenary.dismissedVotes';

export function voteBanner(ctx) {
  const { store, api, documentId, delegation } = ctx;
  const element = h('div', { class: 'banner banner--vote' });
  let busy = false;

  const shown = () => {
    const current = store.currentVote();
    if (current) return current;
    const last = store.state.votes.filter((v) => v.stage === 'closed').at(-1);
    return last && !dismissed(DISMISSED_KEY).has(last.id) ? last : null;
  };

  async function act(call, done) {
    const pressed = document.activeElement?.dataset?.focus;
    busy = true;
    update();
    const answer = await ctx.run(call, { done });
    // Refused: back to the button pressed, enabled again by the rebuild below.
    focusLater(answer ? 'vote-banner-status' : pressed);
    if (answer) {
      // Stay busy until the state shows the change, so the button cannot be pressed twice.
      await store.reload();
    }
    busy = false;
    update(true);
  }

  const update = keyed(element, () => [shown(), busy, document.documentElement.lang], () => {
    const vote = shown();
    element.hidden = !vote;
    if (!vote) return null;
    const voter = ctx.role === 'delegate' && delegation && vote.electorate.includes(delegation);
    const present = voter && vote.present.includes(delegation);
    // A vote on an amendment names it as the room cites it, before the question.
    const subject = vote.subject === 'amendment' ? amendmentNumber(store.amendment(vote.subjectId)) : null;
    const question = h('span', { class: 'banner__question', dir: 'auto' },
      subject ? h('span', { class: 'banner__subject' }, `${subject}: `) : null, vote.question);
    const status = (text) => h('p', { class: 'banner__status', tabindex: '-1', 'data-focus': 'vote-banner-status' }, text);
    const n = vote.electorate.length;

    if (vote.stage === 'closed') {
      const close = h('button', { type: 'button', class: 'button button--small', 'data-focus': 'vote-banner-dismiss' },
        t('banner.dismiss'), h('span', { class: 'visually-hidden' }, ` ${t('banner.vote.result')}`));
      close.addEventListener('click', () => {
        dismiss(DISMISSED_KEY, vote.id);
        update(true);
        focusCurrentTab();
        ctx.announce(t('banner.vote.dismissed'));
      });
      return [h('p', { tabindex: '-1', 'data-focus-home': '' }, h('strong', null, t('banner.vote.result')), ' ', question),
        h('p', { class: 'banner__result', 'data-carried': String(Boolean(vote.result?.carried)) },
          h('strong', { dir: 'auto' }, vote.result?.summary ?? '')),
        close];
    }

    const head = h('p', { tabindex: '-1', 'data-focus-home': '' }, h('strong', null, t(`banner.vote.stage.${vote.stage}`)), ' ', question);
    if (vote.stage === 'register') {
      const counts = h('p', null, t('banner.vote.present', { present: vote.present.length, n }));
      if (!voter) return [head, counts];
      if (present) return [head, status(t('banner.vote.registered')), counts];
      const register = h('button', { type: 'button', class: 'button button--primary', disabled: busy, 'data-focus': 'vote-banner-register' },
        t('banner.vote.register'));
      register.addEventListener('click', () => act(() => api.registerPresence(documentId, vote.id), t('banner.vote.registered.done')));
      return [head, h('div', { class: 'banner__actions' }, register, counts)];
    }

    // open
    const counts = h('p', null, t('banner.vote.cast', { cast: vote.ballotsCast, n }));
    if (!voter) return [head, counts];
    if (!present) return [head, status(t('banner.vote.notPresent')), counts];
    if (vote.voted.includes(delegation)) return [head, status(t('banner.vote.voted')), counts];
    const buttons = ['yes', 'no', 'abstain'].map((choice) => {
      const b = h('button', {
        type: 'button', class: `button banner__ballot banner__ballot--${choice}`, disabled: busy,
        'data-focus': `vote-banner-${choice}`,
      }, t(`banner.vote.choice.${choice}`));
      b.addEventListener('click', () => act(() => api.castBallot(documentId, vote.id, choice), t('banner.vote.cast.done')));
      return b;
    });
    return [head, h('fieldset', { class: 'banner__ballot-group' },
      h('legend', null, t('banner.vote.ballot', { delegation })),
      h('div', { class: 'banner__actions' }, buttons)), counts];
  });
  update();
  return { element, update };
}
