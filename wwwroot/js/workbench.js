// The workbench: OCR lines on the left, articles on the right, linked line by line, edited live with others.
// This module wires the pieces together: rendering (render.js), the live connection (live.js), editing actions
// (editing.js), chrome (ui.js, toolbar.js) and inline editors (inline.js).
import { S, fmt } from './strings.js';
import { renderLines, renderArticles, renderPresence, articleColours, lineOwners } from './render.js';
import { createLive } from './live.js';
import { createEditing, availability } from './editing.js';
import { toast, showHelp, pickArticle } from './ui.js';
import { createToolbar, showConnection } from './toolbar.js';
import { LineEditor, TitleEditor } from './inline.js';
import { createTagging } from './tagging.js';
import { createReview } from './review.js';
import { createImagePane } from './image.js';
import { decorateContinuations, segmentationNote, followArticleHash, refreshContinuations, isLinkChange } from './continued.js';

const toolbarEl = document.getElementById('wb-toolbar');
const pageId = Number(toolbarEl.dataset.pageId);
const me = toolbarEl.dataset.userId || null;
const linesEl = document.getElementById('lines');
const articlesEl = document.getElementById('articles');
const presenceEl = document.getElementById('wb-presence');
const countsEl = document.getElementById('wb-counts');

const store = { state: JSON.parse(document.getElementById('page-state').textContent) };
const view = { selection: null, anchor: null, head: null, present: [], me, focusKey: null };
let lineEditor = null;
let titleEditor = null;
let hoverKey = null;
let hoverLine = null;

// Changes by others flash for a moment; the flash survives re-renders by remembering when it started.
const FLASH_MS = 2400;
const flashing = { lines: new Map(), articles: new Map() };

const live = createLive({
  pageId,
  store,
  onChange(changes, info) {
    const now = performance.now();
    if (info && (info.catchUp || info.authorId !== me)) {
      changes.lines.forEach(n => flashing.lines.set(n, now));
      changes.articles.forEach(k => flashing.articles.set(k, now));
    }
    if (lineEditor && changes.lines.has(lineEditor.n)) lineEditor.remoteChanged(line(lineEditor.n)?.text);
    if (titleEditor) {
      const article = store.state.articles.find(a => a.key === titleEditor.key);
      if (!article) titleEditor = null; else titleEditor.remoteChanged(article.title);
    }
    tagging?.suggestions.schedule(600, info?.catchUp ? null : changes.articles);
    render();
    if (isLinkChange(info)) refreshContinuations(pageId, store).then(render);
  },
  onPresence(present) {
    view.present = present ?? [];
    render();
  },
  onStatus(status) {
    showConnection(status);
    updateToolbar();
  },
  onError(message) {
    toast('error', fmt(S.connection.joinFailed, message));
  },
  onComment: comment => review.onComment(comment),
});

const editing = createEditing({
  live,
  onStacks: () => updateToolbar(),
  onBusy: busy => { document.body.classList.toggle('wb-busy', busy); updateToolbar(); },
});

const tagging = createTagging({
  pageId,
  store,
  editing,
  articlesEl,
  render: () => render(),
  focusArticle: key => { setFocusArticle(key); paintSelection(); },
  connected: () => live.status === 'connected',
});
view.fillSeg = tagging.fillSeg;
view.fillLine = tagging.fillLine;
const review = createReview({
  pageId,
  store,
  editing,
  render: () => render(),
  connected: () => live.status === 'connected',
});
view.decorateCard = (card, article, focused) => {
  tagging.decorateCard(card, article, focused);
  review.decorateCard(card, article, focused);
  decorateContinuations(card, article, store.state, { pageId, send: op => editing.send(op), render: () => render() }, focused);
};
articlesEl.tabIndex = -1;

const toolbar = createToolbar({
  pageId,
  onSplit: split,
  onMergePrev: () => merge(-1),
  onMergeNext: () => merge(1),
  onMove: move,
  onUndo: () => editing.undo(),
  onRedo: () => editing.redo(),
  onShowOriginal: on => linesEl.classList.toggle('show-original', on),
  onHelp: showHelp,
});

