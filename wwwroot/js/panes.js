// The two panes under the pointer: selecting lines (click, Shift+click, arrows), hovering (a line lights up its article
// and its box on the scan, a card its lines), scrolling one pane brings the other along, dragging selected lines onto
// a card moves them, and clicks in the cards (focus, titles, roles, tagging).
import { ownerKey } from './model.js';

const DRAG_TYPE = 'application/x-workbench-lines';

/** Adds select, clearSelection, paintSelection, moveSelection, selectLine, highlight and setFocusArticle to wb. */
export function addPanes(wb) {
  const { linesEl, articlesEl, view } = wb;
  const keyOf = node => {
    const value = node?.dataset.article ?? node?.dataset.key;
    return value ? Number(value) : null;
  };
  const lineRow = n => wb.painter.row(Number(n));
  let hover = { key: null, line: null };

  wb.setFocusArticle = key => {
    if (view.focusKey === key) return;
    const before = view.focusKey;
    view.focusKey = key;
    wb.live.focus(key);
    // A focused card shows more (suggestion bar, continuation picker): both cards refresh those parts.
    wb.painter.refresh([before, key].filter(k => k != null));
  };

  // --- selection ----------------------------------------------------------------------------------------------

  wb.select = (anchor, head) => {
    view.anchor = anchor;
    view.head = head;
    view.selection = { first: Math.min(anchor, head), last: Math.max(anchor, head) };
    const key = ownerKey(wb.shown(), head);
    if (key != null) wb.setFocusArticle(key);
    wb.paintSelection();
  };

  wb.clearSelection = () => {
    view.selection = view.anchor = view.head = null;
    wb.paintSelection();
  };

  // The lines pane's focus is shown on its selected rows (site.css, .pane-focus), set here on those rows only.
  const paneFocus = on => linesEl.querySelectorAll('.line.selected').forEach(row => row.classList.toggle('pane-focus', on));
  linesEl.addEventListener('focus', () => paneFocus(true));
  linesEl.addEventListener('blur', () => paneFocus(false));

  // Selection and focus change classes only (on the rows that were or are selected), so clicks and hover keep their elements.
  let painted = null;
  wb.paintSelection = () => {
    const selection = view.selection;
    const numbers = new Set();
    for (const range of [painted, selection]) {
      if (range) for (let n = range.first; n <= range.last; n++) numbers.add(n);
    }
    for (const n of numbers) {
      const row = lineRow(n);
      if (!row) continue;
      const selected = Boolean(selection) && n >= selection.first && n <= selection.last;
      row.classList.toggle('selected', selected);
      row.classList.toggle('pane-focus', selected && document.activeElement === linesEl);
      row.draggable = selected && !row.classList.contains('editing');
    }
    painted = selection && { ...selection };
    for (const card of articlesEl.querySelectorAll('.card.focused')) if (keyOf(card) !== view.focusKey) card.classList.remove('focused');
    if (view.focusKey != null) wb.painter.card(view.focusKey)?.classList.add('focused');
    wb.imagePane?.select(selection);
    wb.updateToolbar();
  };

  wb.moveSelection = (delta, extend) => {
    const numbers = wb.shown().lines.map(l => l.n);
    if (!numbers.length) return;
    const current = view.head ?? (delta > 0 ? numbers[0] - 1 : numbers.at(-1) + 1);
    const index = numbers.findIndex(n => n > current);
    const next = delta > 0
      ? numbers[index === -1 ? numbers.length - 1 : index]
      : [...numbers].reverse().find(n => n < current) ?? numbers[0];
    wb.select(extend && view.anchor != null ? view.anchor : next, next);
    const row = lineRow(next);
    row?.scrollIntoView({ block: 'nearest' });
    const key = keyOf(row);
    if (key != null) wb.highlight(key, next);
  };

  // A click on a line, or on its box on the scan: select it (extend with Shift), show its article and its box.
  wb.selectLine = (n, extend, fromImage) => {
    const row = lineRow(n);
    if (!row) return;
    if (extend && view.anchor != null) wb.select(view.anchor, n); else wb.select(n, n);
    const key = keyOf(row);
    wb.highlight(key, n);
    if (key != null) scrollCardIntoView(key);
    if (fromImage) {
      row.scrollIntoView({ block: 'nearest' });
      linesEl.focus({ preventScroll: true });
    }
    else wb.imagePane?.reveal(n);
  };

  // --- hover --------------------------------------------------------------------------------------------------

  wb.highlight = (key, lineNumber) => {
    hover = { key, line: lineNumber };
    document.querySelectorAll('.hl').forEach(node => node.classList.remove('hl'));
    wb.imagePane?.hover(lineNumber);
    if (key == null) return;
    linesEl.querySelectorAll(`.line[data-article="${key}"]`).forEach(node => node.classList.add('hl'));
    wb.painter.card(key)?.classList.add('hl');
    if (lineNumber != null) articlesEl.querySelector(`.seg[data-n="${lineNumber}"]`)?.classList.add('hl');
  };
  wb.rehighlight = () => { if (hover.key != null) wb.highlight(hover.key, hover.line); };
  wb.hoverLine = n => wb.highlight(n == null ? null : keyOf(lineRow(n)), n);

  // --- scrolling: one pane brings the other to the same article; the pane the pointer is over leads ------------

  let leader = null;
  function scrollCardIntoView(key) {
    const card = wb.painter.card(key);
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

  // --- lines pane ---------------------------------------------------------------------------------------------

  linesEl.addEventListener('mouseover', e => {
    const row = e.target.closest('.line');
    if (row) wb.highlight(keyOf(row), Number(row.dataset.n));
  });
  linesEl.addEventListener('click', e => {
    const row = e.target.closest('.line');
    if (!row || e.target.closest('.line-editor')) return;
    wb.selectLine(Number(row.dataset.n), e.shiftKey, false);
  });
  linesEl.addEventListener('dblclick', e => {
    const row = e.target.closest('.line');
    if (!row || e.target.closest('.line-editor')) return;
    window.getSelection()?.removeAllRanges();
    wb.startLineEdit(Number(row.dataset.n));
  });

  // Dragging the selected lines onto a card moves them there.
  linesEl.addEventListener('dragstart', e => {
    const row = e.target.closest?.('.line.selected');
    if (!row || !view.selection) { e.preventDefault(); return; }
    const { first, last } = view.selection;
    e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ first, last }));
    e.dataTransfer.setData('text/plain', wb.shown().lines.filter(l => l.n >= first && l.n <= last).map(l => l.text).join('\n'));
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
    if (!card || card.classList.contains('locked')) { e.dataTransfer.dropEffect = 'none'; return; }
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
    wb.moveTo(first, last, keyOf(card));
  });

  // --- articles pane ------------------------------------------------------------------------------------------

  // A repaint replaces cards, which would end a text selection the user is still dragging out: while the button is
  // down in a card's text, card repaints wait.
  let buttonDown = false;
  articlesEl.addEventListener('pointerdown', e => {
    if (e.button === 0 && e.target.closest('.btext')) { buttonDown = true; wb.painter.hold(); }
  });
  // The release waits for the click's own handling (a repaint before it would replace the element clicked) ...
  const released = () => { buttonDown = false; setTimeout(() => wb.painter.release(), 0); };
  window.addEventListener('pointerup', released);
  window.addEventListener('pointercancel', released);
  window.addEventListener('blur', released);
  // ... which can be 10-100 ms behind the click's repaint work; a key pressed after the button is up ends the hold at once,
  // so a label's hotkey pressed right after selecting (click, Shift+→, 1) is drawn in its own handler, not after that wait.
  window.addEventListener('keydown', () => { if (!buttonDown) wb.painter.release(); }, true);

  articlesEl.addEventListener('mouseover', e => {
    const seg = e.target.closest('.seg');
    const card = e.target.closest('.card');
    if (card) wb.highlight(keyOf(card), seg ? Number(seg.dataset.n) : null);
  });
  articlesEl.addEventListener('click', e => {
    const card = e.target.closest('.card');
    if (!card || e.target.closest('select, input, .title-editor')) return;
    // Where the click landed in the text, read before anything below repaints or scrolls the panes.
    const at = document.caretPositionFromPoint?.(e.clientX, e.clientY) ?? null;
    const key = keyOf(card);
    wb.setFocusArticle(key);
    if (e.target.closest('h2.title')) {
      wb.startTitleEdit(key);
      return;
    }
    const seg = e.target.closest('.seg');
    wb.highlight(key, seg ? Number(seg.dataset.n) : null);
    if (seg) {
      const row = lineRow(seg.dataset.n);
      if (row) linesEl.scrollTo({ top: row.offsetTop - linesEl.clientHeight / 3 });
    } else {
      scrollLinesTo(key);
    }
    wb.paintSelection();
    wb.tagging.click(e, at);
  });
  articlesEl.addEventListener('change', e => {
    const select = e.target.closest('select.role-select');
    if (!select) return;
    const key = keyOf(select.closest('.card'));
    wb.setFocusArticle(key);
    wb.editing.setRole(key, Number(select.dataset.block), select.value);
  });

  wb.scrollCardIntoView = scrollCardIntoView;
}
