// Comment threads on a clause or an amendment: each comment's author, delegation, stance (in
// words), time and body, its replies, and Reply / Resolve / Edit / Delete for those the server
// allows. The forms are hidden while comments are closed. Editing turns the comment's body into a
// textarea in place; the server refuses it after its edit window, and that problem is shown.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { disclosure, field, forget, formNote, keep } from './panel-kit.js';
import { formatInstant } from '../../format.js';

const STANCES = ['neutral', 'support', 'oppose'];

/** target: 'clause' | 'amendment'; level: the heading level of the block. */
export function renderCommentThreads(env, target, targetId, { level = 3 } = {}) {
  const { ctx } = env;
  const threads = ctx.store.threadsOf(target, targetId);
  const canPost = env.commentsOpen && ['chair', 'rapporteur', 'delegate'].includes(ctx.role);
  if (!threads.length && !canPost && target === 'amendment') return null;
  const list = threads.length
    ? h('ol', { class: 'comment-threads' }, threads.map((thread) => renderThread(env, thread, canPost)))
    : h('p', { class: 'empty' }, t('panel.comments.none'));
  const [postButton, newPost] = canPost && target === 'amendment'
    ? disclosure(env, `post:${target}:${targetId}`, t('panel.comments.new'), () => postForm(env, target, targetId))
    : [null, canPost ? keep(env, `post:${target}:${targetId}`, () => postForm(env, target, targetId)) : null];
  return h('section', { class: `comments comments--${target}`, 'aria-label': target === 'amendment' ? t('panel.comments.onAmendment') : null },
    h(`h${level}`, { tabindex: '-1', 'data-focus-key': `section:comments:${targetId}` }, t('panel.comments.heading')),
    list,
    postButton, newPost);
}

function renderThread(env, { first, replies }, canPost) {
  const { ctx } = env;
  const resolvable = !first.resolved && !first.deleted && !env.adopted
    && (first.authorId === ctx.user?.id || ctx.role === 'rapporteur' || ctx.role === 'chair');
  const [replyButton, replyForm] = canPost && !first.resolved
    ? disclosure(env, `reply:${first.id}`, t('panel.comments.reply'), () => postForm(env, first.target, first.targetId, first.id))
    : [null, null];
  let resolve = null;
  if (resolvable) {
    resolve = h('button', { type: 'button', class: 'button--secondary', 'data-focus-key': `resolve:${first.id}` }, t('panel.comments.resolve'));
    resolve.addEventListener('click', async () => {
      env.focusLater(`comment:${first.id}`);
      await ctx.run(() => ctx.api.resolveComment(ctx.documentId, first.id), { done: t('panel.done.resolved') });
      ctx.store.reload();
    });
  }
  return h('li', { class: `comment-thread${first.resolved ? ' comment-thread--resolved' : ''}` },
    renderComment(env, first),
    first.resolved ? h('p', { class: 'comment-thread__resolved' }, t('panel.comments.resolved')) : null,
    replies.length ? h('ol', { class: 'comment-replies' }, replies.map((r) => h('li', null, renderComment(env, r)))) : null,
    h('div', { class: 'panel-actions' }, replyButton, resolve),
    replyForm);
}

