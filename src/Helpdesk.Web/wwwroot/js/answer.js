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

// The longest reply the server takes, from the editor's data-max.
function limit() { return Number(editor()?.dataset.max) || 60000; }

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
  if (value.length <= limit()) { current.tooLong = null; return; }
  e.stopPropagation();
  if (current.tooLong !== value.length) {
    current.tooLong = value.length;
    current.dotnet.invokeMethodAsync('DraftTooLong', value.length);
  }
}

// The limit comes from the editor's data-max (not an argument): see showing below for why calls carry only strings.
export function attach(dotnet) {
  detach();
  current = { dotnet, ticket: null, tooLong: null };
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

// The ticket now on screen. Every call from the server passes the ticket's number as a string: each circuit serializes
// arguments with its own JSON options, and a boxed number or bool costs every circuit some thirty type descriptions
// (one per interface of Int64, Int32, Boolean) that a string, which the framework already sends, does not.
// Called once the ticket is on screen: it also leaves the performance mark the console benchmark reads (one call, not two).
export function showing(ticket) {
  if (current) { current.ticket = ticket; current.tooLong = null; }
  markRendered(ticket);
}

// The length of the draft kept for a ticket (after a reload), 0 when none. A draft over the limit goes back into the box
// here and only its length goes to the server; keptDraft(ticket) then gives the text of one within the limit.
export function keptLength(ticket) {
  let kept = null;
  try { kept = sessionStorage.getItem('helpdesk.draft.' + ticket); } catch { return 0; }
  if (!kept) return 0;
  if (current && kept.length > limit()) {
    const ed = editor();
    if (ed) ed.value = kept;
    current.tooLong = kept.length;
  }
  return kept.length;
}

export function keptDraft(ticket) {
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
