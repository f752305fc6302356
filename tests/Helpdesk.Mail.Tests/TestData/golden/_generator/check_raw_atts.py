"""Find every expected attachment's bytes in the file: base64 parts are checked by verify.py; this checks raw (7bit) parts."""
import json, glob, hashlib, re
from lib import OUT
for p in sorted(glob.glob(OUT + '/*.expected.json')):
    e = json.load(open(p))
    data = open(p.replace('.expected.json', '.eml'), 'rb').read()
    nl = b'\r\n' if b'\r\n' in data else b'\n'
    for a in e['attachments']:
        found = False
        for m in re.finditer(nl + nl, data):
            start = m.end()
            for n in re.finditer(re.escape(nl + b'--'), data[start:]):
                chunk = data[start:start + n.start()]
                if hashlib.sha256(chunk).hexdigest() == a['sha256']:
                    found = True; break
            if found: break
        if not found and a['contentType'] in ('message/rfc822', 'application/pgp-signature', 'message/delivery-status', 'text/rfc822-headers', 'message/disposition-notification', 'message/feedback-report'):
            print('NOT FOUND raw', e['file'], a['fileName'], a['contentType'])
print('done')
