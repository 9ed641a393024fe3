// Entity tagging in the article cards, keyboard first. A text selection (mouse, or the caret mode: E, arrows,
// Shift+arrows) gets a label by its hotkey (1–9) or from the menu beside it; an entity (click, or Tab through the
// focused article) opens a popover to relabel or delete it; suggestions are stepped through with N/P, accepted with
// Enter and rejected with Delete. Every change is an operation through editing.send; nothing is applied locally.
import { S, fmt } from './strings.js';
import { el } from './render.js';
import { toast, rejection } from './ui.js';
import { anchorFromDom, normalise, pageSlice, moveCaret, articleLines, compare } from './selection.js';
import { prepareMarks, fillSeg, fillLine, entityList, suggestionBar, entitiesOf, lineArticles, activeLabels, labelInfo, chip } from './marks.js';
import { createSuggestions } from './suggestions.js';

const FLASH_MS = 1600;

export function createTagging({ pageId, store, editing, articlesEl, render, focusArticle, connected }) {
  const ui = {
    sel: null, // {key, anchor, head, caret: bool}
    activeEntity: null,
    activeSuggestion: null,
    flash: new Set(),
    openLists: new Set(),
  };
  const suggestions = createSuggestions({
    pageId,
    onChange: () => render(),
    onError: err => toast('error', fmt(S.toast.error, err?.message ?? String(err))),
  });
  let prepared = null;
  let menu = null;
  let popover = null;

  const state = () => store.state;
  const article = key => state().articles.find(a => a.key === key) ?? null;
  const entity = key => state().entities.find(e => e.key === key) ?? null;
  const editable = key => article(key)?.status !== 'approved';

  function range() {
    const sel = ui.sel;
    if (!sel || !article(sel.key) || compare(sel.anchor, sel.head) === 0) return null;
    return normalise(state(), article(sel.key), sel.anchor, sel.head);
  }

  // --- rendering hooks (called by render.js through the view) ---------------------------------------------

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
    const owners = lineArticles(state());
    const mine = suggestions.forArticle(art.key);
    if (focused && mine.length && art.status !== 'approved') card.querySelector('.card-head').after(suggestionBar(state(), art, mine));
    const entities = entitiesOf(state(), art.key, owners);
    if (entities.length) card.append(entityList(state(), art, entities, ui.openLists.has(art.key)));
    if (ui.sel?.key === art.key) card.classList.add('tagging');
  }

  /** After every render: the menus follow their targets into the fresh DOM. */
  function afterRender() {
    placeMenu();
    placePopover();
  }

  // --- operations ---------------------------------------------------------------------------------------------

  async function send(operation) {
    if (!connected()) { toast('info', S.disabled.offline); return null; }
    return editing.send(operation);
  }

  async function tagSelection(label) {
    const r = range();
    if (!r) { toast('info', S.tagging.noSelection); return; }
    if (!editable(ui.sel.key)) { toast('info', fmt(S.disabled.approved, ui.sel.key)); return; }
    const text = pageSlice(state(), r.start, r.end);
    const ack = await send({ kind: 'addEntity', label: label.name, start: r.start, end: r.end, text, source: 'manual' });
    if (ack?.accepted) {
      ui.sel = ui.sel?.caret ? { ...ui.sel, anchor: r.end, head: r.end } : null;
      render();
    }
  }

  async function relabel(e, label) {
    if (e.label === label.name) return;
    await send({ kind: 'relabelEntity', entityKey: e.key, expectedLabel: e.label, label: label.name });
  }

  async function remove(e) {
    const list = entitiesOf(state(), keyOfEntity(e));
    const next = list[list.findIndex(x => x.key === e.key) + 1] ?? null;
    const ack = await send({ kind: 'removeEntity', entityKey: e.key });
    if (ack?.accepted) {
      ui.activeEntity = next?.key ?? null;
      render();
    }
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
        editing.remember(body.inverse);
        toast('info', fmt(body.tagged === 1 ? S.tagging.taggedOne : S.tagging.tagged, body.tagged, label.displayName));
      }
      else if (response.ok) toast('info', body.reason);
      else rejection({ reason: body.reason ?? body.detail ?? response.statusText }, S.toast.rejected);
    } catch (err) {
      toast('error', fmt(S.toast.error, err?.message ?? String(err)));
    }
  }

  async function accept(list) {
    if (!list.length || !connected()) return;
    const operations = list.map(s => ({ kind: 'addEntity', label: s.label, start: s.start, end: s.end, text: s.text, source: s.source }));
    const ack = await send(operations.length === 1 ? operations[0] : { kind: 'batch', operations });
    if (ack?.accepted) {
      const next = neighbour(list.at(-1), 1);
      suggestions.drop(list.map(s => s.rejectionKey));
      ui.activeSuggestion = list.length === 1 ? next?.rejectionKey ?? null : null;
      render();
    }
  }

  async function reject(list) {
    if (!list.length) return;
    const next = list.length === 1 ? neighbour(list[0], 1) : null;
    ui.activeSuggestion = next?.rejectionKey ?? null;
    if (await suggestions.reject(list[0].articleKey, list.map(s => s.rejectionKey))) {
      toast('info', fmt(list.length === 1 ? S.suggestions.rejectedOne : S.suggestions.rejected, list.length));
    }
  }

  // --- navigation ---------------------------------------------------------------------------------------------

  function keyOfEntity(e) {
    return lineArticles(state()).get(e.start.line) ?? null;
  }

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
    render();
    scrollTo(`.pc[data-sugg="${CSS.escape(next.rejectionKey)}"]`);
  }

  function showEntity(key, flash = false) {
    ui.activeEntity = key;
    ui.activeSuggestion = null;
    if (flash) {
      ui.flash.add(key);
      setTimeout(() => { ui.flash.delete(key); render(); }, FLASH_MS);
    }
    render();
    scrollTo(`.pc[data-entities~="${key}"]`);
  }

  function scrollTo(selector) {
    const node = articlesEl.querySelector(selector);
    if (!node) return;
    const box = articlesEl.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    if (r.top < box.top + 40 || r.bottom > box.bottom - 40) articlesEl.scrollTop += r.top - box.top - box.height / 3;
    placeMenu();
    placePopover();
  }

  function startCaret(key) {
    const art = article(key);
    const lines = art ? articleLines(state(), art) : [];
    if (!lines.length) return;
    const at = ui.sel?.key === key ? ui.sel.head : { line: lines[0].n, offset: lines[0].lead };
    ui.sel = { key, anchor: at, head: at, caret: true };
    ui.activeEntity = ui.activeSuggestion = null;
    articlesEl.focus({ preventScroll: true });
    render();
    scrollTo('.caret');
  }

  // --- floating menus ------------------------------------------------------------------------------------------

  function floating(id, className) {
    const node = el('div', `wb-float ${className}`);
    node.id = id;
    node.setAttribute('role', 'menu');
    node.addEventListener('mousedown', e => e.preventDefault());
    document.body.append(node);
    return node;
  }

  function position(node, anchor) {
    if (!anchor) { node.hidden = true; return; }
    const r = anchor.getBoundingClientRect();
    const pane = articlesEl.getBoundingClientRect();
    if (r.bottom < pane.top || r.top > pane.bottom) { node.hidden = true; return; }
    node.hidden = false;
    const width = node.offsetWidth || 260;
    node.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - width - 8))}px`;
    const below = r.bottom + 6;
    node.style.top = `${below + node.offsetHeight > window.innerHeight - 8 ? Math.max(8, r.top - node.offsetHeight - 6) : below}px`;
  }

  function labelButton(label, current, onPick) {
    const b = el('button', `label-option${current ? ' current' : ''}`);
    b.type = 'button';
    b.setAttribute('role', 'menuitem');
    b.dataset.label = label.name;
    b.append(el('kbd', null, label.hotkey ? String(label.hotkey) : '·'), chip(label), el('span', 'label-display', label.displayName));
    b.addEventListener('click', () => onPick(label));
    return b;
  }

  function placeMenu() {
    const r = range();
    if (!r || !editable(ui.sel.key) || ui.activeEntity != null) { menu?.remove(); menu = null; return; }
    const text = pageSlice(state(), r.start, r.end);
    if (!menu || menu.dataset.text !== text) {
      menu?.remove();
      menu = floating('wb-label-menu', 'label-menu');
      menu.dataset.text = text;
      menu.append(el('div', 'float-head', fmt(S.tagging.menuTitle, text.replace(/\n/g, '⏎'))));
      for (const label of activeLabels(state())) {
        const row = el('div', 'label-row');
        row.append(labelButton(label, false, tagSelection));
        const inArticle = el('button', 'mini', S.tagging.allInArticle);
        inArticle.type = 'button';
        inArticle.title = fmt(S.tagging.allInArticleTitle, text, label.displayName);
        inArticle.addEventListener('click', () => tagAll(text, label, ui.sel?.key ?? null));
        const onPage = el('button', 'mini', S.tagging.allOnPage);
        onPage.type = 'button';
        onPage.title = fmt(S.tagging.allOnPageTitle, text, label.displayName);
        onPage.addEventListener('click', () => tagAll(text, label, null));
        row.append(inArticle, onPage);
        menu.append(row);
      }
      menu.append(el('div', 'float-hint muted', S.tagging.menuHint));
    }
    const pieces = articlesEl.querySelectorAll('.pc.tsel');
    position(menu, pieces[pieces.length - 1] ?? null);
  }

  function placePopover() {
    const e = ui.activeEntity != null ? entity(ui.activeEntity) : null;
    if (!e) { popover?.remove(); popover = null; return; }
    const signature = `${e.key}|${e.label}|${state().page.version}`;
    if (!popover || popover.dataset.signature !== signature) {
      popover?.remove();
      popover = floating('wb-entity-pop', 'entity-pop');
      popover.dataset.signature = signature;
      popover.dataset.entity = e.key;
      const info = labelInfo(state(), e.label);
      const head = el('div', 'float-head');
      head.append(chip(info), el('strong', 'pop-text', e.text.replace(/\n/g, '⏎')), el('span', 'muted', S.tagging.sources[e.source] ?? e.source));
      popover.append(head);
      const key = keyOfEntity(e);
      if (!editable(key)) {
        popover.append(el('div', 'muted', fmt(S.disabled.approved, key)));
      } else {
        const labels = el('div', 'pop-labels');
        for (const label of activeLabels(state())) labels.append(labelButton(label, label.name === e.label, l => relabel(e, l)));
        popover.append(labels);
        const actions = el('div', 'pop-actions');
        const del = el('button', 'mini danger', S.tagging.remove);
        del.type = 'button';
        del.id = 'wb-entity-delete';
        del.addEventListener('click', () => remove(e));
        const inArticle = el('button', 'mini', S.tagging.allInArticle);
        inArticle.type = 'button';
        inArticle.title = fmt(S.tagging.allInArticleTitle, e.text, labelInfo(state(), e.label).displayName);
        inArticle.addEventListener('click', () => tagAll(e.text, info, key));
        const onPage = el('button', 'mini', S.tagging.allOnPage);
        onPage.type = 'button';
        onPage.title = fmt(S.tagging.allOnPageTitle, e.text, labelInfo(state(), e.label).displayName);
        onPage.addEventListener('click', () => tagAll(e.text, info, null));
        actions.append(del, el('span', 'muted', S.tagging.everyOccurrence), inArticle, onPage);
        popover.append(actions);
      }
      popover.append(el('div', 'float-hint muted', S.tagging.popHint));
    }
    position(popover, articlesEl.querySelector(`.pc.ent-active[data-entities~="${e.key}"]`));
  }

  articlesEl.addEventListener('scroll', () => { placeMenu(); placePopover(); }, { passive: true });
  window.addEventListener('resize', () => { placeMenu(); placePopover(); });

  // --- mouse -------------------------------------------------------------------------------------------------

  /** Called by the card click handler: a drag selects text, a click on an entity or suggestion activates it. */
  function click(e) {
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
        render();
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
      render();
      return true;
    }
    // A plain click places the caret there (between graphemes, nearest to the click).
    const at = document.caretPositionFromPoint?.(e.clientX, e.clientY);
    const place = at ? anchorFromDom(at.offsetNode, at.offset) : null;
    if (place) {
      const art = article(key);
      const r = normalise(state(), art, place, place) ?? null;
      const spot = r?.start ?? place;
      ui.sel = { key, anchor: spot, head: spot, caret: true };
      ui.activeEntity = ui.activeSuggestion = null;
      articlesEl.focus({ preventScroll: true });
      render();
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

  // --- keyboard --------------------------------------------------------------------------------------------

  function hotkey(e) {
    const match = /^Digit([1-9])$/.exec(e.code) ?? /^Numpad([1-9])$/.exec(e.code);
    if (!match) return null;
    return activeLabels(state()).find(l => l.hotkey === Number(match[1])) ?? null;
  }

  /** Handles a key for tagging; returns true when it did (the caller then prevents the default). */
  function keydown(e, focusKey) {
    const key = e.key;
    const label = hotkey(e);
    if (key === 'Escape') {
      if (ui.activeEntity != null || ui.activeSuggestion != null) { ui.activeEntity = ui.activeSuggestion = null; render(); return true; }
      if (range()) { ui.sel = ui.sel.caret ? { ...ui.sel, anchor: ui.sel.head } : null; render(); return true; }
      if (ui.sel) { ui.sel = null; render(); return true; }
      return false;
    }
    const active = ui.activeEntity != null ? entity(ui.activeEntity) : null;
    if (active) {
      if (label && !e.shiftKey) { relabel(active, label); return true; }
      if (key === 'Delete' || key === 'Backspace') { remove(active); return true; }
      if (key === 'g' || key === 'G') { tagAll(active.text, labelInfo(state(), active.label), key === 'g' ? keyOfEntity(active) : null); return true; }
    }
    const suggestion = ui.activeSuggestion != null ? suggestions.find(ui.activeSuggestion) : null;
    if (suggestion) {
      if (key === 'Enter') { accept([suggestion]); return true; }
      if (key === 'Delete' || key === 'Backspace') { reject([suggestion]); return true; }
    }
    if (label && ui.sel && !range()) { toast('info', S.tagging.noSelection); return true; }
    if (label && range()) {
      if (e.shiftKey) tagAll(pageSlice(state(), range().start, range().end), label, ui.sel.key);
      else tagSelection(label);
      return true;
    }
    if (ui.sel?.caret) {
      const how = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down', Home: 'home', End: 'end' }[key];
      if (how) {
        const head = moveCaret(state(), article(ui.sel.key), ui.sel.head, how);
        ui.sel = { ...ui.sel, head, anchor: e.shiftKey ? ui.sel.anchor : head };
        ui.activeEntity = ui.activeSuggestion = null;
        render();
        scrollTo('.caret');
        return true;
      }
    }
    const key2 = focusKey ?? ui.sel?.key ?? null;
    if (key2 == null) return false;
    if (key === 'e' || key === 'E') { startCaret(key2); return true; }
    // Tab steps through entities only while the reading position is in the cards; elsewhere it moves focus as usual.
    if (key === 'Tab' && (e.target === document.body || e.target === articlesEl)) { stepEntity(key2, e.shiftKey ? -1 : 1); return true; }
    if (key === 'n' || key === 'p') { stepSuggestion(key2, key === 'n' ? 1 : -1); return true; }
    return false;
  }

  return {
    prepare,
    fillSeg: (seg, line) => fillSeg(seg, line, prepared),
    fillLine: (span, line) => fillLine(span, line, prepared),
    decorateCard,
    afterRender,
    click,
    keydown,
    suggestions,
    get selecting() { return Boolean(ui.sel); },
  };
}
