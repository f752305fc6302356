import textwrap, html as _html
from lib import *

SUPPORT = A('Meridian Outfitters', 'passwordchange@meridian.example')
SUPPORT_ADDR = 'passwordchange@meridian.example'

NOTICE_SUBJECT = 'Important: please create a new password'
NOTICE_PARAS = [
    'Dear Customer,',
    'On November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters system that stores customer account information. Your payment card information was not affected.',
    'As a precaution we have expired all passwords. The next time you visit meridian.example, please select "Create a New Password" and follow the steps.',
    'Meridian will never ask you for your password or personal information by email.',
    'We apologize for the inconvenience. Questions? Reply to this email or write to passwordchange@meridian.example.',
    'Meridian Outfitters\nhttps://www.meridian.example',
]

def notice_text(width=None):
    paras = []
    for p in NOTICE_PARAS:
        if width:
            p = '\n'.join(textwrap.fill(l, width, break_long_words=False, break_on_hyphens=False) for l in p.split('\n'))
        paras.append(p)
    return '\n\n'.join(paras)

def quote(text, prefix='> ', empty='>'):
    return '\n'.join((prefix + l) if l else empty for l in text.split('\n'))

def notice_html_body():
    out = []
    for p in NOTICE_PARAS:
        out.append('<p>' + '<br>\n'.join(_html.escape(l, quote=False) for l in p.split('\n')) + '</p>')
    return '\n'.join(out)

def notice_id(tag):
    r = rng('notice' + tag)
    return 'notice.20261120.%s@meridian.example' % rhex(r, 16)

def esc(s):
    return _html.escape(s, quote=False)

WORD_HEAD = '''<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=%s">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
	{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0in;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
a:link, span.MsoHyperlink
	{mso-style-priority:99;
	color:#0563C1;
	text-decoration:underline;}
span.EmailStyle18
	{mso-style-type:personal-reply;
	font-family:"Calibri",sans-serif;
	color:windowtext;}
.MsoChpDefault
	{mso-style-type:export-only;
	font-size:10.0pt;}
@page WordSection1
	{size:8.5in 11.0in;
	margin:1.0in 1.0in 1.0in 1.0in;}
div.WordSection1
	{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="%s" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
'''

def word_html(charset, lang, new_lines, header_lines=None, quoted_paras=None, extra_html=''):
    """Outlook desktop HTML: MsoNormal paragraphs, empty lines as &nbsp;, a border-top reply header."""
    out = WORD_HEAD % (charset, lang)
    for l in new_lines:
        out += '<p class="MsoNormal">%s<o:p></o:p></p>\n' % (esc(l) if l else '&nbsp;')
    out += extra_html
    if header_lines:
        out += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        out += '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">\n<p class="MsoNormal">'
        parts = []
        for l in header_lines:
            k, _, v = l.partition(':')
            if k.endswith(' '):
                k, v = k[:-1], v
            parts.append('<b>%s:</b>%s' % (esc(k), esc(v)))
        out += '<br>\n'.join(parts) + '<o:p></o:p></p>\n</div>\n'
        for p in quoted_paras or []:
            out += '<p class="MsoNormal">%s<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n' % '<br>\n'.join(esc(x) for x in p.split('\n'))
    out += '</div>\n</body>\n</html>\n'
    return out

def gmail_html(new_html, attr=None, quoted_html=None):
    out = '<div dir="ltr">%s</div>' % new_html
    if attr:
        out += ('<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">%s<br></div>'
                '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
                '%s</blockquote></div>' % (attr, quoted_html))
    return out + '\n'

def received_gmail(r, sender, date_utc, ip='209.85.220.41', host='mail-sor-f41.google.com'):
    return ('Received: from %s (%s [%s])\n'
            '\tby mx1.meridian.example (Postfix) with ESMTPS id 4Fz%s\n'
            '\tfor <passwordchange@meridian.example>; %s\n'
            'Authentication-Results: mx1.meridian.example;\n'
            '\tdkim=pass header.d=gmail.com header.s=20230601 header.b=%s;\n'
            '\tspf=pass (mx1.meridian.example: domain of %s designates %s as permitted sender) smtp.mailfrom=%s;\n'
            '\tdmarc=pass (policy=none) header.from=gmail.com\n') % (
        host, host, ip, ralnum(r, 11), date_utc, ralnum(r, 8), sender, ip, sender)

