// The chair's form to call a formal vote: on the whole document, a paragraph or a tabled
// amendment; the question; the majority rule; open or roll-call ballot; an optional quorum.
// Shown only while a vote may be called (voting open, no vote running, not adopted).

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { clauseName } from '../clause-name.js';
import { focusLater, keyed } from './keyed.js';
import { amendmentLabel } from './vote-subject.js';

const SUBJECTS = ['document', 'clause', 'amendment'];

export function voteCallForm(ctx) {
  const { store, client, api, documentId } = ctx;
  const element = h('div', { class: 'chair-vote-call' });

  const blocked = () => {
    if (store.adopted) return 'adopted';
    if (store.currentVote()) return 'running';
    if (!store.phase('voting').open) return 'closed';
    return null;
  };
  const tabled = () => store.state.amendments.filter((a) => a.state === 'tabled');

  const update = keyed(element, () => [blocked(), tabled().map((a) => [a.id, a.clauseId]),
    client.clauses.map((c) => [c.id, c.number]), document.documentElement.lang], () => {
    const heading = h('h4', null, t('chair.vote.call.heading'));
    const reason = blocked();
    if (reason) return [heading, h('p', { class: 'chair-note' }, t(`chair.vote.call.blocked.${reason}`))];
    const amendments = tabled();
    const radios = SUBJECTS.map((s) => h('div', { class: 'chair-choice' },
      h('input', {
        type: 'radio', name: 'vote-subject', id: `vote-subject-${s}`, value: s, checked: s === 'document',
        'data-keep': 'vote-subject', disabled: s === 'amendment' && !amendments.length,
      }),
      h('label', { for: `vote-subject-${s}` }, t(`chair.vote.call.subject.${s}`))));
    const clauseSelect = h('select', { id: 'vote-clause', 'data-keep': 'vote-clause' },
      client.clauses.map((c, i) => (c.kind === 'heading' ? null : h('option', { value: c.id }, clauseName(c, i)))));
    const amendmentSelect = h('select', { id: 'vote-amendment', 'data-keep': 'vote-amendment' },
      amendments.map((a) => h('option', { value: a.id }, amendmentLabel(a, client))));
    const question = h('textarea', {
      id: 'vote-question', rows: 2, required: true, maxlength: 2000, dir: 'auto', 'data-keep': 'vote-question',
      'data-focus': 'vote-question', 'aria-describedby': 'vote-question-hint',
    });
    const questionError = h('p', { class: 'field__error', id: 'vote-question-error', hidden: true });
    const majority = h('select', { id: 'vote-majority', 'data-keep': 'vote-majority' },
      ['simple', 'two-thirds', 'consensus'].map((m) => h('option', { value: m }, t(`chair.majority.${m}`))));
    const ballots = ['open', 'roll-call'].map((b) => h('div', { class: 'chair-choice' },
      h('input', { type: 'radio', name: 'vote-ballot', id: `vote-ballot-${b}`, value: b, checked: b === 'open', 'data-keep': 'vote-ballot' }),
      h('label', { for: `vote-ballot-${b}` }, t(`chair.ballot.${b}`))));
    const quorum = h('input', {
      id: 'vote-quorum', type: 'number', min: 1, step: 1, inputmode: 'numeric', 'data-keep': 'vote-quorum',
      'aria-describedby': 'vote-quorum-hint',
    });
    const submit = h('button', { type: 'submit', class: 'button button--primary' }, t('chair.vote.call.submit'));
    const form = h('form', { class: 'form chair-form', novalidate: true },
      h('fieldset', { class: 'chair-fieldset' }, h('legend', null, t('chair.vote.call.subject')), radios,
        h('div', { class: 'field', 'data-for': 'clause' },
          h('label', { class: 'field__label', for: 'vote-clause' }, t('chair.vote.call.clause')), clauseSelect),
        h('div', { class: 'field', 'data-for': 'amendment' },
          h('label', { class: 'field__label', for: 'vote-amendment' }, t('chair.vote.call.amendment')), amendmentSelect)),
      h('div', { class: 'field' },
        h('label', { class: 'field__label', for: 'vote-question' }, t('chair.vote.call.question')),
        h('p', { class: 'field__hint', id: 'vote-question-hint' }, t('chair.vote.call.question.hint')),
        question, questionError),
      h('div', { class: 'field' },
        h('label', { class: 'field__label', for: 'vote-majority' }, t('chair.vote.call.majority')), majority),
      h('fieldset', { class: 'chair-fieldset' }, h('legend', null, t('chair.vote.call.ballot')), ballots),
      h('div', { class: 'field' },
        h('label', { class: 'field__label', for: 'vote-quorum' }, t('chair.vote.call.quorum')),
        h('p', { class: 'field__hint', id: 'vote-quorum-hint' }, t('chair.vote.call.quorum.hint')), quorum),
      h('div', { class: 'form__actions' }, submit));
    form.addEventListener('change', () => sync(form));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const subject = form.querySelector('[name="vote-subject"]:checked')?.value ?? 'document';
      const text = question.value.trim();
      if (!text) {
        questionError.textContent = t('chair.vote.call.question.required');
        questionError.hidden = false;
        question.setAttribute('aria-invalid', 'true');
        question.setAttribute('aria-describedby', 'vote-question-hint vote-question-error');
        question.focus();
        return;
      }
      const body = {
        subject,
        question: text,
        majority: majority.value,
        ballot: form.querySelector('[name="vote-ballot"]:checked')?.value ?? 'open',
      };
      if (subject === 'clause') body.subjectId = clauseSelect.value;
      if (subject === 'amendment') body.subjectId = amendmentSelect.value;
      if (quorum.value) body.quorum = Number(quorum.value);
      submit.disabled = true;
      const vote = await ctx.run(() => api.callVote(documentId, body), { done: t('chair.vote.call.done') });
      submit.disabled = false;
      if (vote) {
        form.reset();
        focusLater('vote-action');
        store.reload();
      }
    });
    return [heading, form];
  }, (el) => { const form = el.querySelector('form'); if (form) sync(form); });
  update();
  return { element, update };
}

/** Shows the paragraph or amendment select only for the subject that needs it. */
function sync(form) {
  const subject = form.querySelector('[name="vote-subject"]:checked')?.value;
  form.querySelectorAll('[data-for]').forEach((field) => { field.hidden = field.dataset.for !== subject; });
}
