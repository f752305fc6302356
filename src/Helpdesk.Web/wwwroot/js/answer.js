// Keyboard for the answering console. Single keys act only when the agent is not typing in a field; Ctrl+Enter (send)
// and Escape (leave the editor, close the help) work everywhere. The draft is kept in sessionStorage per ticket so a
// reload after a lost connection gives it back. A reply longer than the desk sends (ReplyLimits.MaxCharacters) is
// never put on the Blazor connection (one such input event would exceed its message limit and drop the circuit): it
// stays in the box and in sessionStorage, and the server hears only its length, to say why it cannot go.
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
    current.dotnet.invokeMethodAsync('OnKey', 'send', null);
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

// On window, capturing: runs before Blazor's own listener on the document, so it can hold an event back.
function onInput(e) {
  if (!current || !e.target || e.target.id !== 'reply-editor') return;
  const value = e.target.value;
  if (current.ticket) {
    try { sessionStorage.setItem('helpdesk.draft.' + current.ticket, value); } catch { /* storage full or off */ }
  }
  if (value.length <= current.max) { current.tooLong = null; return; }
  e.stopPropagation();
  if (current.tooLong !== value.length) {
    current.tooLong = value.length;
    current.dotnet.invokeMethodAsync('DraftTooLong', value.length);
  }
}

export function attach(dotnet, max) {
  detach();
  current = { dotnet, ticket: null, max: max || 60000, tooLong: null };
  document.addEventListener('keydown', onKeyDown);
  window.addEventListener('input', onInput, true);
  // Keys work from now on; browser tests wait for this before they press one.
  document.documentElement.dataset.deskKeys = 'on';
}

export function detach() {
  document.removeEventListener('keydown', onKeyDown);
  window.removeEventListener('input', onInput, true);
  delete document.documentElement.dataset.deskKeys;
  current = null;
}

// The ticket now on screen; returns the draft kept for it (after a reload) as { text, length }, or null. A draft over
// the limit goes back into the box here and only its length to the server. restore=false: the box already has text.
export function showing(ticket, restore) {
  if (current) { current.ticket = ticket; current.tooLong = null; }
  let kept = null;
  try { kept = sessionStorage.getItem('helpdesk.draft.' + ticket); } catch { return null; }
  if (!kept || restore === false) return null;
  if (current && kept.length > current.max) {
    const ed = editor();
    if (ed) ed.value = kept;
    current.tooLong = kept.length;
    return { text: null, length: kept.length };
  }
  return { text: kept, length: kept.length };
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
