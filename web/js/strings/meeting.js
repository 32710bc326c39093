// Strings of a meeting's page (render-meeting.js).

export default {
  en: {
    'meeting.eyebrow': 'Meeting',
    'meeting.membersLink': 'Members of this meeting',
    'meeting.documents': 'Documents',
  },
  fr: {
    'meeting.eyebrow': 'Réunion',
    'meeting.membersLink': 'Membres de cette réunion',
    'meeting.documents': 'Documents',
  },
  es: {
    'meeting.eyebrow': 'Reunión',
    'meeting.membersLink': 'Miembros de esta reunión',
    'meeting.documents': 'Documentos',
  },
};
