"""Cross-check only: flags where CPython's email package reads a file differently from the hand-written expectation.
Differences are reviewed by hand; nothing here writes expected values."""
import email, email.policy, json, os, sys, hashlib, glob
from lib import OUT, norm
only = sys.argv[1:]
for path in sorted(glob.glob(OUT + '/*.eml')):
    name = os.path.basename(path)[:-4]
    if only and not any(o in name for o in only):
        continue
    exp = json.load(open(path[:-4] + '.expected.json'))
    raw = open(path, 'rb').read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    probs = []
    try:
        subj = str(m['subject']) if m['subject'] is not None else None
        if subj != exp['subject']:
            probs.append('subject %r != %r' % (subj, exp['subject']))
    except Exception as e:
        probs.append('subject exc %s' % e)
    mid = (m['message-id'] or '').strip().strip('<>') or None
    if mid != exp['messageId']:
        probs.append('mid %r != %r' % (mid, exp['messageId']))
    try:
        d = m['date'].datetime.isoformat() if m['date'] is not None and m['date'].datetime else None
        if d != exp['date']:
            probs.append('date %r != %r' % (d, exp['date']))
    except Exception as e:
        probs.append('date exc %s' % e)
    try:
        f = m['from'].addresses[0]
        if (f.display_name or None, f.addr_spec) != (exp['from']['name'], exp['from']['address']):
            probs.append('from %r != %r' % ((f.display_name, f.addr_spec), exp['from']))
    except Exception as e:
        probs.append('from exc %s' % e)
    try:
        b = m.get_body(('plain',))
        if b is not None:
            t = norm(b.get_content())
            if t != exp['text']:
                import difflib
                dl = list(difflib.unified_diff((exp['text'] or '').split('\n'), t.split('\n'), 'expected', 'python', lineterm='', n=0))
                probs.append('text differs:\n    ' + '\n    '.join(dl[:12]))
        else:
            probs.append('(no plain body in python)')
    except Exception as e:
        probs.append('body exc %s' % e)
    atts = []
    for part in m.walk():
        if part.is_multipart():
            continue
        data = part.get_payload(decode=True)
        if part.get_content_type() == 'message/rfc822':
            continue
        for a in exp['attachments']:
            if data is not None and a['sha256'] == hashlib.sha256(data).hexdigest():
                atts.append(a['fileName'])
    for a in exp['attachments']:
        if a['contentType'] not in ('message/rfc822',) and a['fileName'] not in atts:
            probs.append('attachment not matched by bytes: %s' % a['fileName'])
    if probs:
        print('==', name)
        for p in probs:
            print('  ', p)
