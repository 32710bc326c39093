// Interface strings in English, French and Spanish. Each area of the page registers its own
// bundle (web/js/strings/*.js: {en: {key: text}, fr: {…}, es: {…}}); t(key, params) looks the key
// up in the chosen language, falls back to English, and fills "{name}" placeholders. Text from
// the server (clauses, names, comments) is never translated. The choice is kept in localStorage.

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
];

const CODES = new Set(LANGUAGES.map((l) => l.code));
const STORAGE_KEY = 'plenary.language';
const bundles = { en: {}, fr: {}, es: {} };
const listeners = new Set();

let current = initialLanguage();
if (globalThis.document) document.documentElement.lang = current;

function initialLanguage() {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (CODES.has(stored)) return stored;
  } catch {
    // storage refused (private mode): use the browser's language
  }
  const preferred = (globalThis.navigator?.languages ?? []).map((l) => String(l).slice(0, 2).toLowerCase());
  return preferred.find((code) => CODES.has(code)) ?? 'en';
}

/** Registers an area's strings: {en: {...}, fr: {...}, es: {...}}. */
export function addStrings(bundle) {
  for (const code of CODES) Object.assign(bundles[code], bundle[code] ?? {});
}

/** The text of key in the current language, with {placeholders} filled from params. */
export function t(key, params) {
  const text = bundles[current][key] ?? bundles.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] == null ? whole : String(params[name])));
}

/** "one"/"other" plural: t(`${key}.one`) or t(`${key}.other`), with {n}. */
export function tn(key, n, params = {}) {
  return t(`${key}.${n === 1 ? 'one' : 'other'}`, { n, ...params });
}

export const language = () => current;

/** The locale for Intl formatting (dates, numbers). */
export const locale = () => ({ en: 'en-GB', fr: 'fr-FR', es: 'es-ES' })[current];

export function setLanguage(code) {
  if (!CODES.has(code) || code === current) return;
  current = code;
  document.documentElement.lang = code;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, code);
  } catch {
    // not kept: the choice lasts for this page
  }
  for (const listener of listeners) listener(code);
}

/** listener(code) after each change of language; returns an unsubscribe function. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every registered bundle (for the test that checks the three languages have the same keys). */
export const allStrings = () => bundles;
