// Moving through an article's tagging: the next or previous entity or suggestion (wrapping around), the caret, and
// scrolling the active one into view.
import { S } from './strings.js';
import { toast } from './ui.js';
import { articleLines } from './selection.js';
import { entitiesOf } from './marks.js';

const FLASH_MS = 1600;

/** t: what tagging.js shares: {ui, state(), article(key), suggestions, articlesEl, paintUi(), placeMenus()}. */
export function createTagNavigation({ ui, state, article, suggestions, articlesEl, paintUi, placeMenus }) {
  function neighbour(s, step) {
    const list = suggestions.forArticle(s.articleKey);
    const i = list.findIndex(x => x.rejectionKey === s.rejectionKey);
    return list[i + step] ?? list[i - step] ?? null;
  }

  function stepEntity(key, step) {
    const list = entitiesOf(state(), key);
    if (!list.length) { toast('info', S.tagging.noEntities); return; }
    const i = list.findIndex(e => e.key === ui.activeEntity);
    const next = list[i < 0 ? (step > 0 ? 0 : list.length - 1) : (i + step + list.length) % list.length];
    showEntity(next.key);
  }

  function stepSuggestion(key, step) {
    const list = suggestions.forArticle(key);
    if (!list.length) { toast('info', S.suggestions.none); return; }
    const i = list.findIndex(s => s.rejectionKey === ui.activeSuggestion);
    const next = list[i < 0 ? (step > 0 ? 0 : list.length - 1) : (i + step + list.length) % list.length];
    ui.activeEntity = null;
    ui.activeSuggestion = next.rejectionKey;
    paintUi();
    scrollTo(`.pc[data-sugg="${CSS.escape(next.rejectionKey)}"]`);
  }

  function showEntity(key, flash = false) {
    ui.activeEntity = key;
    ui.activeSuggestion = null;
    if (flash) {
      ui.flash.add(key);
      setTimeout(() => { ui.flash.delete(key); paintUi(); }, FLASH_MS);
    }
    paintUi();
    scrollTo(`.pc[data-entities~="${key}"]`);
  }

  function scrollTo(selector) {
    const node = articlesEl.querySelector(selector);
    if (!node) return;
    const box = articlesEl.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    if (r.top < box.top + 40 || r.bottom > box.bottom - 40) articlesEl.scrollTop += r.top - box.top - box.height / 3;
    placeMenus();
  }

  function startCaret(key) {
    const art = article(key);
    const lines = art ? articleLines(state(), art) : [];
    if (!lines.length) return;
    const at = ui.sel?.key === key ? ui.sel.head : { line: lines[0].n, offset: lines[0].lead };
    ui.sel = { key, anchor: at, head: at, caret: true };
    ui.activeEntity = ui.activeSuggestion = null;
    articlesEl.focus({ preventScroll: true });
    paintUi();
    scrollTo('.caret');
  }

  return { neighbour, stepEntity, stepSuggestion, showEntity, scrollTo, startCaret };
}
