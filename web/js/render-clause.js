// One clause → one DOM element (id="clause-{id}", data-clause-id). Its text carries the
// document's language (document-language.js); its status badge the interface language. Headings
// get no badge: statuses are about paragraphs (a silence procedure leaves headings out too).

import { h } from './dom.js';
import { t } from './i18n.js';
import { inlineMarkdown } from './inline-markdown.js';
import { clauseStatusLabel } from './format.js';
import { documentLanguage } from './document-language.js';

const KINDS = new Set(['heading', 'preambular', 'operative', 'sub-paragraph', 'free-text', 'footnote']);

/** lang: the text's language (default: the shown document's, when known). */
export function renderClause(clause, { lang = documentLanguage() } = {}) {
  const kind = KINDS.has(clause.kind) ? clause.kind : 'free-text';
  const isHeading = kind === 'heading';
  let source = String(clause.text ?? '');
  let number = displayNumber(kind, clause.number);
  if (isHeading) source = source.replace(/^#{1,6}\s+/, '');
  if (kind === 'footnote') {
    // "[^1]: text" is a footnote definition: show its label as the number, not twice.
    const definition = /^\[\^([^\]\s]+)\]:\s*/.exec(source);
    if (definition) {
      source = source.slice(definition[0].length);
      number ||= definition[1];
    }
  }

  const text = h(isHeading ? 'h2' : 'p', { class: 'clause__text', dir: 'auto', lang },
    isHeading && number ? `${number} ` : null,
    inlineMarkdown(source));

  return h('div', {
    class: `clause clause--${kind}`,
    id: `clause-${clause.id}`,
    'data-clause-id': clause.id,
    'data-status': clause.status,
  },
  !isHeading && number ? h('span', { class: 'clause__number' }, number) : null,
  text,
  showsStatus(clause) ? statusBadge(clause.status) : null);
}

/** Whether a clause shows its status beside it (every view): paragraphs do, headings do not. */
export const showsStatus = (clause) => clause.kind !== 'heading';

function displayNumber(kind, number) {
  if (number == null || number === '') return '';
  const n = String(number);
  return kind === 'operative' && /^\w+$/.test(n) ? `${n}.` : n;
}

function statusBadge(status) {
  if (!status) return null;
  return h('span', { class: `badge badge--${status}` },
    h('span', { class: 'visually-hidden' }, t('status.label')),
    clauseStatusLabel(status));
}
