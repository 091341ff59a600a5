// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/javascripts/govuk-frontend.min.js';

initAll();

// WCAG 2.2.1: two minutes before an idle session ends, offer to stay signed in. Without JavaScript
// the notice and its "Stay signed in" form stay on the page (portal/views/session-timeout.njk).
for (const box of document.querySelectorAll('[data-session-timeout]')) {
  const dialog = box.querySelector('dialog');
  const form = box.querySelector('form');
  const idleMs = Number(box.dataset.idleMinutes) * 60_000;
  if (!dialog || !form || !dialog.showModal || !(idleMs > 0)) continue;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => dialog.showModal(), Math.max(idleMs - 120_000, 0));
  };
  dialog.querySelector('[data-session-stay]')?.addEventListener('click', async () => {
    // The request itself renews the session; the page stays as it is (nothing typed is lost).
    await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin', redirect: 'manual' });
    dialog.close();
    arm();
  });
  arm();
}

// "Print this page" links: the browser's print dialogue needs JavaScript, so the link shows only here.
for (const box of document.querySelectorAll('[data-app-print-link]')) {
  box.hidden = false;
  box.querySelector('a')?.addEventListener('click', (event) => {
    event.preventDefault();
    window.print();
  });
}
