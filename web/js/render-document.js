// A whole document: title block, download link, then its clauses in order (in .document__body,
// which the live view replaces while editing live). The document's own text (title, conference,
// place, clauses) carries the document's language; the labels keep the interface language.
// The title block's status and revision are drawn from the document as loaded; the room keeps
// them current from the live connection (showDocumentFacts).

import { h } from './dom.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/document.js';
import { renderClause } from './render-clause.js';
import { documentStatusLabel, formatDate, languageName } from './format.js';
import { documentLanguage, setDocumentLanguage } from './document-language.js';

addStrings(strings);

/**
 * exportUrl(format, variant) gives the download address of each export. clauses: false leaves
 * .document__body empty, for the room, which draws the clauses itself (a long document's clauses
 * were drawn here, then thrown away unseen).
 */
export function renderDocument(doc, { exportUrl, clauses: withClauses = true }) {
  const meta = doc.meta ?? {};
  const clauses = Array.isArray(doc.clauses) ? doc.clauses : [];
  setDocumentLanguage(meta.language);
  const lang = documentLanguage();
  const link = (format, variant, key) => h('a', { href: exportUrl(format, variant), download: true }, t(key));

  return h('article', { class: 'document', 'aria-labelledby': 'document-title', 'data-document-language': lang },
    h('header', { class: 'title-block' },
      meta.symbol
        ? h('p', { class: 'title-block__symbol' }, h('span', { class: 'visually-hidden' }, t('document.symbol')), meta.symbol)
        : null,
      meta.conference ? h('p', { class: 'title-block__conference', dir: 'auto', lang }, meta.conference) : null,
      placeAndDate(meta, lang),
      doc.title
        ? h('h1', { id: 'document-title', tabindex: '-1', dir: 'auto', lang }, doc.title)
        : h('h1', { id: 'document-title', tabindex: '-1' }, t('common.untitled')),
      h('dl', { class: 'title-block__facts' },
        meta.language ? fact(t('document.original'), languageName(meta.language)) : null,
        fact(t('document.status'), documentStatusLabel(doc.status), 'status'),
        fact(t('document.revision'), String(doc.revision ?? 0), 'revision')),
      h('p', { class: 'title-block__actions' },
        t('document.download'),
        link('pdf', undefined, 'document.download.pdf'), ' · ',
        link('pdf', 'compilation', 'document.download.pdfCompilation'), ' · ',
        link('html', undefined, 'document.download.html'), ' · ',
        link('html', 'compilation', 'document.download.htmlCompilation'), ' · ',
        link('md', undefined, 'document.download.md'))),
    h('div', { class: 'document__body' },
      !withClauses ? null : clauses.length
        ? h('div', { class: 'clauses' }, clauses.map((clause) => renderClause(clause)))
        : h('p', { class: 'empty' }, t('document.empty'))));
}

function placeAndDate({ place, date }, lang) {
  if (!place && !date) return null;
  return h('p', { class: 'title-block__place' },
    place ? h('bdi', { lang }, place) : null,
    place && date ? ', ' : null,
    date ? h('time', { datetime: date }, formatDate(date)) : null);
}

const fact = (term, value, name) => h('div', null, h('dt', null, term), h('dd', { 'data-fact': name }, value));

const factsOf = new WeakMap(); // article → its title block's facts

/** Brings the title block of a rendered document up to date: {status, revision}, each optional. */
export function showDocumentFacts(article, { status, revision } = {}) {
  // Called for every commit: the title block is found once per article, not looked for among
  // all of its paragraphs each time.
  let facts = factsOf.get(article);
  if (!facts?.isConnected || !article.contains(facts)) {
    facts = article.querySelector('.title-block__facts');
    if (!facts) return;
    factsOf.set(article, facts);
  }
  const set = (name, text) => {
    const dd = facts.querySelector(`[data-fact="${name}"]`);
    if (dd && dd.textContent !== text) dd.textContent = text;
  };
  if (status) set('status', documentStatusLabel(status));
  if (Number.isInteger(revision) && revision >= 0) set('revision', String(revision));
}
