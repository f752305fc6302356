"""Part 7: bodies old and Outlook-specific clients produce: uuencoded files inside text/plain, TNEF (winmail.dat)."""
import binascii
from common import *


def uu_block(name, data, backtick):
    lines = ['begin 644 %s' % name]
    for i in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[i:i + 45], backtick=backtick).decode('ascii').rstrip('\n'))
    lines.append('`' if backtick else ' ')
    lines.append('end')
    return '\n'.join(lines) + '\n'


def uuencode_outlook_express_attachment():
    name = 'uuencode-outlook-express-attachment'
    r = rng(name)
    log = ('2026-11-21 19:02:11 GET /account/new-password?token=expired 410\n'
           '2026-11-21 19:02:14 POST /account/new-password 400 "token expired"\n'
           '2026-11-21 19:05:40 GET /account/new-password?token=expired 410\n')
    gif = b'GIF89a\x10\x00\x10\x00\x80\x00\x00' + bytes(r.randrange(256) for _ in range(150)) + b'\x00;'
    words = ('Hello,\n\nthe link in your email says it has expired, I tried three times. '
             'My grandson saved what the browser said, I attach it here.\n\n')
    body = words + uu_block('reset-log.txt', log.encode('ascii'), True) + '\n' + uu_block('C:\\WINDOWS\\Desktop\\error.gif', gif, False) + '\nWalter Brandt\n'
    top = H('''
Received: from oe-pc (dsl-198-51-100-77.example-isp.net [198.51.100.77])
	by mx1.meridian.example (Postfix) with SMTP id 4G0aB71kQz9sXq
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 19:10:02 +0000 (UTC)
Message-ID: <000a01c3f2e1$5b2c8e40$4d6433c6@oepc>
From: "Walter Brandt" <wbrandt@example-isp.net>
To: <passwordchange@meridian.example>
Subject: new password link expired
Date: Sat, 21 Nov 2026 14:09:55 -0500
MIME-Version: 1.0
Content-Type: text/plain;
	charset="iso-8859-1"
Content-Transfer-Encoding: 7bit
X-Priority: 3
X-MSMail-Priority: Normal
X-Mailer: Microsoft Outlook Express 6.00.2900.5931
X-MimeOLE: Produced By Microsoft MimeOLE V6.00.2900.6157
''')
    text = words + 'Walter Brandt\n'
    write(name, P(top, body.encode('ascii')), messageId='000a01c3f2e1$5b2c8e40$4d6433c6@oepc', date='2026-11-21T14:09:55-05:00',
          from_=A('Walter Brandt', 'wbrandt@example-isp.net'), to=[A(None, SUPPORT_ADDR)], subject='new password link expired',
          text=text, visibleText=text,
          attachments=[att('reset-log.txt', 'text/plain', log.encode('ascii')), att('error.gif', 'image/gif', gif)], defects=[])


def tnef_outlook_winmail_dat():
    name = 'tnef-outlook-winmail-dat'
    r = rng(name)
    tnef = b'\x78\x9f\x3e\x22' + bytes(r.randrange(256) for _ in range(600))
    words = ('Good morning,\n\nI created the new password but the site still says my account is locked. '
             'I attached the screenshot.\n\nRegards,\nMarta Lindqvist\n')
    b = '----_=_NextPart_001_01DB3C2A.%s' % rhex(r, 8).upper()
    top = H('''
Received: from EXCH2016.lindqvist-law.local (203.0.113.45) by mx1.meridian.example
	with ESMTP id 4G0bC82lRz9sYr; Sun, 22 Nov 2026 08:31:12 +0000 (UTC)
Message-ID: <7C1F0A4B2E9D4A55B1D2C3E4F5061728@EXCH2016.lindqvist-law.local>
From: Marta Lindqvist <marta@lindqvist-law.example>
To: passwordchange@meridian.example
Subject: Account locked after new password
Date: Sun, 22 Nov 2026 09:31:04 +0100
MIME-Version: 1.0
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator: <7C1F0A4B2E9D4A55B1D2C3E4F5061728@EXCH2016.lindqvist-law.local>
X-Mailer: Microsoft Exchange Server 2016
Content-Type: multipart/mixed;
	boundary="%s"
''' % b)
    tnef_part = P('Content-Type: application/ms-tnef\nContent-Transfer-Encoding: base64\n', b64(tnef))
    msg = P(top, parts=[text_part(words, 'us-ascii', '7bit'), tnef_part], boundary=b,
            preamble=b'This is a multi-part message in MIME format.\n\n')
    write(name, msg, messageId='7C1F0A4B2E9D4A55B1D2C3E4F5061728@EXCH2016.lindqvist-law.local', date='2026-11-22T09:31:04+01:00',
          from_=A('Marta Lindqvist', 'marta@lindqvist-law.example'), to=[A(None, SUPPORT_ADDR)], subject='Account locked after new password',
          text=words, visibleText='*', attachments=[att('winmail.dat', 'application/ms-tnef', tnef)], defects=['tnef-not-decoded'])


FUNCS = [uuencode_outlook_express_attachment, tnef_outlook_winmail_dat]
if __name__ == '__main__':
    for f in FUNCS:
        f()
    print(len(WRITTEN), 'messages')
