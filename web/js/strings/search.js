// Strings of the search view and of each search result (render-search.js; also in the precedents).

export default {
  en: {
    'search.title': 'Search',
    'search.count.one': '1 result for “{query}”',
    'search.count.other': '{n} results for “{query}”',
    'search.empty': 'Type words to look for in the search box.',
    'search.kind.clause': 'Paragraph',
    'search.kind.amendment': 'Amendment',
    'search.kind.comment': 'Comment',
    'search.kind.adopted': 'Adopted text',
    'search.paragraph': 'paragraph {number}',
  },
  fr: {
    'search.title': 'Recherche',
    'search.count.one': '1 résultat pour « {query} »',
    'search.count.other': '{n} résultats pour « {query} »',
    'search.empty': 'Saisissez des mots à rechercher dans le champ de recherche.',
    'search.kind.clause': 'Paragraphe',
    'search.kind.amendment': 'Amendement',
    'search.kind.comment': 'Commentaire',
    'search.kind.adopted': 'Texte adopté',
    'search.paragraph': 'paragraphe {number}',
  },
  es: {
    'search.title': 'Búsqueda',
    'search.count.one': '1 resultado para «{query}»',
    'search.count.other': '{n} resultados para «{query}»',
    'search.empty': 'Escriba en el cuadro de búsqueda las palabras que desea buscar.',
    'search.kind.clause': 'Párrafo',
    'search.kind.amendment': 'Enmienda',
    'search.kind.comment': 'Comentario',
    'search.kind.adopted': 'Texto aprobado',
    'search.paragraph': 'párrafo {number}',
  },
};