// The scan beside the lines, when the page has one (image.js).
const imagePane = createImagePane({
  pane: document.getElementById('image-pane'),
  panes: document.querySelector('.wb-panes'),
  toggleHost: document.getElementById('wb-actions'),
  image: store.state.page.image,
  boxes: store.state.boxes ?? [],
  onPick: (n, extend) => selectLine(n, extend, true),
  onHover: n => highlight(n == null ? null : keyOf(linesEl.querySelector(`.line[data-n="${n}"]`)), n),
});

function line(n) {
  return store.state.lines.find(l => l.n === n);
}

// A re-render replaces the cards' DOM, which would end a text selection the user is still dragging out (a live
// change or someone's arrival can come at any moment). While the button is down in the articles pane, renders wait.
let dragging = false;
let renderWaiting = false;
articlesEl.addEventListener('pointerdown', e => { if (e.button === 0) dragging = true; });
function dragEnded() {
  if (!dragging) return;
  dragging = false;
  if (renderWaiting) setTimeout(() => { renderWaiting = false; render(); }, 0);
}
window.addEventListener('pointerup', dragEnded);
window.addEventListener('pointercancel', dragEnded);
window.addEventListener('blur', dragEnded);

function render() {
  if (dragging) { renderWaiting = true; return; }
  const state = store.state;
  const refocusLine = lineEditor?.focused;
  const refocusTitle = titleEditor?.focused;
  const colours = articleColours(state.articles);
  const linesTop = linesEl.scrollTop;
  const articlesTop = articlesEl.scrollTop;
  tagging.prepare();
  renderLines(linesEl, state, colours, view);
  renderArticles(articlesEl, state, colours, view);
  renderPresence(presenceEl, state, view.present, me);
  linesEl.scrollTop = linesTop;
  articlesEl.scrollTop = articlesTop;
  countsEl.textContent = [fmt(S.counts, state.lines.length, state.articles.length), segmentationNote(state)].filter(Boolean).join(' · ');

  const now = performance.now();
  for (const [map, find] of [[flashing.lines, n => lineRow(n)], [flashing.articles, k => cardElement(k)]]) {
    for (const [id, start] of map) {
      const age = now - start;
      if (age > FLASH_MS) { map.delete(id); continue; }
      const node = find(id);
      if (node) {
        node.classList.add('flash');
        node.style.animationDelay = `-${Math.round(age)}ms`;
      }
    }
  }
  for (const row of linesEl.querySelectorAll('.line.approved')) {
    const reason = fmt(S.disabled.approved, row.dataset.article);
    row.title = row.title ? `${row.title}\n${reason}` : reason;
  }
  imagePane?.update(state, colours);
  if (hoverKey != null) highlight(hoverKey, hoverLine);
  lineEditor?.mount(lineRow(lineEditor.n), refocusLine);
  titleEditor?.mount(cardElement(titleEditor.key)?.querySelector('h2.title'), refocusTitle);
  tagging.afterRender();
  review.afterRender();
  updateToolbar();
}

function updateToolbar() {
  const can = availability(store.state, view.selection, live.status === 'connected');
  toolbar.update({ can, selection: view.selection, editing, connected: live.status === 'connected' });
}

function lineRow(n) {
  return linesEl.querySelector(`.line[data-n="${n}"]`);
}

function cardElement(key) {
  return articlesEl.querySelector(`.card[data-key="${key}"]`);
}

function clearHighlight() {
  document.querySelectorAll('.hl').forEach(node => node.classList.remove('hl'));
}

function highlight(key, lineNumber) {
  hoverKey = key;
  hoverLine = lineNumber;
  clearHighlight();
  imagePane?.hover(lineNumber);
  if (key == null) return;
  linesEl.querySelectorAll(`.line[data-article="${key}"]`).forEach(node => node.classList.add('hl'));
  cardElement(key)?.classList.add('hl');
  if (lineNumber != null) articlesEl.querySelector(`.seg[data-n="${lineNumber}"]`)?.classList.add('hl');
}

