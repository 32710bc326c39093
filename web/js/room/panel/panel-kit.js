// Small building blocks shared by the panel's parts: ids, labelled fields, disclosure buttons
// whose forms survive re-renders, and the "Save as draft" / "Table now" pair.
//
// The panel is rebuilt whenever the negotiation or the clause changes; a form someone is typing
// in must not vanish. So each form is built once per clause and kept in env.forms under a key,
// and each open disclosure is remembered in env.open; a rebuild puts the same nodes back.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';

let counter = 0;
export const uid = (prefix) => `${prefix}-${++counter}`;

/** A <label> and its control, in a .field div. control gets an id if it has none. */
export function field(labelText, control, hint) {
  control.id ||= uid('panel-field');
  const hintEl = hint ? h('p', { class: 'field__hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), hintEl, control);
}

/** The form kept under key (built by build() the first time). */
export function keep(env, key, build) {
  if (!env.forms.has(key)) env.forms.set(key, build());
  return env.forms.get(key);
}

/** Forgets a form and closes its disclosure (after it was sent). */
export function forget(env, key) {
  env.forms.delete(key);
  env.open.delete(key);
}

/**
 * After a decision on the clause's amendments was sent: the form goes, the focus lands on the
 * amendments' section (the card may have moved to the decided ones), and the state is read again.
 */
export function decided(env, key) {
  forget(env, key);
  env.focusLater('section:amendments');
  env.rerender();
  env.ctx.store.reload();
}

/**
 * A button that shows or hides the form kept under key. Returns [button, form or null].
 * Opening moves the focus to the form's first field; closing, back to the button.
 */
export function disclosure(env, key, label, build, { className = '' } = {}) {
  const isOpen = env.open.has(key);
  const form = isOpen ? keep(env, key, build) : null;
  if (form && !form.id) form.id = uid('panel-form');
  const button = h('button', {
    type: 'button', class: `panel-toggle ${className}`.trim(), 'aria-expanded': String(isOpen),
    'aria-controls': form?.id ?? null, 'data-focus-key': `toggle:${key}`,
  }, label);
  button.addEventListener('click', () => {
    if (env.open.has(key)) {
      env.open.delete(key);
      env.focusLater(`toggle:${key}`);
    } else {
      env.open.add(key);
      env.focusLater(`first:${key}`);
    }
    env.rerender();
  });
  if (form) form.dataset.formKey = key;
  return [button, form];
}

/** "Save as draft" and "Table now" submit buttons; the clicked one says whether to table. */
export function draftOrTable(form) {
  return h('div', { class: 'panel-actions' },
    h('button', { type: 'submit', name: 'mode', value: 'draft', class: 'button--secondary' }, t('panel.table.draft')),
    h('button', { type: 'submit', name: 'mode', value: 'table' }, t('panel.table.now')));
}

/** True when the submit came from the "Table now" button. */
export const tableNow = (event) => event.submitter?.value === 'table';

/** A small note shown in a form when it cannot be sent yet (aria-live so it is heard). */
export function formNote() {
  return h('p', { class: 'panel-note', 'aria-live': 'polite' });
}
