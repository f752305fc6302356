from common import *

def outlook_1252_quoted_notice():
    name = 'outlook-1252-quoted-notice'
    r = rng(name)
    mid = outlook_msgid(r, 'comcast.net')
    nid = notice_id(name)
    new = ('Hello,\n\nI got your email about creating a new password but when I click \u201cCreate a New Password\u201d on the website nothing happens \u2013 the page just reloads. I\u2019ve tried it three times now, on Chrome and on Edge.\n\n'
           'My account is under this email address. Can you please send me the link directly or reset it on your end?\n\nThank you,\nLinda Marsh\n(555) 014-2287')
    hl = ['From: Meridian Outfitters <passwordchange@meridian.example> ', 'Sent: Friday, November 20, 2026 9:14 AM', 'To: lmarsh@comcast.net', 'Subject: Important: please create a new password']
    plain = new + '\n\n' + '\n'.join(hl) + '\n\n' + notice_text() + '\n\n'
    html = word_html('windows-1252', 'EN-US', new.split('\n'), hl, NOTICE_PARAS)
    b = '----=_NextPart_000_0013_01DB3B1E.7C9E8A40'
    top = H('''
Return-Path: <lmarsh@comcast.net>
Delivered-To: passwordchange@meridian.example
Received: from resomta-a1p-077057.sys.comcast.net (resomta-a1p-077057.sys.comcast.net [96.102.18.230])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzR8k1pQWz9sWr
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 19:48:12 +0000 (UTC)
Authentication-Results: mx1.meridian.example;
	dkim=pass header.d=comcast.net header.s=20190202a header.b=Ksm2q0Hv;
	spf=pass smtp.mailfrom=lmarsh@comcast.net;
	dmarc=pass (policy=none) header.from=comcast.net
Received: from resdmta-a1p-077436.sys.comcast.net ([96.102.18.207])
	by resomta-a1p-077057.sys.comcast.net with ESMTPS
	id 8mHqtXkQ2pBnJ8mHqtHcS2; Fri, 20 Nov 2026 19:48:11 +0000
''') + dkim(r, 'comcast.net', '20190202a', 'Received:Received:From:To:Subject:Date:Message-ID:\n\t Content-Type:MIME-Version:Xfinity-Spam-Result') + H('''
Received: from DESKTOP-7Q2M1KD ([198.51.100.23])
	by resdmta-a1p-077436.sys.comcast.net with ESMTPA
	id 8mHqtHbZ0Xq5R8mHqtOp3u; Fri, 20 Nov 2026 19:48:09 +0000
X-Xfinity-VAAS: gggruggvucftvghtrhhoucdtuddrgeefuddrvdegiedgudduvdcutefuodetggdotefrodftvfcurf
X-Xfinity-VMeta: sc=-100.00;st=legit
From: "Linda Marsh" <lmarsh@comcast.net>
To: "'Meridian Outfitters'" <passwordchange@meridian.example>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Subject: RE: Important: please create a new password
Date: Fri, 20 Nov 2026 14:48:07 -0500
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: multipart/alternative;
	boundary="%(b)s"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: %(ti)s
Content-Language: en-us
''' % dict(nid=nid, mid=mid, b=b, ti=thread_index(r)))
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset="windows-1252"\nContent-Transfer-Encoding: quoted-printable\n', qp(plain.encode('cp1252'))),
        P('Content-Type: text/html;\n\tcharset="windows-1252"\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode('cp1252'))),
    ], boundary=b, preamble=b'This is a multipart message in MIME format.\n\n')
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T14:48:07-05:00',
          from_=A('Linda Marsh', 'lmarsh@comcast.net'), to=[A("'Meridian Outfitters'", SUPPORT_ADDR)],
          subject='RE: Important: please create a new password', text=plain, visibleText=new, html='*')


def outlook_original_message_separator():
    name = 'outlook-original-message-separator'
    r = rng(name)
    mid = outlook_msgid(r, 'mchsi.com')
    nid = notice_id(name)
    new = '''To whom it may concern,

I am 81 years old and my grandson usually helps me with the computer but he is away at college. I received your letter about the password. I do not understand what I am supposed to do. I clicked on the words and it asked me for a code that was sent to my email but I have looked and there is no code. Is my money safe? I bought a coat from you in October with my Visa.

Please call me if that is easier, I am home most days.

Dorothy Pruitt
Ames, Iowa'''
    quoted = '''-----Original Message-----
From: Meridian Outfitters [mailto:passwordchange@meridian.example] 
Sent: Friday, November 20, 2026 10:02 AM
To: dpruitt1944@mchsi.com
Subject: Important: please create a new password

''' + notice_text()
    plain = new + '\n\n' + quoted + '\n\n'
    top = H('''
Return-Path: <dpruitt1944@mchsi.com>
Delivered-To: passwordchange@meridian.example
Received: from smtp.mchsi.com (smtp.mchsi.com [203.0.113.45])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzS1c0yVPz9sX2
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 16:21:40 +0000 (UTC)
Received: from Dorothy ([198.51.100.77]) by smtp.mchsi.com
          (InterMail vM.8.04.03.22 201-2389-100-172-20151028) with ESMTPA
          id <20261121162139.HXQJ29417.smtp.mchsi.com@Dorothy>
          for <passwordchange@meridian.example>;
          Sat, 21 Nov 2026 16:21:39 +0000
From: "Dorothy Pruitt" <dpruitt1944@mchsi.com>
To: "'Meridian Outfitters'" <passwordchange@meridian.example>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Subject: RE: Important: please create a new password
Date: Sat, 21 Nov 2026 10:21:35 -0600
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: text/plain;
	charset="us-ascii"
Content-Transfer-Encoding: 7bit
X-Mailer: Microsoft Office Outlook 12.0
Thread-Index: %(ti)s
Content-Language: en-us
''' % dict(nid=nid, mid=mid, ti=thread_index(r)))
    write(name, P(top, plain.encode('ascii')), messageId=mid, inReplyTo=nid, references=[nid],
          date='2026-11-21T10:21:35-06:00', from_=A('Dorothy Pruitt', 'dpruitt1944@mchsi.com'),
          to=[A("'Meridian Outfitters'", SUPPORT_ADDR)], subject='RE: Important: please create a new password',
          text=plain, visibleText=new)


