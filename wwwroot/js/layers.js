// Independent annotation (issue #19) in the article cards. In a project in independent mode (state.annotation), each
// annotator tags in their own layer: the card shows their layer's status and submits it or takes it back. A curator
// (reviewer, admin) sees every annotator's layer and, once every layer of an article is submitted, curates it: the tags
// every annotator made are merged into gold in one step, the rest are shown group by group (spans that overlap), with
// who chose what, and one key accepts an annotator's, all, or none. Accepting is an ordinary gold addEntity through the
// one edit path; the server decides layers, never this code (Layers.Stamp), and refuses what a role may not do.
import { S, fmt } from './strings.js';
import { el, button } from './render.js';
import { toast } from './ui.js';
import { layerName } from './model.js';

/** A curation group's spans made gold: one addEntity each, the same range and label once. */
function goldOps(spans) {
  const seen = new Set();
  const ops = [];
  for (const s of spans) {
    const id = `${s.start.line}:${s.start.offset}:${s.end.line}:${s.end.offset}:${s.label}`;
    if (seen.has(id)) continue;
    seen.add(id);
    ops.push({ kind: 'addEntity', label: s.label, start: s.start, end: s.end, text: s.text, source: 'manual' });
  }
  return ops;
}

export function createLayers({ pageId, store, editing, render, connected }) {
  const plans = new Map();   // article key -> { view, error, loading, current, dismissed: Set of group indexes }
  let refocus = null;        // article key whose curation panel had focus before a render
  let reveal = null;         // article key whose curation panel was just opened: scrolled into view once

  const state = () => store.state;
  const info = () => state().annotation ?? null;

  function complete(article) {
    const layers = article.layers ?? [];
    return layers.length >= Math.max(1, info().required) && layers.every(l => l.submitted);
  }

  async function send(operation, key) {
    if (!connected()) { toast('info', S.disabled.offline); return null; }
    const ack = await editing.send(operation);
    render(key);
    return ack;
  }

  // --- an annotator's own layer ----------------------------------------------------------------------------------

  function annotatorBar(article) {
    const mine = (article.layers ?? []).find(l => l.annotator === info().userId);
    const bar = el('div', 'layer-bar');
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', S.layers.barLabel);
    bar.append(el('span', `layer-status${mine?.submitted ? ' submitted' : ''}`, mine?.submitted ? S.layers.mineSubmitted : S.layers.mineInProgress));
    if (complete(article)) {
      bar.append(el('span', 'layer-note', S.layers.allSubmitted));
    } else if (mine?.submitted) {
      bar.append(button('tool layer-takeback', S.layers.takeBack, S.layers.takeBackTitle, () => send({ kind: 'setLayerStatus', articleKey: article.key, submitted: false }, article.key)));
    } else {
      const submit = button('tool primary layer-submit', S.layers.submit, S.layers.submitTitle, () => send({ kind: 'setLayerStatus', articleKey: article.key, submitted: true }, article.key));
      submit.disabled = !connected();
      bar.append(submit);
    }
    return bar;
  }

  // --- a curator's view --------------------------------------------------------------------------------------------

  /** Loads (again) the article's curation plan; <show> scrolls the panel into view once it has it (it was just opened). */
  async function load(key, show = false) {
    const plan = plans.get(key) ?? { current: 0, dismissed: new Set() };
    plan.loading = true;
    plans.set(key, plan);
    render(key);
    try {
      const response = await fetch(`/api/pages/${pageId}/articles/${key}/curation`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.detail ?? `${response.status}`);
      plan.view = body;
      plan.error = null;
      const open = body.plan.groups.findIndex((g, i) => !g.resolved && !plan.dismissed.has(i));
      plan.current = open >= 0 ? open : 0;
    } catch (err) {
      plan.error = err?.message ?? String(err);
    } finally {
      plan.loading = false;
      if (show) { reveal = key; refocus = key; }
      render(key);
    }
  }

  function toggle(article) {
    if (plans.has(article.key)) plans.delete(article.key);
    else { load(article.key, true); refocus = article.key; }
    render(article.key);
  }

  async function mergeAgreed(key) {
    const plan = plans.get(key);
    const agreed = plan?.view?.plan.agreed ?? [];
    if (!agreed.length) return;
    const ack = await send({ kind: 'batch', operations: goldOps(agreed) }, key);
    if (ack?.accepted) toast('info', fmt(S.layers.merged, agreed.length));
    refocus = key;
    await load(key);
  }

  /** Decides the current group: choice is an annotator's index, 'all' or 'none'. */
  async function decide(key, choice) {
    const plan = plans.get(key);
    const group = plan?.view?.plan.groups[plan.current];
    if (!group) return;
    const layers = plan.view.plan.layers;
    const spans = choice === 'none' ? [] : choice === 'all' ? group.spans : group.spans.filter(s => s.layer === layers[choice]);
    refocus = key;
    if (choice !== 'none' && !spans.length) { toast('info', S.layers.nothingChosen); return; }
    if (choice === 'none') {
      plan.dismissed.add(plan.current);
      next(key, 1);
      return;
    }
    const ack = await send(spans.length === 1 ? goldOps(spans)[0] : { kind: 'batch', operations: goldOps(spans) }, key);
    if (ack?.accepted) await load(key);
  }

  function next(key, step) {
    const plan = plans.get(key);
    const count = plan?.view?.plan.groups.length ?? 0;
    if (!count) return;
    plan.current = Math.min(count - 1, Math.max(0, plan.current + step));
    refocus = key;
    render(key);
  }

  function onKey(e, key) {
    if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    const plan = plans.get(key);
    const layers = plan?.view?.plan.layers ?? [];
    let handled = true;
    if (/^[1-9]$/.test(e.key) && Number(e.key) <= layers.length) decide(key, Number(e.key) - 1);
    else if (e.key === 'a') decide(key, 'all');
    else if (e.key === 'n') decide(key, 'none');
    else if (e.key === 'm') mergeAgreed(key);
    else if (e.key === 'j' || e.key === 'ArrowDown') next(key, 1);
    else if (e.key === 'k' || e.key === 'ArrowUp') next(key, -1);
    else if (e.key === 'Escape') { plans.delete(key); render(key); }
    else handled = false;
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  }

  function spanText(span) {
    return fmt(S.layers.span, span.label, span.text);
  }

  function panel(article) {
    const key = article.key;
    const plan = plans.get(key);
    const box = el('section', 'curation');
    box.tabIndex = 0;
    box.dataset.curation = key;
    box.setAttribute('aria-label', fmt(S.layers.panelLabel, key));
    box.addEventListener('keydown', e => onKey(e, key));
    box.append(el('div', 'curation-keys', S.layers.keys));
    if (plan.error) { box.append(el('div', 'review-error', plan.error)); return box; }
    if (!plan.view) { box.append(el('div', 'comments-empty', S.layers.loading)); return box; }
    const { plan: p, names } = plan.view;
    const agreed = el('div', 'curation-agreed');
    agreed.append(el('span', null, fmt(S.layers.agreed, p.agreed.length)));
    if (p.agreed.length) agreed.append(button('tool primary curation-merge', S.layers.mergeAgreed, S.layers.mergeAgreedTitle, () => mergeAgreed(key)));
    box.append(agreed);
    const open = p.groups.filter((g, i) => !g.resolved && !plan.dismissed.has(i)).length;
    box.append(el('div', 'curation-count', fmt(S.layers.groups, p.groups.length, open)));
    const list = el('ol', 'curation-groups');
    p.groups.forEach((group, i) => {
      const item = el('li', 'curation-group');
      item.dataset.group = i;
      if (i === plan.current) item.classList.add('current');
      if (group.resolved) item.classList.add('resolved');
      if (plan.dismissed.has(i)) item.classList.add('dismissed');
      p.layers.forEach((layer, n) => {
        const mine = group.spans.filter(s => s.layer === layer);
        const row = el('div', 'curation-choice');
        row.append(el('kbd', null, String(n + 1)), el('span', 'curation-who', names[layer] ?? layer));
        row.append(el('span', 'curation-spans', mine.length ? mine.map(spanText).join('；') : S.layers.none));
        const accept = button('tool curation-accept', S.layers.accept, fmt(S.layers.acceptTitle, names[layer] ?? layer), () => { plan.current = i; decide(key, n); });
        accept.dataset.layer = n + 1;
        accept.disabled = !mine.length;
        row.append(accept);
        item.append(row);
      });
      const actions = el('div', 'curation-actions');
      actions.append(
        button('tool curation-all', S.layers.acceptAll, null, () => { plan.current = i; decide(key, 'all'); }),
        button('tool curation-none', S.layers.acceptNone, null, () => { plan.current = i; decide(key, 'none'); }));
      item.append(actions);
      if (group.resolved) item.append(el('span', 'curation-done', S.layers.resolved));
      list.append(item);
    });
    box.append(list);
    return box;
  }

  function curatorBar(article) {
    const bar = el('div', 'layer-bar');
    const layers = article.layers ?? [];
    bar.append(el('span', 'layer-status', fmt(S.layers.summary, layers.filter(l => l.submitted).length, info().required)));
    for (const l of layers) bar.append(el('span', `layer-chip${l.submitted ? ' submitted' : ''}`, `${layerName(state(), l.annotator)} ${l.submitted ? '✓' : '…'}`));
    if (complete(article)) {
      const curate = button(`tool layer-curate${plans.has(article.key) ? ' active' : ''}`, S.layers.curate, S.layers.curateTitle, () => toggle(article));
      bar.append(curate);
    }
    return bar;
  }

  /** Called by render() for every card. */
  function decorateCard(card, article) {
    if (!info()) return;
    const active = document.activeElement;
    if (active?.dataset?.curation && Number(active.dataset.curation) === article.key) refocus = article.key;
    const part = el('div', 'layers');
    part.append(info().curator ? curatorBar(article) : annotatorBar(article));
    if (info().curator && plans.has(article.key) && complete(article)) part.append(panel(article));
    part.addEventListener('click', e => e.stopPropagation());
    card.querySelector('.card-head').after(part);
  }

  /** After every render: the curation panel that had focus gets it back. */
  function afterRender() {
    if (refocus == null) return;
    const key = refocus;
    const node = document.querySelector(`#articles .card[data-key="${key}"] [data-curation]`);
    refocus = null;
    node?.focus({ preventScroll: true });
    if (node && reveal === key) {
      reveal = null;
      node.scrollIntoView({ block: 'nearest' });
    }
  }

  return { decorateCard, afterRender };
}
