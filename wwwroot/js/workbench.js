// The workbench: OCR lines on the left, articles on the right, linked line by line.
// State comes from the server as JSON (the #page-state element); everything here renders from it.
import { renderLines, renderArticles, articleColours } from './render.js';

const state = JSON.parse(document.getElementById('page-state').textContent);
const linesEl = document.getElementById('lines');
const articlesEl = document.getElementById('articles');

function render() {
  const colours = articleColours(state.articles);
  renderLines(linesEl, state, colours);
  renderArticles(articlesEl, state, colours);
}

function lineElements(key) {
  return linesEl.querySelectorAll(`.line[data-article="${key}"]`);
}

function cardElement(key) {
  return articlesEl.querySelector(`.card[data-key="${key}"]`);
}

function clearHighlight() {
  document.querySelectorAll('.hl').forEach(el => el.classList.remove('hl'));
}

function highlight(key, lineNumber) {
  clearHighlight();
  if (key == null) return;
  lineElements(key).forEach(el => el.classList.add('hl'));
  cardElement(key)?.classList.add('hl');
  if (lineNumber != null) {
    articlesEl.querySelector(`.seg[data-n="${lineNumber}"]`)?.classList.add('hl');
  }
}

function keyOf(el) {
  const value = el?.dataset.article ?? el?.dataset.key;
  return value ? Number(value) : null;
}

// Scrolling one pane brings the other to the same article; the pane the pointer is over leads.
let leader = null;
function scrollCardIntoView(key) {
  const card = cardElement(key);
  if (card) articlesEl.scrollTo({ top: card.offsetTop - 12, behavior: 'auto' });
}
function scrollLinesTo(key) {
  const first = linesEl.querySelector(`.line[data-article="${key}"]`);
  if (first) linesEl.scrollTo({ top: first.offsetTop - 8, behavior: 'auto' });
}

function topVisible(container, selector) {
  const top = container.getBoundingClientRect().top;
  for (const el of container.querySelectorAll(selector)) {
    if (el.getBoundingClientRect().bottom > top + 4) return el;
  }
  return null;
}

linesEl.addEventListener('pointerenter', () => { leader = 'lines'; });
articlesEl.addEventListener('pointerenter', () => { leader = 'articles'; });
linesEl.addEventListener('scroll', () => {
  if (leader !== 'lines') return;
  const line = topVisible(linesEl, '.line[data-article]');
  if (line) scrollCardIntoView(keyOf(line));
}, { passive: true });
articlesEl.addEventListener('scroll', () => {
  if (leader !== 'articles') return;
  const card = topVisible(articlesEl, '.card');
  if (card) scrollLinesTo(keyOf(card));
}, { passive: true });

linesEl.addEventListener('mouseover', e => {
  const line = e.target.closest('.line');
  if (line) highlight(keyOf(line), Number(line.dataset.n));
});
linesEl.addEventListener('click', e => {
  const line = e.target.closest('.line');
  if (!line) return;
  const key = keyOf(line);
  highlight(key, Number(line.dataset.n));
  if (key != null) scrollCardIntoView(key);
});
articlesEl.addEventListener('mouseover', e => {
  const seg = e.target.closest('.seg');
  const card = e.target.closest('.card');
  if (card) highlight(keyOf(card), seg ? Number(seg.dataset.n) : null);
});
articlesEl.addEventListener('click', e => {
  const card = e.target.closest('.card');
  if (!card) return;
  const seg = e.target.closest('.seg');
  highlight(keyOf(card), seg ? Number(seg.dataset.n) : null);
  if (seg) {
    const line = linesEl.querySelector(`.line[data-n="${seg.dataset.n}"]`);
    if (line) linesEl.scrollTo({ top: line.offsetTop - linesEl.clientHeight / 3 });
  } else {
    scrollLinesTo(keyOf(card));
  }
});

render();
window.workbench = { state, render };
