// Building the DOM of one line row, one article card and the presence avatars from the page state. Pure DOM building,
// no framework; paint.js decides which rows and cards to (re)build. Card text is the server's join (state.texts):
// what lies between two lines is exactly what the export writes there.
import { S, fmt } from './strings.js';
import { owners, lineByNumber, placeOf, lockReason, lockOf, isDoubtful, articleColour } from './model.js';

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/** A button (type="button", so it never submits a form) with its label, tooltip and click handler. */
export function button(className, label, title, onClick) {
  const node = el('button', className, label);
  node.type = 'button';
  if (title) node.title = title;
  node.addEventListener('click', onClick);
  return node;
}

function tint(node, key) {
  const colour = articleColour(key);
  node.style.setProperty('--tint', colour.tint);
  node.style.setProperty('--tint-strong', colour.strong);
  node.style.setProperty('--edge', colour.edge);
}

export function roleName(role) {
  return S.roles[role] ?? role;
}

/** A coloured circle with the user's initials; the colour is stable per user. */
export function avatar(entry, title) {
  const name = entry.userName || entry.userId || '?';
  const parts = name.split(/[\s._@-]+/u).filter(Boolean);
  const initials = parts.length > 1
    ? [...parts[0]][0] + [...parts[1]][0]
    : [...name].slice(0, 2).join('');
  let hash = 0;
  for (const ch of entry.userId ?? name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const node = el('span', 'avatar', initials.toUpperCase());
  node.style.setProperty('--avatar', `hsl(${hash % 360} 55% 42%)`);
  node.title = title ?? name;
  node.dataset.user = entry.userId;
  return node;
}

/**
 * One row of the lines pane. ctx: {state, selection: {first, last} | null, fillLine(span, line), decorateRow(row, line)}.
 */
export function lineRow(line, ctx) {
  const owner = owners(ctx.state).get(line.n);
  const row = el('div', 'line');
  row.dataset.n = line.n;
  const blank = line.text.trim().length === 0;
  if (blank) row.classList.add('blank');
  const titles = [];
  if (owner) {
    row.dataset.article = owner.article.key;
    tint(row, owner.article.key);
    if (owner.first) row.classList.add('block-start');
    const lock = lockOf(owner.article);
    if (lock) row.classList.add('locked', lock);
  } else {
    row.classList.add('unassigned');
  }
  const selection = ctx.selection;
  if (selection && line.n >= selection.first && line.n <= selection.last) {
    row.classList.add('selected');
    if (document.activeElement?.id === 'lines') row.classList.add('pane-focus');
    row.draggable = true;
  }
  const number = el('span', 'ln', String(line.n));
  row.append(number);
  const text = el('span', 'lt');
  if (ctx.fillLine) ctx.fillLine(text, line); else text.textContent = line.text;
  if (owner && owner.first && !blank && owner.block.role !== 'body') {
    text.append(el('span', 'role-tag', roleName(owner.block.role)));
  }
  row.append(text);
  if (line.text !== line.original) {
    row.classList.add('corrected');
    const mark = el('span', 'corr-mark');
    mark.setAttribute('aria-label', S.editing.correctedMark);
    number.prepend(mark);
    titles.push(fmt(S.editing.original, line.original));
    row.append(el('span', 'orig', line.original));
  }
  if (line.pending) {
    row.classList.add('pending');
    titles.push(S.editing.pending);
  }
  if (owner && lockOf(owner.article)) titles.push(lockReason(owner.article));
  // The words as the OCR file spaced them, where the reader left out the spaces between CJK words.
  const ocr = ctx.state.ocrTexts?.[line.n];
  if (ocr != null) titles.push(fmt(S.editing.ocrText, ocr));
  if (titles.length) row.title = titles.join('\n');
  ctx.decorateRow?.(row, line);
  return row;
}

/**
 * One article card. ctx: {state, focusKey, present, me, fillSeg(seg, line, place), decorateCard(card, article, focused)}.
 * The text of each block is the server's join: line pieces (.seg) with what the join put between them.
 */
export function articleCard(article, ctx) {
  const { state } = ctx;
  const locked = lockReason(article);
  const focused = ctx.focusKey === article.key;
  const card = el('article', 'card');
  card.dataset.key = article.key;
  card.id = `article-${article.key}`;
  tint(card, article.key);
  if (isDoubtful(state, article)) card.classList.add('doubtful');
  if (locked) card.classList.add('locked', lockOf(article));
  if (focused) card.classList.add('focused');

  const head = el('div', 'card-head');
  const title = el('h2', `title${article.title ? '' : ' untitled'}`, article.title || S.untitled);
  title.title = locked ?? S.editing.titleClick;
  if (article.pendingTitle) { title.classList.add('pending'); title.title = `${title.title}\n${S.editing.pending}`; }
  if (!locked) title.tabIndex = 0;
  head.append(el('span', 'key', `#${article.key}`), title);
  const itemType = state.itemTypes?.[article.key];
  if (itemType && itemType.toLowerCase() !== 'article') {
    const badge = el('span', 'item-type', itemType);
    badge.title = S.editing.itemType;
    head.append(badge);
  }
  const here = ctx.present.filter(p => p.articleKey === article.key && p.userId !== ctx.me);
  if (here.length) {
    const avatars = el('span', 'card-avatars');
    for (const p of here) avatars.append(avatar(p, p.userName));
    head.append(avatars);
  }
  if (isDoubtful(state, article)) {
    const mark = el('span', 'doubt-mark', '?');
    mark.title = fmt(S.doubtful, Math.round(article.confidence * 100));
    head.append(mark);
  }
  const status = el('span', `status status-${article.status.toLowerCase()}`, S.statuses[article.status] ?? article.status);
  if (locked) status.title = locked;
  head.append(status);
  card.append(head);

  const ranges = article.blocks.map(b => b.firstLine === b.lastLine ? `${b.firstLine}` : `${b.firstLine}–${b.lastLine}`);
  card.append(el('div', 'lines-ref', fmt(S.linesRef, ranges.join(S.listSeparator))));

  article.blocks.forEach((block, index) => {
    const row = el('div', `block role-${block.role}`);
    const select = el('select', 'role-select');
    select.dataset.block = index;
    select.setAttribute('aria-label', S.editing.roleLabel);
    select.title = locked ?? S.editing.roleLabel;
    select.disabled = Boolean(locked);
    if (block.pending) select.classList.add('pending');
    for (const role of state.rules.roles) {
      const option = el('option', null, roleName(role));
      option.value = role;
      option.selected = role === block.role;
      select.append(option);
    }
    row.append(select, blockText(block, ctx));
    card.append(row);
  });
  ctx.decorateCard?.(card, article, focused);
  return card;
}

// A block's lines as pieces, joined by what the server's join put between them (nothing between CJK characters, a
// space between Latin words, nothing where a hyphenated word was rejoined, a break after a sentence-ending blank line).
function blockText(block, ctx) {
  const text = el('div', 'btext');
  let previous = null;
  for (let n = block.firstLine; n <= block.lastLine; n++) {
    const line = lineByNumber(ctx.state, n);
    if (!line) continue;
    const place = placeOf(ctx.state, line);
    if (place.end > place.lead) {
      if (previous && place.text === previous.text && place.textStart != null) text.append(previous.text.slice(previous.textStart + previous.length, place.textStart));
      text.append(lineSeg(line, place, ctx));
    }
    if (place.textStart != null) previous = place;
  }
  return text;
}

/** One line's piece of a card's text (place: model.placeOf), with its marks. */
export function lineSeg(line, place, ctx) {
  const seg = el('span', 'seg');
  seg.dataset.n = line.n;
  if (line.pending) seg.classList.add('pending');
  if (ctx.fillSeg) ctx.fillSeg(seg, line, place); else seg.textContent = line.text.slice(place.lead, place.end);
  return seg;
}

/** Toolbar avatars of everyone else on the page (one per user). */
export function renderPresence(container, state, present, me) {
  const byUser = new Map();
  for (const p of present) {
    if (p.userId === me) continue;
    const seen = byUser.get(p.userId);
    if (!seen || (seen.articleKey == null && p.articleKey != null)) byUser.set(p.userId, p);
  }
  const titles = new Map(state.articles.map(a => [a.key, a.title || S.untitled]));
  container.replaceChildren(...[...byUser.values()].map(p => avatar(p, p.articleKey != null
    ? fmt(S.presence.inArticle, p.userName, p.articleKey, titles.get(p.articleKey) ?? '')
    : fmt(S.presence.onPage, p.userName))));
}
