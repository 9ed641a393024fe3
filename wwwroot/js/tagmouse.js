// Tagging with the mouse in the article cards: a drag selects text, a click on an entity or a suggestion makes it the
// active one, a plain click puts the caret there; and the entity list's items and the suggestion bar's buttons.
import { anchorFromDom, normalise, compare } from './selection.js';

/**
 * t: what tagging.js shares: {ui, state(), article(key), articlesEl, paintUi(), showEntity(key, flash), focusArticle(key),
 * suggestions, accept(list), reject(list)}. Returns click(e), which the cards' click handler calls (true: handled).
 */
export function bindTagMouse({ ui, state, article, articlesEl, paintUi, showEntity, focusArticle, suggestions, accept, reject }) {
  /**
   * Called by the card click handler: a drag selects text, a click on an entity or suggestion activates it, a plain click
   * places the caret at <at> (the caret position under the pointer, read when the click arrived: the handler may have
   * scrolled the card since).
   */
  function click(e, at = document.caretPositionFromPoint?.(e.clientX, e.clientY)) {
    if (e.target.closest('.ents, .sugg-bar, select, input, h2.title, .title-editor')) return false;
    const card = e.target.closest('.card');
    if (!card) return false;
    const key = Number(card.dataset.key);
    const dom = window.getSelection();
    if (dom && !dom.isCollapsed && card.contains(dom.anchorNode) && card.contains(dom.focusNode)) {
      const anchor = anchorFromDom(dom.anchorNode, dom.anchorOffset);
      const head = anchorFromDom(dom.focusNode, dom.focusOffset);
      dom.removeAllRanges();
      if (anchor && head && compare(anchor, head) !== 0) {
        ui.sel = { key, anchor, head, caret: false };
        ui.activeEntity = ui.activeSuggestion = null;
        articlesEl.focus({ preventScroll: true });
        paintUi();
        return true;
      }
    }
    const piece = e.target.closest('.pc');
    if (!piece) return false;
    if (piece.dataset.entity) {
      showEntity(Number(piece.dataset.entity));
      return true;
    }
    if (piece.dataset.sugg) {
      ui.activeEntity = null;
      ui.activeSuggestion = piece.dataset.sugg;
      paintUi();
      return true;
    }
    // A plain click places the caret there (between graphemes, nearest to the click).
    const place = at ? anchorFromDom(at.offsetNode, at.offset) : null;
    if (place) {
      const r = normalise(state(), article(key), place, place) ?? null;
      const spot = r?.start ?? place;
      ui.sel = { key, anchor: spot, head: spot, caret: true };
      ui.activeEntity = ui.activeSuggestion = null;
      articlesEl.focus({ preventScroll: true });
      paintUi();
      return true;
    }
    return false;
  }

  articlesEl.addEventListener('click', e => {
    const item = e.target.closest('.ent-item');
    if (item) { focusArticle(Number(item.closest('.card').dataset.key)); showEntity(Number(item.dataset.entity), true); return; }
    const action = e.target.closest('.sugg-bar button[data-action]');
    if (action) {
      const key = Number(action.closest('.sugg-bar').dataset.key);
      const list = suggestions.forArticle(key).filter(s => s.label === action.dataset.label);
      if (action.dataset.action === 'acceptAll') accept(list); else reject(list);
    }
  });
  articlesEl.addEventListener('toggle', e => {
    const details = e.target.closest?.('details.ents');
    if (!details) return;
    const key = Number(details.dataset.key);
    if (details.open) ui.openLists.add(key); else ui.openLists.delete(key);
  }, true);

  return click;
}
