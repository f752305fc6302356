from common import *
from b1 import PHISH_TEXT, PHISH_SUBJECT, phishing_message

def missing_final_boundary():
    name = 'missing-final-boundary'
    r = rng(name)
    mid = '%s@email.android.com' % ralnum(r, 24, 'abcdefghijklmnopqrstuvwxyz0123456789')
    body = 'Here is the screen I get after the new password. it just spins and then says Something went wrong. Photo below\n\nSent from my Galaxy\n'
    photo = jpeg_like(3000, name)
    enc = b64(photo)
    lines = enc.split(b'\n')
    kept = b'\n'.join(lines[:30]) + b'\n'
    data = _b64_decode(kept)
    b = '--_com.samsung.android.email_%d%d' % (r.randrange(10**8, 10**9), r.randrange(10**6, 10**7))
    top = H('''
Return-Path: <jbrowning77@att.net>
Delivered-To: passwordchange@meridian.example
Received: from sonic306-3.consmr.mail.gq1.yahoo.com (sonic306-3.consmr.mail.gq1.yahoo.com [98.137.68.84])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS9b3tGhz9sXZ
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 23:14:08 +0000 (UTC)
X-Sonic-MF: <jbrowning77@att.net>
Message-ID: <%(mid)s>
Date: Sat, 21 Nov 2026 17:13:59 -0600
Subject: Something went wrong
From: Jolene Browning <jbrowning77@att.net>
To: passwordchange@meridian.example
MIME-Version: 1.0
Importance: normal
X-Priority: 3 (Normal)
Content-Type: multipart/mixed; boundary="%(b)s"
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[
        text_part(body, 'UTF-8', '7bit'),
        P('Content-Type: image/jpeg; name="20261121_171122.jpg"\nContent-Disposition: attachment; filename="20261121_171122.jpg"\nContent-Transfer-Encoding: base64\n', kept),
    ], boundary=b, close=False)
    raw = msg.bytes()
    assert raw.endswith(kept + b'\n')
    raw = raw[:-1]  # the message simply stops after the last base64 line
    write(name, raw, messageId=mid, date='2026-11-21T17:13:59-06:00', from_=A('Jolene Browning', 'jbrowning77@att.net'), to=[A(None, SUPPORT_ADDR)],
          subject='Something went wrong', text=body, visibleText=body.split('\n\nSent from')[0],
          attachments=[att('20261121_171122.jpg', 'image/jpeg', data)], defects=['missing-final-boundary'])


def _b64_decode(b):
    import base64
    return base64.b64decode(b.replace(b'\n', b''))


def wrong_boundary():
    name = 'wrong-boundary'
    r = rng(name)
    mid = '%s@www.lakeview-bnb.example' % ralnum(r, 43)
    declared = 'b1_%s' % rhex(r, 32)
    actual = 'b1_%s' % rhex(r, 32)
    body = ('Good evening,\n\nWe are a bed and breakfast and we sell Meridian gift cards at our front desk. Several guests asked us today whether their gift cards are still valid '
            'after the breach. Are gift card numbers part of what was taken?\n\nKind regards,\nEllen Marsh\nLakeview B&B\n')
    html = '<p>Good evening,</p><p>We are a bed and breakfast and we sell Meridian gift cards at our front desk. Several guests asked us today whether their gift cards are still valid after the breach. Are gift card numbers part of what was taken?</p><p>Kind regards,<br>Ellen Marsh<br>Lakeview B&amp;B</p>\n'
    top = H('''
Return-Path: <ellen@lakeview-bnb.example>
Delivered-To: passwordchange@meridian.example
Received: from www.lakeview-bnb.example (www.lakeview-bnb.example [203.0.113.66])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS8F1mKqz9sY0
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 22:31:47 +0000 (UTC)
Date: Sat, 21 Nov 2026 17:31:45 -0500
To: passwordchange@meridian.example
From: Ellen Marsh <ellen@lakeview-bnb.example>
Subject: Gift cards
Message-ID: <%(mid)s>
X-Mailer: PHPMailer 5.2.9 (https://github.com/PHPMailer/PHPMailer/)
MIME-Version: 1.0
Content-Type: multipart/alternative;
	boundary="%(b)s"
Content-Transfer-Encoding: 8bit
''' % dict(mid=mid, b=declared))
    msg = P(top, parts=[text_part(body, 'us-ascii', '8bit'), text_part(html, 'us-ascii', '8bit', 'html')], boundary=actual)
    write(name, msg, messageId=mid, date='2026-11-21T17:31:45-05:00', from_=A('Ellen Marsh', 'ellen@lakeview-bnb.example'), to=[A(None, SUPPORT_ADDR)],
          subject='Gift cards', text=body, visibleText=body, html='*', defects=['boundary-mismatch'])


def deep_nesting_forward_chain():
    name = 'deep-nesting-forward-chain'
    r = rng(name)
    # innermost: the phishing mail with a related logo
    logo = png(120, 40, 'logo-' + name)
    b_in_rel, b_in_alt = '----=_Part_%d' % r.randrange(10**8), '----=_Part_%d' % r.randrange(10**8)
    ph_html = '<html><body><img src="cid:logo@mrdn"><p>Dear Valued Customer,</p><p>Claim your $50 apology voucher: <a href="https://meridian-apology.example/claim">claim now</a></p></body></html>\n'
    ph_text = 'Dear Valued Customer,\n\nClaim your $50 apology voucher: https://meridian-apology.example/claim\n'
    inner = P(H('''
From: "Meridian Outfitters" <apology@meridian-apology.example>
To: <doug.fenn@example.org>
Subject: Your $50 apology voucher
Date: Sat, 21 Nov 2026 08:15:00 +0000
Message-ID: <voucher-77812@meridian-apology.example>
MIME-Version: 1.0
Content-Type: multipart/related; boundary="%s"; type="multipart/alternative"
''' % b_in_rel), parts=[
        P('Content-Type: multipart/alternative; boundary="%s"\n' % b_in_alt, parts=[text_part(ph_text, 'utf-8', '7bit'), text_part(ph_html, 'utf-8', '7bit', 'html')], boundary=b_in_alt),
        P('Content-Type: image/png\nContent-ID: <logo@mrdn>\nContent-Transfer-Encoding: base64\n', b64(logo)),
    ], boundary=b_in_rel)
    # middle: Doug forwards it to his wife as an attachment
    b_mid_mix, b_mid_alt = '_004_%s_' % rhex(r, 16).upper(), '_000_%s_' % rhex(r, 16).upper()
    mtext = 'Linda - is this real? Sounds too good. Doug\n'
    middle = P(H('''
From: Doug Fenn <doug.fenn@example.org>
To: Linda Fenn <linda.fenn@example.org>
Subject: FW: Your $50 apology voucher
Date: Sat, 21 Nov 2026 09:02:11 -0600
Message-ID: <%s@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="%s"
''' % (rhex(r, 20), b_mid_mix)), parts=[
        P('Content-Type: multipart/alternative; boundary="%s"\n' % b_mid_alt, parts=[text_part(mtext, 'us-ascii', '7bit'), text_part('<div>' + esc(mtext) + '</div>\n', 'us-ascii', '7bit', 'html')], boundary=b_mid_alt),
        P('Content-Type: message/rfc822\nContent-Disposition: attachment; filename="Your $50 apology voucher.eml"\n', inner.bytes()),
    ], boundary=b_mid_mix)
    mbytes = middle.bytes()
    # outer: Linda forwards Doug's mail to us
    mid = gmail_msgid(r)
    new = "My husband forwarded me this, we both got it. Is Meridian giving out vouchers because of the hack? If not you should warn people because it looks very real.\n\nLinda Fenn"
    b_out, b_out_alt = gmail_boundary(r), gmail_boundary(r)
    top = gmail_headers(r, 'linda.fenn.home@gmail.com', '', 'Sat, 21 Nov 2026 16:20:33 +0000 (UTC)', 'Sat, 21 Nov 2026 08:20:32 -0800 (PST)') + H('''
MIME-Version: 1.0
From: Linda Fenn <linda.fenn.home@gmail.com>
Date: Sat, 21 Nov 2026 10:20:20 -0600
Message-ID: <%(mid)s>
Subject: Fwd: FW: Your $50 apology voucher
To: passwordchange@meridian.example
Content-Type: multipart/mixed; boundary="%(b)s"
''' % dict(mid=mid, b=b_out))
    msg = P(top, parts=[
        P('Content-Type: multipart/alternative; boundary="%s"\n' % b_out_alt, parts=[text_part(new + '\n', 'UTF-8', '7bit', ct_charset='UTF-8'), text_part(gmail_html(esc(new).replace('\n', '<br>')), 'UTF-8', 'quoted-printable', 'html')], boundary=b_out_alt),
        P('Content-Type: message/rfc822; name="FW: Your $50 apology voucher.eml"\nContent-Disposition: attachment; filename="FW: Your $50 apology voucher.eml"\n', mbytes),
    ], boundary=b_out)
    write(name, msg, messageId=mid, date='2026-11-21T10:20:20-06:00', from_=A('Linda Fenn', 'linda.fenn.home@gmail.com'), to=[A(None, SUPPORT_ADDR)],
          subject='Fwd: FW: Your $50 apology voucher', text=new, visibleText=new, html='*',
          attachments=[att('FW: Your $50 apology voucher.eml', 'message/rfc822', conv(mbytes))])


def outlook_forward_item_attachment():
    name = 'outlook-forward-item-attachment'
    r = rng(name)
    mid = 'MN2PR12MB%04d%s@MN2PR12MB%04d.namprd12.prod.outlook.com' % (r.randrange(10000), ralnum(r, 20, 'ABCDEF0123456789'), r.randrange(10000))
    inner_b = '=_%s' % rhex(r, 24)
    refund_html = ('<html><body><p>Meridian Outfitters</p><p>We owe you a refund of $89.99 because of the recent incident. Open the attached form to claim it.</p></body></html>\n')
    att_html = '<html><head><script>location.href="https://mrdn-refunds.example/claim"</script></head><body>Loading...</body></html>\n'
    inner = P(H('''
Received: from mrdn-refunds.example (unknown [203.0.113.250]) by
 MN2PR12MB0001.namprd12.prod.outlook.com with Microsoft SMTP Server id 15.20.8207.5;
 Sat, 21 Nov 2026 11:40:02 +0000
From: Meridian Outfitters Refunds <refunds@mrdn-refunds.example>
To: "Wes Tran" <wtran@tranlogistics.example>
Subject: Refund pending: $89.99
Date: Sat, 21 Nov 2026 11:40:00 +0000
Message-ID: <%s@mrdn-refunds.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="%s"
''' % (rhex(r, 16), inner_b)), parts=[
        text_part(refund_html, 'utf-8', 'quoted-printable', 'html'),
        P('Content-Type: text/html; name="Refund_Form.pdf.html"\nContent-Disposition: attachment; filename="Refund_Form.pdf.html"\nContent-Transfer-Encoding: base64\n', b64(att_html.encode())),
    ], boundary=inner_b)
    ib = inner.bytes()
    new = ('Hi,\n\nOne of our staff received the attached email this morning. It uses your name and logo and asks to open an html "refund form". '
           'We did not open it. Can you confirm this is not from Meridian? We have a business account with you (Tran Logistics).\n\n'
           'Thanks,\nWes Tran\nOperations Manager | Tran Logistics\n')
    html = word_html('us-ascii', 'EN-US', new.rstrip('\n').split('\n'))
    b1, b2 = '_004_MN2PR12MB%s_' % rhex(r, 12).upper(), '_000_MN2PR12MB%s_' % rhex(r, 12).upper()
    top = exo_headers(r, 'wtran@tranlogistics.example', 'tranlogistics.example', 'Sat, 21 Nov 2026 14:02:51 +0000') + H('''
From: Wes Tran <wtran@tranlogistics.example>
To: "passwordchange@meridian.example" <passwordchange@meridian.example>
Subject: FW: Refund pending: $89.99
Thread-Topic: Refund pending: $89.99
Thread-Index: %(ti)s
Date: Sat, 21 Nov 2026 14:02:46 +0000
Message-ID: <%(mid)s>
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
Content-Type: multipart/mixed;
	boundary="%(b)s"
MIME-Version: 1.0
''' % dict(mid=mid, b=b1, ti=thread_index(r, 1)))
    msg = P(top, parts=[
        P('Content-Type: multipart/alternative;\n\tboundary="%s"\n' % b2, parts=[text_part(new, 'us-ascii', 'quoted-printable'), text_part(html, 'us-ascii', 'quoted-printable', 'html')], boundary=b2),
        P('Content-Type: message/rfc822\nContent-Disposition: attachment;\n\tcreation-date="Sat, 21 Nov 2026 14:02:45 GMT";\n\tmodification-date="Sat, 21 Nov 2026 14:02:45 GMT"\n', ib),
    ], boundary=b1)
    write(name, msg, messageId=mid, date='2026-11-21T14:02:46+00:00', from_=A('Wes Tran', 'wtran@tranlogistics.example'),
          to=[A('passwordchange@meridian.example', SUPPORT_ADDR)], subject='FW: Refund pending: $89.99', text=new, visibleText=new, html='*',
          attachments=[att(None, 'message/rfc822', conv(ib))])


def smime_signed_outlook():
    name = 'smime-signed-outlook'
    r = rng(name)
    mid = outlook_msgid(r, 'countyclerk.example')
    nid = notice_id(name)
    new = ('Good afternoon,\n\nI am writing in my capacity as records officer for the County Clerk\u2019s office. Several employees used their county email addresses '
           'for Meridian accounts. Please confirm whether the compromised system contained dates of birth or phone numbers for accounts registered under the '
           'countyclerk.example domain, and the date range of the unauthorized access.\n\nRespectfully,\n\nAngela Whitcomb\nRecords Officer\nOffice of the County Clerk')
    hl = ['From: Meridian Outfitters <passwordchange@meridian.example> ', 'Sent: Friday, November 20, 2026 9:14 AM', 'To: Whitcomb, Angela <awhitcomb@countyclerk.example>', 'Subject: Important: please create a new password']
    plain = new + '\n\n' + '\n'.join(hl) + '\n\n' + notice_text() + '\n\n'
    html = word_html('utf-8', 'EN-US', new.split('\n'), hl, NOTICE_PARAS)
    sig = bytes([0x30, 0x82, 0x0b, 0x4e, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0]) + bytes(r.getrandbits(8) for _ in range(2898))
    b1, b2 = '----=_NextPart_000_0032_01DB3B2F.8E41A6D0', '----=_NextPart_001_0033_01DB3B2F.8E41A6D0'
    top = H('''
Return-Path: <awhitcomb@countyclerk.example>
Delivered-To: passwordchange@meridian.example
Received: from mail.countyclerk.example (mail.countyclerk.example [198.51.100.130])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRB5r2wYz9sY1
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 21:04:33 +0000 (UTC)
Received: from EXCH01.countyclerk.local (10.10.4.21) by EXCH02.countyclerk.local
 (10.10.4.22) with Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.14; Fri, 20 Nov
 2026 15:04:31 -0600
From: "Whitcomb, Angela" <awhitcomb@countyclerk.example>
To: 'Meridian Outfitters' <passwordchange@meridian.example>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Subject: RE: Important: please create a new password
Date: Fri, 20 Nov 2026 21:04:28 +0000
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: multipart/signed;
	protocol="application/x-pkcs7-signature";
	micalg=2.16.840.1.101.3.4.2.1;
	boundary="%(b)s"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: %(ti)s
Content-Language: en-us
''' % dict(nid=nid, mid=mid, b=b1, ti=thread_index(r)))
    msg = P(top, parts=[
        P('Content-Type: multipart/alternative;\n\tboundary="%s"\n' % b2, parts=[
            P('Content-Type: text/plain;\n\tcharset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n', qp(plain.encode())),
            P('Content-Type: text/html;\n\tcharset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode())),
        ], boundary=b2),
        P('Content-Type: application/pkcs7-signature;\n\tname="smime.p7s"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment;\n\tfilename="smime.p7s"\n', b64(sig)),
    ], boundary=b1, preamble=b'This is a multipart message in MIME format.\n\n')
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T21:04:28+00:00',
          from_=A('Whitcomb, Angela', 'awhitcomb@countyclerk.example'), to=[A("'Meridian Outfitters'", SUPPORT_ADDR)],
          subject='RE: Important: please create a new password', text=plain, visibleText=new, html='*',
          attachments=[att('smime.p7s', 'application/pkcs7-signature', sig)])


def pgp_signed_thunderbird():
    name = 'pgp-signed-thunderbird'
    r = rng(name)
    mid = '%s-%s-%s-%s-%s@mailbox.org' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    text = ('Hi,\n\nyour notice says "password hashes" were taken. Which algorithm was used, and were the hashes salted and peppered? '
            'If it was anything like unsalted SHA-1, every reused password should be treated as exposed and you should say so clearly.\n\n'
            'Also: was the "Create a New Password" flow changed since the incident? The reset link I received points to a tracking domain '
            '(click.meridian-mail.example) instead of www.meridian.example, which trains people to click lookalike links.\n\nRegards,\nFelix Brandt\n')
    sig = ('-----BEGIN PGP SIGNATURE-----\n\nwsF5BAABCAAjFiEE' + ralnum(r, 48) + '\n' + '\n'.join(ralnum(r, 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') for _ in range(5))
           + '\n' + ralnum(r, 22) + '=\n=' + ralnum(r, 4) + '\n-----END PGP SIGNATURE-----\n')
    b1, b2 = '------------%s' % ralnum(r, 24), '------------%s' % ralnum(r, 24)
    subj = 'Which hash algorithm? And the reset link domain'
    top = H('''
Return-Path: <felix.brandt@mailbox.org>
Delivered-To: passwordchange@meridian.example
Received: from mout-p-102.mailbox.org (mout-p-102.mailbox.org [80.241.56.152])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRg34cVbz9sY2
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 23:10:44 +0000 (UTC)
Received: from smtp102.mailbox.org (smtp102.mailbox.org [IPv6:2001:67c:2050:b231:465::102])
	(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
	 key-exchange X25519 server-signature RSA-PSS (4096 bits) server-digest SHA256)
	(No client certificate requested)
	by mout-p-102.mailbox.org (Postfix) with ESMTPS id 4FzRg31F0Vz9sWC
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 00:10:43 +0100 (CET)
''') + dkim(r, 'mailbox.org', 'mail20150812', 'from:from:reply-to:subject:subject:date:date:message-id:message-id:\n\t to:to:cc:mime-version:mime-version:content-type:content-type') + H('''
Message-ID: <%(mid)s>
Date: Sat, 21 Nov 2026 00:10:40 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: en-US
To: passwordchange@meridian.example
From: Felix Brandt <felix.brandt@mailbox.org>
Subject: %(subj)s
Autocrypt: addr=felix.brandt@mailbox.org; keydata=
 xjMEZx1lkRYJKwYBBAHaRw8BAQdA%(k1)s
 %(k2)s
 %(k3)s=
Content-Type: multipart/signed; micalg=pgp-sha256;
 protocol="application/pgp-signature";
 boundary="%(b)s"
X-MBO-RS-ID: %(rs)s
X-MBO-RS-META: 5k1a9xq7c3mrh8w4jy2ds6fn0tbvupgz
''' % dict(mid=mid, subj=subj, b=b1, k1=ralnum(r, 40), k2=ralnum(r, 72), k3=ralnum(r, 50), rs=rhex(r, 20)))
    inner = P(H('''
Content-Type: multipart/mixed; boundary="%s";
 protected-headers="v1"
Message-ID: <%s>
Date: Sat, 21 Nov 2026 00:10:40 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: en-US
To: passwordchange@meridian.example
From: Felix Brandt <felix.brandt@mailbox.org>
Subject: %s
''' % (b2, mid, subj)), parts=[text_part(text, 'UTF-8', '7bit', params='; format=flowed', ct_charset='UTF-8')], boundary=b2)
    msg = P(top, parts=[
        inner,
        P('Content-Type: application/pgp-signature; name="OpenPGP_signature.asc"\nContent-Description: OpenPGP digital signature\nContent-Disposition: attachment; filename="OpenPGP_signature.asc"\n', sig.encode()),
    ], boundary=b1, preamble=b'This is an OpenPGP/MIME signed message (RFC 4880 and 3156)\n')
    write(name, msg, messageId=mid, date='2026-11-21T00:10:40+01:00', from_=A('Felix Brandt', 'felix.brandt@mailbox.org'), to=[A(None, SUPPORT_ADDR)],
          subject=subj, text=text, visibleText=text, attachments=[att('OpenPGP_signature.asc', 'application/pgp-signature', conv(sig.encode()))])


CANNED_RESET = '''Hello Derek,

Thank you for contacting Meridian Outfitters. We're sorry for the trouble creating your new password.

So we can look into this, please reply with:
1. The email address on your Meridian account
2. The approximate date of your most recent order

Please do not send us your password or any card details.

Kind regards,
Meridian Outfitters Customer Care'''


def gmail_interleaved_inline_reply():
    name = 'gmail-interleaved-inline-reply'
    r = rng(name)
    nid = notice_id(name)
    rid = 'reply-48213.2@meridian.example'
    mid = gmail_msgid(r)
    q = CANNED_RESET.split('\n')
    plain = ('Hi, answers below.\n\nOn Sat, Nov 21, 2026 at 10:02\u202fAM Meridian Outfitters <passwordchange@meridian.example> wrote:\n\n'
             + quote('\n'.join(q[:6])) + '\n\nIt\'s this address, the one I\'m writing from (dgrant.outdoors@gmail.com).\n\n'
             + quote(q[6]) + '\n\nSometime in October, hiking boots for my son. About $140 I think.\n\n'
             + quote('\n'.join(q[7:])) + '\n\nDerek\n')
    visible = "Hi, answers below.\n\nIt's this address, the one I'm writing from (dgrant.outdoors@gmail.com).\n\nSometime in October, hiking boots for my son. About $140 I think.\n\nDerek"
    html = gmail_html('Hi, answers below.', 'On Sat, Nov 21, 2026 at 10:02\u202fAM Meridian Outfitters &lt;<a href="mailto:passwordchange@meridian.example">passwordchange@meridian.example</a>&gt; wrote:',
                      '<div>' + '<br>'.join(esc(x) for x in q[:6]) + '</div></blockquote><div>It&#39;s this address, the one I&#39;m writing from (<a href="mailto:dgrant.outdoors@gmail.com">dgrant.outdoors@gmail.com</a>).</div>'
                      '<blockquote class="gmail_quote">' + esc(q[6]) + '</blockquote><div>Sometime in October, hiking boots for my son. About $140 I think.</div><blockquote class="gmail_quote">' + '<br>'.join(esc(x) for x in q[7:]) + '</blockquote><div>Derek</div><blockquote>')
    b = gmail_boundary(r)
    top = gmail_headers(r, 'dgrant.outdoors@gmail.com', '', 'Sat, 21 Nov 2026 17:48:02 +0000 (UTC)', 'Sat, 21 Nov 2026 09:48:01 -0800 (PST)') + H('''
MIME-Version: 1.0
References: <%(nid)s> <%(rid)s>
In-Reply-To: <%(rid)s>
From: Derek Grant <dgrant.outdoors@gmail.com>
Date: Sat, 21 Nov 2026 11:47:49 -0600
Message-ID: <%(mid)s>
Subject: Re: [Meridian #48213] Trouble creating a new password
To: Meridian Outfitters <passwordchange@meridian.example>
Content-Type: multipart/alternative; boundary="%(b)s"
''' % dict(nid=nid, rid=rid, mid=mid, b=b))
    # the canned reply has numbered lines "1." "2."; line 7 of CANNED_RESET is "1. ...", line 8 is "2. ..."
    write(name, P(top, parts=[text_part(plain, 'UTF-8', 'quoted-printable'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b),
          messageId=mid, inReplyTo=rid, references=[nid, rid], date='2026-11-21T11:47:49-06:00', from_=A('Derek Grant', 'dgrant.outdoors@gmail.com'),
          to=[SUPPORT], subject='Re: [Meridian #48213] Trouble creating a new password', text=plain, visibleText=visible, html='*')


def gmail_angry_long_complaint():
    name = 'gmail-angry-long-complaint'
    new = '''To whoever is reading this,

I have been a loyal Meridian customer since 2009. I have spent thousands of dollars with your company, tents, jackets, my kids' ski gear, you name it. And this is how I find out that my name, address, phone number and DATE OF BIRTH are in the hands of criminals? A form email with a link in it, which is EXACTLY what every scam looks like?

Here is what I want to know, and I want actual answers, not a copy-paste:

1) Why did it take you from November 14 to November 20 to tell me? Six days. In six days someone can open a credit card in my name.
2) Why were you still storing my date of birth? I gave it to you for a birthday coupon ten years ago.
3) What are you going to do for the people you put at risk? "12 months of identity monitoring" is an insult. Identity theft doesn't expire after 12 months.

