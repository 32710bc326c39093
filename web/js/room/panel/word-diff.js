// An amendment's word diff ([{kind: equal|insert|delete, text}]) as <ins>/<del>, each with a
// visually hidden cue so the change is read out, not only seen as underline or strike-through.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';

export function renderWordDiff(diff) {
  return h('p', { class: 'word-diff', dir: 'auto' },
    (diff ?? []).map((part) => {
      if (part.kind === 'insert') {
        return h('ins', null, h('span', { class: 'visually-hidden' }, `[${t('panel.diff.inserted')} `), part.text,
          h('span', { class: 'visually-hidden' }, ']'));
      }
      if (part.kind === 'delete') {
        return h('del', null, h('span', { class: 'visually-hidden' }, `[${t('panel.diff.deleted')} `), part.text,
          h('span', { class: 'visually-hidden' }, ']'));
      }
      return part.text;
    }));
}
