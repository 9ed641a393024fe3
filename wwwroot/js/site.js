// Behaviour every page shares (loaded by _Layout; the Content-Security-Policy allows no inline script).
import { localizeTimes } from './time.js';

// Keep the place within the page (#hash) across the language switch.
document.getElementById('language-switch')?.addEventListener('submit', e => {
  if (location.hash) { e.currentTarget.elements.returnUrl.value += location.hash; }
});

// Forms that ask before they do something hard to take back: <form data-confirm="question">.
document.addEventListener('submit', e => {
  const form = e.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
});

localizeTimes(document);
