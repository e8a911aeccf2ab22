/*
 * Common Ground embed loader, served at /embed.js. Another site adds
 *   <script src="https://REVIEW-HOST/embed.js" data-review="SLUG" data-view="vote" async></script>
 * and gets an iframe of REVIEW-HOST/embed/SLUG/vote (or /results) in the script's place, resized to
 * its content. Plain ES2017 with no dependencies and no globals, since it runs on pages we do not control.
 */
(() => {
  const messageType = 'common-ground:height';
  const views = ['vote', 'results'];
  const maxHeight = 20000;

  function mount(script) {
    if (script.dataset.commonGroundMounted === '1') return;
    script.dataset.commonGroundMounted = '1';
    const slug = script.dataset.review || '';
    const view = views.indexOf(script.dataset.view) === -1 ? 'vote' : script.dataset.view;
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(slug)) {
      console.error('Common Ground embed: set data-review to the review’s address (its slug).');
      return;
    }
    // The iframe comes from wherever this script came from, never from the host page's choosing.
    const origin = new URL(script.src, document.baseURI).origin;
    const frame = document.createElement('iframe');
    frame.src = `${origin}/embed/${encodeURIComponent(slug)}/${view}`;
    frame.title = script.dataset.title || (view === 'results' ? 'Review results' : 'Take part in the review');
    frame.loading = 'lazy';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = `${Number(script.dataset.height) > 0 ? Number(script.dataset.height) : 480}px`;
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    script.insertAdjacentElement('afterend', frame);

    window.addEventListener('message', (event) => {
      // Only this frame's own page may resize it, and only with a plain, sane number.
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      const data = event.data;
      if (typeof data !== 'object' || data === null || data.type !== messageType) return;
      const height = data.height;
      if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0 || height > maxHeight) return;
      frame.style.height = `${Math.ceil(height)}px`;
    });
  }

  const scripts = document.querySelectorAll('script[data-review][src*="/embed.js"]');
  for (const script of scripts) mount(script);
})();