I have already frozen my credit with all three bureaus, which took me an entire afternoon. I expect to be compensated for that time.

I have also contacted my state attorney general's office and I am following the class action that was filed yesterday. If I don't get a real response from a real person within a week, I will be joining it.

Do not send me another form letter.

Gregory Patel-Simmons'''
    attr = 'On Fri, Nov 20, 2026 at 9:14\u202fAM Meridian Outfitters <passwordchange@meridian.example> wrote:'
    gmail_local_simple(name, 'gpatelsimmons@gmail.com', 'Gregory Patel-Simmons', 'Sat, 21 Nov 2026 07:58:13 -0800', '2026-11-21T07:58:13-08:00',
                       'Sat, 21 Nov 2026 15:58:26 +0000 (UTC)', 'Sat, 21 Nov 2026 07:58:25 -0800 (PST)', new, attr,
                       'Re: Important: please create a new password - UNACCEPTABLE')


def gmail_local_simple(name, sender, sender_name, date_hdr, date_iso, date_utc, date_pst, new, attr, subject, refs=None, irt=None, quoted=None, to=None, to_hdr=None):
    r = rng(name)
    nid = notice_id(name)
    refs = refs or [nid]
    irt = irt or nid
    mid = gmail_msgid(r)
    qtext = quoted if quoted is not None else notice_text()
    plain = new + '\n\n' + attr + '\n\n' + quote(qtext) + '\n'
    hnew = ''.join('<div>%s</div>' % (esc(l) if l else '<br>') for l in new.split('\n'))
    html = gmail_html(hnew, esc(attr), '<div>' + esc(qtext).replace('\n', '<br>') + '</div>')
    b = gmail_boundary(r)
    top = gmail_headers(r, sender, '', date_utc, date_pst) + H('''