function keyOf(node) {
  const value = node?.dataset.article ?? node?.dataset.key;
  return value ? Number(value) : null;
}

function setFocusArticle(key) {
  if (view.focusKey === key) return;
  view.focusKey = key;
  live.focus(key);
}

// --- selection --------------------------------------------------------------------------------------------

function select(anchor, head) {
  view.anchor = anchor;
  view.head = head;
  view.selection = { first: Math.min(anchor, head), last: Math.max(anchor, head) };
  const key = lineOwners(store.state).get(head)?.article.key ?? null;
  if (key != null) setFocusArticle(key);
  paintSelection();
}

function clearSelection() {
  view.selection = view.anchor = view.head = null;
  paintSelection();
}

// Selection and focus change classes only, so double-clicks and hover keep their elements.
function paintSelection() {
  const selection = view.selection;
  for (const row of linesEl.querySelectorAll('.line')) {
    const n = Number(row.dataset.n);
    const selected = Boolean(selection) && n >= selection.first && n <= selection.last;
    row.classList.toggle('selected', selected);
    row.draggable = selected && !row.classList.contains('editing');
  }
  for (const card of articlesEl.querySelectorAll('.card')) {
    card.classList.toggle('focused', keyOf(card) === view.focusKey);
  }
  imagePane?.select(selection);
  updateToolbar();
}

function moveSelection(delta, extend) {
  const numbers = store.state.lines.map(l => l.n);
  if (!numbers.length) return;
  const current = view.head ?? (delta > 0 ? numbers[0] - 1 : numbers.at(-1) + 1);
  const index = numbers.findIndex(n => n > current);
  const next = delta > 0
    ? numbers[index === -1 ? numbers.length - 1 : index]
    : [...numbers].reverse().find(n => n < current) ?? numbers[0];
  select(extend && view.anchor != null ? view.anchor : next, next);
  const row = lineRow(next);
  row?.scrollIntoView({ block: 'nearest' });
  const key = keyOf(row);
  if (key != null) highlight(key, next);
}

// --- actions ----------------------------------------------------------------------------------------------

function currentArticle() {
  return availability(store.state, view.selection, true).article;
}

function blocked(reason) {
  if (reason) toast('info', reason);
  return Boolean(reason);
}

function split() {
  const can = availability(store.state, view.selection, live.status === 'connected');
  if (blocked(can.split)) return;
  editing.split(can.article.key, view.selection.first);
}

function merge(direction) {
  const can = availability(store.state, view.selection, live.status === 'connected');
  if (blocked(direction < 0 ? can.mergePrev : can.mergeNext)) return;
  const articles = store.state.articles;
  const index = articles.indexOf(can.article);
  if (direction < 0) editing.merge(can.article.key, articles[index - 1].key);
  else editing.merge(articles[index + 1].key, can.article.key);
}

async function move() {
  const can = availability(store.state, view.selection, live.status === 'connected');
  if (blocked(can.move)) return;
  const { first, last } = view.selection;
  const target = await pickArticle(store.state.articles, {
    first, last, exclude: can.article?.key, disabledTitle: key => fmt(S.disabled.approved, key),
  });
  if (target === undefined) return;
  await editing.moveLines(first, last, target);
  linesEl.focus();
}

function startLineEdit(n) {
  const can = availability(store.state, { first: n, last: n }, live.status === 'connected');
  if (blocked(can.edit)) return;
  const current = line(n);
  if (!current) return;
  titleEditor?.cancel();
  lineEditor?.cancel();
  lineEditor = new LineEditor(n, current.text, {
    save: (text, expected) => { lineEditor = null; render(); linesEl.focus(); if (text !== expected) editing.editLine(n, expected, text); },
    cancel: () => { lineEditor = null; render(); linesEl.focus(); },
  });
  lineEditor.mount(lineRow(n));
}

