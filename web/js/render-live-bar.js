// The live editing bar of a document: the person's name, the "Edit live" toggle, the
// connection status and messages about refused changes.

import { h } from './dom.js';

export function renderLiveBar({ name }) {
  const nameInput = h('input', {
    id: 'live-name', class: 'live-bar__name-input', type: 'text', autocomplete: 'name', maxlength: 100,
    'aria-describedby': 'live-name-hint',
  });
  nameInput.value = name;
  const toggle = h('button', { type: 'button', class: 'live-toggle', 'aria-pressed': 'false' }, 'Edit live');
  const status = h('p', { class: 'live-bar__status', role: 'status', 'aria-live': 'polite' });
  const message = h('p', { class: 'live-bar__message', role: 'alert' });
  const element = h('div', { class: 'live-bar' },
    h('div', { class: 'live-bar__controls' },
      h('div', { class: 'live-bar__name' },
        h('label', { for: 'live-name' }, 'Your name'),
        nameInput,
        h('span', { id: 'live-name-hint', class: 'live-bar__hint' }, 'Shown to the others editing live')),
      toggle,
      status),
    message);
  return { element, nameInput, toggle, status, message };
}