MIME-Version: 1.0
References: %(refs)s
In-Reply-To: <%(irt)s>
From: %(sn)s <%(sender)s>
Date: %(date)s
Message-ID: <%(mid)s>
Subject: %(subj)s
To: %(to)s
Content-Type: multipart/alternative; boundary="%(b)s"
''' % dict(refs=' '.join('<%s>' % x for x in refs), irt=irt, sn=sender_name, sender=sender, date=date_hdr, mid=mid, subj=subject, b=b,
           to=to_hdr or 'Meridian Outfitters <passwordchange@meridian.example>'))
    write(name, P(top, parts=[text_part(plain, 'UTF-8', 'quoted-printable'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b),
          messageId=mid, inReplyTo=irt, references=refs, date=date_iso, from_=A(sender_name, sender), to=to or [SUPPORT],
          subject=subject, text=plain, visibleText=new, html='*')


def outlookcom_non_native_english():
    name = 'outlookcom-non-native-english'
    r = rng(name)
    mid = 'PN2PR01MB%04d%s@PN2PR01MB%04d.INDPRD01.PROD.OUTLOOK.COM' % (r.randrange(10000), ralnum(r, 20, 'ABCDEF0123456789'), r.randrange(10000))
    text = ('Respected Sir/Madam,\n\nI am having account in your esteemed company since 2023. Yesterday I received mail regarding create new password. '
            'I have done as per instruction but now it is showing "account not found". Kindly do the needful and revert back at the earliest as I am having '
            'pending order for my brother marriage function.\n\nThanking you,\n\nYours faithfully,\nSuresh Venkataraman\nChennai\n')
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n'
            '<body dir="ltr">\n' + ''.join('<div class="elementToProof" style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">%s</div>\n' % (esc(l) if l else '<br>') for l in text.rstrip('\n').split('\n')) + '</body>\n</html>\n')
    b = '_000_PN2PR01MB%s_' % rhex(r, 12).upper()
    top = exo_headers(r, 'suresh.venkat1987@outlook.com', 'outlook.com', 'Sat, 21 Nov 2026 05:36:18 +0000') + H('''
