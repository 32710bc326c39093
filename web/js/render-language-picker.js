// The interface language switch in the header (English, Français, Español).

import { h } from './dom.js';
import { addStrings, LANGUAGES, language, setLanguage, t } from './i18n.js';
import strings from './strings/language.js';

addStrings(strings);

export function renderLanguagePicker() {
  const select = h('select', { id: 'language-picker', class: 'language-picker__select' },
    LANGUAGES.map(({ code, name }) => h('option', { value: code, lang: code, selected: code === language() }, name)));
  select.addEventListener('change', () => setLanguage(select.value));
  const label = h('label', { for: 'language-picker', class: 'language-picker__label' }, t('language.label'));
  return h('div', { class: 'language-picker' }, label, select);
}
