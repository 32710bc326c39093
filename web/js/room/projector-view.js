// The projector (#/documents/{id}/projector, its own window; app.js sets body.projector-mode,
// which hides the frame): the whole text in large type, read-only, with each paragraph's status
// and pending amendments, following the paragraph the chair is on (from live presence).

import { h } from '../dom.js';
import { addStrings, t, tn } from '../i18n.js';
import { renderClause } from '../render-clause.js';
import strings from '../strings/projector.js';
import { amendmentNumber } from './amendment-number.js';
import { clauseName } from './clause-name.js';
import { chairClauseId } from './projector/chair-clause.js';
import { scrollToCentre } from './projector/scroll-into-view.js';
import { KeyedChildren } from './keyed-children.js';
import { documentLanguage } from '../document-language.js';

addStrings(strings);

export function mountProjector(container, ctx) {
  const { client, store } = ctx;
  const focusLine = h('p', { class: 'projector__focus', role: 'status' });
  const connection = h('p', { class: 'projector__connection' });
  const body = h('div', { class: 'clauses projector__clauses' }, h('p', { class: 'loading' }, t('room.loading')));
  container.append(h('section', { class: 'projector', 'aria-labelledby': 'projector-heading' },
    h('h2', { id: 'projector-heading', class: 'visually-hidden', tabindex: '-1' }, t('projector.heading')),
    h('div', { class: 'projector__bar' }, focusLine, connection),
    body));

  let followed = null; // the clause id highlighted
  const shown = new KeyedChildren(body);

  function render() {
    const clauses = client.clauses;
    if (!clauses.length) return;
    const current = chairClauseId(client.people, clauses);
    // Each paragraph's pending amendments by the numbers the room cites them by (A3, A7).
    const pendingOn = new Map();
    for (const a of store.state.amendments) {
      if (a.state === 'tabled') pendingOn.set(a.clauseId, [...(pendingOn.get(a.clauseId) ?? []), amendmentNumber(a)]);
    }
    const lang = [document.documentElement.lang, documentLanguage()];
    shown.update(clauses.map((clause) => {
      const pending = pendingOn.get(clause.id) ?? [];
      const isCurrent = clause.id === current;
      return {
        id: clause.id,
        key: JSON.stringify([clause.text, clause.kind, clause.number, clause.status, pending, isCurrent, lang]),
        build: () => {
          const el = renderClause(clause);
          if (pending.length) {
            el.append(h('span', { class: 'projector__pending' },
              tn('projector.pending', pending.length, { labels: pending.filter(Boolean).join(', ') })));
          }
          if (isCurrent) {
            el.classList.add('projector__current');
            el.setAttribute('aria-current', 'true');
            el.prepend(h('span', { class: 'projector__flag' }, t('projector.current')));
          }
          return el;
        },
      };
    }));
    const position = clauses.findIndex((c) => c.id === current);
    const text = position >= 0 ? t('projector.focus', { name: clauseName(clauses[position], position) }) : t('projector.focus.none');
    if (focusLine.textContent !== text) focusLine.textContent = text;
    if (current && current !== followed) scrollToCentre(body.querySelector('.projector__current'));
    followed = current;
  }

  const showConnection = () => {
    connection.dataset.status = client.status;
    connection.textContent = t(`projector.connection.${client.status}`);
  };

  let frame = null;
  const soon = () => {
    if (frame === null) frame = requestAnimationFrame(() => { frame = null; render(); });
  };
  const offs = [
    client.on('presence', soon),
    client.on('clause', soon),
    client.on('document', soon),
    store.on('change', soon),
    client.on('status', showConnection),
  ];
  showConnection();
  render();
  return {
    destroy() {
      if (frame !== null) cancelAnimationFrame(frame);
      offs.forEach((off) => off());
    },
  };
}