function renderComment(env, c) {
  const { ctx } = env;
  const mine = c.authorId === ctx.user?.id;
  const canDelete = !c.deleted && !env.adopted && (mine || ctx.role === 'chair');
  const editKey = `edit:${c.id}`;
  const editing = !c.deleted && mine && env.commentsOpen && env.open.has(editKey);
  let del = null;
  if (canDelete && !editing) {
    del = h('button', { type: 'button', class: 'button--secondary button--small', 'data-focus-key': `delete:${c.id}` }, t('panel.comments.delete'));
    del.addEventListener('click', async () => {
      env.focusLater(`comment:${c.id}`);
      await ctx.run(() => ctx.api.deleteComment(ctx.documentId, c.id), { done: t('panel.done.commentDeleted') });
      ctx.store.reload();
    });
  }
  let edit = null;
  if (!c.deleted && mine && env.commentsOpen && !editing) {
    edit = h('button', { type: 'button', class: 'button--secondary button--small', 'data-focus-key': `toggle:${editKey}`, 'data-action': 'edit' },
      t('panel.comments.edit'));
    edit.addEventListener('click', () => {
      env.open.add(editKey);
      env.focusLater(`edit-body:${c.id}`);
      env.rerender();
    });
  }
  let body;
  if (c.deleted) body = h('p', { class: 'comment__body comment__body--deleted' }, t('panel.comments.deleted'));
  else if (editing) body = keep(env, editKey, () => editForm(env, c));
  else body = h('p', { class: 'comment__body', dir: 'auto' }, c.body ?? '');
  return h('div', { class: 'comment', tabindex: '-1', 'data-focus-key': `comment:${c.id}`, 'data-comment-id': c.id },
    h('p', { class: 'comment__meta' },
      h('span', { class: 'comment__author' }, c.author ?? ''),
      c.delegation ? ` (${c.delegation})` : '',
      ' · ',
      h('span', { class: `stance stance--${c.stance}` }, t(`panel.stance.${c.stance ?? 'neutral'}`)),
      ' · ',
      h('time', { datetime: c.postedAt }, formatInstant(c.postedAt)),
      c.editedAt && !c.deleted ? [' · ', h('span', { class: 'comment__edited' }, t('panel.comments.edited'))] : null),
    body,
    edit || del ? h('div', { class: 'panel-actions' }, edit, del) : null);
}

/** The comment's body as a textarea with Save and Cancel; Escape cancels. Focus returns to the comment. */
function editForm(env, c) {
  const { ctx } = env;
  const key = `edit:${c.id}`;
  const text = h('textarea', { name: 'body', rows: '3', dir: 'auto', required: true, 'aria-required': 'true', 'data-focus-key': `edit-body:${c.id}` });
  text.value = c.body ?? '';
  const note = formNote();
  const cancel = h('button', { type: 'button', class: 'button--secondary' }, t('panel.comments.cancel'));
  const form = h('form', { class: 'panel-form comment-edit', novalidate: true },
    field(t('panel.comments.editBody'), text, t('panel.comments.editHint')),
    note,
    h('div', { class: 'panel-actions' }, h('button', { type: 'submit' }, t('panel.comments.save')), cancel));
  const close = () => {
    forget(env, key);
    env.focusLater(`comment:${c.id}`);
    env.rerender();
  };
  cancel.addEventListener('click', () => { close(); ctx.announce(t('panel.done.editCancelled')); });
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
    ctx.announce(t('panel.done.editCancelled'));
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      note.textContent = t('panel.error.commentRequired');
      text.focus();
      return;
    }
    if (text.value === c.body) { close(); return; }
    const edited = await ctx.run(() => ctx.api.editComment(ctx.documentId, c.id, text.value), { done: t('panel.done.commentEdited') });
    if (!edited) return; // refused (e.g. the edit window closed): the problem is shown; the text stays
    close();
    ctx.store.reload();
  });
  return form;
}

function postForm(env, target, targetId, parentId = null) {
  const { ctx } = env;
  const key = parentId ? `reply:${parentId}` : `post:${target}:${targetId}`;
  const stance = h('select', { name: 'stance' }, STANCES.map((s) => h('option', { value: s }, t(`panel.stance.${s}`))));
  const body = h('textarea', { name: 'body', rows: '3', dir: 'auto', required: true, 'aria-required': 'true' });
  const note = formNote();
  const form = h('form', { class: 'panel-form comment-form', novalidate: true },
    field(t('panel.comments.stance'), stance),
    field(parentId ? t('panel.comments.replyBody') : t('panel.comments.body'), body),
    note,
    h('div', { class: 'panel-actions' }, h('button', { type: 'submit' }, parentId ? t('panel.comments.sendReply') : t('panel.comments.post'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!body.value.trim()) {
      note.textContent = t('panel.error.commentRequired');
      body.focus();
      return;
    }
    const payload = parentId
      ? { parentId, stance: stance.value, body: body.value }
      : { target, targetId, stance: stance.value, body: body.value };
    const posted = await ctx.run(() => ctx.api.comment(ctx.documentId, payload), { done: t('panel.done.commented') });
    if (posted) {
      forget(env, key);
      env.focusLater(posted.id ? `comment:${posted.id}` : `section:comments:${targetId}`);
      env.rerender();
      ctx.store.reload();
    }
  });
  return form;
}
