// Reconnect experience on .NET 10's blazor.web.js. The framework drives the retries itself and, because the page has
// an element with id "components-reconnect-modal", tells that element what is happening through the
// "components-reconnect-state-changed" event (and a components-reconnect-<state> class) instead of drawing its own
// overlay. The banner says it in the desk's words; when the circuit is gone (server restarted, circuit evicted) the
// page first asks the server to resume it from its persisted state (Blazor.resumeCircuit), and reloads only when that
// fails too — the reply draft is kept in sessionStorage either way (answer.js). A tab hidden for a while (body's
// data-pause-hidden-ms, from Helpdesk:Web:PauseHiddenAfter) pauses its circuit (Blazor.pauseCircuit): the server
// keeps only the pages' persisted state, and the circuit is resumed from it when the tab is shown again.
(function () {
  const banner = document.getElementById('components-reconnect-modal');
  const text = banner ? banner.querySelector('.reconnect-text') : null;
  const reload = document.getElementById('reconnect-reload');
  if (reload) reload.addEventListener('click', () => location.reload());
  const delays = [0, 1000, 2000, 3000, 5000, 5000, 5000, 10000, 10000, 10000];

  // On the answering console the agent's first worry is the ticket and the half-written reply: say what happens to them.
  function show(message) {
    if (!banner) return;
    banner.hidden = false;
    banner.dataset.state = 'shown';
    const answering = document.querySelector('.answer-workspace[data-state=working]');
    if (text) text.textContent = answering
      ? message + ' Your ticket stays yours for a few minutes and your unsent reply is kept in this browser.'
      : message;
  }
  function hide() { if (banner) { banner.hidden = true; delete banner.dataset.state; } }

  // Reconnect the circuit if the server still has it; else resume it from persisted state; else start afresh.
  async function comeBack() {
    try {
      if (await Blazor.reconnect()) { hide(); return; }
      if (await Blazor.resumeCircuit()) { hide(); return; }
      location.reload();
    } catch (e) {
      // The server is still down: try again when the agent looks at the page again.
      show('Could not reconnect. The desk tries again when you come back to this tab, or reload the page.');
      document.addEventListener('visibilitychange', whenVisible, { once: true });
    }
  }
  function whenVisible() { if (document.visibilityState === 'visible') comeBack(); }

  const pauseAfter = Number(document.body.dataset.pauseHiddenMs || 0);
  let pauseTimer = null;
  let pausedWhileHidden = false;
  async function pauseIdle() {
    pauseTimer = null;
    if (document.visibilityState !== 'hidden') return;
    try { pausedWhileHidden = await Blazor.pauseCircuit(); } catch { pausedWhileHidden = false; }
  }
  function onVisibility() {
    if (document.visibilityState === 'hidden') {
      if (pauseAfter > 0 && !pauseTimer) pauseTimer = setTimeout(pauseIdle, pauseAfter);
      return;
    }
    if (pauseTimer) { clearTimeout(pauseTimer); pauseTimer = null; }
    if (pausedWhileHidden) { pausedWhileHidden = false; comeBack(); }
  }

  function onState(e) {
    const d = e.detail || {};
    switch (d.state) {
      case 'show':
        show('Connection lost. Reconnecting…');
        break;
      case 'retrying':
        show(`Connection lost. Reconnecting (attempt ${d.currentAttempt} of ${delays.length})…`);
        break;
      case 'hide':
        hide();
        break;
      case 'failed':
        show('Could not reconnect. The desk tries again when you come back to this tab, or reload the page.');
        document.addEventListener('visibilitychange', whenVisible, { once: true });
        break;
      case 'paused':
        // Paused by this script while the tab is hidden: resumed when it is shown (onVisibility), not now.
        if (document.visibilityState === 'hidden') { pausedWhileHidden = true; break; }
        comeBack();
        break;
      case 'rejected':
      case 'resume-failed':
        // The server no longer knows this circuit (or paused it): resume from persisted state, else reload.
        comeBack();
        break;
    }
  }

  if (banner) banner.addEventListener('components-reconnect-state-changed', onState);
  document.addEventListener('visibilitychange', onVisibility);
  if (typeof Blazor !== 'undefined' && document.querySelector('script[src$="blazor.web.js"]')) {
    Blazor.start({
      circuit: {
        reconnectionOptions: {
          maxRetries: delays.length,
          retryIntervalMilliseconds: previous => delays[Math.min(previous, delays.length - 1)],
        },
      },
    });
  }
})();