def outlook_de_von_gesendet():
    name = 'outlook-de-von-gesendet'
    r = rng(name)
    mid = outlook_msgid(r, 't-online.de')
    nid = notice_id(name)
    new = '''Sehr geehrte Damen und Herren,

ich habe Ihre E-Mail erhalten. Welche Daten genau wurden bei dem Vorfall gestohlen? Ich habe bei Ihnen im Sommer eine Jacke bestellt und dabei auch mein Geburtsdatum für die Treuekarte angegeben. Muss ich jetzt damit rechnen, dass jemand meine Identität missbraucht?

Außerdem: Warum erfahre ich das erst jetzt, wenn der Angriff laut Zeitung schon am 14. November bemerkt wurde?

Mit freundlichen Grüßen
Jürgen Weißmüller'''
    hl = ['Von: Meridian Outfitters <passwordchange@meridian.example> ', 'Gesendet: Freitag, 20. November 2026 15:14', 'An: j.weissmueller@t-online.de', 'Betreff: Important: please create a new password']
    plain = new + '\n\n' + '\n'.join(hl) + '\n\n' + notice_text() + '\n\n'
    html = word_html('iso-8859-1', 'DE', new.split('\n'), hl, NOTICE_PARAS)
    b = '----=_NextPart_000_0A1F_01DB3B4C.2F6E1D90'
    top = H('''
Return-Path: <j.weissmueller@t-online.de>
Delivered-To: passwordchange@meridian.example
Received: from mailout11.t-online.de (mailout11.t-online.de [194.25.134.85])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzR2m5hHkz9sVv
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 16:02:47 +0000 (UTC)
Received: from fwd75.aul.t-online.de (fwd75.aul.t-online.de [10.223.144.101])
	by mailout11.t-online.de (Postfix) with SMTP id 5A1D2C0B6E
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 17:02:46 +0100 (CET)
Received: from PCJUERGEN ([192.0.2.188]) by fwd75.aul.t-online.de
	with (TLSv1.3:TLS_AES_256_GCM_SHA384 encrypted)
	esmtp id 1tWx8V-3kQp2R0; Fri, 20 Nov 2026 17:02:44 +0100
From: =?iso-8859-1?Q?J=FCrgen_Wei=DFm=FCller?= <j.weissmueller@t-online.de>
To: "'Meridian Outfitters'" <passwordchange@meridian.example>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Subject: AW: Important: please create a new password
Date: Fri, 20 Nov 2026 17:02:41 +0100
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: multipart/alternative;
	boundary="%(b)s"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: %(ti)s
Content-Language: de
X-TOI-EXPURGATEID: 150726::1795712564-7F3E5A04-1B2C4D6E/0/0 CLEAN NORMAL
X-TOI-MSGID: 6c1f0d3e-5a8b-4c2e-9f17-2b8d4e6a0c91
''' % dict(nid=nid, mid=mid, b=b, ti=thread_index(r)))
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n', qp(plain.encode('latin-1'))),
        P('Content-Type: text/html;\n\tcharset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode('latin-1'))),
    ], boundary=b, preamble=b'Dies ist eine mehrteilige Nachricht im MIME-Format.\n\n')
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T17:02:41+01:00',
          from_=A('Jürgen Weißmüller', 'j.weissmueller@t-online.de'), to=[A("'Meridian Outfitters'", SUPPORT_ADDR)],
          subject='AW: Important: please create a new password', text=plain, visibleText=new, html='*')


def outlook_fr_de_envoye():
    name = 'outlook-fr-de-envoye'
    r = rng(name)
    mid = outlook_msgid(r, 'orange.fr')
    nid = notice_id(name)
    new = '''Bonjour,

Est-ce que je dois faire opposition sur ma carte bancaire ? J'ai payé avec ma carte Visa sur votre site le mois dernier (commande MO-58213347). Votre message dit que les informations de carte n'ont pas été touchées mais je préfère être sûre avant de bloquer la carte, car c'est compliqué avec ma banque.

Merci de me répondre rapidement.

Cordialement,
Hélène Marchetti'''
    hl = ['De : Meridian Outfitters <passwordchange@meridian.example> ', 'Envoyé : vendredi 20 novembre 2026 15:14', 'À : helene.marchetti@orange.fr', 'Objet : Important: please create a new password']
    plain = new + '\n\n' + '\n'.join(hl) + '\n\n' + notice_text() + '\n\n'
    html = word_html('windows-1252', 'FR', new.split('\n'), [l.replace(' :', '\u00a0:', 1) for l in hl], NOTICE_PARAS)
    b = '----=_NextPart_000_0007_01DB3B51.9C3A4E60'
    top = H('''
Return-Path: <helene.marchetti@orange.fr>
Delivered-To: passwordchange@meridian.example
Received: from smtp-out-26.smtp.orange.fr (smtp-out-26.smtp.orange.fr [80.12.242.26])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzR5b3mKdz9sWt
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 17:40:03 +0000 (UTC)
Received: from PORTABLEHELENE ([192.0.2.61])
	by smtp.orange.fr with ESMTPA
	id 4XtRkQ2bVnM0j4XtRkrsLp; Fri, 20 Nov 2026 18:40:02 +0100
X-ME-Helo: PORTABLEHELENE
X-ME-Auth: aGVsZW5lLm1hcmNoZXR0aUBvcmFuZ2UuZnI=
X-ME-Date: Fri, 20 Nov 2026 18:40:02 +0100
X-ME-IP: 192.0.2.61
From: =?iso-8859-1?Q?H=E9l=E8ne_Marchetti?= <helene.marchetti@orange.fr>
To: "'Meridian Outfitters'" <passwordchange@meridian.example>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Subject: RE: Important: please create a new password
Date: Fri, 20 Nov 2026 18:39:58 +0100
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: multipart/alternative;
	boundary="%(b)s"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: %(ti)s
Content-Language: fr
''' % dict(nid=nid, mid=mid, b=b, ti=thread_index(r)))
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset="windows-1252"\nContent-Transfer-Encoding: quoted-printable\n', qp(plain.encode('cp1252'))),
        P('Content-Type: text/html;\n\tcharset="windows-1252"\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode('cp1252'))),
    ], boundary=b, preamble=b'Ceci est un message de plusieurs parties au format MIME.\n\n')
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T18:39:58+01:00',
          from_=A('Hélène Marchetti', 'helene.marchetti@orange.fr'), to=[A("'Meridian Outfitters'", SUPPORT_ADDR)],
          subject='RE: Important: please create a new password', text=plain, visibleText=new, html='*')


