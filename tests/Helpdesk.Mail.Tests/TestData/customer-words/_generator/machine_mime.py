"""Encoding only, for the machine-mail part of the corpus (machine/ and machine-negatives/): headers with encoded
words, bodies in a charset and transfer encoding, HTML variants and attached messages. No expected value is
computed here: the case files (machine_cases.py, machine_negatives.py) set each one by hand."""
import base64
import json
import os
import quopri
import random
from email.header import Header
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

R = random.Random(2126)
DESK = ('Meridian Outfitters', 'passwordchange@meridian.example')
NOTICE_SUBJECT = 'Important: please create a new password'
BASE = datetime(2026, 11, 20, 10, 15, 42, tzinfo=timezone.utc)


def rhex(n):
    return ''.join(R.choice('0123456789abcdef') for _ in range(n))


def ralnum(n):
    return ''.join(R.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(n))


def ew(text, charset='utf-8'):
    """An encoded word when the text is not ASCII."""
    try:
        text.encode('ascii')
        return text
    except UnicodeEncodeError:
        return Header(text, charset).encode(maxlinelen=76)


def addr(name, address, charset='utf-8'):
    if not name:
        return address
    n = ew(name, charset)
    if n == name and any(c in name for c in ',.;:()"'):
        n = '"%s"' % name
    return '%s <%s>' % (n, address)


def encode_body(text, charset, cte):
    raw = text.replace('\n', '\r\n').encode(charset)
    if cte == 'quoted-printable':
        return quopri.encodestring(raw).decode('ascii')
    if cte == 'base64':
        b = base64.b64encode(raw).decode('ascii')
        return '\r\n'.join(b[i:i + 76] for i in range(0, len(b), 76)) + '\r\n'
    return raw.decode(charset, errors='strict') if charset.lower() in ('utf-8', 'us-ascii') else raw.decode('latin-1')


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def html_of(text):
    paras = [p for p in text.split('\n\n')]
    body = ''.join('<p>%s</p>\r\n' % '<br>\r\n'.join(esc(l) for l in p.split('\n')) for p in paras)
    return '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\r\n<body style="font-family:Calibri,Arial,sans-serif;font-size:11pt">\r\n%s</body></html>' % body


def leaf(ctype, text, charset, cte, extra=''):
    head = 'Content-Type: %s; charset="%s"%s\r\nContent-Transfer-Encoding: %s\r\n\r\n' % (ctype, charset, extra, cte)
    if cte == '7bit':
        body = text.replace('\n', '\r\n').encode(charset).decode('ascii')
    elif cte == '8bit':
        assert charset.lower() == 'utf-8', '8bit bodies are written in UTF-8 only'
        body = text.replace('\n', '\r\n')
    else:
        body = encode_body(text, charset, cte)
    return head, body


