"""Raw MIME for the corpus: headers with encoded words, bodies in a charset and transfer encoding, multiparts.
Only encoding lives here; what a mail says and what the desk must find in it are written in the case scripts."""
import base64, hashlib, quopri, random, textwrap

R = random.Random(21)


def rhex(n):
    return ''.join(R.choice('0123456789abcdef') for _ in range(n))


def ralnum(n):
    return ''.join(R.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') for _ in range(n))


def ew(text, charset='utf-8', q=False):
    """RFC 2047 encoded word(s) for a header value, or the value as is when it is ASCII."""
    try:
        text.encode('ascii')
        return text
    except UnicodeEncodeError:
        pass
    data = text.encode(charset)
    label = charset.upper()
    if q:
        out = []
        for b in data:
            c = chr(b)
            if c == ' ':
                out.append('_')
            elif c.isalnum() and b < 128:
                out.append(c)
            else:
                out.append('=%02X' % b)
        return '=?%s?Q?%s?=' % (label, ''.join(out))
    # split into words of at most 45 bytes without cutting a character
    words, cur = [], b''
    for ch in text:
        bch = ch.encode(charset)
        if len(cur) + len(bch) > 45:
            words.append(cur)
            cur = b''
        cur += bch
    if cur:
        words.append(cur)
    return '\n '.join('=?%s?B?%s?=' % (label, base64.b64encode(w).decode()) for w in words)


def addr(name, address, charset='utf-8', quote=True):
    if not name:
        return address if not quote else '<%s>' % address
    try:
        name.encode('ascii')
        if any(c in name for c in ',.;:()<>@"\'') and quote:
            return '"%s" <%s>' % (name.replace('"', '\\"'), address)
        return '%s <%s>' % (name, address)
    except UnicodeEncodeError:
        return '%s <%s>' % (ew(name, charset), address)


def body_bytes(text, charset, cte):
    data = text.replace('\n', '\r\n').encode(charset) if charset.lower() != 'iso-2022-jp' else text.replace('\n', '\r\n').encode('iso-2022-jp')
    cte = cte.lower()
    if cte == 'quoted-printable':
        return quopri.encodestring(data.replace(b'\r\n', b'\n')).replace(b'\n', b'\r\n')
    if cte == 'base64':
        return base64.encodebytes(data).replace(b'\n', b'\r\n')
    return data


class Part:
    def __init__(self, ctype, text=None, charset='utf-8', cte='quoted-printable', params='', parts=None,
                 headers=(), raw=None, boundary=None):
        self.ctype, self.text, self.charset, self.cte = ctype, text, charset, cte
        self.params, self.parts, self.headers, self.raw = params, parts, list(headers), raw
        self.boundary = boundary

    def bytes(self):
        h = []
        if self.parts is not None:
            b = self.boundary or ('----=_Part_%d_%d.%d' % (R.randint(10000, 99999), R.randint(1e8, 9e8), R.randint(1e12, 9e12)))
            h.append('Content-Type: %s;\r\n\tboundary="%s"%s' % (self.ctype, b, self.params))
            h.extend(self.headers)
            out = '\r\n'.join(h).encode() + b'\r\n\r\n'
            for p in self.parts:
                out += b'--' + b.encode() + b'\r\n' + p.bytes() + b'\r\n'
            out += b'--' + b.encode() + b'--\r\n'
            return out
        if self.raw is not None:
            h.append('Content-Type: %s%s' % (self.ctype, self.params))
            h.extend(self.headers)
            return '\r\n'.join(h).encode() + b'\r\n\r\n' + self.raw
        ct = '%s; charset="%s"%s' % (self.ctype, self.charset, self.params)
        h.append('Content-Type: ' + ct)
        h.append('Content-Transfer-Encoding: ' + self.cte)
        h.extend(self.headers)
        return '\r\n'.join(h).encode() + b'\r\n\r\n' + body_bytes(self.text, self.charset, self.cte)


def message(headers, body):
    """Top-level header lines (strings, may hold encoded words) and a Part."""
    head = '\r\n'.join(h.replace('\n', '\r\n') for h in headers).encode('utf-8')
    return head + b'\r\nMIME-Version: 1.0\r\n' + body.bytes()


def sha256(b):
    return hashlib.sha256(b).hexdigest()


def flowed(text, width=72):
    """format=flowed: soft breaks end in a space (RFC 3676); quoted lines keep their '>' prefix."""
    out = []
    for line in text.split('\n'):
        if line == '-- ':
            out.append(line)
            continue
        prefix = ''
        while line.startswith('>'):
            prefix += '>'
            line = line[1:]
        if prefix and line.startswith(' '):
            line = line[1:]
            prefix += ' '
        if len(prefix + line) <= width:
            out.append(prefix + line)
            continue
        words = line.split(' ')
        cur = ''
        for w in words:
            if cur and len(prefix + cur + w) > width:
                out.append(prefix + cur)
                cur = ''
            cur += w + ' '
        out.append(prefix + cur.rstrip(' '))
    return '\n'.join(out)


def hard_wrap(text, width=76):
    out = []
    for line in text.split('\n'):
        if len(line) <= width or line.startswith('>'):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return '\n'.join(out)


def quote(text, prefix='> '):
    return '\n'.join((prefix + l) if l else prefix.rstrip() for l in text.split('\n'))


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
