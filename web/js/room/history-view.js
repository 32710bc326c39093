// The history (#/documents/{id}/history): a revision slider showing the document as it was at
// that revision, the changes around it (who, when, which clause), and the differences between two
// revisions. New revisions made while the view is open extend the slider; what is shown stays put.

import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { renderClause } from '../render-clause.js';
import strings from '../strings/history.js';
import { RevisionLog } from './history/revision-log.js';
import { RevisionCache } from './history/revision-cache.js';
import { RevisionSlider } from './history/revision-slider.js';
import { ChangeList } from './history/change-list.js';
import { DiffPanel } from './history/diff-panel.js';
import { revisionText } from './history/describe-revision.js';
import { problemText } from './room.js';

addStrings(strings);

const FOLLOW_MS = 500;

export function mountHistory(container, ctx) {
  const { api, documentId, client } = ctx;
  const log = new RevisionLog(api, documentId);
  const cache = new RevisionCache(api, documentId);
  let shownDoc = null; // the document at the revision shown
  let destroyed = false;

  const clauseLists = () => [shownDoc?.clauses, client.clauses];
  const slider = new RevisionSlider({
    describe: (r) => revisionText(r, log.latest, log.entry(r), ...clauseLists()),
    onChange: (r, { announce }) => show(r, { announce }),
  });
  const changes = new ChangeList(log, (r) => slider.set(r, { announce: true }));
  const diff = new DiffPanel(cache, () => log.latest, (error) => ctx.say(problemText(error)));
  const docHeading = h('h3', { id: 'history-document-heading' });
  const docBody = h('div', { class: 'clauses' });
  const docSection = h('section', { class: 'history-document', 'aria-labelledby': 'history-document-heading' }, docHeading, docBody);
  const status = h('p', { class: 'loading' }, t('history.loading'));

  container.append(h('section', { class: 'history', 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading', tabindex: '-1' }, t('history.heading')),
    h('p', { class: 'history__intro' }, t('history.intro')),
    status));

  async function show(revision, { announce = false } = {}) {
    docHeading.textContent = t('history.document.loading', { revision });
    docSection.setAttribute('aria-busy', 'true');
    diff.compare(Math.max(0, revision - 1), revision);
    let doc;
    try {
      doc = await cache.get(revision);
    } catch (error) {
      if (!destroyed) ctx.say(problemText(error));
      return;
    }
    if (destroyed || slider.value !== revision) return;
    shownDoc = doc;
    docSection.removeAttribute('aria-busy');
    docHeading.textContent = t('history.document.heading', { revision });
    docBody.replaceChildren(...(doc.clauses ?? []).map(renderClause));
    slider.refresh();
    changes.render(revision, clauseLists());
    if (announce) ctx.announce(slider.shown.textContent);
  }

  let followTimer = null;
  const follow = () => {
    clearTimeout(followTimer);
    followTimer = setTimeout(async () => {
      try {
        await log.load();
      } catch {
        return; // the next change tries again
      }
      if (destroyed) return;
      slider.setMax(log.latest);
      changes.render(slider.value, clauseLists());
    }, FOLLOW_MS);
  };

  (async () => {
    try {
      await log.load();
    } catch (error) {
      status.textContent = problemText(error);
      return;
    }
    if (destroyed) return;
    status.replaceWith(slider.element,
      h('div', { class: 'history__columns' }, diff.element, changes.element), docSection);
    slider.setMax(log.latest);
    slider.input.value = String(log.latest);
    slider.refresh();
    show(log.latest);
  })();

  const offs = [client.on('document', follow), client.on('clause', follow)];
  return {
    destroy() {
      destroyed = true;
      clearTimeout(followTimer);
      slider.destroy();
      offs.forEach((off) => off());
    },
  };
}
