// The header's account area: "Signed in as <name> (<role in the meeting shown>)" and Sign out.

import { h } from './dom.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/frame.js';
import { fill } from './fill.js';

addStrings(strings);

/** roleText: the role in the current meeting, or null when no meeting is shown. */
export function renderAccountBar(user, roleText, { onSignOut }) {
  const button = h('button', { type: 'button', class: 'button button--header' }, t('frame.account.signOut'));
  button.addEventListener('click', onSignOut);
  return h('div', { class: 'account' },
    h('p', { class: 'account__who' },
      fill(t('frame.account.signedInAs'), { name: h('strong', { dir: 'auto' }, user.displayName || user.username) }),
      roleText ? ` (${roleText})` : null),
    button);
}
