// The administrator's "New meeting" form, under the meeting list.

import { h } from './dom.js';
import { api } from './api.js';
import { busy, clearProblem, field, formAlert, showInvalid, showProblem } from './forms.js';

/** onCreated(meeting) runs after the server created it ({id, name, createdAt, role}). */
export function renderNewMeetingForm({ onCreated }) {
  const alert = formAlert();
  const name = field('Name', { name: 'name', maxlength: 500, required: true, autocomplete: 'off' },
    { hint: 'For example: Human Rights Go Local 2026' });
  const form = h('form', { class: 'form new-meeting', novalidate: true, 'aria-labelledby': 'new-meeting-title' },
    h('h2', { id: 'new-meeting-title' }, 'New meeting'),
    alert, name.element,
    h('p', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, 'Create meeting')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clearProblem(alert);
      const value = name.control.value.trim();
      name.setError(value ? '' : 'Enter the meeting’s name.');
      if (!value) {
        showInvalid(alert, ['Enter the meeting’s name.']);
        name.control.focus();
        return;
      }
      try {
        const meeting = await api.createMeeting(value);
        name.control.value = '';
        onCreated(meeting);
      } catch (error) {
        showProblem(alert, error);
      }
    });
  });
  return form;
}
