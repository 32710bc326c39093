// The changes around the revision shown (who, when, which clause), each a button that shows it.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { formatInstant } from '../../format.js';
import { changeText } from './describe-revision.js';

const AROUND = 6;

/** log: RevisionLog; onPick(revision). render(shown, clauseLists) rebuilds the list. */
export class ChangeList {
  constructor(log, onPick) {
    this._log = log;
    this._list = h('ol');
    this.element = h('section', { class: 'history-changes', 'aria-labelledby': 'history-changes-heading' },
      h('h3', { id: 'history-changes-heading' }, t('history.changes.heading')), this._list);
    this._list.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-revision]');
      if (button) onPick(Number(button.dataset.revision));
    });
  }

  render(shown, clauseLists) {
    const hadFocus = this._list.contains(document.activeElement);
    const from = Math.max(1, shown - AROUND);
    const to = Math.min(this._log.latest, shown + AROUND);
    const items = [];
    for (let r = to; r >= from; r--) {
      const e = this._log.entry(r);
      if (!e) continue;
      items.push(h('li', null, h('button', {
        type: 'button', 'data-revision': String(r), 'aria-current': r === shown ? 'true' : null,
      }, t('history.changes.item', { revision: r, author: e.author ?? '', at: formatInstant(e.at, { seconds: true }), change: changeText(e, ...clauseLists) }))));
    }
    this._list.replaceChildren(...items);
    // The clicked button was replaced: keep the focus on the one for the revision now shown.
    if (hadFocus) this._list.querySelector('[aria-current="true"]')?.focus();
  }
}
