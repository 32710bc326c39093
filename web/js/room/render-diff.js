// Diff parts ([{kind: 'equal'|'insert'|'delete', text}]) as inline text: insertions in <ins>,
// deletions in <del>, each opened by a visually hidden cue, because most screen readers do not
// announce ins and del by themselves. Used by the clause panel, the compilation and the history's differences.

import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { inlineMarkdown } from '../inline-markdown.js';
import strings from '../strings/compilation.js';

addStrings(strings);

/** The parts as nodes; each part's text is rendered as inline Markdown on its own. */
export function renderDiff(parts) {
  return (parts ?? []).filter((p) => p.text).map((p) => {
    if (p.kind === 'insert') return change('ins', t('diff.inserted'), p.text);
    if (p.kind === 'delete') return change('del', t('diff.deleted'), p.text);
    return h('span', null, inlineMarkdown(p.text));
  });
}

function change(tag, cue, text) {
  return h(tag, null, h('span', { class: 'visually-hidden' }, `${cue} `), inlineMarkdown(text),
    h('span', { class: 'visually-hidden' }, ` ${t('diff.end')} `));
}
