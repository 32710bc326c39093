// The text written in index.html (skip link, tagline, search form, "Meetings" heading), put in the
// interface language at start and after each change of language. index.html keeps the English
// text so that the page reads right even before the modules have loaded.

import { addStrings, t } from './i18n.js';
import strings from './strings/frame.js';

addStrings(strings);

export function labelPage(doc = document) {
  const set = (selector, key) => {
    const element = doc.querySelector(selector);
    if (element) element.textContent = t(key);
  };
  set('.skip-link', 'frame.skip');
  set('.tagline', 'frame.tagline');
  set('label[for="search-box"]', 'frame.search.label');
  set('.site-search button[type="submit"]', 'frame.search.button');
  set('#meetings-heading', 'frame.meetings');
  set('#meeting-list > .loading', 'frame.meetings.loading');
  doc.querySelector('.site-search')?.setAttribute('aria-label', t('frame.search.region'));
  doc.getElementById('search-box')?.setAttribute('placeholder', t('frame.search.placeholder'));
}
