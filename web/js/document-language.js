// The language of the document on screen (its meta.language), which is not the interface
// language: clause text and titles carry it as lang="…", so that screen readers pronounce a French
// text as French in an English interface, while the labels around it keep the interface language.
// One document is shown at a time; renderDocument sets it, the clause renderers read it.

let current = null;

/** code: a BCP 47 tag such as "fr", or null when unknown. */
export function setDocumentLanguage(code) {
  current = typeof code === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : null;
}

/** The shown document's language, or null when unknown. */
export const documentLanguage = () => current;
