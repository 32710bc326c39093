// Strings of the header's interface language switch (render-language-picker.js).

export default {
  en: { 'language.label': 'Language' },
  fr: { 'language.label': 'Langue' },
  es: { 'language.label': 'Idioma' },
};
