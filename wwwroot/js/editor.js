// The editor: OCR lines on the left, articles on the right, linked line by line, edited live with others.
// This module puts the pieces together:
//   live.js (the connection), echo.js (the user's own changes drawn at once), changes.js (what the server's changes
//   repaint), paint.js + render.js (the panes), model.js (the page as the server sends it), panes.js (pointer, selection,
//   scrolling), actions.js (split, merge, move, editors), keys.js (every shortcut), textedits.js (line and title
//   editors, drafts, conflicts), tagging.js (+ tagmenus, tagmouse, tagnav, marks, selection, suggestions), review.js,
//   continued.js, image.js, toolbar.js, ui.js.
import { S, fmt } from './strings.js';
import { renderPresence } from './render.js';
import { createLive } from './live.js';
import { createEcho } from './echo.js';
import { createPainter } from './paint.js';
import { createEditing, availability } from './editing.js';
import { createTextEdits } from './textedits.js';
import { toast, showHelp } from './ui.js';
import { createToolbar, showConnection } from './toolbar.js';
import { createTagging } from './tagging.js';
import { createReview } from './review.js';
import { createLayers } from './layers.js';
import { createImagePane } from './image.js';
import { addPanes } from './panes.js';
import { addActions } from './actions.js';
import { bindKeys } from './keys.js';
import { ownerKey, articleByKey } from './model.js';
import { trackChanges, flashes } from './changes.js';
import { watchReviews } from './reviewnews.js';
import { decorateContinuations, segmentationNote, followArticleHash, refreshContinuations } from './continued.js';

const toolbarEl = document.getElementById('wb-toolbar');
const pageId = Number(toolbarEl.dataset.pageId);
const me = toolbarEl.dataset.userId || null;
const presenceEl = document.getElementById('wb-presence');
const countsEl = document.getElementById('wb-counts');

const store = { state: JSON.parse(document.getElementById('page-state').textContent) };
const wb = {
  pageId,
  me,
  store,
  linesEl: document.getElementById('lines'),
  articlesEl: document.getElementById('articles'),
  view: { selection: null, anchor: null, head: null, present: [], me, focusKey: null },
  /** The state as shown: the server's, with the user's pending changes drawn over it. */
  shown: () => wb.echo.view(),
  connected: () => wb.live.status === 'connected',
};
const { linesEl, articlesEl, view } = wb;

const { flash, paintFlash } = flashes();

wb.echo = createEcho({
  store,
  onChange(touched, how) {
    if (how === 'rolledBack') {
      flash('line', touched.lines, 'rolled-back');
      flash('card', [...touched.cards, ...[...touched.segs].map(n => ownerKey(wb.shown(), n))], 'rolled-back');
    }
    wb.painter?.update(touched);
  },
});

let wasConnected = false;
let opened = false;   // afterOpen has run
const reviewNews = watchReviews({ me, state: () => store.state });
wb.live = createLive({
  pageId,
  store,
  onChange: (changes, info) => { changeTracker.serverChanged(changes, info); reviewNews(info); },
  onPresence(present) {
    const before = cardsWithPresence();
    view.present = present ?? [];
    const after = cardsWithPresence();
    const changed = new Set([...before.keys(), ...after.keys()].filter(k => before.get(k) !== after.get(k)));
    wb.painter.update({ cards: changed });
    renderPresence(presenceEl, wb.shown(), view.present, me);
  },
  onStatus(status) {
    showConnection(status);
    if (status === 'connected' || status === 'offline') afterOpen();
    updateToolbar();
    // Cards offer their review actions only while connected (review.js); nothing is being sent when that flips.
    const connected = status === 'connected';
    if (connected !== wasConnected) {
      wasConnected = connected;
      articlesEl.querySelectorAll('.review-bar button, .review-send').forEach(b => { b.disabled = !connected; });
    }
  },
  onError(message) {
    toast('error', fmt(S.connection.joinFailed, message));
  },
  onComment: comment => wb.review.onComment(comment),
  onReset: reason => toast('info', reason),
});

wb.editing = createEditing({
  live: wb.live,
  echo: wb.echo,
  onStacks: () => updateToolbar(),
  onBusy: busy => { document.body.classList.toggle('wb-busy', busy); updateToolbar(); },
  onRefused: (operation, ack) => wb.textedits.refused(operation, ack),
});

const repaintCards = keys => wb.painter.update({ cards: keys ?? new Set(wb.painter.cardKeys) });
wb.tagging = createTagging({
  pageId,
  view: wb.shown,
  editing: wb.editing,
  articlesEl,
  repaint: what => wb.painter.update(what),
  focusArticle: key => wb.setFocusArticle(key),
  connected: wb.connected,
});
wb.review = createReview({
  pageId,
  store: { get state() { return wb.shown(); } },
  editing: wb.editing,
  render: key => repaintCards(key == null ? null : new Set([key])),
  connected: wb.connected,
});
wb.layers = createLayers({
  pageId,
  store: { get state() { return wb.shown(); } },
  editing: wb.editing,
  render: key => repaintCards(key == null ? null : new Set([key])),
  connected: wb.connected,
});
const continuationActions = { pageId, state: () => store.state, send: op => wb.editing.send(op), render: key => repaintCards(key == null ? null : new Set([key])) };

