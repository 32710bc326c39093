// The notices above every view of the room, for everyone: edits of this person the server lost
// (after its store was restored from an older copy), the state of the document (tabling,
// adoption), the formal vote (register, ballot, result) and a running silence procedure. They
// act on what the person does (ctx.announce); what others do is announced by room.js.

import { h } from '../dom.js';
import { addStrings } from '../i18n.js';
import bannerStrings from '../strings/banners.js';
import { phaseBanner } from './banner/phase-banner.js';
import { voteBanner } from './banner/vote-banner.js';
import { silenceBanner } from './banner/silence-banner.js';
import { lostEditsBanner } from './banner/lost-edits-banner.js';
import { startTicker } from './chair/time.js';

addStrings(bannerStrings);

export function mountBanners(container, ctx) {
  const parts = [lostEditsBanner(ctx), phaseBanner(ctx), voteBanner(ctx), silenceBanner(ctx)];
  container.append(...parts.map((p) => p.element));
  const update = () => parts.forEach((p) => p.update());
  const offs = [
    ctx.store.on('change', update),
    ctx.client.on('document', update),
    startTicker(container),
    ...parts.map((p) => p.destroy).filter(Boolean),
  ];
  return { destroy: () => offs.forEach((off) => off()) };
}
