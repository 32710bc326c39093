// Form building blocks: labelled fields with a hint and an error of their own, a per-form alert
// (role=alert, in the page from the start so that screen readers announce what is put in it),
// and problem JSON turned into sentences.

import { h } from './dom.js';
import { ApiError } from './api.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/common.js';

addStrings(strings);

let nextId = 0;

/**
 * A labelled control. attrs go to the control (id is made up when missing).
 * options: {hint, tag: 'input' | 'select', choices: [[value, text], …] for a select}.
 * Returns {element, control, setError(text)}.
 */
export function field(label, attrs = {}, { hint = null, tag = 'input', choices = [] } = {}) {
  const id = attrs.id ?? `field-${++nextId}`;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const control = tag === 'select'
    ? h('select', { ...attrs, id }, choices.map(([value, text]) => h('option', { value }, text)))
    : h('input', { type: 'text', ...attrs, id });
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const error = h('p', { class: 'field__error', id: errorId, hidden: true });
  const element = h('div', { class: 'field' },
    h('label', { class: 'field__label', for: id }, label),
    hint ? h('p', { class: 'field__hint', id: hintId }, hint) : null,
    error,
    control);
  const setError = (text) => {
    error.textContent = text ?? '';
    error.hidden = !text;
    if (text) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    const describedBy = [hintId, text ? errorId : null].filter(Boolean).join(' ');
    if (describedBy) control.setAttribute('aria-describedby', describedBy);
    else control.removeAttribute('aria-describedby');
  };
  return { element, control, setError };
}

/** An empty alert region for one form's errors. */
export const formAlert = () => h('div', { class: 'form-alert', role: 'alert' });

/** A status region for one form's confirmations ("Saved."). */
export const formStatus = () => h('p', { class: 'form-status', role: 'status' });

/** Shows an error (ApiError, Error or plain text) in an alert region. */
export function showProblem(alert, error) {
  const { title, detail } = problemOf(error);
  alert.replaceChildren(h('p', { class: 'form-alert__title' }, title));
  if (detail) alert.append(h('p', { class: 'form-alert__detail' }, detail));
}

/** Says in the alert what is wrong with the fields (each field also shows its own error). */
export function showInvalid(alert, messages) {
  showProblem(alert, { title: t('common.invalidForm'), detail: messages.filter(Boolean).join(' ') });
}

export function clearProblem(alert) {
  alert.replaceChildren();
}

/** {title, detail} to show for an error, with the server's lower-case detail made a sentence. */
export function problemOf(error) {
  if (typeof error === 'string') return { title: error, detail: '' };
  if (error && !(error instanceof Error) && typeof error.title === 'string') {
    return { title: error.title, detail: error.detail ?? '' };
  }
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    return { title: title || t('common.error'), detail: sentence(detail) };
  }
  return { title: t('common.error'), detail: sentence(error?.message) };
}

export function sentence(text) {
  const s = String(text ?? '').trim();
  if (!s) return '';
  return s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}

/**
 * Runs work once at a time per form (a second submit while the first is on its way is ignored),
 * marking the form busy. Buttons stay enabled so that focus stays where it is.
 */
export async function busy(form, work) {
  if (form.dataset.busy) return undefined;
  form.dataset.busy = 'true';
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    delete form.dataset.busy;
    form.removeAttribute('aria-busy');
  }
}