wb.painter = createPainter({
  linesEl,
  articlesEl,
  ctx() {
    wb.tagging.prepare();
    return {
      state: wb.shown(),
      selection: view.selection,
      focusKey: view.focusKey,
      present: view.present,
      me,
      fillLine: wb.tagging.fillLine,
      fillSeg: wb.tagging.fillSeg,
      decorateRow: (row, line) => paintFlash(row, `line:${line.n}`),
      decorateCard(card, article, focused) {
        wb.tagging.decorateCard(card, article, focused);
        wb.review.decorateCard(card, article, focused);
        wb.layers.decorateCard(card, article);
        decorateContinuations(card, article, continuationActions, focused);
        paintFlash(card, `card:${article.key}`);
      },
    };
  },
  hooks: {
    afterRow: (n, row) => wb.textedits.afterRow(n, row),
    afterCard: (key, card) => wb.textedits.afterCard(key, card),
    refreshCard(key, card) {
      const article = articleByKey(wb.shown(), key);
      const focused = view.focusKey === key;
      card.classList.toggle('focused', focused);
      if (article) {
        wb.tagging.refreshCard(card, article, focused);
        card.querySelector(':scope > .continued')?.remove();
        decorateContinuations(card, article, continuationActions, focused);
      }
      paintFlash(card, `card:${key}`);
    },
    afterPaint(painted) {
      if (painted.full || painted.order) {
        const state = wb.shown();
        countsEl.textContent = [fmt(S.counts, state.lines.length, state.articles.length), segmentationNote(state)].filter(Boolean).join(' · ');
        wb.imagePane?.update(state);
      }
      wb.rehighlight();
      wb.tagging.afterPaint();
      if (painted.full || painted.cards.size) {
        wb.review.afterRender();
        wb.layers.afterRender();
      }
      updateToolbar();
    },
  },
});

wb.textedits = createTextEdits({ view: wb.shown, painter: wb.painter, editing: wb.editing, afterClose: () => linesEl.focus({ preventScroll: true }) });

wb.toolbar = createToolbar({
  pageId,
  onSplit: () => wb.split(),
  onMergePrev: () => wb.merge(-1),
  onMergeNext: () => wb.merge(1),
  onMove: () => wb.move(),
  onUndo: () => wb.editing.undo(),
  onRedo: () => wb.editing.redo(),
  onShowOriginal: on => linesEl.classList.toggle('show-original', on),
  onHelp: showHelp,
});

// The scan beside the lines, when the page has one (image.js).
wb.imagePane = createImagePane({
  pane: document.getElementById('image-pane'),
  panes: document.querySelector('.wb-panes'),
  toggleHost: document.getElementById('wb-actions'),
  image: store.state.page.image,
  boxes: store.state.boxes ?? [],
  onPick: (n, extend) => wb.selectLine(n, extend, true),
  onHover: n => wb.hoverLine(n),
});

addPanes(wb);
addActions(wb);
bindKeys(wb);
articlesEl.tabIndex = -1;

function updateToolbar() {
  if (!wb.toolbar) return;
  const connected = wb.connected();
  wb.toolbar.update({ can: availability(wb.shown(), view.selection, connected), selection: view.selection, editing: wb.editing, connected });
}
wb.updateToolbar = updateToolbar;

function cardsWithPresence() {
  const byCard = new Map();
  for (const p of view.present) {
    if (p.articleKey == null || p.userId === me) continue;
    byCard.set(p.articleKey, `${byCard.get(p.articleKey) ?? ''}|${p.userId}`);
  }
  return byCard;
}

// --- what the server's changes repaint ------------------------------------------------------------------------

// What the server's changes repaint (changes.js).
const changeTracker = trackChanges(wb, {
  flash,
  onLinks: () => refreshContinuations(pageId, store).then(() => repaintCards(null)),
});

// --- start ------------------------------------------------------------------------------------------------------

showConnection('connecting');
wb.live.start();          // the connection opens while the panes are painted
changeTracker.track();
wb.painter.full();
performance.mark('editor:painted');
renderPresence(presenceEl, wb.shown(), view.present, me);
followArticleHash(articlesEl, key => { wb.setFocusArticle(key); wb.paintSelection(); });
// What the page asks the server for besides the connection waits until it is live (or has failed): its answers
// would be painted while the connection's own messages wait behind them. A second timer covers a slow connection.
function afterOpen() {
  if (opened) return;
  opened = true;
  wb.tagging.suggestions.refresh();
  wb.review.loadAll();
}
setTimeout(afterOpen, 2000);
window.editor = {
  /** The server's state (what the page has been told); `shown` adds the user's pending changes. */
  get state() { return store.state; },
  get shown() { return wb.shown(); },
  render: () => wb.painter.full(),
  paint: wb.painter,
  live: wb.live,
  editing: wb.editing,
  view,
  tagging: wb.tagging,
  review: wb.review,
  image: wb.imagePane,
  textedits: wb.textedits,
};