def gmail_headers(r, sender, date_hdr, date_utc, date_pst, extra_top=''):
    """Transport headers of a message sent from gmail.com, received by our MX."""
    return ('Return-Path: <%s>\n' % sender
            + 'Delivered-To: passwordchange@meridian.example\n'
            + received_gmail(r, sender, date_utc)
            + 'Received: by mail-sor-f41.google.com with SMTP id 5b1f17b1804b1-%sso%df8f.%d\n' % (rhex(r, 11), r.randrange(10**6, 10**7), r.randrange(1, 9))
            + '        for <passwordchange@meridian.example>; %s\n' % date_pst
            + 'ARC-Seal: i=1; a=rsa-sha256; t=1795%06d; cv=none;\n        d=google.com; s=arc-20240605;\n        b=%s\n' % (r.randrange(10**6), fold_b64(rb64(r, 192), 60, 70, '        '))
            + 'ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20240605;\n        h=to:subject:message-id:date:from:in-reply-to:references:mime-version\n         :dkim-signature;\n        bh=%s;\n        fh=%s;\n        b=%s\n' % (rb64(r, 32), rb64(r, 32), fold_b64(rb64(r, 192), 60, 70, '        '))
            + 'ARC-Authentication-Results: i=1; mx.google.com;\n       dkim=pass header.i=@gmail.com header.s=20230601 header.b=%s;\n       spf=pass (google.com: domain of %s designates 209.85.220.41 as permitted sender) smtp.mailfrom=%s;\n       dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com\n' % (ralnum(r, 8), sender, sender)
            + dkim(r, 'gmail.com', '20230601', 'to:subject:message-id:date:from:in-reply-to:references\n         :mime-version:from:to:cc:subject:date:message-id:reply-to')
            + 'X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d=1e100.net; s=20230601; t=1795%06d;\n        h=to:subject:message-id:date:from:in-reply-to:references\n         :mime-version:x-gm-message-state:from:to:cc:subject:date:message-id\n         :reply-to;\n        bh=%s;\n        b=%s\n' % (r.randrange(10**6), rb64(r, 32), fold_b64(rb64(r, 192), 60, 70, '         '))
            + 'X-Gm-Message-State: AOJu0Y%s\n\t%s\n' % (ralnum(r, 58), ralnum(r, 66))
            + 'X-Google-Smtp-Source: AGHT+IF%s\n' % ralnum(r, 60)
            + 'X-Received: by 2002:a05:6000:%x:b0:42f:%x:%x with SMTP id %s-%s.%d.%d;\n        %s\n' % (r.randrange(4096), r.randrange(4096), r.randrange(4096), rhex(r, 10), rhex(r, 11), r.randrange(1, 999), r.randrange(1, 1000000), date_pst)
            + extra_top)

def gmail_msgid(r):
    return 'CA%s@mail.gmail.com' % ralnum(r, 48, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-=')

def gmail_boundary(r):
    return '000000000000' + rhex(r, 16)

def outlook_msgid(r, domain):
    return '%s$%s$%s$@%s' % (rhex(r, 12), rhex(r, 8), rhex(r, 8), domain)

def thread_index(r, replies=1):
    import base64 as _b
    return _b.b64encode(bytes(r.getrandbits(8) for _ in range(22 + 5 * replies))).decode()

def exo_headers(r, sender, domain, date_utc, tenant='meridiancustomer'):
    """Transport headers for mail from Exchange Online (Microsoft 365 / outlook.com)."""
    host = 'NAM%02dFT%03d.mail.protection.outlook.com' % (r.randrange(2, 12), r.randrange(10, 99))
    ip = '40.107.%d.%d' % (r.randrange(0, 255), r.randrange(1, 254))
    return ('Return-Path: <%s>\n' % sender
            + 'Delivered-To: passwordchange@meridian.example\n'
            + 'Received: from %s (mail-%s.outbound.protection.outlook.com [%s])\n' % (host.lower(), ralnum(r, 10, 'abcdefghijklmnopqrstuvwxyz0123456789'), ip)
            + '\tby mx1.meridian.example (Postfix) with ESMTPS id 4Fz%s\n' % ralnum(r, 11)
            + '\tfor <passwordchange@meridian.example>; %s\n' % date_utc
            + 'Authentication-Results: mx1.meridian.example;\n\tdkim=pass header.d=%s header.s=selector1 header.b=%s;\n\tspf=pass smtp.mailfrom=%s;\n\tdmarc=pass (policy=quarantine) header.from=%s\n' % (domain, ralnum(r, 8), domain, domain)
            + 'ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;\n b=%s\n' % fold_b64(rb64(r, 256), 70, 76, ' ')
            + 'ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;\n s=arcselector10001;\n h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0;\n bh=%s;\n b=%s\n' % (rb64(r, 32), fold_b64(rb64(r, 256), 70, 76, ' '))
            + 'ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass\n smtp.mailfrom=%s; dmarc=pass action=none header.from=%s;\n dkim=pass header.d=%s; arc=none\n' % (domain, domain, domain)
            + dkim(r, domain, 'selector1', 'From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck')
            + 'Received: from %s (2603:10b6:%x:%x::%x) by\n %s (2603:10b6:%x:%x::%x) with Microsoft SMTP Server\n (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.%d.%d; %s\n' % (
                'SJ0PR%02dMB%04d.namprd%02d.prod.outlook.com' % (r.randrange(10, 99), r.randrange(1000, 9999), r.randrange(1, 20)), r.randrange(4096), r.randrange(4096), r.randrange(4096),
                'CH3PR%02dMB%04d.namprd%02d.prod.outlook.com' % (r.randrange(10, 99), r.randrange(1000, 9999), r.randrange(1, 20)), r.randrange(4096), r.randrange(4096), r.randrange(4096),
                r.randrange(8000, 9400), r.randrange(10, 99), date_utc))
