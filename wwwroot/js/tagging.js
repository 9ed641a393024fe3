// Entity tagging in the article cards, keyboard first. A text selection (mouse, or the caret mode: E, arrows,
// Shift+arrows) gets a label by its hotkey or from the menu beside it (tagmenus.js); an entity (click, or Tab through
// the focused article) opens a popover to relabel or delete it; suggestions are stepped through, accepted and
// rejected. Every change is an operation through editing.send (tags, relabels and deletions show at once, pending).
// The keys themselves are bound in keys.js; this module offers the actions.
import { S, fmt } from './strings.js';
import { toast, rejection } from './ui.js';
import { normalise, pageSlice, moveCaret, compare } from './selection.js';
import { prepareMarks, fillSeg, fillLine, entityList, suggestionBar, entitiesOf, activeLabels, labelInfo } from './marks.js';
import { createSuggestions } from './suggestions.js';
import { createTagMenus } from './tagmenus.js';
import { bindTagMouse } from './tagmouse.js';
import { createTagNavigation } from './tagnav.js';
import { ownerKey, articleByKey, lockReason } from './model.js';


/** view(): the state as shown; repaint({segs, cards}): repaint those card pieces (line numbers) and cards (paint.js). */
export function createTagging({ pageId, view, editing, articlesEl, repaint, focusArticle, connected }) {
  const ui = {
    sel: null, // {key, anchor, head, caret: bool}
    activeEntity: null,
    activeSuggestion: null,
    flash: new Set(),
    openLists: new Set(),
  };
  let shownSuggestions = new Map(); // rejection key -> suggestion, as last painted
  const suggestions = createSuggestions({
    pageId,
    onChange: () => repaint(changedSuggestionLines()),
    onError: err => toast('error', fmt(S.toast.error, err?.message ?? String(err))),
  });
  let prepared = null;
  let uiLines = new Set();

  const state = () => view();
  const article = key => articleByKey(state(), key);
  const entity = key => state().entities.find(e => e.key === key) ?? null;
  const keyOfEntity = e => ownerKey(state(), e.start.line);

  function range() {
    const sel = ui.sel;
    if (!sel || !article(sel.key) || compare(sel.anchor, sel.head) === 0) return null;
    return normalise(state(), article(sel.key), sel.anchor, sel.head);
  }

  const menus = createTagMenus({
    state, articlesEl, range, article,
    selectionKey: () => ui.sel?.key ?? null,
    activeEntity: () => (ui.activeEntity != null ? entity(ui.activeEntity) : null),
    entityArticle: keyOfEntity,
    tagSelection: label => tagSelection(label),
    tagAll: (text, label, key) => tagAll(text, label, key),
    relabel: (e, label) => relabel(e, label),
    remove: e => remove(e),
  });

  /** The lines that show tagging state (selection, caret, active entity or suggestion, flashes). */
  function linesWithUi() {
    const lines = new Set();
    const span = (a, b) => { for (let n = Math.min(a.line, b.line); n <= Math.max(a.line, b.line); n++) lines.add(n); };
    if (ui.sel) span(ui.sel.anchor, ui.sel.head);
    const active = ui.activeEntity != null ? entity(ui.activeEntity) : null;
    if (active) span(active.start, active.end);
    const suggestion = ui.activeSuggestion != null ? suggestions.find(ui.activeSuggestion) : null;
    if (suggestion) span(suggestion.start, suggestion.end);
    for (const key of ui.flash) { const e = entity(key); if (e) span(e.start, e.end); }
    return lines;
  }

  /** Repaints the pieces whose tagging state changed: the lines that showed it before and those that show it now. */
  function paintUi() {
    const now = linesWithUi();
    repaint({ segs: new Set([...uiLines, ...now]) });
    uiLines = now;
  }

  // The lines whose suggestion marks changed since the last time: those of suggestions that came or went.
  function changedSuggestionLines() {
    const next = new Map(suggestions.all.map(s => [s.rejectionKey, s]));
    const segs = new Set();
    const mark = s => { for (let n = s.start.line; n <= s.end.line; n++) segs.add(n); };
    for (const [key, s] of next) if (!shownSuggestions.has(key)) mark(s);
    for (const [key, s] of shownSuggestions) if (!next.has(key)) mark(s);
    shownSuggestions = next;
    return { segs };
  }

  // --- painting hooks (called by paint.js through the editor) -------------------------------------------------

  function prepare() {
    if (ui.activeEntity != null && !entity(ui.activeEntity)) ui.activeEntity = null;
    if (ui.activeSuggestion != null && !suggestions.find(ui.activeSuggestion)) ui.activeSuggestion = null;
    if (ui.sel && !article(ui.sel.key)) ui.sel = null;
    const r = range();
    prepared = prepareMarks(state(), {
      suggestions: suggestions.all,
      selection: r,
      caret: ui.sel?.caret ? ui.sel.head : null,
      activeEntity: ui.activeEntity,
      activeSuggestion: ui.activeSuggestion,
      flash: ui.flash,
    });
  }

  function decorateCard(card, art, focused) {
    const bar = barOf(art, focused);
    if (bar) card.querySelector('.card-head').after(bar);
    const list = listOf(art);
    if (list) card.append(list);
    if (ui.sel?.key === art.key) card.classList.add('tagging');
  }

  const barOf = (art, focused) => {
    const mine = suggestions.forArticle(art.key);
    return focused && mine.length && !lockReason(art) ? suggestionBar(state(), art, mine) : null;
  };
  const listOf = art => {
    const entities = entitiesOf(state(), art.key);
    return entities.length ? entityList(state(), art, entities, ui.openLists.has(art.key)) : null;
  };

  /** A card whose text pieces were repainted: its suggestion bar and entity list again, in place. */
  function refreshCard(card, art, focused) {
    const place = (old, fresh, insert) => { if (old && fresh) old.replaceWith(fresh); else if (old) old.remove(); else if (fresh) insert(fresh); };
    place(card.querySelector(':scope > .sugg-bar'), barOf(art, focused), bar => (card.querySelector(':scope > .review-status') ?? card.querySelector('.card-head')).after(bar));
    const blocks = card.querySelectorAll(':scope > .block');
    place(card.querySelector(':scope > details.ents'), listOf(art), list => (blocks[blocks.length - 1] ?? card.querySelector('.lines-ref')).after(list));
    card.classList.toggle('tagging', ui.sel?.key === art.key);
  }

  // --- operations ---------------------------------------------------------------------------------------------

  function send(operation) {
    if (!connected()) { toast('info', S.disabled.offline); return null; }
    return editing.send(operation);
  }

  function tagSelection(label) {
    const r = range();
    if (!r) { toast('info', S.tagging.noSelection); return; }
    const locked = lockReason(article(ui.sel.key));
    if (locked) { toast('info', locked); return; }
    const text = pageSlice(state(), r.start, r.end);
    if (!send({ kind: 'addEntity', label: label.name, start: r.start, end: r.end, text, source: 'manual' })) return;
    ui.sel = ui.sel?.caret ? { ...ui.sel, anchor: r.end, head: r.end } : null;
    paintUi();
  }

  // An entity drawn before the server gave it its key cannot be named in an operation yet.
  function waiting(e) {
    if (e.key > 0) return false;
    toast('info', S.disabled.busy);
    return true;
  }

  function relabel(e, label) {
    if (e.label === label.name || waiting(e)) return;
    send({ kind: 'relabelEntity', entityKey: e.key, expectedLabel: e.label, label: label.name });
  }

  function remove(e) {
    if (waiting(e)) return;
    const list = entitiesOf(state(), keyOfEntity(e));
    const next = list[list.findIndex(x => x.key === e.key) + 1] ?? null;
    if (!send({ kind: 'removeEntity', entityKey: e.key })) return;
    ui.activeEntity = next?.key ?? null;
    paintUi();
  }

  function tagAll(text, label, articleKey) {
    if (!connected()) { toast('info', S.disabled.offline); return Promise.resolve(); }
    return editing.track(tagAllNow(text, label, articleKey));
  }

  async function tagAllNow(text, label, articleKey) {
    try {
      const response = await fetch(`/api/pages/${pageId}/tag-all`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ text, label: label.name, articleKey }),
      });
      const body = await response.json();
      if (body.accepted) {
        editing.remember(body.inverse, fmt(S.undo.kinds.tagAll, label.displayName));
        toast('info', fmt(body.tagged === 1 ? S.tagging.taggedOne : S.tagging.tagged, body.tagged, label.displayName));
      }
      else if (response.ok) toast('info', body.reason);
      else rejection({ reason: body.reason ?? body.detail ?? response.statusText }, S.toast.rejected);
    } catch (err) {
      toast('error', fmt(S.toast.error, err?.message ?? String(err)));
    }
  }

  function accept(list) {
    if (!list.length || !connected()) return;
    const operations = list.map(s => ({ kind: 'addEntity', label: s.label, start: s.start, end: s.end, text: s.text, source: s.source }));
    const next = neighbour(list.at(-1), 1);
    const answer = send(operations.length === 1 ? operations[0] : { kind: 'batch', operations });
    if (!answer) return;
    suggestions.drop(list.map(s => s.rejectionKey));
    ui.activeSuggestion = list.length === 1 ? next?.rejectionKey ?? null : null;
    paintUi();
    // A refused acceptance brings its suggestions back.
    answer.then(ack => { if (!ack?.accepted) suggestions.schedule(0); });
  }

  async function reject(list) {
    if (!list.length) return;
    const next = list.length === 1 ? neighbour(list[0], 1) : null;
    ui.activeSuggestion = next?.rejectionKey ?? null;
    if (await suggestions.reject(list[0].articleKey, list.map(s => s.rejectionKey))) {
      toast('info', fmt(list.length === 1 ? S.suggestions.rejectedOne : S.suggestions.rejected, list.length));
    }
  }

  const { neighbour, stepEntity, stepSuggestion, showEntity, scrollTo, startCaret } =
    createTagNavigation({ ui, state, article, suggestions, articlesEl, paintUi, placeMenus: () => menus.place() });

  const click = bindTagMouse({ ui, state, article, articlesEl, paintUi, showEntity, focusArticle, suggestions, accept, reject });

  // --- what the key map (keys.js) calls -------------------------------------------------------------------------

  const actions = {
    get activeEntity() { return ui.activeEntity != null ? entity(ui.activeEntity) : null; },
    get activeSuggestion() { return ui.activeSuggestion != null ? suggestions.find(ui.activeSuggestion) : null; },
    get selecting() { return Boolean(ui.sel); },
    get caret() { return Boolean(ui.sel?.caret); },
    get selectionKey() { return ui.sel?.key ?? null; },
    hasRange: () => Boolean(range()),
    /** Escape: closes the popover or suggestion, then drops the text selection, then the caret. */
    escape() {
      if (ui.activeEntity != null || ui.activeSuggestion != null) { ui.activeEntity = ui.activeSuggestion = null; paintUi(); return true; }
      if (range()) { ui.sel = ui.sel.caret ? { ...ui.sel, anchor: ui.sel.head } : null; paintUi(); return true; }
      if (ui.sel) { ui.sel = null; paintUi(); return true; }
      return false;
    },
    labelFor: n => activeLabels(state()).find(l => l.hotkey === n) ?? null,
    tagRange(label, everyOccurrence) {
      if (everyOccurrence) tagAll(pageSlice(state(), range().start, range().end), label, ui.sel.key);
      else tagSelection(label);
    },
    relabelActive: label => relabel(actions.activeEntity, label),
    removeActive: () => remove(actions.activeEntity),
    tagAllOfActive(inArticle) {
      const e = actions.activeEntity;
      tagAll(e.text, labelInfo(state(), e.label), inArticle ? keyOfEntity(e) : null);
    },
    acceptActive: () => accept([actions.activeSuggestion]),
    rejectActive: () => reject([actions.activeSuggestion]),
    moveCaret(how, extend) {
      const head = moveCaret(state(), article(ui.sel.key), ui.sel.head, how);
      ui.sel = { ...ui.sel, head, anchor: extend ? ui.sel.anchor : head };
      ui.activeEntity = ui.activeSuggestion = null;
      paintUi();
      scrollTo('.caret');
    },
    startCaret,
    stepEntity,
    stepSuggestion,
  };

  return {
    prepare,
    fillSeg: (seg, line, place) => fillSeg(seg, line, place, prepared),
    fillLine: (span, line) => fillLine(span, line, prepared),
    decorateCard,
    refreshCard,
    afterPaint: () => menus.placeSoon(),
    click,
    actions,
    suggestions,
  };
}
