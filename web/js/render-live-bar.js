// The live editing bar of a document: the "Edit live" toggle (for those who may edit), the
// connection status and messages about refused changes. Those who only read see why instead.

import { h } from './dom.js';

/** canEdit: show the toggle; otherwise note (text) says why there is none. */
export function renderLiveBar({ canEdit, note }) {
  const toggle = canEdit
    ? h('button', { type: 'button', class: 'live-toggle', 'aria-pressed': 'false' }, 'Edit live')
    : null;
  const status = h('p', { class: 'live-bar__status', role: 'status', 'aria-live': 'polite' });
  const message = h('p', { class: 'live-bar__message', role: 'alert' });
  const element = h('div', { class: 'live-bar' },
    h('div', { class: 'live-bar__controls' },
      toggle ?? h('p', { class: 'live-bar__note' }, note),
      status),
    message);
  return { element, toggle, status, message };
}
