// The package upload form's progress bar: sends the form with XMLHttpRequest to
// follow the upload's progress. Without JavaScript the form posts as usual.

const form = document.querySelector<HTMLFormElement>('form[data-upload]');
if (form) {
  const progress = form.querySelector<HTMLElement>('.upload-progress');
  const bar = form.querySelector<HTMLProgressElement>('progress');
  const percent = form.querySelector<HTMLElement>('.upload-percent');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');

  /** The server's answer replaces the page: the edit page after a redirect, or the form with its messages. */
  const showAnswer = (xhr: XMLHttpRequest): void => {
    if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) {
      window.location.assign(xhr.responseURL);
      return;
    }
    const answer = new DOMParser().parseFromString(xhr.responseText, 'text/html');
    const main = answer.querySelector('main');
    const current = document.querySelector('main');
    // The refused form comes back with its messages; sending it again is a plain post.
    if (main && current) current.replaceWith(main);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    const token = new URL(form.action, window.location.href).searchParams.get('token');
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable || !bar) return;
      const value = Math.floor((e.loaded / e.total) * 100);
      bar.value = value;
      if (percent) percent.textContent = `${value}%`;
    });
    xhr.addEventListener('load', () => showAnswer(xhr));
    xhr.addEventListener('error', () => form.submit());
    if (progress) progress.hidden = false;
    if (button) button.disabled = true;
    xhr.send(new FormData(form));
  });
}
