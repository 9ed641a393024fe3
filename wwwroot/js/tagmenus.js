// The two floating menus of tagging: the label menu beside a text selection (tag it, or every occurrence in the
// article or on the page) and the popover of the active entity (relabel, delete, tag every occurrence). They live
// on document.body and follow their targets into freshly painted cards.
import { S, fmt } from './strings.js';
import { el } from './render.js';
import { activeLabels, labelInfo, chip } from './marks.js';
import { pageSlice } from './selection.js';
import { lockReason } from './model.js';

/**
 * t: what tagging.js exposes to its menus: {state(), articlesEl, range(), selectionKey(), activeEntity(), entityArticle(e),
 * article(key), tagSelection(label), tagAll(text, label, key), relabel(e, label), remove(e)}.
 */
export function createTagMenus(t) {
  let menu = null;
  let popover = null;

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
    const pane = t.articlesEl.getBoundingClientRect();
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

  function everyOccurrence(text, label, key) {
    const inArticle = el('button', 'mini', S.tagging.allInArticle);
    inArticle.type = 'button';
    inArticle.title = fmt(S.tagging.allInArticleTitle, text, label.displayName);
    inArticle.addEventListener('click', () => t.tagAll(text, label, key));
    const onPage = el('button', 'mini', S.tagging.allOnPage);
    onPage.type = 'button';
    onPage.title = fmt(S.tagging.allOnPageTitle, text, label.displayName);
    onPage.addEventListener('click', () => t.tagAll(text, label, null));
    return [inArticle, onPage];
  }

  function placeMenu() {
    const r = t.range();
    const key = t.selectionKey();
    if (!r || lockReason(t.article(key)) || t.activeEntity() != null) { menu?.remove(); menu = null; return; }
    const state = t.state();
    const text = pageSlice(state, r.start, r.end);
    if (!menu || menu.dataset.text !== text) {
      menu?.remove();
      menu = floating('wb-label-menu', 'label-menu');
      menu.dataset.text = text;
      menu.append(el('div', 'float-head', fmt(S.tagging.menuTitle, text.replace(/\n/g, '⏎'))));
      for (const label of activeLabels(state)) {
        const row = el('div', 'label-row');
        row.append(labelButton(label, false, t.tagSelection), ...everyOccurrence(text, label, key));
        menu.append(row);
      }
      menu.append(el('div', 'float-hint muted', S.tagging.menuHint));
    }
    const pieces = t.articlesEl.querySelectorAll('.pc.tsel');
    position(menu, pieces[pieces.length - 1] ?? null);
  }

  function placePopover() {
    const e = t.activeEntity();
    if (!e) { popover?.remove(); popover = null; return; }
    const state = t.state();
    const signature = `${e.key}|${e.label}|${state.page.version}`;
    if (!popover || popover.dataset.signature !== signature) {
      popover?.remove();
      popover = floating('wb-entity-pop', 'entity-pop');
      popover.dataset.signature = signature;
      popover.dataset.entity = e.key;
      const info = labelInfo(state, e.label);
      const head = el('div', 'float-head');
      head.append(chip(info), el('strong', 'pop-text', e.text.replace(/\n/g, '⏎')), el('span', 'muted', S.tagging.sources[e.source] ?? e.source));
      popover.append(head);
      const key = t.entityArticle(e);
      const locked = lockReason(t.article(key));
      if (locked) {
        popover.append(el('div', 'muted', locked));
      } else {
        const labels = el('div', 'pop-labels');
        for (const label of activeLabels(state)) labels.append(labelButton(label, label.name === e.label, l => t.relabel(e, l)));
        popover.append(labels);
        const actions = el('div', 'pop-actions');
        const del = el('button', 'mini danger', S.tagging.remove);
        del.type = 'button';
        del.id = 'wb-entity-delete';
        del.addEventListener('click', () => t.remove(e));
        actions.append(del, el('span', 'muted', S.tagging.everyOccurrence), ...everyOccurrence(e.text, info, key));
        popover.append(actions);
      }
      popover.append(el('div', 'float-hint muted', S.tagging.popHint));
    }
    position(popover, t.articlesEl.querySelector(`.pc.ent-active[data-entities~="${e.key}"]`));
  }

  function place() {
    placeMenu();
    placePopover();
  }

  // After a repaint the menus are placed in the next frame, just before it is drawn: measuring their anchors inside the
  // key's handler forced a layout there and held back the change itself (the own tag's time, measured in Chromium).
  let frame = 0;
  function placeSoon() {
    frame ||= requestAnimationFrame(() => { frame = 0; place(); });
  }

  t.articlesEl.addEventListener('scroll', place, { passive: true });
  window.addEventListener('resize', place);
  return { place, placeSoon };
}