function startTitleEdit(key) {
  const article = store.state.articles.find(a => a.key === key);
  if (!article) return;
  if (article.status === 'approved') { toast('info', fmt(S.disabled.approved, key)); return; }
  if (live.status !== 'connected') { toast('info', S.disabled.offline); return; }
  lineEditor?.cancel();
  titleEditor?.cancel();
  setFocusArticle(key);
  titleEditor = new TitleEditor(key, article.title, {
    save: (title, expected) => { titleEditor = null; render(); if (title !== expected) editing.setTitle(key, expected, title); },
    cancel: () => { titleEditor = null; render(); },
  });
  titleEditor.mount(cardElement(key)?.querySelector('h2.title'));
}

// --- scrolling: one pane brings the other to the same article; the pane the pointer is over leads ------------

let leader = null;
function scrollCardIntoView(key) {
  const card = cardElement(key);
  if (card) articlesEl.scrollTo({ top: card.offsetTop - 12, behavior: 'auto' });
}
function scrollLinesTo(key) {
  const first = linesEl.querySelector(`.line[data-article="${key}"]`);
  if (first) linesEl.scrollTo({ top: first.offsetTop - 8, behavior: 'auto' });
}
function topVisible(container, selector) {
  const top = container.getBoundingClientRect().top;
  for (const node of container.querySelectorAll(selector)) {
    if (node.getBoundingClientRect().bottom > top + 4) return node;
  }
  return null;
}

linesEl.addEventListener('pointerenter', () => { leader = 'lines'; });
articlesEl.addEventListener('pointerenter', () => { leader = 'articles'; });
linesEl.addEventListener('scroll', () => {
  if (leader !== 'lines') return;
  const row = topVisible(linesEl, '.line[data-article]');
  if (row) scrollCardIntoView(keyOf(row));
}, { passive: true });
articlesEl.addEventListener('scroll', () => {
  if (leader !== 'articles') return;
  const card = topVisible(articlesEl, '.card');
  if (card) scrollLinesTo(keyOf(card));
}, { passive: true });

// --- lines pane -------------------------------------------------------------------------------------------

linesEl.addEventListener('mouseover', e => {
  const row = e.target.closest('.line');
  if (row) highlight(keyOf(row), Number(row.dataset.n));
});
linesEl.addEventListener('click', e => {
  const row = e.target.closest('.line');
  if (!row || e.target.closest('.line-editor')) return;
  selectLine(Number(row.dataset.n), e.shiftKey, false);
});

// A click on a line, or on its box on the scan: select it (extend with Shift), show its article and its box.
function selectLine(n, extend, fromImage) {
  const row = lineRow(n);
  if (!row) return;
  if (extend && view.anchor != null) select(view.anchor, n); else select(n, n);
  const key = keyOf(row);
  highlight(key, n);
  if (key != null) scrollCardIntoView(key);
  if (fromImage) {
    row.scrollIntoView({ block: 'nearest' });
    linesEl.focus({ preventScroll: true });
  }
  else imagePane?.reveal(n);
}
linesEl.addEventListener('dblclick', e => {
  const row = e.target.closest('.line');
  if (!row || e.target.closest('.line-editor')) return;
  window.getSelection()?.removeAllRanges();
  startLineEdit(Number(row.dataset.n));
});
linesEl.addEventListener('keydown', e => {
  if (e.target !== linesEl || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    moveSelection(e.key === 'ArrowDown' ? 1 : -1, e.shiftKey);
    e.preventDefault();
  } else if (e.key === 'Enter' && view.head != null) {
    startLineEdit(view.head);
    e.preventDefault();
  }
});

