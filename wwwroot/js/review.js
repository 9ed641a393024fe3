// Review in the article cards: a status bar with the transitions the user's role allows for the article's status,
// and a comment thread per article (loaded from the comments API, kept current by the hub's CommentAdded).
// The server enforces every rule (OperationPolicy); this module only offers the likely actions and shows the
// server's answer verbatim.
import { S, fmt, formatDateTime } from './strings.js';
import { el, button } from './render.js';
import { toast } from './ui.js';
import { transitionsFrom } from './model.js';

const FLASH_MS = 2400;

/**
 * The actions offered for an article's status: {id, label, title, to, needs: null | 'changes' | 'reopen'}, from the
 * transitions the server says the user's role may make (state.rules.transitions).
 */
function actionsFor(state, status) {
  // Independent annotation: an annotator submits their layer (layers.js); the article's review is the curators'.
  if (state.annotation && !state.annotation.curator) return [];
  return transitionsFrom(state, status).map(t => ({
    id: t.action,
    to: t.to,
    needs: t.needsComment ? (t.action === 'requestChanges' ? 'changes' : 'reopen') : null,
    label: S.review[t.action],
    title: S.review[`${t.action}Title`],
  }));
}

export function createReview({ pageId, store, editing, render, connected }) {
  const threads = new Map();      // article key -> comments (sorted), once loaded
  const loading = new Map();      // article key -> Promise
  const open = new Set();         // article keys whose thread is expanded
  const drafts = new Map();       // article key -> text of the comment being written
  const composers = new Map();    // article key -> {needs, text} of an open request-changes / reopen form
  const errors = new Map();       // article key -> the server's last rejection of a status change
  const flashing = new Map();     // comment id -> when it arrived
  const sending = new Set();      // article keys with a status change or comment on the way
  let refocus = null;             // {key, field, start, end} of a review field that had focus before a render

  const state = () => store.state;

  function mergeComments(key, list) {
    const byId = new Map((threads.get(key) ?? []).map(c => [c.id, c]));
    for (const comment of list) byId.set(comment.id, comment);
    threads.set(key, [...byId.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id)));
  }

  function load(key) {
    if (threads.has(key)) return Promise.resolve();
    if (loading.has(key)) return loading.get(key);
    const promise = (async () => {
      try {
        const response = await fetch(`/api/pages/${pageId}/articles/${key}/comments`, {
          headers: { Accept: 'application/json' }, credentials: 'same-origin',
        });
        if (!response.ok) throw new Error(await problem(response));
        mergeComments(key, await response.json());
      } catch (err) {
        if (open.has(key)) toast('error', fmt(S.comments.loadFailed, key, err?.message ?? String(err)));
      } finally {
        loading.delete(key);
        render(key);
      }
    })();
    loading.set(key, promise);
    return promise;
  }

  /**
   * Loads every thread of the page in one request, so each card shows its count without being opened; the cards are
   * repainted once. A thread that fails here is loaded on its own when opened.
   */
  async function loadAll() {
    try {
      const response = await fetch(`/api/pages/${pageId}/comments`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const byKey = new Map(state().articles.map(a => [a.key, []]));
      for (const comment of await response.json()) {
        if (!byKey.has(comment.articleKey)) byKey.set(comment.articleKey, []);
        byKey.get(comment.articleKey).push(comment);
      }
      for (const [key, list] of byKey) mergeComments(key, list);
      render(null);
    } catch (err) {
      console.warn('comments failed to load', err);
    }
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail ?? body.title ?? `${response.status}`;
    } catch {
      return `${response.status} ${response.statusText}`;
    }
  }

  /** A comment arrived live (from anyone on the page). */
  function onComment(comment) {
    mergeComments(comment.articleKey, [comment]);
    flashing.set(comment.id, performance.now());
    // A review decision is news the author must not miss: its thread opens.
    if (comment.sequence != null) open.add(comment.articleKey);
    render(comment.articleKey);
  }

  // --- actions ------------------------------------------------------------------------------------------------

  async function changeStatus(article, action, comment = null) {
    if (!connected()) { toast('info', S.disabled.offline); return; }
    errors.delete(article.key);
    sending.add(article.key);
    render(article.key);
    let ack = null;
    try {
      ack = await editing.setStatus(article.key, article.status, action.to, comment);
    } finally {
      sending.delete(article.key);
    }
    if (ack && !ack.accepted && ack.reason) errors.set(article.key, ack.reason);
    if (ack?.accepted) composers.delete(article.key);
    render(article.key);
  }

  function act(article, action) {
    if (!action.needs) { changeStatus(article, action); return; }
    const current = composers.get(article.key);
    if (current?.needs === action.needs) composers.delete(article.key);
    else {
      composers.set(article.key, { needs: action.needs, text: '', action });
      refocus = { key: article.key, field: 'composer', start: 0, end: 0 };
    }
    errors.delete(article.key);
    render(article.key);
  }

  function sendComposer(article) {
    const composer = composers.get(article.key);
    if (!composer) return;
    const text = composer.text.trim();
    if (!text) {
      errors.set(article.key, composer.needs === 'changes' ? S.review.commentRequired : S.review.reasonRequired);
      refocus = { key: article.key, field: 'composer', start: 0, end: 0 };
      render(article.key);
      return;
    }
    changeStatus(article, composer.action, text);
  }

  async function postComment(key) {
    const text = (drafts.get(key) ?? '').trim();
    if (!text) { toast('info', S.comments.empty); return; }
    sending.add(key);
    render(key);
    try {
      const response = await fetch(`/api/pages/${pageId}/articles/${key}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ text }),
      });
      if (!response.ok) {
        toast('error', S.comments.postFailed, [await problem(response)]);
        return;
      }
      mergeComments(key, [await response.json()]);
      drafts.delete(key);
      refocus = { key, field: 'comment', start: 0, end: 0 };
    } catch (err) {
      toast('error', S.comments.postFailed, [err?.message ?? String(err)]);
    } finally {
      sending.delete(key);
      render(key);
    }
  }

  // --- rendering ----------------------------------------------------------------------------------------------

  function field(node, key, name) {
    node.dataset.reviewField = name;
    node.dataset.reviewKey = key;
    return node;
  }

  function statusBar(article) {
    const bar = el('div', 'review-bar');
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', S.review.barLabel);
    const busy = sending.has(article.key) || !connected();
    for (const action of actionsFor(state(), article.status)) {
      const node = button(`tool review-action review-${action.id}`, action.label, action.title, () => act(article, action));
      node.dataset.action = action.id;
      node.disabled = busy;
      if (composers.get(article.key)?.needs === action.needs && action.needs) node.classList.add('active');
      bar.append(node);
    }
    const composer = composers.get(article.key);
    const box = el('div', 'review-composer');
    if (composer) {
      const area = field(el('textarea', 'review-comment'), article.key, 'composer');
      area.rows = 2;
      area.value = composer.text;
      area.placeholder = composer.needs === 'changes' ? S.review.changesPlaceholder : S.review.reopenPlaceholder;
      area.setAttribute('aria-label', area.placeholder);
      area.addEventListener('input', () => { composer.text = area.value; });
      const send = button('tool primary review-send', composer.needs === 'changes' ? S.review.sendChanges : S.review.sendReopen, null, () => sendComposer(article));
      send.disabled = busy;
      const cancel = button('tool review-cancel', S.review.cancel, null, () => { composers.delete(article.key); errors.delete(article.key); render(article.key); });
      const actions = el('div', 'review-composer-actions');
      actions.append(send, cancel);
      box.append(area, actions);
    }
    const error = errors.get(article.key);
    const fragment = document.createDocumentFragment();
    fragment.append(bar);
    if (composer) fragment.append(box);
    if (error) {
      const message = el('div', 'review-error', error);
      message.setAttribute('role', 'alert');
      fragment.append(message);
    }
    return fragment;
  }

  function commentItem(comment, now) {
    const item = el('li', 'comment');
    item.dataset.id = comment.id;
    const head = el('div', 'comment-head');
    head.append(el('span', 'comment-author', comment.authorName));
    const time = el('time', 'comment-time', formatDateTime(comment.at));
    time.dateTime = comment.at;
    head.append(time);
    if (comment.sequence != null) {
      item.classList.add('decision');
      const mark = el('span', 'comment-decision', S.comments.decision);
      mark.title = fmt(S.comments.decisionTitle, comment.sequence);
      head.append(mark);
    }
    item.append(head, el('div', 'comment-text', comment.text));
    const start = flashing.get(comment.id);
    if (start != null) {
      const age = now - start;
      if (age > FLASH_MS) flashing.delete(comment.id);
      else {
        item.classList.add('flash');
        item.style.animationDelay = `-${Math.round(age)}ms`;
      }
    }
    return item;
  }

  function thread(article) {
    const key = article.key;
    const list = threads.get(key);
    const expanded = open.has(key);
    const section = el('section', `comments${expanded ? ' open' : ''}`);
    const toggle = button('link-button comments-toggle', `${expanded ? '▾' : '▸'} ${S.comments.toggle}`, fmt(S.comments.toggleTitle, key), () => {
      if (open.has(key)) open.delete(key); else { open.add(key); load(key); }
      render(key);
    });
    toggle.setAttribute('aria-expanded', String(expanded));
    const now = performance.now();
    if (list) {
      const count = el('span', 'comment-count', String(list.length));
      if (list.some(c => flashing.has(c.id) && now - flashing.get(c.id) <= FLASH_MS)) count.classList.add('fresh');
      toggle.append(' ', count);
    }
    section.append(toggle);
    if (!expanded) return section;
    if (!list) {
      section.append(el('div', 'comments-empty', S.comments.loading));
    } else if (!list.length) {
      section.append(el('div', 'comments-empty', S.comments.none));
    } else {
      const ul = el('ul', 'comment-list');
      for (const comment of list) ul.append(commentItem(comment, now));
      section.append(ul);
    }
    const form = el('div', 'comment-form');
    const input = field(el('textarea', 'comment-input'), key, 'comment');
    input.rows = 1;
    input.placeholder = S.comments.placeholder;
    input.setAttribute('aria-label', S.comments.placeholder);
    input.value = drafts.get(key) ?? '';
    input.addEventListener('input', () => { drafts.set(key, input.value); });
    input.addEventListener('keydown', e => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) { e.preventDefault(); postComment(key); }
    });
    const send = button('tool comment-send', S.comments.send, null, () => postComment(key));
    send.disabled = sending.has(key);
    form.append(input, send);
    section.append(form);
    return section;
  }

  /** Called by render() for every card, before the old cards leave the DOM. */
  function decorateCard(card, article) {
    const active = document.activeElement;
    if (active?.dataset?.reviewField && Number(active.dataset.reviewKey) === article.key) {
      refocus = { key: article.key, field: active.dataset.reviewField, start: active.selectionStart, end: active.selectionEnd };
    }
    const top = el('div', 'review-status');
    top.append(statusBar(article));
    const bottom = thread(article);
    // Clicks here are the review's own; the card's click handling (focus, scrolling, tagging) stays out of them.
    for (const node of [top, bottom]) node.addEventListener('click', e => e.stopPropagation());
    card.querySelector('.card-head').after(top);
    card.append(bottom);
  }

  /** After every render: the field that had focus gets it back, with its caret. */
  function afterRender() {
    if (!refocus) return;
    const { key, field: name, start, end } = refocus;
    refocus = null;
    const node = document.querySelector(`#articles .card[data-key="${key}"] [data-review-field="${name}"]`);
    if (!node) return;
    node.focus({ preventScroll: true });
    if (start != null) node.setSelectionRange(start, end ?? start);
  }

  return { decorateCard, afterRender, onComment, load, loadAll, actionsFor };
}