class Mail:
    """One message: headers in the order given, a body (plain, html only, alternative) and optional attached message."""

    def __init__(self, frm, subject, body, *, to=DESK, date=None, charset='utf-8', cte='quoted-printable', html=None,
                 headers=(), attached=None, attached_headers_only=False, return_path=None, mailer=None, msgid_host=None,
                 in_reply_to=None, subject_charset=None, multipart_mixed_text=None):
        self.frm, self.subject, self.body = frm, subject, body
        self.to, self.charset, self.cte, self.html = to, charset, cte, html
        self.headers = list(headers)
        self.date = date or (BASE + timedelta(minutes=R.randint(5, 60 * 72)))
        self.attached = attached
        self.attached_headers_only = attached_headers_only
        self.return_path = return_path
        self.mailer = mailer
        self.msgid_host = msgid_host or frm[1].split('@')[-1]
        self.in_reply_to = in_reply_to
        self.subject_charset = subject_charset or ('utf-8' if charset.lower().startswith('iso-2022') else charset)

    def render(self):
        h = []
        if self.return_path is not None:
            h.append('Return-Path: %s' % self.return_path)
        h.append('Received: from %s (%s [198.51.100.%d])\r\n\tby mx1.meridian.example (Postfix) with ESMTPS id %s\r\n\tfor <%s>; %s'
                 % (self.msgid_host, self.msgid_host, R.randint(2, 250), ralnum(10), self.to[1], format_datetime(self.date + timedelta(seconds=R.randint(1, 40)))))
        h.append('From: %s' % addr(self.frm[0], self.frm[1], self.subject_charset if self.subject_charset.lower() != 'us-ascii' else 'utf-8'))
        h.append('To: %s' % addr(self.to[0], self.to[1]))
        h.append('Subject: %s' % ew(self.subject, self.subject_charset if self.subject_charset.lower() not in ('us-ascii',) else 'utf-8'))
        h.append('Date: %s' % format_datetime(self.date))
        h.append('Message-ID: <%s.%s@%s>' % (rhex(12), ralnum(6).lower(), self.msgid_host))
        if self.in_reply_to:
            h.append('In-Reply-To: <%s>' % self.in_reply_to)
            h.append('References: <%s>' % self.in_reply_to)
        if self.mailer:
            h.append('X-Mailer: %s' % self.mailer)
        h.extend(self.headers)
        h.append('MIME-Version: 1.0')
        body = self.body_part()
        return ('\r\n'.join(h) + '\r\n' + body).encode('utf-8')

    def body_part(self):
        if self.html == 'only':
            head, body = leaf('text/html', html_of(self.body), self.charset, self.cte)
            main = head + body
        elif self.html == 'alt':
            b = '----=_Part_%s' % rhex(16)
            h1, b1 = leaf('text/plain', self.body, self.charset, self.cte)
            h2, b2 = leaf('text/html', html_of(self.body), self.charset, self.cte)
            main = 'Content-Type: multipart/alternative; boundary="%s"\r\n\r\n--%s\r\n%s%s\r\n--%s\r\n%s%s\r\n--%s--\r\n' % (b, b, h1, b1, b, h2, b2, b)
        else:
            extra = ''
            head, body = leaf('text/plain', self.body, self.charset, self.cte, extra)
            main = head + body
        if self.attached is None:
            return main
        b = '=_mixed_%s' % rhex(12)
        ctype = 'text/rfc822-headers' if self.attached_headers_only else 'message/rfc822'
        return 'Content-Type: multipart/mixed; boundary="%s"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n--%s\r\n%s\r\n--%s\r\nContent-Type: %s\r\nContent-Description: Undelivered Message\r\n\r\n%s\r\n--%s--\r\n' % (
            b, b, main, b, ctype, self.attached, b)


def _is_ascii(s):
    try:
        s.encode('ascii')
        return True
    except UnicodeEncodeError:
        return False


def our_notice(to_addr, subject=NOTICE_SUBJECT, msgid=None, headers_only=False):
    """The desk's mail as a returned copy (headers, or headers and the start of the text)."""
    msgid = msgid or 'notice.20261120.%s@meridian.example' % rhex(16)
    head = ('Return-Path: <bounces@meridian.example>\r\nFrom: Meridian Outfitters <passwordchange@meridian.example>\r\n'
            'To: %s\r\nSubject: %s\r\nDate: Fri, 20 Nov 2026 10:15:42 +0000\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n'
            'Content-Type: text/plain; charset=utf-8\r\n' % (to_addr, subject, msgid))
    if headers_only:
        return head
    return head + '\r\nDear Customer,\r\n\r\nOn November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters system.\r\n'


def write(folder, name, mail, visible, machine):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + '.eml'), 'wb') as f:
        f.write(mail.render())
    with open(os.path.join(folder, name + '.expected.json'), 'w', encoding='utf-8') as f:
        json.dump({'visibleText': visible, 'machine': machine, 'forwarded': None}, f, ensure_ascii=False, indent=2)
        f.write('\n')
