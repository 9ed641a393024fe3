// The page's scan beside the lines: OpenSeadragon (the global from wwwroot/lib/openseadragon) shows it zoomable and
// pannable; one SVG overlay, in OCR coordinates, holds a rectangle per line box. The rectangles are made once;
// hover, selection and article tints only change classes and fills, so a 300-line page stays quick.
import { S } from './strings.js';
import { el } from './render.js';
import { owners, articleColour } from './model.js';

const SVG = 'http://www.w3.org/2000/svg';
const SHOWN_KEY = 'workbench.imagePane';
const TINT_KEY = 'workbench.imageTint';

function stored(key, fallback) {
  try { return localStorage.getItem(key) ?? fallback; } catch { return fallback; }
}

function store(key, value) {
  try { localStorage.setItem(key, value); } catch { /* private mode: the choice lasts for this page only */ }
}

/**
 * Returns null when the page has no image. Otherwise the pane's controller:
 * update(state) when the articles changed, hover(n), select(selection), reveal(n).
 * onPick(n, extend) is called when a box on the image is clicked.
 */
export function createImagePane({ pane, panes, toggleHost, image, boxes, onPick, onHover = () => {} }) {
  if (!image || !pane || typeof OpenSeadragon !== 'function') return null;

  const rects = new Map();
  const head = el('header', 'pane-head image-head');
  const title = el('span', 'image-title', S.image.title);
  const tint = el('label', 'toggle image-tint');
  tint.title = S.image.tintTitle;
  const tintBox = el('input');
  tintBox.type = 'checkbox';
  tintBox.id = 'wb-image-tint';
  tintBox.checked = stored(TINT_KEY, 'on') === 'on';
  tint.append(tintBox, ' ', S.image.tint);
  const zoomIn = iconButton('+', S.image.zoomIn, () => viewer.viewport.zoomBy(1.4));
  const zoomOut = iconButton('−', S.image.zoomOut, () => viewer.viewport.zoomBy(1 / 1.4));
  const home = iconButton('⤢', S.image.fit, () => viewer.viewport.goHome());
  head.append(title, tint, zoomOut, zoomIn, home);
  const host = el('div', 'image-viewer');
  host.id = 'image-viewer';
  pane.replaceChildren(head, host);

  const viewer = OpenSeadragon({
    element: host,
    tileSources: { type: 'image', url: image.url, buildPyramid: false },
    drawer: 'canvas',
    showNavigationControl: false,
    // The editor's own keys (S split, A move, …) must reach it; OpenSeadragon would take W/A/S/D and R for panning.
    keyboardNavEnabled: false,
    gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
    gestureSettingsTouch: { clickToZoom: false },
    visibilityRatio: 0.5,
    animationTime: 0.4,
    maxZoomPixelRatio: 4,
    crossOriginPolicy: false,
  });

  // One overlay over the whole image; the SVG's user units are OCR pixels, stretched to the image (the stored scan
  // may be another size than the one the OCR measured).
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'image-boxes');
  svg.setAttribute('viewBox', `0 0 ${image.ocrWidth} ${image.ocrHeight}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  for (const [n, x, y, w, h] of boxes) {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', x);
    rect.setAttribute('y', y);
    rect.setAttribute('width', Math.max(w, 1));
    rect.setAttribute('height', Math.max(h, 1));
    rect.setAttribute('class', 'box');
    rect.dataset.n = n;
    svg.append(rect);
    rects.set(n, rect);
  }
  const outline = document.createElementNS(SVG, 'rect');
  outline.setAttribute('class', 'box-outline');
  outline.setAttribute('visibility', 'hidden');
  outline.id = 'image-outline';
  svg.append(outline);
  const overlay = el('div', 'image-overlay');
  overlay.append(svg);
  viewer.addHandler('open', () => {
    viewer.addOverlay({ element: overlay, location: new OpenSeadragon.Rect(0, 0, 1, image.height / image.width) });
  });

  // Clicks are read from OpenSeadragon (it owns the pointer for panning): a quick click picks the box under it.
  viewer.addHandler('canvas-click', e => {
    if (!e.quick) return;
    const n = boxAt(viewer.viewport.viewerElementToImageCoordinates(e.position));
    if (n != null) onPick(n, e.shift);
  });

  // Hovering the scan finds the line under the pointer (once per frame) and lets the editor highlight it, as hovering
  // the line does: the box is outlined, the line and its card light up.
  let hovered = null;
  let pointer = null;
  host.addEventListener('pointermove', e => {
    const pending = pointer;
    pointer = e;
    if (pending) return;
    requestAnimationFrame(() => {
      const at = pointer;
      pointer = null;
      if (!viewer.world.getItemCount()) return;
      const bounds = host.getBoundingClientRect();
      const n = boxAt(viewer.viewport.viewerElementToImageCoordinates(new OpenSeadragon.Point(at.clientX - bounds.left, at.clientY - bounds.top)));
      if (n !== hovered) {
        hovered = n;
        onHover(n);
      }
    });
  });
  host.addEventListener('pointerleave', () => {
    pointer = null;
    if (hovered != null) {
      hovered = null;
      onHover(null);
    }
  });

  function toOcr(point) {
    return { x: point.x * image.ocrWidth / image.width, y: point.y * image.ocrHeight / image.height };
  }

  function boxAt(imagePoint) {
    const { x, y } = toOcr(imagePoint);
    let best = null;
    let bestArea = Infinity;
    for (const [n, x0, y0, w, h] of boxes) {
      if (x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h && w * h < bestArea) {
        best = n;
        bestArea = w * h;
      }
    }
    return best;
  }

  function setShown(shown) {
    pane.hidden = !shown;
    panes.classList.toggle('with-image', shown);
    toggle.setAttribute('aria-pressed', String(shown));
    store(SHOWN_KEY, shown ? 'shown' : 'hidden');
  }
  const toggle = el('button', 'tool image-toggle', S.image.toggle);
  toggle.type = 'button';
  toggle.id = 'wb-image-toggle';
  toggle.title = S.image.toggleTitle;
  toggle.addEventListener('click', () => setShown(pane.hidden));
  toggleHost.append(toggle);
  setShown(stored(SHOWN_KEY, 'shown') !== 'hidden');

  let lastState = null;
  function paintTints() {
    svg.classList.toggle('tinted', tintBox.checked);
    if (!lastState) return;
    const byLine = owners(lastState);
    for (const [n, rect] of rects) {
      const key = byLine.get(n)?.article.key;
      if (key == null) delete rect.dataset.article; else rect.dataset.article = key;
      rect.style.setProperty('--box-tint', key == null ? 'transparent' : articleColour(key).edge);
    }
  }
  tintBox.addEventListener('change', () => {
    store(TINT_KEY, tintBox.checked ? 'on' : 'off');
    paintTints();
  });

  function iconButton(text, label, handler) {
    const b = el('button', 'tool icon', text);
    b.type = 'button';
    b.title = label;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', handler);
    return b;
  }

  let selected = [];
  return {
    viewer,
    get shown() { return !pane.hidden; },
    /** The articles (and so the tints) may have changed. */
    update(state) {
      lastState = state;
      paintTints();
    },
    /** Outlines the box of line n (null hides the outline). */
    hover(n) {
      const rect = n == null ? null : rects.get(n);
      if (!rect) { outline.setAttribute('visibility', 'hidden'); return; }
      for (const name of ['x', 'y', 'width', 'height']) outline.setAttribute(name, rect.getAttribute(name));
      outline.setAttribute('visibility', 'visible');
      outline.dataset.n = n;
    },
    select(selection) {
      selected.forEach(rect => rect.classList.remove('selected'));
      selected = [];
      if (!selection) return;
      for (let n = selection.first; n <= selection.last; n++) {
        const rect = rects.get(n);
        if (rect) { rect.classList.add('selected'); selected.push(rect); }
      }
    },
    /** Pans the image so line n's box is in view, when it is not. */
    reveal(n) {
      const box = boxes.find(b => b[0] === n);
      if (!box || pane.hidden || !viewer.world.getItemCount()) return;
      const [, x, y, w, h] = box;
      const sx = image.width / image.ocrWidth;
      const sy = image.height / image.ocrHeight;
      const rect = viewer.viewport.imageToViewportRectangle(x * sx, y * sy, w * sx, h * sy);
      const bounds = viewer.viewport.getBounds(true);
      const inside = rect.x >= bounds.x && rect.y >= bounds.y && rect.x + rect.width <= bounds.x + bounds.width && rect.y + rect.height <= bounds.y + bounds.height;
      if (!inside) viewer.viewport.panTo(rect.getCenter());
    },
  };
}
