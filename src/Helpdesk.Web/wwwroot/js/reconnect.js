// Reconnect experience for the .NET 9 blazor.web.js the desk ships (see build/BlazorWebJs.targets): that script has no
// reconnect-state event, so the desk passes its own reconnection handler. The banner says what is happening; after the
// retries run out (the server restarted and the circuit is gone) the page reloads, which is what an agent would do.
(function () {
  const banner = document.getElementById('reconnect-banner');
  const text = banner ? banner.querySelector('.reconnect-text') : null;
  const reload = document.getElementById('reconnect-reload');
  if (reload) reload.addEventListener('click', () => location.reload());
  const delays = [0, 1000, 2000, 3000, 5000, 5000, 5000, 10000, 10000, 10000];
  let attempt = null;

  // On the answering console the agent's first worry is the ticket and the half-written reply: say what happens to them.
  function show(message) {
    if (!banner) return;
    banner.hidden = false;
    const answering = document.querySelector('.answer-workspace[data-state=working]');
    if (text) text.textContent = answering
      ? message + ' Your ticket stays yours for a few minutes and your unsent reply is kept in this browser.'
      : message;
  }
  function hide() { if (banner) banner.hidden = true; }

  async function retry() {
    for (let i = 0; i < delays.length; i++) {
      show(`Connection lost. Reconnecting (attempt ${i + 1} of ${delays.length})…`);
      await new Promise(r => setTimeout(r, delays[i]));
      try {
        const ok = await Blazor.reconnect();
        if (ok) { hide(); return; }
        // The server is up but no longer knows this circuit: start afresh.
        location.reload();
        return;
      } catch (e) { /* server still down: keep trying */ }
    }
    show('Could not reconnect. Reload the page to continue.');
  }

  const handler = {
    onConnectionDown() { if (!attempt) attempt = retry().finally(() => { attempt = null; }); },
    onConnectionUp() { hide(); }
  };

  if (typeof Blazor !== 'undefined' && document.querySelector('script[src$="blazor.web.js"]')) {
    Blazor.start({ circuit: { reconnectionHandler: handler } });
  }
})();
