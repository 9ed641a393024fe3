// Upload forms (form[data-uploading]): the files go up with a progress bar, and the button stays disabled until the
// server has answered, so a large upload is neither invisible nor sent twice. Without script the form posts as usual.

function fmt(template, ...args) {
  return String(template).replace(/\{(\d+)\}/g, (m, i) => (args[i] ?? m));
}

for (const form of document.querySelectorAll('form[data-uploading]')) {
  const button = form.querySelector('button[type=submit]');
  const bar = form.querySelector('progress');
  const status = form.querySelector('[role=status]');
  const mb = bytes => (bytes / (1024 * 1024)).toFixed(1);

  form.addEventListener('submit', event => {
    if (!window.XMLHttpRequest || !window.FormData) return;
    event.preventDefault();
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', e => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded * 100) / e.total);
      bar.value = percent;
      status.textContent = fmt(form.dataset.uploading, mb(e.loaded), mb(e.total), percent);
    });
    request.upload.addEventListener('load', () => {
      bar.removeAttribute('value'); // indeterminate while the server reads and segments
      status.textContent = form.dataset.processing;
    });
    const fail = text => {
      button.disabled = false;
      bar.hidden = true;
      status.textContent = text;
    };
    request.addEventListener('load', () => {
      // The server answers with a redirect to the page with the outcomes; the request followed it.
      if (request.status >= 200 && request.status < 400 && request.responseURL) location.assign(request.responseURL);
      else fail(fmt(form.dataset.failed, request.status));
    });
    request.addEventListener('error', () => fail(form.dataset.unreachable));
    request.addEventListener('abort', () => fail(form.dataset.unreachable));
    request.send(new FormData(form));
  });
}
