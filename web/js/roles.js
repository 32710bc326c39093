// Meeting roles: their names for people, and what each may do in the page. The server decides
// (plenary.people.PermissionPolicy); the page only hides what would be refused.

import { addStrings, t } from './i18n.js';
import strings from './strings/common.js';

addStrings(strings);

export const ROLES = ['chair', 'rapporteur', 'delegate', 'observer'];

export const roleLabel = (role) => (ROLES.includes(role) ? t(`role.${role}`) : String(role ?? ''));

/** The role as shown after a name: "Chair", or "administrator" for an admin who is no member. */
export function roleInMeetingLabel(role, user) {
  if (role) return roleLabel(role);
  return user?.admin ? t('role.administrator') : t('role.none');
}

/** "Your role: Chair". */
export const yourRoleText = (role, user) => t('role.yours', { role: roleInMeetingLabel(role, user) });

/** Live editing (the "Edit live" mode) is for chairs and rapporteurs only. */
export const canEditLive = (role) => role === 'chair' || role === 'rapporteur';

/** Inviting, changing and removing members: the meeting's chairs, and admins. */
export const canManageMembers = (role, user) => role === 'chair' || Boolean(user?.admin);