// Dragging the selected lines onto a card moves them there.
const DRAG_TYPE = 'application/x-workbench-lines';
linesEl.addEventListener('dragstart', e => {
  const row = e.target.closest?.('.line.selected');
  if (!row || !view.selection) { e.preventDefault(); return; }
  const { first, last } = view.selection;
  e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ first, last }));
  e.dataTransfer.setData('text/plain', store.state.lines.filter(l => l.n >= first && l.n <= last).map(l => l.text).join('\n'));
  e.dataTransfer.effectAllowed = 'move';
  document.body.classList.add('wb-dragging');
});
linesEl.addEventListener('dragend', () => {
  document.body.classList.remove('wb-dragging');
  articlesEl.querySelectorAll('.drop-target').forEach(node => node.classList.remove('drop-target'));
});
articlesEl.addEventListener('dragover', e => {
  if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
  const card = e.target.closest('.card');
  articlesEl.querySelectorAll('.drop-target').forEach(node => { if (node !== card) node.classList.remove('drop-target'); });
  if (!card || card.classList.contains('approved')) { e.dataTransfer.dropEffect = 'none'; return; }
  e.preventDefault();
  e.dataTransfer.dropEffect = 'move';
  card.classList.add('drop-target');
});
articlesEl.addEventListener('drop', e => {
  if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
  e.preventDefault();
  articlesEl.querySelectorAll('.drop-target').forEach(node => node.classList.remove('drop-target'));
  const card = e.target.closest('.card');
  if (!card) return;
  const { first, last } = JSON.parse(e.dataTransfer.getData(DRAG_TYPE));
  const can = availability(store.state, { first, last }, live.status === 'connected');
  if (blocked(can.move)) return;
  const key = keyOf(card);
  if (can.article?.key === key) return;
  editing.moveLines(first, last, key);
});

// --- articles pane ----------------------------------------------------------------------------------------

articlesEl.addEventListener('mouseover', e => {
  const seg = e.target.closest('.seg');
  const card = e.target.closest('.card');
  if (card) highlight(keyOf(card), seg ? Number(seg.dataset.n) : null);
});
articlesEl.addEventListener('click', e => {
  const card = e.target.closest('.card');
  if (!card || e.target.closest('select, input, .title-editor')) return;
  const key = keyOf(card);
  setFocusArticle(key);
  if (e.target.closest('h2.title')) {
    startTitleEdit(key);
    return;
  }
  const seg = e.target.closest('.seg');
  highlight(key, seg ? Number(seg.dataset.n) : null);
  if (seg) {
    const row = lineRow(seg.dataset.n);
    if (row) linesEl.scrollTo({ top: row.offsetTop - linesEl.clientHeight / 3 });
  } else {
    scrollLinesTo(key);
  }
  paintSelection();
  tagging.click(e);
});
articlesEl.addEventListener('keydown', e => {
  if (e.key === 'Enter' && e.target.matches('h2.title') && !e.isComposing) {
    startTitleEdit(keyOf(e.target.closest('.card')));
    e.preventDefault();
  }
});
articlesEl.addEventListener('change', e => {
  const select = e.target.closest('select.role-select');
  if (!select) return;
  const key = keyOf(select.closest('.card'));
  setFocusArticle(key);
  // The select shows the server's role again until the patch (or a rejection) arrives.
  editing.setRole(key, Number(select.dataset.block), select.value).then(() => render());
});

// --- keyboard shortcuts -----------------------------------------------------------------------------------

document.addEventListener('keydown', e => {
  if (e.isComposing || e.defaultPrevented) return;
  if (document.querySelector('dialog[open]')) return;
  const target = e.target;
  if (target.closest?.('input, textarea, select, [contenteditable="true"]')) return;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key;
  if (mod && !e.altKey && (key === 'z' || key === 'Z')) {
    if (e.shiftKey) editing.redo(); else editing.undo();
    e.preventDefault();
    return;
  }
  if (mod && !e.altKey && (key === 'y' || key === 'Y')) {
    editing.redo();
    e.preventDefault();
    return;
  }
  if (mod || e.altKey) return;
  if (tagging.keydown(e, view.focusKey)) {
    e.preventDefault();
    return;
  }
  const handled = {
    s: split,
    S: split,
    m: () => merge(-1),
    M: () => merge(1),
    a: move,
    t: () => { const article = currentArticle(); if (article) startTitleEdit(article.key); },
    o: () => toolbar.toggleOriginal(),
    '?': showHelp,
    Escape: clearSelection,
  }[key];
  if (handled) {
    handled();
    e.preventDefault();
  }
});

render();
followArticleHash(articlesEl, key => { setFocusArticle(key); paintSelection(); });
showConnection('connecting');
live.start();
tagging.suggestions.refresh();
review.loadAll();
window.workbench = { get state() { return store.state; }, render, live, editing, view, tagging, review, image: imagePane };
