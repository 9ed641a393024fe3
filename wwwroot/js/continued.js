// Articles continued on other pages: "Continued from/on page N" on each card, and opening a card from #article-{key}.
import { S, fmt } from './strings.js';
import { el } from './render.js';

const HIGHLIGHT_MS = 2400;

/** Adds the card's continuation links (and markers no link answers) under its head. */
export function decorateContinuations(card, article, state) {
  const links = (state.continuations || []).filter(c => c.articleKey === article.key);
  const markers = (state.unresolvedMarkers || []).filter(m => m.articleKey === article.key);
  if (links.length === 0 && markers.length === 0) return;
  const box = el('div', 'continued');
  for (const link of links) {
    const row = el('div', `continued-${link.direction}`);
    const a = el('a', 'continued-link', fmt(link.direction === 'from' ? S.continued.from : S.continued.on, link.otherPageNumber ?? S.continued.noNumber));
    a.href = `/Workbench/${link.otherPageId}#article-${link.otherArticleKey}`;
    a.title = fmt(S.continued.open, link.otherTitle || S.untitled, link.otherSourceName);
    a.dataset.linkId = link.linkId;
    row.append(a);
    box.append(row);
  }
  for (const marker of markers) {
    const row = el('div', `continued-${marker.direction} unresolved`,
      `${fmt(marker.direction === 'from' ? S.continued.from : S.continued.on, marker.pageNumber)} ${S.continued.unresolved}`);
    box.append(row);
  }
  card.append(box);
}

/** "Articles from METS" / "Segmented automatically", for the page's counts line. */
export function segmentationNote(state) {
  return S.segmentation[state.segmentation] || '';
}

/** Scrolls to and highlights the card named by the location hash (#article-3), now and whenever the hash changes. */
export function followArticleHash(container, focus) {
  const go = () => {
    const match = /^#article-(\d+)$/.exec(location.hash);
    if (!match) return;
    const card = container.querySelector(`#article-${match[1]}`);
    if (!card) return;
    focus(Number(match[1]));
    card.scrollIntoView({ block: 'center' });
    card.classList.add('arrived');
    setTimeout(() => container.querySelector(`#article-${match[1]}`)?.classList.remove('arrived'), HIGHLIGHT_MS);
  };
  window.addEventListener('hashchange', go);
  go();
}
