// The administrator's "New meeting" form, under the meeting list.

import { h } from './dom.js';
import { api } from './api.js';
import { busy, clearProblem, field, formAlert, showInvalid, showProblem } from './forms.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/frame.js';

addStrings(strings);

/** onCreated(meeting) runs after the server created it ({id, name, createdAt, role}). */
export function renderNewMeetingForm({ onCreated }) {
  const alert = formAlert();
  const name = field(t('newMeeting.name'), { name: 'name', maxlength: 500, required: true, autocomplete: 'off' },
    { hint: t('newMeeting.hint') });
  const form = h('form', { class: 'form new-meeting', novalidate: true, 'aria-labelledby': 'new-meeting-title' },
    h('h2', { id: 'new-meeting-title' }, t('newMeeting.title')),
    alert, name.element,
    h('p', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, t('newMeeting.create'))));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clearProblem(alert);
      const value = name.control.value.trim();
      name.setError(value ? '' : t('newMeeting.nameMissing'));
      if (!value) {
        showInvalid(alert, [t('newMeeting.nameMissing')]);
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
