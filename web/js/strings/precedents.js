// Strings of the "Agreed language" block under a paragraph (precedents.js).

export default {
  en: {
    'precedents.toggle': 'Agreed language',
    'precedents.loading': 'Looking for agreed language…',
    'precedents.none': 'No adopted text has a paragraph like this one.',
    'precedents.failed': 'Agreed language could not be loaded.',
  },
  fr: {
    'precedents.toggle': 'Libellés agréés',
    'precedents.loading': 'Recherche de libellés agréés…',
    'precedents.none': 'Aucun texte adopté n’a de paragraphe semblable.',
    'precedents.failed': 'Les libellés agréés n’ont pas pu être chargés.',
  },
  es: {
    'precedents.toggle': 'Lenguaje acordado',
    'precedents.loading': 'Buscando lenguaje acordado…',
    'precedents.none': 'Ningún texto aprobado tiene un párrafo parecido.',
    'precedents.failed': 'No se pudo cargar el lenguaje acordado.',
  },
};
