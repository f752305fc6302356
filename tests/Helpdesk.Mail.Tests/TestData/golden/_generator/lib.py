"""Helpers to write the golden corpus byte-exact. Expected values are written by hand in the
message scripts; this module only encodes content and computes sizes/hashes of attachment bytes."""
import base64, quopri, hashlib, json, os, random, struct, zlib
from forwarded_expected import FORWARDED

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the golden folder
os.makedirs(OUT, exist_ok=True)
WRITTEN = []

def conv(b, bare_lf=False):
    """Line endings as they will be in the file."""
    return b if bare_lf else b.replace(b'\n', b'\r\n')

def H(s):
    """Header block from a triple-quoted string: drop first newline, keep lines exact, end with \\n."""
    if s.startswith('\n'):
        s = s[1:]
    if not s.endswith('\n'):
        s += '\n'
    return s

def enc_bytes(s, charset):
    return s.encode(charset) if isinstance(s, str) else s

def qp(data):
    return quopri.encodestring(data, quotetabs=False)

def b64(data):
    return base64.encodebytes(data)

def encode_body(text, charset, cte):
    data = enc_bytes(text, charset)
    cte = cte.lower()
    if cte == 'quoted-printable':
        return qp(data)
    if cte == 'base64':
        return b64(data)
    return data

class P:
    """A MIME entity: header text (str or bytes, lines end with \\n) + body bytes or parts."""
    def __init__(self, headers, body=b'', parts=None, boundary=None, preamble=b'', epilogue=b'', close=True):
        self.headers = headers.encode('latin-1') if isinstance(headers, str) and all(ord(c) < 256 for c in headers) else (headers.encode('utf-8') if isinstance(headers, str) else headers)
        self.body = body
        self.parts = parts
        self.boundary = boundary.encode() if isinstance(boundary, str) else boundary
        self.preamble = preamble
        self.epilogue = epilogue
        self.close = close

    def content(self):
        if self.parts is None:
            return self.body
        out = self.preamble
        for p in self.parts:
            out += b'--' + self.boundary + b'\n' + p.bytes() + b'\n'
        if self.close:
            out += b'--' + self.boundary + b'--\n'
        out += self.epilogue
        return out

    def bytes(self):
        return self.headers + b'\n' + self.content()

def text_part(text, charset='utf-8', cte='quoted-printable', subtype='plain', params='', extra='', ct_charset=None):
    cs = ct_charset if ct_charset is not None else charset
    h = 'Content-Type: text/%s; charset="%s"%s\n' % (subtype, cs, params) if cs else 'Content-Type: text/%s%s\n' % (subtype, params)
    h += extra
    h += 'Content-Transfer-Encoding: %s\n' % cte
    return P(h, encode_body(text, charset, cte))

def att(file_name, content_type, data, inline=False, content_id=None):
    return {
        'fileName': file_name, 'contentType': content_type, 'size': len(data),
        'sha256': hashlib.sha256(data).hexdigest(), 'inline': inline, 'contentId': content_id,
    }

def A(name, address):
    return {'name': name, 'address': address}

NONE = {'kind': 'none', 'reason': None, 'bounce': None}

def machine(kind, bounce=None):
    return {'kind': kind, 'reason': '*', 'bounce': bounce}

def bounce(recipients, original):
    return machine('bounce', {'recipients': [
        {'address': a, 'action': act, 'status': st, 'diagnostic': d} for (a, act, st, d) in recipients],
        'originalMessageId': original})

def norm(t):
    if t is None:
        return None
    lines = [l.rstrip() for l in t.replace('\r\n', '\n').split('\n')]
    out = []
    for l in lines:
        if l == '' and (not out or out[-1] == ''):
            continue
        out.append(l)
    while out and out[-1] == '':
        out.pop()
    return '\n'.join(out)

def write(name, raw, *, messageId=None, inReplyTo=None, references=(), date=None, from_=None, replyTo=(),
          to=(), cc=(), subject=None, text=None, visibleText=None, html=None, attachments=(), machine=NONE,
          defects='*', bare_lf=False, quoteOnly=False):
    assert name not in WRITTEN, name
    WRITTEN.append(name)
    if isinstance(raw, P):
        raw = raw.bytes()
    data = conv(raw, bare_lf)
    fn = name + '.eml'
    with open(os.path.join(OUT, fn), 'wb') as f:
        f.write(data)
    exp = {
        'file': fn, 'messageId': messageId, 'inReplyTo': inReplyTo, 'references': list(references),
        'date': date, 'from': from_, 'replyTo': list(replyTo), 'to': list(to), 'cc': list(cc),
        'subject': subject, 'text': norm(text), 'visibleText': norm(visibleText), 'quoteOnly': quoteOnly, 'html': html,
        'forwarded': FORWARDED.get(name),
        'attachments': list(attachments), 'machine': machine, 'defects': defects,
    }
    with open(os.path.join(OUT, name + '.expected.json'), 'w', encoding='utf-8') as f:
        json.dump(exp, f, ensure_ascii=False, indent=2)
        f.write('\n')