From: Suresh Venkataraman <suresh.venkat1987@outlook.com>
To: "passwordchange@meridian.example" <passwordchange@meridian.example>
Subject: Regarding new password creation - urgent
Thread-Topic: Regarding new password creation - urgent
Thread-Index: %(ti)s
Date: Sat, 21 Nov 2026 05:36:14 +0000
Message-ID: <%(mid)s>
Accept-Language: en-IN, en-US
Content-Language: en-IN
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
msip_labels:
Content-Type: multipart/alternative;
	boundary="%(b)s"
MIME-Version: 1.0
''' % dict(mid=mid, b=b, ti=thread_index(r, 0)))
    write(name, P(top, parts=[text_part(text, 'iso-8859-1', 'quoted-printable'), text_part(html, 'iso-8859-1', 'quoted-printable', 'html')], boundary=b),
          messageId=mid, date='2026-11-21T05:36:14+00:00', from_=A('Suresh Venkataraman', 'suresh.venkat1987@outlook.com'),
          to=[A('passwordchange@meridian.example', SUPPORT_ADDR)], subject='Regarding new password creation - urgent', text=text, visibleText=text, html='*')


CANNED_CARD = '''Hello Maureen,

Thank you for writing to us. The payment card database was not accessed in this incident: card payments are handled by a separate payment processor, and Meridian does not store full card numbers.

