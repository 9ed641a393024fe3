// Painting the two panes: everything on load and after a catch-up (full), otherwise only what a change touched
// (update): rows by line number, cards by article key, and inside a card a line's piece (seg) with what joins it to its
// neighbours. A card keeps its element until its article changes; cards move only when the article list's order does.
import { lineRow, articleCard, lineSeg } from './render.js';
import { ownerKey, placeOf } from './model.js';

/**
 * ctx(): the context render.js builds from ({state, selection, focusKey, present, me, fill…, decorate…}).
 * hooks: {afterRow(n, row), afterCard(key, card), refreshCard(key, card) (the parts of a card outside its text, after a
 * change of its pieces), afterPaint({lines, segs, cards, later, full, order})}.
 */
export function createPainter({ linesEl, articlesEl, ctx, hooks }) {
  const rows = new Map();
  const cards = new Map();
  let held = null;       // card keys waiting while a text selection is being dragged out in the cards
  // How long the last update and the last full paint took (ms of script), and what the last update repainted.
  const stats = { last: null, full: null, painted: null };

  function buildRow(line, c) {
    const row = lineRow(line, c);
    rows.set(line.n, row);
    return row;
  }

  function buildCard(article, c) {
    const card = articleCard(article, c);
    cards.set(article.key, card);
    return card;
  }

  // A repaint moves an open editor's input into the new row or card, which takes its focus away: give it back.
  function keepFocus() {
    const active = document.activeElement;
    if (!active || !(linesEl.contains(active) || articlesEl.contains(active)) || !('selectionStart' in active)) return () => {};
    const { selectionStart, selectionEnd } = active;
    return () => {
      if (!active.isConnected || document.activeElement === active) return;
      active.focus({ preventScroll: true });
      try { active.setSelectionRange(selectionStart, selectionEnd); } catch { /* not a text field */ }
    };
  }

  function full() {
    const started = performance.now();
    const restore = keepFocus();
    const c = ctx();
    const linesTop = linesEl.scrollTop;
    const articlesTop = articlesEl.scrollTop;
    const kept = [...linesEl.querySelectorAll(':scope > :not(.line)')];
    rows.clear();
    cards.clear();
    const lineNodes = document.createDocumentFragment();
    for (const line of c.state.lines) lineNodes.append(buildRow(line, c));
    linesEl.replaceChildren(lineNodes);
    const cardNodes = document.createDocumentFragment();
    for (const article of c.state.articles) cardNodes.append(buildCard(article, c));
    articlesEl.replaceChildren(cardNodes);
    linesEl.scrollTop = linesTop;
    articlesEl.scrollTop = articlesTop;
    held = null;
    for (const node of kept) node.remove();
    for (const [n, row] of rows) hooks.afterRow?.(n, row);
    for (const [key, card] of cards) hooks.afterCard?.(key, card);
    hooks.afterPaint?.({ full: true, lines: null, segs: null, cards: null, later: null, order: true });
    restore();
    stats.full = performance.now() - started;
    return stats.full;
  }

  // Cards whose pieces were repainted: the rest of each (its entity list, …) follows right after, so the change shows first.
  const later = new Set();
  let laterTimer = null;
  function flushLater() {
    clearTimeout(laterTimer);
    laterTimer = null;
    const keys = [...later];
    later.clear();
    for (const key of keys) {
      const card = cards.get(key);
      if (card?.isConnected) hooks.refreshCard?.(key, card);
    }
  }
  function repaintLater(keys) {
    keys.forEach(k => later.add(k));
    laterTimer ??= setTimeout(flushLater, 0);
  }

  // The text between two neighbouring pieces of a card is the server's join between their lines.
  function joint(state, left, right) {
    const a = placeOf(state, lineOf(state, Number(left.dataset.n)));
    const b = placeOf(state, lineOf(state, Number(right.dataset.n)));
    return a.text != null && a.text === b.text && b.textStart != null ? a.text.slice(a.textStart + a.length, b.textStart) : '';
  }
  function rejoin(state, left, right) {
    if (!left || !right) return;
    while (left.nextSibling && left.nextSibling !== right) left.nextSibling.remove();
    const text = joint(state, left, right);
    if (text) left.after(text);
  }

  /** Repaints line n's piece in its card with what joins it to its neighbours; false when the card needs a full repaint. */
  function repaintSeg(c, key, n) {
    const old = cards.get(key)?.querySelector(`.seg[data-n="${n}"]`);
    const line = lineOf(c.state, n);
    const place = line && placeOf(c.state, line);
    if (!old || !place || place.end <= place.lead) return false;
    const seg = lineSeg(line, place, c);
    old.replaceWith(seg);
    rejoin(c.state, seg.previousElementSibling, seg);
    rejoin(c.state, seg, seg.nextElementSibling);
    return true;
  }

  /**
   * Repaints the rows of `lines` and the cards of `cards` (Sets, or null); `order`: the article list changed. `segs`:
   * lines whose piece of their card is repainted at once, the rest of the card just after (a line's text or marks).
   */
  function update({ lines = null, cards: keys = null, order = false, segs = null } = {}) {
    const started = performance.now();
    const restore = keepFocus();
    const c = ctx();
    if (held) {
      keys?.forEach(k => held.cards.add(k));
      held.order ||= order;
      keys = null;
      order = false;
    }
    const painted = { lines: new Set(), segs: new Set(), cards: new Set(), later: new Set(), full: false, order };
    for (const n of lines ?? []) {
      const old = rows.get(n);
      const line = old ? lineOf(c.state, n) : null;
      if (!old || !line) continue;
      const row = buildRow(line, c);
      old.replaceWith(row);
      painted.lines.add(n);
      hooks.afterRow?.(n, row);
    }
    const whole = new Set();
    for (const n of segs ?? []) {
      const key = ownerKey(c.state, n);
      if (key == null || keys?.has(key)) continue;
      if (held) { held.cards.add(key); continue; }
      if (repaintSeg(c, key, n)) { painted.segs.add(n); painted.later.add(key); } else whole.add(key);
    }
    if (whole.size) keys = new Set([...(keys ?? []), ...whole]);
    if (painted.later.size) repaintLater(painted.later);
    if (!painted.lines.size && !painted.segs.size && !keys?.size && !order) return painted;
    if (keys?.size || order) {
      const present = new Set();
      let previous = null;
      for (const article of c.state.articles) {
        present.add(article.key);
        let card = cards.get(article.key);
        if (!card || keys?.has(article.key)) {
          const fresh = buildCard(article, c);
          if (card?.isConnected) card.replaceWith(fresh);
          card = fresh;
          painted.cards.add(article.key);
        }
        if (order || !card.isConnected) {
          const expected = previous ? previous.nextElementSibling : articlesEl.firstElementChild;
          if (expected !== card) articlesEl.insertBefore(card, expected);
        }
        previous = card;
        if (painted.cards.has(article.key)) hooks.afterCard?.(article.key, card);
      }
      if (order) {
        for (const [key, card] of cards) {
          if (!present.has(key)) { card.remove(); cards.delete(key); }
        }
      }
    }
    hooks.afterPaint?.(painted);
    restore();
    stats.last = performance.now() - started;
    stats.painted = painted;
    return painted;
  }

  function lineOf(state, n) {
    // Lines are sorted by number and numbered from 1 with few gaps; look near n - 1 first.
    const guess = state.lines[n - 1];
    return guess?.n === n ? guess : state.lines.find(l => l.n === n) ?? null;
  }

  return {
    full,
    update,
    /** While held, card repaints wait (a drag in the cards would lose its text selection); release paints them. */
    hold() { held ??= { cards: new Set(), order: false }; },
    release() {
      if (!held) return;
      const waiting = held;
      held = null;
      if (waiting.cards.size || waiting.order) update({ cards: waiting.cards, order: waiting.order });
    },
    /** Runs the card refreshes a repaint of pieces left for right after, now. */
    flushLater,
    /** Refreshes the parts of these cards outside their text (what depends on focus, suggestions, entities). */
    refresh(keys) {
      for (const key of keys) {
        const card = cards.get(key);
        if (card) hooks.refreshCard?.(key, card);
      }
    },
    row: n => rows.get(n) ?? null,
    card: key => cards.get(key) ?? null,
    get cardKeys() { return [...cards.keys()]; },
    stats,
  };
}