# ---- encoded words -------------------------------------------------------------------------
def ew_b(text, charset='utf-8'):
    return '=?%s?B?%s?=' % (charset, base64.b64encode(text.encode(charset)).decode())

def q_bytes(data):
    out = ''
    for b in data:
        c = chr(b)
        if b == 0x20:
            out += '_'
        elif c.isascii() and (c.isalnum() or c in '!*+-/'):
            out += c
        else:
            out += '=%02X' % b
    return out

def ew_q(text, charset='utf-8', lower=False):
    q = q_bytes(text.encode(charset))
    return '=?%s?%s?%s?=' % (charset, 'q' if lower else 'Q', q)

def ew_words(text, charset='utf-8', kind='B', maxlen=75, sep='\n '):
    """Split text into encoded words at character boundaries, each <= maxlen chars."""
    words, cur = [], ''
    f = ew_b if kind == 'B' else ew_q
    for ch in text:
        if cur and len(f(cur + ch, charset)) > maxlen:
            words.append(f(cur, charset)); cur = ''
        cur += ch
    if cur:
        words.append(f(cur, charset))
    return sep.join(words)

# ---- deterministic noise for realistic headers ---------------------------------------------
def rng(name):
    return random.Random(hashlib.sha256(name.encode()).digest())

def rb64(r, n):
    return base64.b64encode(bytes(r.getrandbits(8) for _ in range(n))).decode()

def rhex(r, n):
    return ''.join(r.choice('0123456789abcdef') for _ in range(n))

def ralnum(r, n, alphabet='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'):
    return ''.join(r.choice(alphabet) for _ in range(n))

def fold_b64(s, first=58, width=70, indent='\t '):
    """Fold a long base64 value (DKIM b=) over lines."""
    out = s[:first]
    s = s[first:]
    while s:
        out += '\n' + indent + s[:width]
        s = s[width:]
    return out

def dkim(r, domain, selector, headers='from:to:subject:date:message-id', t=1795000000, algo='rsa-sha256'):
    bh = rb64(r, 32)
    b = rb64(r, 256 if algo == 'rsa-sha256' else 64)
    return ('DKIM-Signature: v=1; a=%s; c=relaxed/relaxed;\n'
            '        d=%s; s=%s; t=%d;\n'
            '        h=%s;\n'
            '        bh=%s;\n'
            '        b=%s\n') % (algo, domain, selector, t, headers, bh, fold_b64(b, 60, 70, '         '))

# ---- synthetic binary payloads ---------------------------------------------------------------
def png(w, h, seed, text_rows=()):
    r = random.Random(seed)
    base = (r.randrange(180, 256), r.randrange(180, 256), r.randrange(180, 256))
    rows = []
    for y in range(h):
        row = b'\x00'
        for x in range(w):
            if (y // 6) in text_rows and r.random() < 0.35:
                row += bytes((40, 40, 40))
            elif y < 8:
                row += bytes((30, 80, 60))
            else:
                row += bytes(base)
        rows.append(row)
    raw = b''.join(rows)
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

def jpeg_like(n, seed):
    """SOI + JFIF APP0 + pseudo-random entropy data + EOI (not decodable as an image; bytes are what matter)."""
    r = random.Random(seed)
    app0 = b'\xff\xe0' + struct.pack('>H', 16) + b'JFIF\x00\x01\x01\x00\x00H\x00H\x00\x00'
    body = bytes(r.choice([b for b in range(256) if b != 0xff]) for _ in range(n))
    return b'\xff\xd8' + app0 + b'\xff\xda\x00\x08\x01\x01\x00\x00?\x00' + body + b'\xff\xd9'

def pdf(lines, title='Document'):
    content = 'BT /F1 11 Tf 50 760 Td 14 TL\n' + ''.join('(%s) Tj T*\n' % l.replace('(', '\\(').replace(')', '\\)') for l in lines) + 'ET\n'
    objs = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        '<< /Length %d >>\nstream\n%sendstream' % (len(content), content),
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        '<< /Title (%s) /Producer (Meridian test corpus) >>' % title,
    ]
    out = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += ('%d 0 obj\n%s\nendobj\n' % (i, o)).encode('latin-1')
    x = len(out)
    out += ('xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)).encode()
    for o in offs:
        out += ('%010d 00000 n \n' % o).encode()
    out += ('trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)).encode()
    return out
