// Rendering of the two panes from the page state. Pure DOM building; no framework.

const ROLE_NAMES = {
  kicker: 'kicker', headline: 'headline', subheadline: 'subheadline', byline: 'byline', body: 'body',
  subhead: 'subhead', caption: 'caption', credit: 'credit', continuation: 'continuation', other: 'other',
};
const STATUS_NAMES = {
  draft: 'draft', inProgress: 'in progress', submitted: 'submitted', approved: 'approved', changesRequested: 'changes requested',
};
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

function el(tag, className, text) {
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

export function renderLines(container, state, colours) {
  const owners = lineOwners(state);
  const fragment = document.createDocumentFragment();
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
    } else {
      row.classList.add('unassigned');
    }
    row.append(el('span', 'ln', String(line.n)));
    const text = el('span', 'lt', line.text);
    if (owner && owner.first && !blank && owner.block.role !== 'body') {
      text.append(el('span', 'role-tag', ROLE_NAMES[owner.block.role] ?? owner.block.role));
    }
    row.append(text);
    fragment.append(row);
  }
  container.replaceChildren(fragment);
}

// CJK text joins without spaces across line breaks; Latin words get one.
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD8BF][\uDC00-\uDFFF]/u;
function needsSpace(previous, next) {
  if (!previous || !next) return false;
  const last = previous.at(-1);
  const first = next[0];
  return !CJK.test(last) && !CJK.test(first) && !/[\s\-]/.test(last);
}

export function renderArticles(container, state, colours) {
  const lines = new Map(state.lines.map(l => [l.n, l]));
  const fragment = document.createDocumentFragment();
  for (const article of state.articles) {
    const card = el('article', 'card');
    card.dataset.key = article.key;
    card.id = `article-${article.key}`;
    paint(card, colours.get(article.key));
    if (article.confidence < DOUBTFUL) card.classList.add('doubtful');

    const head = el('div', 'card-head');
    const title = el('h2', article.title ? '' : 'untitled', article.title || 'Untitled');
    head.append(el('span', 'key', `#${article.key}`), title);
    if (article.confidence < DOUBTFUL) {
      const mark = el('span', 'doubt-mark', '?');
      mark.title = `Doubtful boundary: the segmenter is ${Math.round(article.confidence * 100)}% sure this article starts here.`;
      head.append(mark);
    }
    head.append(el('span', `status status-${article.status.toLowerCase()}`, STATUS_NAMES[article.status] ?? article.status));
    card.append(head);

    const ranges = article.blocks.map(b => b.firstLine === b.lastLine ? `${b.firstLine}` : `${b.firstLine}–${b.lastLine}`);
    card.append(el('div', 'lines-ref', `lines ${ranges.join(', ')}`));

    for (const block of article.blocks) {
      const row = el('div', `block role-${block.role}`);
      row.append(el('span', 'role-chip', ROLE_NAMES[block.role] ?? block.role));
      const text = el('div', 'btext');
      let previous = '';
      for (let n = block.firstLine; n <= block.lastLine; n++) {
        const line = lines.get(n);
        if (!line || line.text.trim().length === 0) continue;
        const piece = line.text.trim();
        if (needsSpace(previous, piece)) text.append(' ');
        const seg = el('span', 'seg', piece);
        seg.dataset.n = n;
        text.append(seg);
        previous = piece;
      }
      row.append(text);
      card.append(row);
    }
    fragment.append(card);
  }
  container.replaceChildren(fragment);
}
