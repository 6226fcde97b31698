// Progressive enhancement for pages showing work in progress (marked with data-live-progress):
// re-read the page every 2 seconds and swap in the new main content, until the marker is gone.
// Without JavaScript the page offers a link to check again; nothing reloads on its own (WCAG 2.2.1).
const main = document.querySelector('#main-content');
const stillRunning = () => document.querySelector('[data-live-progress]') !== null;

async function refresh() {
  try {
    const res = await fetch(window.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    // A 404 is an answer too (the work is gone, say after a restart): show it, which ends the polling.
    if (res.ok || res.status === 404) {
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('#main-content');
      if (next && main) main.replaceChildren(...next.childNodes);
    }
  } finally {
    if (stillRunning()) setTimeout(refresh, 2000);
  }
}

if (main && stillRunning()) setTimeout(refresh, 2000);
