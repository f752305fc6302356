// Keyboard for the answering console. Single keys act only when the agent is not typing in a field; Ctrl+Enter (send)
// and Escape (leave the editor, close the help) work everywhere. The draft is kept in sessionStorage per ticket so a
// reload after a lost connection gives it back.
let current = null;

const singleKeys = { '1': 'pick1', '2': 'pick2', '3': 'pick3', 'e': 'edit', 's': 'skip', '?': 'help' };

function typing(target) {
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && target.type !== 'checkbox' && target.type !== 'button')
    || target.isContentEditable;
}

function editor() { return document.getElementById('reply-editor'); }

function onKeyDown(e) {
  if (!current) return;
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    const ed = editor();
    current.dotnet.invokeMethodAsync('OnKey', 'send', ed ? ed.value : null);
    return;
  }
  if (e.key === 'Escape') {
    if (typing(e.target)) e.target.blur();
    current.dotnet.invokeMethodAsync('OnKey', 'escape', null);
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
  const action = singleKeys[e.key];
  if (!action) return;
  e.preventDefault();
  if (action === 'edit') { focusEditor(); return; }
  current.dotnet.invokeMethodAsync('OnKey', action, null);
}

function onInput(e) {
  if (!current || !e.target || e.target.id !== 'reply-editor' || !current.ticket) return;
  try { sessionStorage.setItem('helpdesk.draft.' + current.ticket, e.target.value); } catch { /* storage full or off */ }
}

export function attach(dotnet) {
  detach();
  current = { dotnet, ticket: null };
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('input', onInput);
  // Keys work from now on; browser tests wait for this before they press one.
  document.documentElement.dataset.deskKeys = 'on';
}

export function detach() {
  document.removeEventListener('keydown', onKeyDown);
  document.removeEventListener('input', onInput);
  delete document.documentElement.dataset.deskKeys;
  current = null;
}

// The ticket now on screen; returns the draft kept for it (after a reload), or null.
export function showing(ticket) {
  if (current) current.ticket = ticket;
  try { return sessionStorage.getItem('helpdesk.draft.' + ticket); } catch { return null; }
}

export function forgetDraft(ticket) {
  try { sessionStorage.removeItem('helpdesk.draft.' + ticket); } catch { /* nothing kept */ }
}

export function focusEditor() {
  const ed = editor();
  if (ed) { ed.focus(); ed.setSelectionRange(ed.value.length, ed.value.length); }
}

// Performance mark for the benchmark: when the next ticket's number appears on screen.
export function markRendered(ticket) {
  try { performance.mark('ticket-rendered-' + ticket); } catch { /* marks are optional */ }
}