If you see a charge you do not recognize, please contact your card issuer directly.

Kind regards,
Meridian Outfitters Customer Care'''


def yahoo_android_reply_to_our_reply():
    name = 'yahoo-android-reply-to-our-reply'
    r = rng(name)
    nid = notice_id(name)
    rid = 'reply-51877.1@meridian.example'
    mid = '%d.%d.%d@mail.yahoo.com' % (r.randrange(10**8, 10**9), r.randrange(10**6, 10**7), r.randrange(10**12, 10**13))
    new = ("That doesn't answer my question. I asked why there is a charge from \"MRDN*ONLINE\" on my statement on the 18th for $212.40 when I did not order anything. "
           "That is YOUR company name. Who do I talk to?")
    attr = 'On Sat, Nov 21, 2026 at 3:12 PM, Meridian Outfitters<passwordchange@meridian.example> wrote:'
    plain = new + '\n\nSent from Yahoo Mail on Android\n \n  ' + attr + '   ' + CANNED_CARD.replace('\n', '\n') + '\n'
    # Yahoo mobile: the quoted reply follows the attribution on the same line, unprefixed
    text = new + '\n\nSent from Yahoo Mail on Android\n\n  ' + attr + '   ' + CANNED_CARD
    html = ('<html><head></head><body>' + esc(new) + ' <br> <br> <div id="ymail_android_signature"> <a id="ymail_android_signature_link" href="https://mail.onelink.me/107872968?pid=nativeplacement&amp;c=Global_Acquisition_YMktg_315_Internal_EmailSignature&amp;af_sub1=Acquisition&amp;af_sub2=Global_YMktg&amp;af_sub3=&amp;af_sub4=100000604&amp;af_sub5=EmailSignature__Static_">Sent from Yahoo Mail on Android</a></div> <br> <blockquote style="margin: 0 0 20px 0;"> <div style="font-family:Roboto, sans-serif; color:#6D00F6;"> <div>'
            + esc(attr) + '</div> </div> <div style="padding: 10px 0 0 20px; margin: 10px 0 0 0; border-left: 1px solid #6D00F6;"> ' + esc(CANNED_CARD).replace('\n', '<br>') + ' </div> </blockquote></body></html>\n')
    b = '----=_Part_%d_%d.%d' % (r.randrange(10**6, 10**7), r.randrange(10**8, 10**9), r.randrange(10**12, 10**13))
    top = H('''
Return-Path: <maureen.oconnell55@yahoo.com>
Delivered-To: passwordchange@meridian.example
Received: from sonic315-8.consmr.mail.ne1.yahoo.com (sonic315-8.consmr.mail.ne1.yahoo.com [66.163.190.134])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS7x2kPCz9sY3
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 21:26:59 +0000 (UTC)
''') + dkim(r, 'yahoo.com', 's2048', 'Date:From:To:In-Reply-To:References:Subject:From:Subject:Reply-To') + H('''
X-Sonic-MF: <maureen.oconnell55@yahoo.com>
Received: from sonic.gate.mail.ne1.yahoo.com by sonic315-8.consmr.mail.ne1.yahoo.com with HTTP; Sat, 21 Nov 2026 21:26:58 +0000
Date: Sat, 21 Nov 2026 21:26:52 +0000 (UTC)
From: Maureen O'Connell <maureen.oconnell55@yahoo.com>
To: Meridian Outfitters <passwordchange@meridian.example>
Message-ID: <%(mid)s>
In-Reply-To: <%(rid)s>
References: <%(nid)s> <%(rid)s>
Subject: Re: [Meridian #51877] Is my card safe?
MIME-Version: 1.0
Content-Type: multipart/alternative; 
	boundary="%(b)s"
X-Mailer: YahooMailAndroidMobile YMobile/1.0 (com.yahoo.mobile.client.android.mail/7.53.2; Android/14; UP1A.231005.007; e3q; samsung; SM-S928U; 6.17; 2340x1080;)
''' % dict(nid=nid, rid=rid, mid=mid, b=b))
    write(name, P(top, parts=[text_part(plain, 'UTF-8', 'quoted-printable'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b),
          messageId=mid, inReplyTo=rid, references=[nid, rid], date='2026-11-21T21:26:52+00:00', from_=A("Maureen O'Connell", 'maureen.oconnell55@yahoo.com'),
          to=[SUPPORT], subject='Re: [Meridian #51877] Is my card safe?', text=text, visibleText=new, html='*')


def iphone_thanks_short():
    name = 'iphone-thanks-short'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s@me.com' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    new = 'Thanks for the heads up 👍'
    plain = new + '\n\nSent from my iPhone\n\n> On Nov 20, 2026, at 8:14\u202fAM, Meridian Outfitters <passwordchange@meridian.example> wrote:\n> \n> \ufeff' + quote(notice_text(), '> ', '> ')[2:] + '\n'
    text = new + '\n\nSent from my iPhone\n\n> On Nov 20, 2026, at 8:14\u202fAM, Meridian Outfitters <passwordchange@meridian.example> wrote:\n>\n> \ufeff' + quote(notice_text())[2:]
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto"><div dir="ltr">' + esc(new) + '</div><div dir="ltr"><br><div dir="ltr">Sent from my iPhone</div>'
            '<div dir="ltr"><br><blockquote type="cite">On Nov 20, 2026, at 8:14\u202fAM, Meridian Outfitters &lt;passwordchange@meridian.example&gt; wrote:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">\ufeff' + notice_html_body() + '</div></blockquote></body></html>')
    b = 'Apple-Mail-%s' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    top = H('''
Return-Path: <bethany.kowal@me.com>
Delivered-To: passwordchange@meridian.example
Received: from mr85p00im-zteg06021601.me.com (mr85p00im-zteg06021601.me.com [17.58.23.186])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzR7b0T2pz9sY4
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 14:33:51 +0000 (UTC)
Content-Type: multipart/alternative; boundary=%(b)s
Content-Transfer-Encoding: 7bit
From: Bethany Kowal <bethany.kowal@me.com>
Mime-Version: 1.0 (1.0)
Subject: Re: Important: please create a new password
Date: Fri, 20 Nov 2026 08:33:44 -0600
Message-Id: <%(mid)s>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
To: Meridian Outfitters <passwordchange@meridian.example>
X-Mailer: iPhone Mail (22B91)
''' % dict(nid=nid, mid=mid, b=b))
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n', qp(plain.encode())),
        P('Content-Type: text/html;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode())),
    ], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T08:33:44-06:00', from_=A('Bethany Kowal', 'bethany.kowal@me.com'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=text, visibleText=new, html='*')


def evolution_signature_dash_dash():
    name = 'evolution-signature-dash-dash'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s.camel@geology.stateu.example' % rhex(r, 40)
    new = ('Hello,\n\nI tried to create a new password from my office and the page fails with "Access temporarily limited in your region". '
           'I am in Colorado, but our university routes all traffic through a VPN gateway that exits in Frankfurt. '
           'Is there an address range you can allow, or should I just do it from home?\n\nThanks,\nPriya')
    sig = '-- \nDr. Priya Natarajan\nAssociate Professor, Department of Geology\nState University\n+1 970 555 0182'
    attr = 'On Fri, 2026-11-20 at 09:14 -0500, Meridian Outfitters wrote:'
    body = new + '\n\n' + sig + '\n\n' + attr + '\n' + quote(notice_text(72)) + '\n'
    top = H('''
Return-Path: <pnatarajan@geology.stateu.example>
Delivered-To: passwordchange@meridian.example
Received: from smtp.stateu.example (smtp.stateu.example [198.51.100.9])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzR9L3mDhz9sY5
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 16:41:05 +0000 (UTC)
Received: from [10.41.7.119] (vpn-gw-fra.stateu.example [198.51.100.10])
	(Authenticated sender: pnatarajan)
	by smtp.stateu.example (Postfix) with ESMTPSA id 6B2C1A0F3E
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 09:41:04 -0700 (MST)
Message-ID: <%(mid)s>
Subject: Re: Important: please create a new password
From: Priya Natarajan <pnatarajan@geology.stateu.example>
To: Meridian Outfitters <passwordchange@meridian.example>
Date: Fri, 20 Nov 2026 09:41:01 -0700
In-Reply-To: <%(nid)s>
References: <%(nid)s>
Content-Type: text/plain; charset="UTF-8"
User-Agent: Evolution 3.52.3-0ubuntu1
MIME-Version: 1.0
Content-Transfer-Encoding: 7bit
''' % dict(nid=nid, mid=mid))
    write(name, P(top, body.encode()), messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T09:41:01-07:00',
          from_=A('Priya Natarajan', 'pnatarajan@geology.stateu.example'), to=[SUPPORT], subject='Re: Important: please create a new password',
          text=body, visibleText=new)


def human_out_of_office_words():
    name = 'human-out-of-office-words'
    new = ("I'm out of the office until December 7 and only have my phone with me. I'm currently in Costa Rica. "
           "Will the old password keep working until I'm back, or do I have to do this now? Your site doesn't load here.\n\nThanks\nMegan")
    attr = 'On Fri, Nov 20, 2026 at 9:14\u202fAM Meridian Outfitters <passwordchange@meridian.example> wrote:'
    gmail_local_simple(name, 'megan.oduya@gmail.com', 'Megan Oduya', 'Sat, 21 Nov 2026 08:12:40 -0600', '2026-11-21T08:12:40-06:00',
                       'Sat, 21 Nov 2026 14:12:53 +0000 (UTC)', 'Sat, 21 Nov 2026 06:12:52 -0800 (PST)', new, attr,
                       'Re: Important: please create a new password')


def human_auto_submitted_no():
    name = 'human-auto-submitted-no'
    r = rng(name)
    mid = '%s@webmail.fastmail.example' % rhex(r, 24)
    body = ('Hi,\n\nPlease close my Meridian account (the one registered to this address) and confirm that my data has been deleted. '
            'I do not want identity monitoring; I want the data gone.\n\nH. Okonkwo\n')
    top = H('''
Return-Path: <h.okonkwo@fastmail.example>
Delivered-To: passwordchange@meridian.example
Received: from out3-smtp.messagingengine.example (out3-smtp.messagingengine.example [203.0.113.27])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRv14qKsz9sY6
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 07:14:22 +0000 (UTC)
Received: from compute1.internal (compute1.nyi.internal [10.202.2.41])
	by mailout.nyi.internal (Postfix) with ESMTP id 8C2D1A2E0075
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 02:14:21 -0500 (EST)
MIME-Version: 1.0
Message-Id: <%(mid)s>
Date: Sat, 21 Nov 2026 07:14:19 +0000
From: "H. Okonkwo" <h.okonkwo@fastmail.example>
To: passwordchange@meridian.example
Subject: Close my account
Auto-Submitted: no
X-Auto-Response-Suppress: OOF
Content-Type: text/plain
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-21T07:14:19+00:00', from_=A('H. Okonkwo', 'h.okonkwo@fastmail.example'), to=[A(None, SUPPORT_ADDR)],
          subject='Close my account', text=body, visibleText=body)


