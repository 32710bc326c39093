// Deadlines for people: the instant in the reader's language and time zone, and the time left,
// which a ticker rewrites each second. The ticking text is not in a live region on purpose: a
// screen reader would read it out every second.

import { h } from '../../dom.js';
import { addStrings, t } from '../../i18n.js';
import strings from '../../strings/chair.js';

addStrings(strings);

/** "2 h 05 min 10 s" until the deadline, or "deadline passed". */
export function timeLeft(iso, now = Date.now()) {
  const ms = Date.parse(iso) - now;
  if (!(ms > 0)) return t('chair.time.passed');
  let s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  s %= 86400;
  const hours = Math.floor(s / 3600);
  s %= 3600;
  const m = Math.floor(s / 60);
  s %= 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  if (d) return t('chair.time.days', { d, h: hours, m: mm });
  if (hours) return t('chair.time.hours', { h: hours, m: mm, s: ss });
  if (m) return t('chair.time.minutes', { m, s: ss });
  return t('chair.time.seconds', { s });
}

/** A span holding the time left, kept current by startTicker. */
export function countdown(iso) {
  return h('span', { class: 'countdown', 'data-deadline': iso }, timeLeft(iso));
}

/** Rewrites every countdown under root each second; returns the stop function. */
export function startTicker(root) {
  const id = setInterval(() => {
    root.querySelectorAll('[data-deadline]').forEach((el) => {
      const text = timeLeft(el.dataset.deadline);
      if (el.textContent !== text) el.textContent = text;
    });
  }, 1000);
  return () => clearInterval(id);
}
