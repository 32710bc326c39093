// A datetime-local field for a deadline, read as an ISO instant (the browser reads the field in
// the person's own time zone), with its error shown beside it.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';

/** id: unique id; label: its text; required: an empty field is an error. */
export function deadlineField({ id, label, required = false, keep = id }) {
  const error = h('p', { class: 'field__error', id: `${id}-error`, hidden: true });
  const hint = h('p', { class: 'field__hint', id: `${id}-hint` }, t('chair.deadline.hint'));
  const input = h('input', {
    id, type: 'datetime-local', required, 'data-keep': keep, 'data-focus': id,
    'aria-describedby': `${id}-hint`,
  });
  const element = h('div', { class: 'field' }, h('label', { class: 'field__label', for: id }, label), hint, input, error);

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
    input.focus();
    return { error: message };
  }

  /** {deadline: ISO string or null} or {error} (the field then shows it and takes the focus). */
  function read() {
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', `${id}-hint`);
    if (!input.value) return required ? fail(t('chair.deadline.required')) : { deadline: null };
    const date = new Date(input.value);
    if (Number.isNaN(date.getTime())) return fail(t('chair.deadline.invalid'));
    if (date.getTime() <= Date.now()) return fail(t('chair.deadline.past'));
    return { deadline: date.toISOString() };
  }

  return { element, input, read };
}
