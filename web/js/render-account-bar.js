// The header's account area: "Signed in as <name> (<role in the meeting shown>)", the Account
// button (the dialog to change one's password and sign out everywhere) and Sign out.

import { h } from './dom.js';
import { addStrings, t } from './i18n.js';
import strings from './strings/frame.js';
import accountStrings from './strings/account.js';
import { fill } from './fill.js';
import { openAccountDialog } from './account-dialog.js';

addStrings(strings);
addStrings(accountStrings);

/**
 * roleText: the role in the current meeting, or null when no meeting is shown. onSignOut(): signs
 * out here; also what follows "Sign out everywhere", whose session has already ended.
 */
export function renderAccountBar(user, roleText, { onSignOut }) {
  const signOut = h('button', { type: 'button', class: 'button button--header account__sign-out' }, t('frame.account.signOut'));
  signOut.addEventListener('click', onSignOut);
  const account = h('button', { type: 'button', class: 'button button--header', 'aria-haspopup': 'dialog' },
    t('account.open'));
  account.addEventListener('click', () => openAccountDialog(user, { opener: account, onSignedOutEverywhere: onSignOut }));
  return h('div', { class: 'account' },
    h('p', { class: 'account__who' },
      fill(t('frame.account.signedInAs'), { name: h('strong', { dir: 'auto' }, user.displayName || user.username) }),
      roleText ? ` (${roleText})` : null),
    account,
    signOut);
}
