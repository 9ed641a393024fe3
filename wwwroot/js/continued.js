// Articles continued on other pages: "Continued from/on page N" on each card, linking and unlinking by hand, and
// opening a card from #article-{key}. Links change through operations (linkContinuation/unlinkContinuation), so they
// are checked, logged and broadcast like every other edit; the links themselves come with the page state.
import { S, fmt } from './strings.js';
import { el } from './render.js';
import { lockOf } from './model.js';

const HIGHLIGHT_MS = 2400;
const LINK_KINDS = new Set(['linkContinuation', 'unlinkContinuation']);
let targets = null;
let picker = null;

/**
 * Adds the card's continuation links (and markers no link answers); an editable article gets unlink, and when focused,
 * link. actions: {pageId, state(), send(operation), render(articleKey)}.
 */
export function decorateContinuations(card, article, actions, focused) {
  const state = actions.state();
  const links = (state.continuations || []).filter(c => c.articleKey === article.key);
  const markers = (state.unresolvedMarkers || []).filter(m => m.articleKey === article.key);
  const editable = !lockOf(article);
  const box = el('div', 'continued');
  for (const link of links) {
    const row = el('div', `continued-${link.direction}`);
    const a = el('a', 'continued-link', fmt(link.direction === 'from' ? S.continued.from : S.continued.on, link.otherPageNumber ?? S.continued.noNumber));
    a.href = `/Editor/${link.otherPageId}#article-${link.otherArticleKey}`;
    a.title = fmt(S.continued.open, link.otherTitle || S.untitled, link.otherSourceName);
    row.append(a);
    if (editable) {
      const unlink = el('button', 'link-button continued-unlink', S.continued.unlink);
      unlink.type = 'button';
      unlink.addEventListener('click', e => {
        e.stopPropagation();
        actions.send({ kind: 'unlinkContinuation', articleKey: article.key, otherPageId: link.otherPageId, otherArticleKey: link.otherArticleKey, direction: link.direction });
      });
      row.append(' ', unlink);
    }
    box.append(row);
  }
  for (const marker of markers) {
    box.append(el('div', `continued-${marker.direction} unresolved`,
      `${fmt(marker.direction === 'from' ? S.continued.from : S.continued.on, marker.pageNumber)} ${S.continued.unresolved}`));
  }
  if (editable && focused) {
    if (picker?.key === article.key && targets) {
      box.append(targets.length ? pickerForm(article, actions) : el('span', 'muted', S.continued.noTargets));
    } else {
      const open = el('button', 'link-button continued-open', S.continued.link);
      open.type = 'button';
      open.addEventListener('click', e => { e.stopPropagation(); openPicker(article.key, actions); });
      box.append(open);
    }
  }
  if (box.childElementCount) card.append(box);
}

// The picker lives in module state, not in the card's DOM, so live re-renders (presence, others' edits) keep it open.
async function openPicker(key, actions) {
  picker = { key, direction: 'on', page: '', article: '' };
  targets ??= await fetch(`/api/pages/${actions.pageId}/link-targets`, { credentials: 'same-origin' }).then(r => (r.ok ? r.json() : []));
  actions.render(key);
}

function pickerForm(article, actions) {
  const form = el('form', 'continued-picker');
  const direction = el('select', 'continued-direction');
  direction.append(new Option(S.continued.directionOn, 'on'), new Option(S.continued.directionFrom, 'from'));
  direction.value = picker.direction;
  const page = el('select', 'continued-page');
  page.append(new Option(S.continued.choosePage, ''));
  for (const t of targets) page.append(new Option(fmt(S.continued.pageOption, t.pageNumber ?? S.continued.noNumber, t.sourceName), t.id));
  page.value = picker.page;
  const other = el('select', 'continued-article');
  const fill = () => {
    other.replaceChildren(new Option(S.continued.chooseArticle, ''));
    const chosen = targets.find(t => String(t.id) === page.value);
    for (const a of chosen?.articles ?? []) {
      const option = new Option(`${a.key} · ${a.title || S.untitled}`, a.key);
      option.disabled = Boolean(a.locked);
      other.append(option);
    }
    other.value = picker.article;
  };
  fill();
  direction.addEventListener('change', () => { picker.direction = direction.value; });
  page.addEventListener('change', () => { picker.page = page.value; picker.article = ''; fill(); });
  other.addEventListener('change', () => { picker.article = other.value; });
  const ok = el('button', 'continued-confirm', S.continued.confirm);
  ok.type = 'submit';
  const cancel = el('button', 'link-button continued-cancel', S.continued.cancel);
  cancel.type = 'button';
  cancel.addEventListener('click', () => { picker = null; actions.render(article.key); });
  form.append(direction, page, other, ok, cancel);
  form.addEventListener('click', e => e.stopPropagation());
  form.addEventListener('keydown', e => e.stopPropagation());
  form.addEventListener('submit', e => {
    e.preventDefault();
    if (!picker.page || !picker.article) return;
    const operation = { kind: 'linkContinuation', articleKey: article.key, otherPageId: Number(picker.page), otherArticleKey: Number(picker.article), direction: picker.direction };
    picker = null;
    actions.send(operation);
    actions.render(article.key);
  });
  return form;
}

/** True for a live change that added or removed a continuation link. */
export function isLinkChange(info) {
  return Boolean(info && LINK_KINDS.has(info.kind));
}

/** Reloads the page's links (they live outside the page state's patches). */
export async function refreshContinuations(pageId, store) {
  const response = await fetch(`/api/pages/${pageId}/state`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const fresh = await response.json();
  store.state.continuations = fresh.continuations;
  store.state.unresolvedMarkers = fresh.unresolvedMarkers;
  targets = null;
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