def thunderbird_forwarded_message_inline():
    name = 'thunderbird-forwarded-message-inline'
    r = rng(name)
    mid = '%s-%s-%s-%s-%s@comcast.net' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    new = 'Hello,\n\nthis arrived an hour ago. It even has my name in it. I reported it to my provider as phishing, but please confirm that it is not yours.\n\nThank you\nArthur Lindgren'
    fwd = ('-------- Forwarded Message --------\nSubject: \tYour Meridian account has been suspended\nDate: \tSat, 21 Nov 2026 16:47:12 +0000\n'
           'From: \tMeridian Account Services <accounts@meridian-support-desk.example>\nReply-To: \trestore@meridian-support-desk.example\nTo: \tarthur.lindgren@comcast.net\n\n\n\n'
           'Hello Arthur Lindgren,\n\nYour Meridian account was suspended after the recent security incident. To restore access and keep your Trailhead points, '
           'confirm your details within 48 hours:\n\nhttps://meridian-support-desk.example/restore?u=arthur.lindgren\n\nMeridian Account Services\n')
    body = new + '\n\n\n' + fwd
    b = '------------%s' % ralnum(r, 24)
    top = H('''
Return-Path: <arthur.lindgren@comcast.net>
Delivered-To: passwordchange@meridian.example
Received: from resomta-h2p-554411.sys.comcast.net (resomta-h2p-554411.sys.comcast.net [96.102.179.201])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS3C0sLwz9sY7
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 17:49:30 +0000 (UTC)
Message-ID: <%(mid)s>
Date: Sat, 21 Nov 2026 12:49:26 -0500
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Fwd: Your Meridian account has been suspended
References: <a1f0e2d3c4b5@meridian-support-desk.example>
Content-Language: en-US
To: passwordchange@meridian.example
From: Arthur Lindgren <arthur.lindgren@comcast.net>
In-Reply-To: <a1f0e2d3c4b5@meridian-support-desk.example>
X-Forwarded-Message-Id: <a1f0e2d3c4b5@meridian-support-desk.example>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, inReplyTo='a1f0e2d3c4b5@meridian-support-desk.example', references=['a1f0e2d3c4b5@meridian-support-desk.example'],
          date='2026-11-21T12:49:26-05:00', from_=A('Arthur Lindgren', 'arthur.lindgren@comcast.net'), to=[A(None, SUPPORT_ADDR)],
          subject='Fwd: Your Meridian account has been suspended', text=body, visibleText=new)


def apple_begin_forwarded_message():
    name = 'apple-begin-forwarded-message'
    r = rng(name)
    mid = '%s@icloud.com' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    new = "Is this you? It came right after your real email. I'm not clicking anything until someone tells me.\n\nTeresa"
    fwd = ('Begin forwarded message:\n\nFrom: Meridian Outfitters <noreply@meridian-passwords.example>\nSubject: Complete your password change\n'
           'Date: November 20, 2026 at 11:03:52\u202fAM PST\nTo: teresa.vance@icloud.com\nReply-To: noreply@meridian-passwords.example\n\n'
           'Your password change is not complete. Finish it here within 12 hours or your account will be closed:\nhttps://meridian-passwords.example/complete\n')
    plain = new + '\n\nSent from my iPad\n\n' + fwd
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto"><div dir="ltr">' + esc(new).replace('\n', '<br>') + '<br><br><div dir="ltr">Sent from my iPad</div><div dir="ltr"><br>'
            '<blockquote type="cite">Begin forwarded message:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr"><b>From:</b> Meridian Outfitters &lt;noreply@meridian-passwords.example&gt;<br><b>Subject:</b> Complete your password change<br>'
            '<b>Date:</b> November 20, 2026 at 11:03:52\u202fAM PST<br><b>To:</b> teresa.vance@icloud.com<br><b>Reply-To:</b> noreply@meridian-passwords.example<br><br></div></blockquote>'
            '<blockquote type="cite"><div dir="ltr"><p>Your password change is not complete. Finish it here within 12 hours or your account will be closed:<br><a href="https://meridian-passwords.example/complete">https://meridian-passwords.example/complete</a></p></div></blockquote></div></body></html>')
    b = 'Apple-Mail-%s' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    top = H('''
Return-Path: <teresa.vance@icloud.com>
Delivered-To: passwordchange@meridian.example
Received: from st43p00im-zteg10071901.me.com (st43p00im-zteg10071901.me.com [17.58.63.181])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRF60yM2z9sY8
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 19:21:08 +0000 (UTC)
Content-Type: multipart/alternative; boundary=%(b)s
Content-Transfer-Encoding: 7bit
From: Teresa Vance <teresa.vance@icloud.com>
Mime-Version: 1.0 (1.0)
Subject: Fwd: Complete your password change
Date: Fri, 20 Nov 2026 11:21:01 -0800
Message-Id: <%(mid)s>
References: <7c41e0b2-98aa-4b0f-bf5e-21d3f0a9c6e1@meridian-passwords.example>
To: passwordchange@meridian.example
X-Mailer: iPad Mail (22B91)
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n', qp(plain.encode())),
        P('Content-Type: text/html;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode())),
    ], boundary=b)
    write(name, msg, messageId=mid, references=['7c41e0b2-98aa-4b0f-bf5e-21d3f0a9c6e1@meridian-passwords.example'], date='2026-11-20T11:21:01-08:00',
          from_=A('Teresa Vance', 'teresa.vance@icloud.com'), to=[A(None, SUPPORT_ADDR)], subject='Fwd: Complete your password change',
          text=plain, visibleText=new, html='*')


