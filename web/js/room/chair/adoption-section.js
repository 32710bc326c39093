// Adoption: "Adopt the document", then a confirmation step in the page (Yes, adopt / Cancel);
// what stands in the way is said first. Once adopted: the record (revision, SHA-256, time) and
// the official exports.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { focusLater, keyed } from './keyed.js';
import { formatInstant } from '../../format.js';

export function adoptionSection(ctx) {
  const { store, api, documentId } = ctx;
  const body = h('div');
  const element = h('section', { class: 'chair-section chair-adoption', 'aria-labelledby': 'chair-adoption-heading' },
    h('h3', { id: 'chair-adoption-heading' }, t('chair.adoption.heading')), body);
  let confirming = false;

  const update = keyed(body, () => [store.state.adoption, store.adopted, Boolean(store.currentVote()),
    Boolean(store.runningSilence()), confirming, document.documentElement.lang], () => {
    if (store.adopted) return renderRecord(store.state.adoption);
    const obstacles = [
      store.currentVote() ? t('chair.adoption.blocked.vote') : null,
      store.runningSilence() ? t('chair.adoption.blocked.silence') : null,
    ].filter(Boolean);
    const notes = [
      h('p', null, t('chair.adoption.explain')),
      obstacles.map((o) => h('p', { class: 'warning' }, o)),
    ];
    if (!confirming) {
      const adopt = h('button', { type: 'button', class: 'button button--primary', 'data-focus': 'adopt' }, t('chair.adoption.adopt'));
      adopt.addEventListener('click', () => {
        confirming = true;
        focusLater('adopt-confirm');
        update();
      });
      return [notes, h('div', { class: 'form__actions' }, adopt)];
    }
    const yes = h('button', { type: 'button', class: 'button button--primary', 'data-focus': 'adopt-yes' }, t('chair.adoption.yes'));
    const cancel = h('button', { type: 'button', class: 'button' }, t('chair.adoption.cancel'));
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      const state = await ctx.run(() => api.adopt(documentId), { done: t('chair.adoption.done') });
      confirming = false;
      if (state && state !== true) {
        focusLater('adoption-record');
        store.accept(state);
      } else {
        focusLater('adopt');
      }
      update();
    });
    cancel.addEventListener('click', () => {
      confirming = false;
      focusLater('adopt');
      update();
    });
    return [notes, h('div', { class: 'chair-confirm', role: 'group', 'aria-labelledby': 'adopt-confirm' },
      h('p', { id: 'adopt-confirm', class: 'chair-confirm__question', tabindex: '-1', 'data-focus': 'adopt-confirm' },
        t('chair.adoption.confirm')),
      h('div', { class: 'form__actions' }, yes, cancel))];
  });

  function renderRecord(adoption) {
    const links = [
      ['chair.adoption.pdf', api.exportUrl(documentId, 'pdf'), 'chair-export-pdf'],
      ['chair.adoption.compilation', api.exportUrl(documentId, 'pdf', 'compilation'), 'chair-export-compilation'],
      ['chair.adoption.markdown', api.exportUrl(documentId, 'md'), 'chair-export-md'],
    ];
    return [
      h('p', { class: 'chair-adopted', tabindex: '-1', 'data-focus': 'adoption-record' }, h('strong', null, t('chair.adoption.adopted'))),
      adoption ? h('dl', { class: 'facts chair-facts' },
        h('div', null, h('dt', null, t('chair.adoption.revision')), h('dd', null, String(adoption.revision))),
        h('div', null, h('dt', null, t('chair.adoption.at')), h('dd', null, formatInstant(adoption.adoptedAt))),
        h('div', null, h('dt', null, t('chair.adoption.sha')), h('dd', null, h('code', { class: 'chair-sha' }, adoption.sha256)))) : null,
      h('p', { class: 'field__hint' }, t('chair.adoption.shaHint')),
      h('ul', { class: 'chair-exports' }, links.map(([k, href, cls]) => h('li', null, h('a', { href, class: cls }, t(k))))),
    ];
  }

  update();
  return { element, update };
}
