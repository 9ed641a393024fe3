// Rendering of the two panes from the page state. Pure DOM building; no framework.
import { S, fmt } from './strings.js';

export const ROLES = ['kicker', 'headline', 'subheadline', 'byline', 'body', 'subhead', 'caption', 'credit', 'continuation', 'other'];
export const DOUBTFUL = 0.7;

// Distinct hues by the golden angle, so neighbouring articles never share a colour.
export function articleColours(articles) {
  const colours = new Map();
  articles.forEach((article, i) => {
    const hue = Math.round((i * 137.508 + 200) % 360);
    colours.set(article.key, {
      tint: `hsl(${hue} 70% 95%)`,
      strong: `hsl(${hue} 75% 86%)`,
      edge: `hsl(${hue} 55% 45%)`,
    });
  });
  return colours;
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function paint(node, colour) {
  if (!colour) return;
  node.style.setProperty('--tint', colour.tint);
  node.style.setProperty('--tint-strong', colour.strong);
  node.style.setProperty('--edge', colour.edge);
}

// Which article and block owns each line.
export function lineOwners(state) {
  const owners = new Map();
  for (const article of state.articles) {
    article.blocks.forEach((block, index) => {
      for (let n = block.firstLine; n <= block.lastLine; n++) {
        owners.set(n, { article, block, index, first: n === block.firstLine });
      }
    });
  }
  return owners;
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

/** view: {selection: {first, last} | null, present: [...], me: userId} */
export function renderLines(container, state, colours, view) {
  const owners = lineOwners(state);
  const fragment = document.createDocumentFragment();
  const selection = view.selection;
  for (const line of state.lines) {
    const owner = owners.get(line.n);
    const row = el('div', 'line');
    row.dataset.n = line.n;
    const blank = line.text.trim().length === 0;
    if (blank) row.classList.add('blank');
    if (owner) {
      row.dataset.article = owner.article.key;
      paint(row, colours.get(owner.article.key));
      if (owner.first) row.classList.add('block-start');
      if (owner.article.status === 'approved') row.classList.add('approved');
    } else {
      row.classList.add('unassigned');
    }
    if (selection && line.n >= selection.first && line.n <= selection.last) {
      row.classList.add('selected');
      row.draggable = true;
    }
    const number = el('span', 'ln', String(line.n));
    row.append(number);
    const text = el('span', 'lt');
    if (view.fillLine) view.fillLine(text, line); else text.textContent = line.text;
    if (owner && owner.first && !blank && owner.block.role !== 'body') {
      text.append(el('span', 'role-tag', roleName(owner.block.role)));
    }
    row.append(text);
    if (line.text !== line.original) {
      row.classList.add('corrected');
      const mark = el('span', 'corr-mark');
      mark.setAttribute('aria-label', S.editing.correctedMark);
      number.prepend(mark);
      row.title = fmt(S.editing.original, line.original);
      row.append(el('span', 'orig', line.original));
    }
    // The words as the OCR file spaced them, where the reader left out the spaces between CJK words.
    const ocr = state.ocrTexts?.[line.n];
    if (ocr != null) row.title = [row.title, fmt(S.editing.ocrText, ocr)].filter(Boolean).join('\n');
    fragment.append(row);
  }
  container.replaceChildren(fragment);
}

// CJK text joins without spaces across line breaks; Latin words get one.
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD8BF][\uDC00-\uDFFF]/u;
const ENDS_SENTENCE = /[。！？”」.!?）):：]$/u;
function needsSpace(previous, next) {
  if (!previous || !next) return false;
  const last = previous.at(-1);
  const first = next[0];
  return !CJK.test(last) && !CJK.test(first) && !/[\s\-]/.test(last);
}

export function renderArticles(container, state, colours, view) {
  const lines = new Map(state.lines.map(l => [l.n, l]));
  const fragment = document.createDocumentFragment();
  for (const article of state.articles) {
    const approved = article.status === 'approved';
    const card = el('article', 'card');
    card.dataset.key = article.key;
    card.id = `article-${article.key}`;
    paint(card, colours.get(article.key));
    if (article.confidence < DOUBTFUL) card.classList.add('doubtful');
    if (approved) card.classList.add('approved');
    if (view.focusKey === article.key) card.classList.add('focused');

    const head = el('div', 'card-head');
    const title = el('h2', `title${article.title ? '' : ' untitled'}`, article.title || S.untitled);
    title.title = approved ? fmt(S.disabled.approved, article.key) : S.editing.titleClick;
    if (!approved) title.tabIndex = 0;
    head.append(el('span', 'key', `#${article.key}`), title);
    const itemType = state.itemTypes?.[article.key];
    if (itemType && itemType.toLowerCase() !== 'article') {
      const badge = el('span', 'item-type', itemType);
      badge.title = S.editing.itemType;
      head.append(badge);
    }
    const here = view.present.filter(p => p.articleKey === article.key && p.userId !== view.me);
    if (here.length) {
      const avatars = el('span', 'card-avatars');
      for (const p of here) avatars.append(avatar(p, p.userName));
      head.append(avatars);
    }
    if (article.confidence < DOUBTFUL) {
      const mark = el('span', 'doubt-mark', '?');
      mark.title = fmt(S.doubtful, Math.round(article.confidence * 100));
      head.append(mark);
    }
    const status = el('span', `status status-${article.status.toLowerCase()}`, S.statuses[article.status] ?? article.status);
    if (approved) status.title = fmt(S.disabled.approved, article.key);
    head.append(status);
    card.append(head);

    const ranges = article.blocks.map(b => b.firstLine === b.lastLine ? `${b.firstLine}` : `${b.firstLine}–${b.lastLine}`);
    card.append(el('div', 'lines-ref', fmt(S.linesRef, ranges.join(S.listSeparator))));

    article.blocks.forEach((block, index) => {
      const row = el('div', `block role-${block.role}`);
      const select = el('select', 'role-select');
      select.dataset.block = index;
      select.setAttribute('aria-label', S.editing.roleLabel);
      select.title = approved ? fmt(S.disabled.approved, article.key) : S.editing.roleLabel;
      select.disabled = approved;
      for (const role of ROLES) {
        const option = el('option', null, roleName(role));
        option.value = role;
        option.selected = role === block.role;
        select.append(option);
      }
      row.append(select);
      const text = el('div', 'btext');
      let previous = '';
      let pendingBreak = false;
      for (let n = block.firstLine; n <= block.lastLine; n++) {
        const line = lines.get(n);
        if (!line || line.text.trim().length === 0) {
          // As the server's join does: a blank line after a sentence ends a paragraph; elsewhere column OCR
          // only broke the text, and the paragraph goes on.
          if (previous && ENDS_SENTENCE.test(previous)) pendingBreak = true;
          continue;
        }
        const piece = line.text.trim();
        if (pendingBreak) text.append('\n');
        else if (needsSpace(previous, piece)) text.append(' ');
        pendingBreak = false;
        const seg = el('span', 'seg');
        seg.dataset.n = n;
        if (view.fillSeg) view.fillSeg(seg, line); else seg.textContent = piece;
        text.append(seg);
        previous = piece;
      }
      row.append(text);
      card.append(row);
    });
    view.decorateCard?.(card, article, view.focusKey === article.key);
    fragment.append(card);
  }
  container.replaceChildren(fragment);
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