def outlook_mac_reply_header_block():
    name = 'outlook-mac-reply-header-block'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s@tranquilwaters.example' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    new = ('Hi,\n\nHow do I sign up for the identity monitoring? I created my new password but I can\u2019t find anything about monitoring on the account page, '
           'only my orders and addresses. Is there a code I need?\n\nThanks,\nWes')
    hdr = 'From: Meridian Outfitters <passwordchange@meridian.example>\nDate: Friday, November 20, 2026 at 9:14\u202fAM\nTo: Wesley Tran <wes@tranquilwaters.example>\nSubject: Important: please create a new password'
    plain = new + '\n\n' + hdr + '\n\n' + notice_text() + '\n'
    html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">'
            '<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)"></head><body lang=EN-US link="#467886" vlink="#96607D" style=\'word-wrap:break-word\'><div class=WordSection1>'
            + ''.join('<p class=MsoNormal>%s<o:p></o:p></p>' % (esc(l) if l else '<o:p>&nbsp;</o:p>') for l in new.split('\n'))
            + '<div id="mail-editor-reference-message-container"><div><div style=\'border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in\'><p class=MsoNormal style=\'margin-bottom:12.0pt\'><b>From: </b>Meridian Outfitters &lt;passwordchange@meridian.example&gt;<br><b>Date: </b>Friday, November 20, 2026 at 9:14\u202fAM<br><b>To: </b>Wesley Tran &lt;wes@tranquilwaters.example&gt;<br><b>Subject: </b>Important: please create a new password<o:p></o:p></p></div>'
            + notice_html_body() + '</div></div></div></body></html>\n')
    b = 'B_%d_%d' % (r.randrange(10**9, 10**10), r.randrange(10**8, 10**9))
    top = H('''
Return-Path: <wes@tranquilwaters.example>
Delivered-To: passwordchange@meridian.example
Received: from mail.tranquilwaters.example (mail.tranquilwaters.example [203.0.113.211])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS2H3bQwz9sY9
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 16:31:36 +0000 (UTC)
User-Agent: Microsoft-MacOutlook/16.91.24111020
Date: Sat, 21 Nov 2026 08:31:30 -0800
Subject: Re: Important: please create a new password
From: Wesley Tran <wes@tranquilwaters.example>
To: Meridian Outfitters <passwordchange@meridian.example>
Message-ID: <%(mid)s>
Thread-Topic: Important: please create a new password
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Mime-version: 1.0
Content-type: multipart/alternative;
	boundary="%(b)s"
''' % dict(mid=mid, nid=nid, b=b))
    msg = P(top, parts=[
        P('Content-type: text/plain;\n\tcharset="UTF-8"\nContent-transfer-encoding: quoted-printable\n', qp(plain.encode())),
        P('Content-type: text/html;\n\tcharset="UTF-8"\nContent-transfer-encoding: quoted-printable\n', qp(html.encode())),
    ], boundary=b, preamble=b'> This message is in MIME format. Since your mail reader does not understand\nthis format, some or all of this message may not be legible.\n\n')
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-21T08:31:30-08:00', from_=A('Wesley Tran', 'wes@tranquilwaters.example'),
          to=[SUPPORT], subject='Re: Important: please create a new password', text=plain, visibleText=new, html='*')


def html_only_script_and_tracking():
    name = 'html-only-script-and-tracking'
    r = rng(name)
    mid = '%s@spokeandchain.example' % rhex(r, 24)
    html = ('<html><head><style type="text/css">body{font-family:Arial} .sig{color:#888}</style>'
            '<script type="text/javascript">var _mt = "8a7b6c"; document.write("tracked");</script></head>\n<body>\n'
            '<div>Hi Meridian team,</div>\n<div><br></div>\n'
            '<div>I run a small bike shop and we buy through your wholesale program. Our buyer login stopped working after the reset and our order for the <b>Ridgeback 40L</b> packs is stuck in the cart.</div>\n'
            '<div><br></div>\n'
            '<div>Can someone <a href="https://mailtrack.example/l/8a7b6c?url=https%3A%2F%2Fwww.meridian.example%2Fwholesale" onclick="track(1)">check our account</a>? Account number is WH-20417.</div>\n'
            '<div><br></div>\n'
            '<div class="sig">Luis Ortega<br>Owner, Spoke &amp; Chain Cycles<br><a href="tel:+15055550163">(505) 555-0163</a></div>\n'
            '<img src="https://mailtrack.example/trace/mail/3f9a2c.png" width="1" height="1" onload="ping()">\n</body></html>\n')
    text = ('Hi Meridian team,\n\nI run a small bike shop and we buy through your wholesale program. Our buyer login stopped working after the reset and our order for the Ridgeback 40L packs is stuck in the cart.\n\n'
            'Can someone check our account (https://mailtrack.example/l/8a7b6c?url=https%3A%2F%2Fwww.meridian.example%2Fwholesale)? Account number is WH-20417.\n\n'
            'Luis Ortega\nOwner, Spoke & Chain Cycles\n(505) 555-0163')
    top = H('''
Return-Path: <luis@spokeandchain.example>
Delivered-To: passwordchange@meridian.example
Received: from smtp.spokeandchain.example (smtp.spokeandchain.example [203.0.113.102])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS0X5ZrKz9sYB
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 15:04:19 +0000 (UTC)
From: Luis Ortega <luis@spokeandchain.example>
To: passwordchange@meridian.example
Subject: Wholesale buyer login not working
Date: Sat, 21 Nov 2026 08:04:15 -0700
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 7bit
X-Mailtrack: 8a7b6c
''' % dict(mid=mid))
    write(name, P(top, html.encode()), messageId=mid, date='2026-11-21T08:04:15-07:00', from_=A('Luis Ortega', 'luis@spokeandchain.example'), to=[A(None, SUPPORT_ADDR)],
          subject='Wholesale buyer login not working', text=text, visibleText=text, html='*')