def outlook_android_account_locked():
    name = 'outlook-android-account-locked'
    r = rng(name)
    nid = notice_id(name)
    mid = 'SJ0PR11MB5134%s@SJ0PR11MB5134.namprd11.prod.outlook.com' % ralnum(r, 20, 'ABCDEF0123456789')
    new = 'Hi, i reset my password like the email said and now it says my account is locked?? I tried like 5 times. Please unlock it asap I have an order coming and need to change the address'
    plain = (new + '\n\nGet Outlook for Android<https://aka.ms/AAb9ysg>\n________________________________\n'
             'From: Meridian Outfitters <passwordchange@meridian.example>\nSent: Friday, November 20, 2026 9:14:03 AM\n'
             'To: tyler.brandt93@outlook.com <tyler.brandt93@outlook.com>\nSubject: Important: please create a new password\n\n'
             + notice_text() + '\n\n')
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n<body>\n'
            '<div dir="auto">%s</div>\n<div dir="auto"><br>\n</div>\n<div dir="auto">Get <a href="https://aka.ms/AAb9ysg">Outlook for Android</a></div>\n'
            '<hr style="display:inline-block;width:98%%" tabindex="-1">\n<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Meridian Outfitters &lt;passwordchange@meridian.example&gt;<br>\n'
            '<b>Sent:</b> Friday, November 20, 2026 9:14:03 AM<br>\n<b>To:</b> tyler.brandt93@outlook.com &lt;tyler.brandt93@outlook.com&gt;<br>\n<b>Subject:</b> Important: please create a new password</font>\n<div>&nbsp;</div>\n</div>\n'
            '<div>%s</div>\n</body>\n</html>\n') % (esc(new), notice_html_body())
    b = '_000_SJ0PR11MB5134%s_' % ralnum(r, 12, 'ABCDEF0123456789')
    top = exo_headers(r, 'tyler.brandt93@outlook.com', 'outlook.com', 'Sun, 22 Nov 2026 02:17:45 +0000') + H('''
From: Tyler Brandt <tyler.brandt93@outlook.com>
To: Meridian Outfitters <passwordchange@meridian.example>
Subject: Re: Important: please create a new password
Thread-Topic: Important: please create a new password
Thread-Index: %(ti)s
Date: Sun, 22 Nov 2026 02:17:41 +0000
Message-ID: <%(mid)s>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
msip_labels:
x-ms-exchange-messagesentrepresentingtype: 1
x-ms-traffictypediagnostic: SJ0PR11MB5134:EE_|CH3PR11MB7892:EE_
x-ms-exchange-senderadcheck: 1
Content-Type: multipart/alternative;
	boundary="%(b)s"
MIME-Version: 1.0
''' % dict(nid=nid, mid=mid, b=b, ti=thread_index(r)))
    msg = P(top, parts=[
        P('Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n', b64(plain.encode())),
        P('Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: base64\n', b64(html.encode())),
    ], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-22T02:17:41+00:00',
          from_=A('Tyler Brandt', 'tyler.brandt93@outlook.com'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=plain, visibleText=new, html='*')


def outlook_inline_screenshot_and_pdf():
    name = 'outlook-inline-screenshot-and-pdf'
    r = rng(name)
    mid = 'BY5PR04MB6902%s@BY5PR04MB6902.namprd04.prod.outlook.com' % ralnum(r, 20, 'ABCDEF0123456789')
    cid = 'image001.png@01DB3C1A.5E8F7A20'
    new = '''Hello,

I received your notice and I am worried. I checked my credit card statement this morning and there are two charges I do not recognize, both on November 18 (see the attached statement, I highlighted them). You say my card was not affected but this is quite a coincidence.

I also tried to create a new password and got this error:

[cid:%s]

Please tell me what I should do. Should I cancel the card? I have used this card only with you and at my grocery store.

Regards,

Raymond Okafor
Senior Accountant | Holloway & Birch LLP
T: +1 312 555 0148''' % cid
    shot = png(320, 120, 'shot-' + name, text_rows=(4, 5, 8))
    stmt = pdf(['Statement period: 10/19/2026 - 11/18/2026', 'Card ending 4417', '11/18 MRDN*ONLINE 888-555-0102  $212.40',
                '11/18 PAYPAL *GEARXCHNG 402-935-7733  $89.99', 'New balance: $1,904.17'], 'Statement')
    html = word_html('us-ascii', 'EN-US', new.split('\n')[:5], extra_html='<p class="MsoNormal"><img width="320" height="120" style="width:3.3333in;height:1.25in" id="Picture_x0020_1" src="cid:%s" alt="error"><o:p></o:p></p>\n' % cid)
    b1, b2, b3 = '_010_BY5PR04MB6902%s_' % rhex(r, 8).upper(), '_009_BY5PR04MB6902%s_' % rhex(r, 8).upper(), '_000_BY5PR04MB6902%s_' % rhex(r, 8).upper()
    top = exo_headers(r, 'rokafor@hollowaybirch.example', 'hollowaybirch.example', 'Sat, 21 Nov 2026 15:33:20 +0000') + H('''
From: Raymond Okafor <rokafor@hollowaybirch.example>
To: "passwordchange@meridian.example" <passwordchange@meridian.example>
Subject: Unrecognized charges after your breach
Thread-Topic: Unrecognized charges after your breach
Thread-Index: %(ti)s
Date: Sat, 21 Nov 2026 15:33:14 +0000
Message-ID: <%(mid)s>
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
Content-Type: multipart/mixed;
	boundary="%(b)s"
MIME-Version: 1.0
''' % dict(mid=mid, b=b1, ti=thread_index(r, 0)))
    alt = P('Content-Type: multipart/alternative;\n\tboundary="%s"\n' % b3, parts=[
        text_part(new, 'us-ascii', 'quoted-printable'),
        text_part(html, 'us-ascii', 'quoted-printable', 'html'),
    ], boundary=b3)
    img = P('Content-Type: image/png; name="image001.png"\nContent-Description: image001.png\nContent-Disposition: inline; filename="image001.png"; size=%d;\n\tcreation-date="Sat, 21 Nov 2026 15:32:58 GMT";\n\tmodification-date="Sat, 21 Nov 2026 15:32:58 GMT"\nContent-ID: <%s>\nContent-Transfer-Encoding: base64\n' % (len(shot), cid), b64(shot))
    rel = P('Content-Type: multipart/related;\n\tboundary="%s";\n\ttype="multipart/alternative"\n' % b2, parts=[alt, img], boundary=b2)
    pdfp = P('Content-Type: application/pdf; name="Statement_Nov2026.pdf"\nContent-Description: Statement_Nov2026.pdf\nContent-Disposition: attachment; filename="Statement_Nov2026.pdf";\n\tsize=%d; creation-date="Sat, 21 Nov 2026 15:30:02 GMT";\n\tmodification-date="Sat, 21 Nov 2026 15:33:14 GMT"\nContent-Transfer-Encoding: base64\n' % len(stmt), b64(stmt))
    msg = P(top, parts=[rel, pdfp], boundary=b1)
    write(name, msg, messageId=mid, date='2026-11-21T15:33:14+00:00', from_=A('Raymond Okafor', 'rokafor@hollowaybirch.example'),
          to=[A('passwordchange@meridian.example', SUPPORT_ADDR)], subject='Unrecognized charges after your breach',
          text=new, visibleText=new, html='*',
          attachments=[att('image001.png', 'image/png', shot, True, cid), att('Statement_Nov2026.pdf', 'application/pdf', stmt, False, None)])


def gmail_reply_wrapped_attribution():
    name = 'gmail-reply-wrapped-attribution'
    r = rng(name)
    nid = notice_id(name)
    mid = gmail_msgid(r)
    new = "I never got the email with the code to make a new password. I checked spam and everything. It's been 2 days. Can you resend it?\n\nthanks\nKevin"
    attr = 'On Fri, Nov 20, 2026 at 9:14\u202fAM Meridian Outfitters <\npasswordchange@meridian.example> wrote:'
    plain = new + '\n\n' + attr + '\n\n' + quote(notice_text()) + '\n'
    hnew = "<div>I never got the email with the code to make a new password. I checked spam and everything. It&#39;s been 2 days. Can you resend it?</div><div><br></div><div>thanks</div><div>Kevin</div>"
    html = gmail_html(hnew, 'On Fri, Nov 20, 2026 at 9:14\u202fAM Meridian Outfitters &lt;<a href="mailto:passwordchange@meridian.example">passwordchange@meridian.example</a>&gt; wrote:', notice_html_body())
    b = gmail_boundary(r)
    top = gmail_headers(r, 'kevin.dsouza.88@gmail.com', '', 'Sun, 22 Nov 2026 01:09:52 +0000 (UTC)', 'Sat, 21 Nov 2026 17:09:51 -0800 (PST)') + H('''
MIME-Version: 1.0
References: <%(nid)s>
In-Reply-To: <%(nid)s>
From: Kevin D'Souza <kevin.dsouza.88@gmail.com>
Date: Sat, 21 Nov 2026 19:09:38 -0600
X-Gm-Features: AWmQ_bk%(gf)s
Message-ID: <%(mid)s>
Subject: Re: Important: please create a new password
To: Meridian Outfitters <passwordchange@meridian.example>
Content-Type: multipart/alternative; boundary="%(b)s"
''' % dict(nid=nid, mid=mid, b=b, gf=ralnum(r, 40)))
    msg = P(top, parts=[text_part(plain, 'UTF-8', 'quoted-printable'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-21T19:09:38-06:00',
          from_=A("Kevin D'Souza", 'kevin.dsouza.88@gmail.com'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=plain, visibleText=new, html='*')


PHISH_FROM = 'Meridian Outfitters Security <security-alert@meridian-account-verify.example>'
PHISH_SUBJECT = 'Action required: verify your Meridian account within 24 hours'
PHISH_TEXT = '''Dear Valued Customer,

Due to a recent security incident, all Meridian Outfitters accounts must be verified within 24 hours or they will be permanently suspended.

To keep your account and your reward points, verify your identity now:
https://meridian-account-verify.example/secure/login?id=88213

You will need your current password and the card used for your last purchase.

Meridian Outfitters Security Team'''


def gmail_forwarded_phishing_inline():
    name = 'gmail-forwarded-phishing-inline'
    r = rng(name)
    mid = gmail_msgid(r)
    new = "Got this today, is this really from you?? It looks real but the link is weird. I didn't click it.\n\nAngela"
    fwd = ('---------- Forwarded message ---------\nFrom: Meridian Outfitters Security <security-alert@meridian-account-verify.example>\n'
           'Date: Sat, Nov 21, 2026 at 7:02\u202fPM\nSubject: ' + PHISH_SUBJECT + '\nTo: <angela.ruiz.home@gmail.com>\n\n\n' + PHISH_TEXT)
    plain = new + '\n\n' + fwd + '\n'
    html = gmail_html("<div>Got this today, is this really from you?? It looks real but the link is weird. I didn&#39;t click it.</div><div><br></div><div>Angela<br><br>"
                      '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Meridian Outfitters Security</strong> <span dir="auto">&lt;<a href="mailto:security-alert@meridian-account-verify.example">security-alert@meridian-account-verify.example</a>&gt;</span><br>'
                      'Date: Sat, Nov 21, 2026 at 7:02\u202fPM<br>Subject: ' + esc(PHISH_SUBJECT) + '<br>To:  &lt;<a href="mailto:angela.ruiz.home@gmail.com">angela.ruiz.home@gmail.com</a>&gt;<br></div><br><br>'
                      + ''.join('<p>%s</p>' % esc(p).replace('\n', '<br>') for p in PHISH_TEXT.split('\n\n')) + '</div></div>')
    b = gmail_boundary(r)
    top = gmail_headers(r, 'angela.ruiz.home@gmail.com', '', 'Sun, 22 Nov 2026 00:31:07 +0000 (UTC)', 'Sat, 21 Nov 2026 16:31:06 -0800 (PST)') + H('''
MIME-Version: 1.0
References: <20261121190217.4B2E91A0C3@mta7.meridian-account-verify.example>
In-Reply-To: <20261121190217.4B2E91A0C3@mta7.meridian-account-verify.example>
From: Angela Ruiz <angela.ruiz.home@gmail.com>
Date: Sat, 21 Nov 2026 19:30:55 -0500
Message-ID: <%(mid)s>
Subject: Fwd: Action required: verify your Meridian account within 24 hours
To: passwordchange@meridian.example
Content-Type: multipart/alternative; boundary="%(b)s"
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[text_part(plain, 'UTF-8', 'quoted-printable'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b)
    write(name, msg, messageId=mid, inReplyTo='20261121190217.4B2E91A0C3@mta7.meridian-account-verify.example',
          references=['20261121190217.4B2E91A0C3@mta7.meridian-account-verify.example'], date='2026-11-21T19:30:55-05:00',
          from_=A('Angela Ruiz', 'angela.ruiz.home@gmail.com'), to=[A(None, SUPPORT_ADDR)],
          subject='Fwd: ' + PHISH_SUBJECT, text=plain, visibleText=new, html='*')


def phishing_message(r, to_addr, date_hdr, mid):
    b = '=_' + rhex(r, 32)
    html = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Meridian</title>'
            '<style>body{font-family:Arial}.btn{background:#1f5c3a;color:#fff;padding:12px 20px}</style>'
            '<script>window.location.hash="verify";</script></head>'
            '<body onload="track()"><img src="https://meridian-account-verify.example/logo.png" width="180">'
            + ''.join('<p>%s</p>' % esc(p).replace('\n', '<br>') for p in PHISH_TEXT.split('\n\n')[:2])
            + '<p><a class="btn" href="https://meridian-account-verify.example/secure/login?id=88213">Verify my account</a></p>'
            + ''.join('<p>%s</p>' % esc(p).replace('\n', '<br>') for p in PHISH_TEXT.split('\n\n')[3:])
            + '<img src="https://meridian-account-verify.example/o.gif?u=88213" width="1" height="1"></body></html>\n')
    hdr = H('''
Received: from mta7.meridian-account-verify.example (unknown [203.0.113.199])
	by mx.google.com with ESMTP id a640c23a62f3a-b7c1e9d2a0fsi1283311566b.512.2026.11.21.16.02.18
	for <%(to)s>; Sat, 21 Nov 2026 16:02:18 -0800 (PST)
Received-SPF: softfail (google.com: domain of transitioning bounce@meridian-account-verify.example does not designate 203.0.113.199 as permitted sender) client-ip=203.0.113.199;
Authentication-Results: mx.google.com;
       spf=softfail (google.com: domain of transitioning bounce@meridian-account-verify.example does not designate 203.0.113.199 as permitted sender) smtp.mailfrom=bounce@meridian-account-verify.example
From: %(from)s
To: <%(to)s>
Subject: %(subj)s
Date: %(date)s
Message-ID: <%(mid)s>
MIME-Version: 1.0
X-Mailer: PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)
Content-Type: multipart/alternative; boundary="%(b)s"
''' % {'to': to_addr, 'from': PHISH_FROM, 'subj': PHISH_SUBJECT, 'date': date_hdr, 'mid': mid, 'b': b})
    return P(hdr, parts=[text_part(PHISH_TEXT, 'utf-8', '8bit'), text_part(html, 'utf-8', 'base64', 'html')], boundary=b)


def gmail_forward_as_attachment_phishing():
    name = 'gmail-forward-as-attachment-phishing'
    r = rng(name)
    mid = gmail_msgid(r)
    inner = phishing_message(r, 'marcus.whitfield@gmail.com', 'Sat, 21 Nov 2026 19:02:17 -0500', '20261122000217.9F1A22C@mta7.meridian-account-verify.example').bytes()
    new = 'Forwarding this as an attachment like your website says to do for suspicious emails. I almost clicked it. The sender address is not yours right?\n\nMarcus Whitfield'
    html = gmail_html('<div>Forwarding this as an attachment like your website says to do for suspicious emails. I almost clicked it. The sender address is not yours right?</div><div><br></div><div>Marcus Whitfield</div>')
    b1, b2 = gmail_boundary(r), gmail_boundary(r)
    fn = 'Action required- verify your Meridian account within 24 hours.eml'
    top = gmail_headers(r, 'marcus.whitfield@gmail.com', '', 'Sun, 22 Nov 2026 13:45:30 +0000 (UTC)', 'Sun, 22 Nov 2026 05:45:29 -0800 (PST)') + H('''
MIME-Version: 1.0
From: Marcus Whitfield <marcus.whitfield@gmail.com>
Date: Sun, 22 Nov 2026 08:45:17 -0500
Message-ID: <%(mid)s>
Subject: Fwd: Action required: verify your Meridian account within 24 hours
To: passwordchange@meridian.example
Content-Type: multipart/mixed; boundary="%(b)s"
''' % dict(mid=mid, b=b1))
    msg = P(top, parts=[
        P('Content-Type: multipart/alternative; boundary="%s"\n' % b2, parts=[text_part(new + '\n', 'UTF-8', '7bit', ct_charset='UTF-8'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b2),
        P('Content-Type: message/rfc822; name="%s"\nContent-Disposition: attachment; filename="%s"\nX-Attachment-Id: %s\nContent-ID: <%s>\n' % (fn, fn, 'f_' + ralnum(r, 9).lower(), 'f_' + ralnum(r, 9).lower()), inner),
    ], boundary=b1)
    # the Content-ID above is Gmail's: recompute it from the header we wrote
    cidv = msg.parts[1].headers.decode().split('Content-ID: <')[1].split('>')[0]
    write(name, msg, messageId=mid, date='2026-11-22T08:45:17-05:00', from_=A('Marcus Whitfield', 'marcus.whitfield@gmail.com'),
          to=[A(None, SUPPORT_ADDR)], subject='Fwd: ' + PHISH_SUBJECT, text=new, visibleText=new, html='*',
          attachments=[att(fn, 'message/rfc822', conv(inner), False, cidv)])


def apple_mail_mac_reply():
    name = 'apple-mail-mac-reply'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s@icloud.com' % ('-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper())
    new = '''Hi there,

I run a small hiking club and I bought gear for the group through my account. Can you tell me if the shipping addresses I saved for other members were part of what was taken? Some of them are older folks and I want to warn them if needed.

Also, is there a way to delete the saved addresses from my account now?

Best,
Nora Lindqvist'''
    attr = 'On Nov 20, 2026, at 9:14\u202fAM, Meridian Outfitters <passwordchange@meridian.example> wrote:'
    plain = new + '\n\n' + attr + '\n\n' + quote(notice_text(), '> ', '> ') + '\n\n'
    html = ('<html aria-label="message body"><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
            + ''.join('<div>%s</div>' % (esc(l) if l else '<br>') for l in new.split('\n'))
            + '<div><br><blockquote type="cite"><div>' + esc(attr) + '</div><br class="Apple-interchange-newline"><div>' + notice_html_body() + '</div></blockquote></div><br></body></html>')
    b = 'Apple-Mail=_%s' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    top = H('''
Return-Path: <nora.lindqvist@icloud.com>
Delivered-To: passwordchange@meridian.example
Received: from qs51p00im-qukt01072302.me.com (qs51p00im-qukt01072302.me.com [17.57.155.5])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRw06gJbz9sWw
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 03:12:58 +0000 (UTC)
Authentication-Results: mx1.meridian.example;
	dkim=pass header.d=icloud.com header.s=1a1hai header.b=Zq3sVd1k;
	spf=pass smtp.mailfrom=nora.lindqvist@icloud.com;
	dmarc=pass (policy=quarantine) header.from=icloud.com
''') + dkim(r, 'icloud.com', '1a1hai', 'From:Content-Type:Mime-Version:Subject:Message-Id:Date:To') + H('''
Received: from smtpclient.apple (qs51p00im-dlb-asmtp-mailmevip.me.com [17.57.155.28])
	by qs51p00im-qukt01072302.me.com (Postfix) with ESMTPSA id 2C5D2B4C0210
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 03:12:56 +0000 (UTC)
X-Proofpoint-ORIG-GUID: Kz1rV8yqW3mXo0bE6tHc2Lx9JpN4aFfD
X-Proofpoint-GUID: Kz1rV8yqW3mXo0bE6tHc2Lx9JpN4aFfD
From: Nora Lindqvist <nora.lindqvist@icloud.com>
Content-Type: multipart/alternative;
	boundary="%(b)s"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))
Subject: Re: Important: please create a new password
Date: Fri, 20 Nov 2026 19:12:49 -0800
References: <%(nid)s>
To: Meridian Outfitters <passwordchange@meridian.example>
In-Reply-To: <%(nid)s>
Message-Id: <%(mid)s>
X-Mailer: Apple Mail (2.3826.200.121)
''' % dict(nid=nid, mid=mid, b=b))
    msg = P(top, parts=[
        P('Content-Transfer-Encoding: quoted-printable\nContent-Type: text/plain;\n\tcharset=utf-8\n', qp(plain.encode())),
        P('Content-Transfer-Encoding: quoted-printable\nContent-Type: text/html;\n\tcharset=utf-8\n', qp(html.encode())),
    ], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T19:12:49-08:00',
          from_=A('Nora Lindqvist', 'nora.lindqvist@icloud.com'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=plain, visibleText=new, html='*')


def iphone_html_only_base64():
    name = 'iphone-html-only-base64'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s@icloud.com' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">'
            '<div dir="ltr">This is unacceptable. I have been a customer for 11 years and I find out from a generic email that my information was stolen?? Not even a phone call.</div>'
            '<div dir="ltr"><br></div>'
            '<div dir="ltr">I want to know exactly what you had on me and I want it deleted. And don\u2019t tell me to \u201ccreate a new password\u201d, I\u2019m not giving you anything new.</div>'
            '<div dir="ltr"><br></div><div dir="ltr">Very disappointed,</div><div dir="ltr">Carol Jensen</div>'
            '<div dir="ltr"><br><div dir="ltr">Sent from my iPhone</div><div dir="ltr"><br><blockquote type="cite">On Nov 20, 2026, at 6:14\u202fAM, Meridian Outfitters &lt;passwordchange@meridian.example&gt; wrote:<br><br></blockquote></div>'
            '<blockquote type="cite"><div dir="ltr">' + notice_html_body().replace('\n', '') + '</div></blockquote></body></html>')
    text = ('This is unacceptable. I have been a customer for 11 years and I find out from a generic email that my information was stolen?? Not even a phone call.\n\n'
            'I want to know exactly what you had on me and I want it deleted. And don\u2019t tell me to \u201ccreate a new password\u201d, I\u2019m not giving you anything new.\n\n'
            'Very disappointed,\nCarol Jensen\n\nSent from my iPhone\n\n'
            '> On Nov 20, 2026, at 6:14\u202fAM, Meridian Outfitters <passwordchange@meridian.example> wrote:\n\n'
            + quote(notice_text()))
    visible = text.split('\n\nSent from my iPhone')[0]
    top = H('''
Return-Path: <caroljensen57@icloud.com>
Delivered-To: passwordchange@meridian.example
Received: from st43p00im-ztfb10061701.me.com (st43p00im-ztfb10061701.me.com [17.58.63.173])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzR9q2TtQz9sWx
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 14:55:19 +0000 (UTC)
''') + dkim(r, 'icloud.com', '1a1hai', 'Content-Type:Mime-Version:Subject:Message-Id:Date:To:From') + H('''
Received: from smtpclient.apple (st43p00im-dlb-asmtp-mailmevip.me.com [17.42.251.41])
	by st43p00im-ztfb10061701.me.com (Postfix) with ESMTPSA id 8A21C2A0044
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 14:55:17 +0000 (UTC)
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64
From: Carol Jensen <caroljensen57@icloud.com>
Mime-Version: 1.0 (1.0)
Subject: Re: Important: please create a new password
Date: Fri, 20 Nov 2026 07:55:09 -0700
Message-Id: <%(mid)s>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
To: Meridian Outfitters <passwordchange@meridian.example>
X-Mailer: iPhone Mail (22B91)
''' % dict(nid=nid, mid=mid))
    write(name, P(top, b64(html.encode())), messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T07:55:09-07:00',
          from_=A('Carol Jensen', 'caroljensen57@icloud.com'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=text, visibleText=visible, html='*')


def iphone_plain_intl_access():
    name = 'iphone-plain-intl-access'
    r = rng(name)
    mid = '%s@gmail.com' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    body = "Hello I'm currently in Lisbon for work and your website just says Access Denied when I try to make the new password. I tried with hotel wifi and my phone data. I'm back in the US Dec 10th, will my account be deleted before then?\n\nSent from my iPhone\n"
    b = 'Apple-Mail-%s' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    top = gmail_headers(r, 'jessica.t.moreau@gmail.com', '', 'Sat, 21 Nov 2026 11:47:02 +0000 (UTC)', 'Sat, 21 Nov 2026 03:47:01 -0800 (PST)') + H('''
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit
From: Jessica Moreau <jessica.t.moreau@gmail.com>
Mime-Version: 1.0 (1.0)
Subject: Can't access website from Portugal
Date: Sat, 21 Nov 2026 11:46:51 +0000
Message-Id: <%(mid)s>
To: passwordchange@meridian.example
X-Mailer: iPhone Mail (22B91)
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-21T11:46:51+00:00', from_=A('Jessica Moreau', 'jessica.t.moreau@gmail.com'),
          to=[A(None, SUPPORT_ADDR)], subject="Can't access website from Portugal", text=body, visibleText=body.split('\n\nSent from')[0])


def iphone_photo_attachment():
    name = 'iphone-photo-attachment'
    r = rng(name)
    mid = '%s@yahoo.com' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    body = 'This is what I get when I try to put in the new password. Pic attached. I used 14 characters with numbers and a symbol like it says\n\nSent from my iPhone'
    photo = jpeg_like(2400, name)
    b = 'Apple-Mail-%s' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    cid = '%s@yahoo.com' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    top = H('''
Return-Path: <bigbear_dan@yahoo.com>
Delivered-To: passwordchange@meridian.example
Received: from sonic310-21.consmr.mail.gq1.yahoo.com (sonic310-21.consmr.mail.gq1.yahoo.com [98.137.69.147])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS7T0dJcz9sX4
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 22:05:44 +0000 (UTC)
''') + dkim(r, 'yahoo.com', 's2048', 'From:Subject:Date:To:Reply-To:From:Subject') + H('''
X-YMail-OSG: Gk2Qz0sVM1m8Zb_Rn7Qx.Wp3rT_9uEoHcJ5fLdA2sK4vYtNw6iBq1aCxP
X-Sonic-MF: <bigbear_dan@yahoo.com>
X-Sonic-ID: 5c1e8a3f-7b20-4d9e-a1f6-0c2b3d4e5f60
Received: from sonic.gate.mail.ne1.yahoo.com by sonic310-21.consmr.mail.gq1.yahoo.com with HTTP; Sat, 21 Nov 2026 22:05:43 +0000
Received: by hermes--production-bf1-5f4d9c7b6d-q2x8m (Yahoo Inc. Hermes SMTP Server) with ESMTPA ID 3b9c0e1d2f4a5b6c7d8e9f00a1b2c3d4;
          Sat, 21 Nov 2026 22:05:41 +0000 (UTC)
Content-Type: multipart/mixed; boundary=%(b)s
Content-Transfer-Encoding: 7bit
From: Dan Kowalczyk <bigbear_dan@yahoo.com>
Mime-Version: 1.0 (1.0)
Subject: password wont work
Date: Sat, 21 Nov 2026 16:05:33 -0600
Message-Id: <%(mid)s>
To: passwordchange@meridian.example
X-Mailer: iPhone Mail (21H221)
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset=us-ascii\nContent-Transfer-Encoding: 7bit\n', (body + '\n').encode()),
        P('Content-Type: image/jpeg;\n\tname=IMG_4471.jpeg;\n\tx-apple-part-url=%s\nContent-Disposition: inline;\n\tfilename=IMG_4471.jpeg\nContent-Transfer-Encoding: base64\nContent-Id: <%s>\n' % (cid, cid), b64(photo)),
    ], boundary=b)
    write(name, msg, messageId=mid, date='2026-11-21T16:05:33-06:00', from_=A('Dan Kowalczyk', 'bigbear_dan@yahoo.com'),
          to=[A(None, SUPPORT_ADDR)], subject='password wont work', text=body, visibleText=body.split('\n\nSent from')[0],
          attachments=[att('IMG_4471.jpeg', 'image/jpeg', photo, True, cid)])


def samsung_sent_from_galaxy():
    name = 'samsung-sent-from-galaxy'
    r = rng(name)
    nid = notice_id(name)
    mid = 'sqdsmo1aq7fg.%s.%d@email.android.com' % (rhex(r, 6), r.randrange(10**12, 10**13))
    new = 'Do I need to change the password on my other accounts too? I used the same one for my email. What exactly did they get, just the password or my address too?'
    quoted = ('-------- Original message --------\nFrom: Meridian Outfitters <passwordchange@meridian.example> \nDate: 11/20/26  9:14 AM  (GMT-05:00) \n'
              'To: mike.ferreira22@aol.com \nSubject: Important: please create a new password \n\n' + notice_text())
    plain = new + '\n\n\n\nSent from my Galaxy\n\n\n' + quoted + '\n'
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><div dir="auto">' + esc(new) + '</div><div dir="auto"><br></div><div dir="auto"><br></div>'
            '<div id="composer_signature" dir="auto"><div style="font-size:12px;color:#575757" dir="auto">Sent from my Galaxy</div></div><div dir="auto"><br></div><div><br></div>'
            '<div align="left" dir="auto" style="font-size:100%;color:#000000"><div>-------- Original message --------</div><div>From: Meridian Outfitters &lt;passwordchange@meridian.example&gt; </div>'
            '<div>Date: 11/20/26  9:14 AM  (GMT-05:00) </div><div>To: mike.ferreira22@aol.com </div><div>Subject: Important: please create a new password </div><div><br></div></div>'
            + notice_html_body() + '</body></html>\n')
    b = '--_com.samsung.android.email_%d%d' % (r.randrange(10**8, 10**9), r.randrange(10**6, 10**7))
    top = H('''
Return-Path: <mike.ferreira22@aol.com>
Delivered-To: passwordchange@meridian.example
Received: from sonic309-13.consmr.mail.ne1.yahoo.com (sonic309-13.consmr.mail.ne1.yahoo.com [66.163.184.139])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRj41CkTz9sWy
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 01:25:10 +0000 (UTC)
''') + dkim(r, 'aol.com', 'a2048', 'Date:Subject:From:To:References:From:Subject:Reply-To') + H('''
X-Sonic-MF: <mike.ferreira22@aol.com>
Received: from sonic.gate.mail.ne1.yahoo.com by sonic309-13.consmr.mail.ne1.yahoo.com with HTTP; Sat, 21 Nov 2026 01:25:09 +0000
Received: by hermes--production-ne1-6d8f9b5c7-wq4zr (Yahoo Inc. Hermes SMTP Server) with ESMTPA ID 9d0c1b2a3f4e5d6c7b8a90f1e2d3c4b5;
          Sat, 21 Nov 2026 01:25:07 +0000 (UTC)
Message-ID: <%(mid)s>
Date: Fri, 20 Nov 2026 20:25:02 -0500
Subject: RE: Important: please create a new password
From: Mike Ferreira <mike.ferreira22@aol.com>
To: Meridian Outfitters <passwordchange@meridian.example>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
MIME-Version: 1.0
Importance: normal
X-Priority: 3 (Normal)
Content-Type: multipart/alternative; boundary="%(b)s"
''' % dict(nid=nid, mid=mid, b=b))
    msg = P(top, parts=[text_part(plain, 'UTF-8', 'base64'), text_part(html, 'UTF-8', 'base64', 'html')], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T20:25:02-05:00',
          from_=A('Mike Ferreira', 'mike.ferreira22@aol.com'), to=[SUPPORT],
          subject='RE: Important: please create a new password', text=plain, visibleText=new, html='*')


def thunderbird_format_flowed():
    name = 'thunderbird-format-flowed'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s-%s-%s-%s-%s@posteo.net' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    # flowed: soft line breaks are a space before the line end; quoted lines are flowed too
    wire_new = ('Hello,\n\nI followed the steps on the "Create a New Password" page, but the new \n'
                'password is rejected with "This password has appeared in a data breach". \n'
                'It is a brand new 20-character password from my password manager, so I \n'
                'doubt that. Is the check broken?\n\n'
                'Also the page says the link expires in 15 minutes but the email arrived \n'
                '40 minutes after I requested it.\n\n')
    dec_new = ('Hello,\n\nI followed the steps on the "Create a New Password" page, but the new password is rejected with "This password has appeared in a data breach". It is a brand new 20-character password from my password manager, so I doubt that. Is the check broken?\n\n'
               'Also the page says the link expires in 15 minutes but the email arrived 40 minutes after I requested it.')
    sig_wire = '-- \nSimon Achterberg\nPGP: 0x5B2D 91F0 7C3A E84D\n'
    q_wire = ('\nOn 20/11/2026 15:14, Meridian Outfitters wrote:\n> Dear Customer,\n>\n> On November 17 we confirmed that an unauthorized party accessed a \n'
              '> Meridian Outfitters system that stores customer account information. \n> Your payment card information was not affected.\n>\n'
              '> As a precaution we have expired all passwords. The next time you visit \n> meridian.example, please select "Create a New Password" and follow the \n> steps.\n>\n'
              '> Meridian will never ask you for your password or personal information \n> by email.\n>\n'
              '> We apologize for the inconvenience. Questions? Reply to this email or \n> write to passwordchange@meridian.example.\n>\n> Meridian Outfitters\n> https://www.meridian.example\n')
    wire = wire_new + sig_wire + q_wire
    dec = dec_new + '\n\n--\nSimon Achterberg\nPGP: 0x5B2D 91F0 7C3A E84D\n\nOn 20/11/2026 15:14, Meridian Outfitters wrote:\n' + quote(notice_text())
    top = H('''
Return-Path: <s.achterberg@posteo.net>
Delivered-To: passwordchange@meridian.example
Received: from mout02.posteo.de (mout02.posteo.de [185.67.36.66])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRf70QxSz9sWz
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 22:48:31 +0000 (UTC)
Received: from submission (posteo.de [185.67.36.169]) 
	by mout02.posteo.de (Postfix) with ESMTPS id 4FzRf65Hkgz9rxW
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 23:48:30 +0100 (CET)
Received: from customer (localhost [127.0.0.1])
	by submission (posteo.de) with ESMTPSA id 4FzRf60r4Gz6tmH
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 23:48:30 +0100 (CET)
''') + dkim(r, 'posteo.net', '2017', 'To:Subject:From:Message-ID:Date:MIME-Version:Content-Type:\n\t Content-Transfer-Encoding:From', algo='rsa-sha256') + H('''
Message-ID: <%(mid)s>
Date: Fri, 20 Nov 2026 23:48:27 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: Important: please create a new password
To: Meridian Outfitters <passwordchange@meridian.example>
References: <%(nid)s>
Content-Language: en-GB
From: Simon Achterberg <s.achterberg@posteo.net>
In-Reply-To: <%(nid)s>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit
''' % dict(nid=nid, mid=mid))
    write(name, P(top, wire.encode()), messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T23:48:27+01:00',
          from_=A('Simon Achterberg', 's.achterberg@posteo.net'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=dec, visibleText=dec_new)


def yahoo_web_unprefixed_quote():
    name = 'yahoo-web-unprefixed-quote'
    r = rng(name)
    nid = notice_id(name)
    mid = '%d.%d.%d@mail.yahoo.com' % (r.randrange(10**8, 10**9), r.randrange(10**6, 10**7), r.randrange(10**12, 10**13))
    new = 'I want you to close my account and delete all my information. I have not shopped with you since 2019 so why did you still have my data? Please confirm in writing when it is done.\n\nPatricia Oyelaran'
    attr = 'On Friday, November 20, 2026 at 09:14:03 AM EST, Meridian Outfitters <passwordchange@meridian.example> wrote:'
    plain = new + '\n\n\n\n    ' + attr + ' \n\n ' + notice_text().replace('\n\n', '\n\n ') + '\n'
    text = new + '\n\n    ' + attr + '\n\n ' + notice_text().replace('\n\n', '\n\n ')
    html = ('<html><head></head><body><div class="yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">'
            '<div dir="ltr" data-setdir="false">' + esc(new).replace('\n\n', '</div><div dir="ltr" data-setdir="false"><br></div><div dir="ltr" data-setdir="false">') + '</div></div>'
            '<div id="yahoo_quoted_1234567890" class="yahoo_quoted"><div style="font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;">'
            '<div>On Friday, November 20, 2026 at 09:14:03 AM EST, Meridian Outfitters &lt;passwordchange@meridian.example&gt; wrote:</div><div><br></div><div><br></div>'
            '<div><div dir="ltr">' + notice_html_body() + '</div></div></div></div></body></html>\n')
    b1 = '----=_Part_%d_%d.%d' % (r.randrange(10**6, 10**7), r.randrange(10**8, 10**9), r.randrange(10**12, 10**13))
    top = H('''
Return-Path: <p.oyelaran@yahoo.com>
Delivered-To: passwordchange@meridian.example
Received: from sonic302-22.consmr.mail.ne1.yahoo.com (sonic302-22.consmr.mail.ne1.yahoo.com [66.163.186.148])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRm26wPdz9sX0
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 02:33:49 +0000 (UTC)
''') + dkim(r, 'yahoo.com', 's2048', 'Date:From:To:Message-ID:In-Reply-To:References:Subject:From:Subject:Reply-To') + H('''
X-YMail-OSG: pL9.Zk4VM1kR2f_XwQm0.sN3bT8yCuEoJ6hGdB1aL5vKtMw7iPq2cD
X-Sonic-MF: <p.oyelaran@yahoo.com>
X-Sonic-ID: 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d
Received: from sonic.gate.mail.ne1.yahoo.com by sonic302-22.consmr.mail.ne1.yahoo.com with HTTP; Sat, 21 Nov 2026 02:33:48 +0000
Date: Sat, 21 Nov 2026 02:33:44 +0000 (UTC)
From: Patricia Oyelaran <p.oyelaran@yahoo.com>
To: Meridian Outfitters <passwordchange@meridian.example>
Message-ID: <%(mid)s>
In-Reply-To: <%(nid)s>
References: <%(nid)s>
Subject: Re: Important: please create a new password
MIME-Version: 1.0
Content-Type: multipart/alternative; 
	boundary="%(b)s"
X-Mailer: WebService/1.1.24652 YMailNorrin
Content-Length: 4481
''' % dict(nid=nid, mid=mid, b=b1))
    msg = P(top, parts=[text_part(plain, 'UTF-8', '7bit', ct_charset='UTF-8'), text_part(html, 'UTF-8', '7bit', 'html')], boundary=b1)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-21T02:33:44+00:00',
          from_=A('Patricia Oyelaran', 'p.oyelaran@yahoo.com'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=text, visibleText=new, html='*')


FUNCS = [outlook_1252_quoted_notice, outlook_original_message_separator, outlook_de_von_gesendet, outlook_fr_de_envoye,
          outlook_android_account_locked, outlook_inline_screenshot_and_pdf, gmail_reply_wrapped_attribution,
          gmail_forwarded_phishing_inline, gmail_forward_as_attachment_phishing, apple_mail_mac_reply, iphone_html_only_base64,
          iphone_plain_intl_access, iphone_photo_attachment, samsung_sent_from_galaxy, thunderbird_format_flowed, yahoo_web_unprefixed_quote]
if __name__ == '__main__':
    for f in FUNCS:
        f()
    print(len(WRITTEN), 'messages')