def protonmail_footer_sms_phishing():
    name = 'protonmail-footer-sms-phishing'
    r = rng(name)
    mid = '%s=@proton.me' % ralnum(r, 86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')
    new = ('Hello,\n\nI received a text message this morning: "Meridian: your account is locked after the security incident. Verify now at mrdn-help.example/v". '
           'Is this from you? Your email said you never ask for information by text.\n\nJordan')
    plain = new + '\n\nSent with [Proton Mail](https://proton.me/mail/home) secure email.\n'
    html = ('<div style="font-family: Arial, sans-serif; font-size: 14px;">' + esc(new).replace('\n', '<br>') + '</div><div style="font-family: Arial, sans-serif; font-size: 14px;"><br></div>'
            '<div class="protonmail_signature_block" style="font-family: Arial, sans-serif; font-size: 14px;"><div class="protonmail_signature_block-proton">Sent with <a target="_blank" href="https://proton.me/mail/home">Proton Mail</a> secure email.</div></div>\n')
    b = 'b1=_' + ralnum(r, 43)
    top = H('''
Return-Path: <jordan.reyes@proton.me>
Delivered-To: passwordchange@meridian.example
Received: from mail-4316.protonmail.ch (mail-4316.protonmail.ch [185.70.43.16])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRy73TnMz9sYC
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 12:18:44 +0000 (UTC)
''') + dkim(r, 'proton.me', 'protonmail', 'Date:To:From:Subject:Message-ID:Feedback-ID:From:To:Cc:Date:Subject:\n\t Reply-To:Feedback-ID:Message-ID:BIMI-Selector') + H('''
Date: Sat, 21 Nov 2026 12:18:39 +0000
To: "passwordchange@meridian.example" <passwordchange@meridian.example>
From: Jordan Reyes <jordan.reyes@proton.me>
Subject: Text message from "Meridian"?
Message-ID: <%(mid)s>
Feedback-ID: %(fb)s:user:proton
X-Pm-Message-ID: %(pm)s
MIME-Version: 1.0
Content-Type: multipart/alternative;
 boundary="%(b)s"
''' % dict(mid=mid, fb=r.randrange(10**7), pm=rhex(r, 40), b=b))
    write(name, P(top, parts=[text_part(plain, 'utf-8', 'quoted-printable'), text_part(html, 'utf-8', 'quoted-printable', 'html')], boundary=b),
          messageId=mid, date='2026-11-21T12:18:39+00:00', from_=A('Jordan Reyes', 'jordan.reyes@proton.me'), to=[A('passwordchange@meridian.example', SUPPORT_ADDR)],
          subject='Text message from "Meridian"?', text=plain, visibleText=new, html='*')


def related_html_only_cid_logo():
    name = 'related-html-only-cid-logo'
    r = rng(name)
    mid = '%d.%d@zoho.com' % (r.randrange(10**12, 10**13), r.randrange(10**12, 10**13))
    logo = png(120, 40, 'logo-' + name)
    html = ('<!DOCTYPE html><html><head><meta content="text/html;charset=UTF-8" http-equiv="Content-Type"></head><body><div style="font-family: Verdana, Arial, Helvetica, sans-serif; font-size: 10pt;">'
            '<div>Hello,</div><div><br></div><div>Our family has four accounts with you (me, my wife and our two adult kids). We only got the notice for two of them. '
            'Does that mean the other two were not affected, or did the email not arrive?</div><div><br></div><div>Thank you,</div><div><br></div>'
            '<div id="Zm-_Id_-Sgn"><div>Vikram Sethi</div><div><img src="cid:logo_sethi_cpa@zoho" alt="" width="120" height="40"></div><div>Sethi &amp; Associates CPA</div></div><div><br></div></div><br></body></html>\n')
    text = ('Hello,\n\nOur family has four accounts with you (me, my wife and our two adult kids). We only got the notice for two of them. Does that mean the other two were not affected, or did the email not arrive?\n\n'
            'Thank you,\n\nVikram Sethi\nSethi & Associates CPA')
    b = '----=_Part_%d_%d.%d' % (r.randrange(10**5, 10**6), r.randrange(10**8, 10**9), r.randrange(10**12, 10**13))
    top = H('''
Return-Path: <vikram@sethicpa.example>
Delivered-To: passwordchange@meridian.example
Received: from sender4-op-o15.zoho.com (sender4-op-o15.zoho.com [136.143.188.15])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRm83VkPz9sYD
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 02:41:27 +0000 (UTC)
Received: from mail.zoho.com by mx.zohomail.com
	with SMTP id 1795746085123456.789012345678; Fri, 20 Nov 2026 18:41:25 -0800 (PST)
Date: Fri, 20 Nov 2026 21:41:25 -0500
From: Vikram Sethi <vikram@sethicpa.example>
To: "passwordchange" <passwordchange@meridian.example>
Message-Id: <%(mid)s>
Subject: Family accounts - only 2 of 4 got the notice
MIME-Version: 1.0
Content-Type: multipart/related; 
	boundary="%(b)s"
Importance: Medium
User-Agent: Zoho Mail
X-Mailer: Zoho Mail
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[
        text_part(html, 'UTF-8', '7bit', 'html'),
        P('Content-Type: image/png; name="logo.png"\nContent-Transfer-Encoding: base64\nX-ZM_AttachId: 1795746085%d\nContent-ID: <logo_sethi_cpa@zoho>\nContent-Disposition: inline; filename="logo.png"\n' % r.randrange(10**6), b64(logo)),
    ], boundary=b)
    write(name, msg, messageId=mid, date='2026-11-20T21:41:25-05:00', from_=A('Vikram Sethi', 'vikram@sethicpa.example'), to=[A('passwordchange', SUPPORT_ADDR)],
          subject='Family accounts - only 2 of 4 got the notice', text=text, visibleText=text, html='*',
          attachments=[att('logo.png', 'image/png', logo, True, 'logo_sethi_cpa@zoho')])


FUNCS = [missing_final_boundary, wrong_boundary, deep_nesting_forward_chain, outlook_forward_item_attachment, smime_signed_outlook, pgp_signed_thunderbird,
         gmail_interleaved_inline_reply, gmail_angry_long_complaint, outlookcom_non_native_english, yahoo_android_reply_to_our_reply, iphone_thanks_short,
         evolution_signature_dash_dash, human_out_of_office_words, human_auto_submitted_no, thunderbird_forwarded_message_inline, apple_begin_forwarded_message,
         outlook_mac_reply_header_block, html_only_script_and_tracking, protonmail_footer_sms_phishing, related_html_only_cid_logo]
if __name__ == '__main__':
    for f in FUNCS:
        f()
    print(len(WRITTEN), 'messages')
