from common import *

def gmail_localized(name, sender, sender_name, date_hdr, date_iso, date_utc, date_pst, new, attr, attr_html, subject, to_hdr='Meridian Outfitters <passwordchange@meridian.example>', to=None, wrap_quote=None, extra_hdr=''):
    r = rng(name)
    nid = notice_id(name)
    mid = gmail_msgid(r)
    plain = new + '\n\n' + attr + '\n\n' + quote(notice_text(wrap_quote)) + '\n'
    hnew = ''.join('<div>%s</div>' % (esc(l) if l else '<br>') for l in new.split('\n'))
    html = gmail_html(hnew, attr_html, notice_html_body())
    b = gmail_boundary(r)
    from_hdr = sender_name_hdr = ('%s <%s>' % (sender_name, sender)) if all(ord(c) < 128 for c in sender_name) else '%s <%s>' % (ew_b(sender_name, 'UTF-8'), sender)
    top = gmail_headers(r, sender, '', date_utc, date_pst) + H('''
MIME-Version: 1.0
References: <%(nid)s>
In-Reply-To: <%(nid)s>
From: %(from)s
Date: %(date)s
Message-ID: <%(mid)s>
Subject: %(subj)s
To: %(to)s
%(extra)sContent-Type: multipart/alternative; boundary="%(b)s"
''' % {'nid': nid, 'mid': mid, 'b': b, 'from': from_hdr, 'date': date_hdr, 'subj': subject[1], 'to': to_hdr, 'extra': extra_hdr})
    msg = P(top, parts=[text_part(plain, 'UTF-8', 'quoted-printable'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date=date_iso, from_=A(sender_name, sender),
          to=to or [SUPPORT], subject=subject[0], text=plain, visibleText=new, html='*')


def gmail_es_escribio():
    new = 'Buenas tardes,\n\nVivo en Guadalajara y no puedo entrar a su página para crear la nueva contraseña, me sale un error 403. ¿Hay otra forma de hacerlo? A veces uso la VPN del trabajo pero ya la desactivé y sigue igual.\n\nGracias,\nAlejandro Ibarra'
    attr = 'El vie, 20 nov 2026 a las 8:14, Meridian Outfitters (<passwordchange@meridian.example>) escribió:'
    gmail_localized('gmail-es-escribio', 'alejandro.ibarra.gdl@gmail.com', 'Alejandro Ibarra', 'Sat, 21 Nov 2026 12:40:18 -0600', '2026-11-21T12:40:18-06:00',
                    'Sat, 21 Nov 2026 18:40:30 +0000 (UTC)', 'Sat, 21 Nov 2026 10:40:29 -0800 (PST)', new, attr,
                    'El vie, 20 nov 2026 a las 8:14, Meridian Outfitters (&lt;<a href="mailto:passwordchange@meridian.example">passwordchange@meridian.example</a>&gt;) escribió:',
                    ('Re: Important: please create a new password', 'Re: Important: please create a new password'))


def gmail_it_ha_scritto():
    new = 'Salve,\nvorrei sapere se anche i miei dati sono stati rubati. Ho un account da voi ma non compro niente da almeno due anni. Inoltre non ricordo più con quale email mi sono registrato, forse quella vecchia di Libero.\n\nGrazie mille\nGiuseppe Ferraro'
    attr = 'Il giorno ven 20 nov 2026 alle ore 15:14 Meridian Outfitters <\npasswordchange@meridian.example> ha scritto:'
    gmail_localized('gmail-it-ha-scritto', 'giuseppe.ferraro.to@gmail.com', 'Giuseppe Ferraro', 'Sat, 21 Nov 2026 09:02:44 +0100', '2026-11-21T09:02:44+01:00',
                    'Sat, 21 Nov 2026 08:02:57 +0000 (UTC)', 'Sat, 21 Nov 2026 00:02:56 -0800 (PST)', new, attr,
                    'Il giorno ven 20 nov 2026 alle ore 15:14 Meridian Outfitters &lt;<a href="mailto:passwordchange@meridian.example">passwordchange@meridian.example</a>&gt; ha scritto:',
                    ('Re: Important: please create a new password', 'Re: Important: please create a new password'))


def gmail_pt_escreveu():
    new = 'Olá, recebi o email de vocês mas não entendi direito. Isso é golpe? Vocês pedem pra clicar e criar senha nova, mas também dizem que nunca pedem senha por email. Fiquei com medo de clicar\n\nAbraço\nThiago'
    attr = 'Em sex., 20 de nov. de 2026 às 11:14, Meridian Outfitters <\npasswordchange@meridian.example> escreveu:'
    gmail_localized('gmail-pt-escreveu', 'thiago.nascimento.rj@gmail.com', 'Thiago Nascimento', 'Fri, 20 Nov 2026 22:17:05 -0300', '2026-11-20T22:17:05-03:00',
                    'Sat, 21 Nov 2026 01:17:19 +0000 (UTC)', 'Fri, 20 Nov 2026 17:17:18 -0800 (PST)', new, attr,
                    'Em sex., 20 de nov. de 2026 às 11:14, Meridian Outfitters &lt;<a href="mailto:passwordchange@meridian.example">passwordchange@meridian.example</a>&gt; escreveu:',
                    ('Re: Important: please create a new password', 'Re: Important: please create a new password'))


def gmail_de_am_schrieb():
    new = 'Hallo,\n\nbitte löschen Sie mein Kundenkonto und alle meine Daten gemäß Art. 17 DSGVO. Ich möchte nach diesem Vorfall nicht mehr bei Ihnen registriert sein. Bitte bestätigen Sie mir die Löschung schriftlich.\n\nViele Grüße\nKatrin Hoffmann'
    attr = 'Am Fr., 20. Nov. 2026 um 15:14 Uhr schrieb Meridian Outfitters <passwordchange@meridian.example>:'
    gmail_localized('gmail-de-am-schrieb', 'katrin.hoffmann.hh@gmail.com', 'Katrin Hoffmann', 'Sat, 21 Nov 2026 10:55:31 +0100', '2026-11-21T10:55:31+01:00',
                    'Sat, 21 Nov 2026 09:55:44 +0000 (UTC)', 'Sat, 21 Nov 2026 01:55:43 -0800 (PST)', new, attr,
                    'Am Fr., 20. Nov. 2026 um 15:14&nbsp;Uhr schrieb Meridian Outfitters &lt;<a href="mailto:passwordchange@meridian.example">passwordchange@meridian.example</a>&gt;:',
                    ('Re: Important: please create a new password', 'Re: Important: please create a new password'))


def thunderbird_nl_op_schreef():
    name = 'thunderbird-nl-op-schreef'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s-%s-%s-%s-%s@ziggo.nl' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    new = 'Goedendag,\n\nIk heb uw e-mail ontvangen. Moet ik nu ook mijn creditcard laten blokkeren? En krijg ik een vergoeding voor de identiteitsbewaking, of moet ik daar zelf voor betalen?\n\nMet vriendelijke groet,\nMarloes van den Berg'
    attr = 'Op 20-11-2026 om 15:14 schreef Meridian Outfitters:'
    body = new + '\n\n' + attr + '\n' + quote(notice_text(72)) + '\n'
    top = H('''
Return-Path: <marloes.vdberg@ziggo.nl>
Delivered-To: passwordchange@meridian.example
Received: from smtp.ziggo.nl (smtpq2.tb.ukmail.iss.as9143.net [212.54.57.97])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRc51vH8z9sX5
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 20:11:09 +0000 (UTC)
Received: from [192.168.1.34] ([192.0.2.140])
	by smtp.ziggo.nl with ESMTPSA
	id 4Xx1aKq9mKp2b4Xx1aBcdE; Fri, 20 Nov 2026 21:11:08 +0100
X-SourceIP: 192.0.2.140
X-Authenticated-Sender: marloes.vdberg@ziggo.nl
Message-ID: <%(mid)s>
Date: Fri, 20 Nov 2026 21:11:05 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: Important: please create a new password
To: Meridian Outfitters <passwordchange@meridian.example>
References: <%(nid)s>
Content-Language: nl
From: Marloes van den Berg <marloes.vdberg@ziggo.nl>
In-Reply-To: <%(nid)s>
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit
''' % dict(nid=nid, mid=mid))
    write(name, P(top, body.encode()), messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T21:11:05+01:00',
          from_=A('Marloes van den Berg', 'marloes.vdberg@ziggo.nl'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=body, visibleText=new)


def iphone_fr_le_a_ecrit():
    name = 'iphone-fr-le-a-ecrit'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s@videotron.ca' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    new = "Bonjour, j'habite à Montréal et le site ne marche pas depuis le Canada, ça dit accès refusé. Comment je fais pour changer le mot de passe ? Merci"
    attr = 'Le 20 nov. 2026 à 09:14, Meridian Outfitters <passwordchange@meridian.example> a écrit\u00a0:'
    plain = new + '\n\nEnvoyé de mon iPhone\n\n> ' + attr + '\n> \n> \ufeff' + quote(notice_text(), '> ', '> ')[2:] + '\n'
    text = new + '\n\nEnvoyé de mon iPhone\n\n> ' + attr + '\n>\n> \ufeff' + quote(notice_text())[2:]
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto"><div dir="ltr">' + esc(new) + '</div><div dir="ltr"><br><div dir="ltr">Envoyé de mon iPhone</div>'
            '<div dir="ltr"><br><blockquote type="cite">' + esc(attr) + '<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">\ufeff' + notice_html_body() + '</div></blockquote></body></html>')
    b = 'Apple-Mail-%s' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]).upper()
    top = H('''
Return-Path: <genevieve.tremblay@videotron.ca>
Delivered-To: passwordchange@meridian.example
Received: from mx-out-03.videotron.ca (mx-out-03.videotron.ca [24.201.245.103])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRb11n2Zz9sX6
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 19:40:22 +0000 (UTC)
Received: from smtpclient.apple ([192.0.2.221])
	by mx-out-03.videotron.ca with ESMTPSA id 7PzW4mQk1cQ2k7PzWkXn2Q;
	Fri, 20 Nov 2026 14:40:21 -0500
Content-Type: multipart/alternative; boundary=%(b)s
Content-Transfer-Encoding: 7bit
From: =?utf-8?Q?Genevi=C3=A8ve_Tremblay?= <genevieve.tremblay@videotron.ca>
Mime-Version: 1.0 (1.0)
Subject: Re: Important: please create a new password
Date: Fri, 20 Nov 2026 14:40:16 -0500
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
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T14:40:16-05:00',
          from_=A('Geneviève Tremblay', 'genevieve.tremblay@videotron.ca'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=text, visibleText=new, html='*')


def aol_all_caps_original_message():
    name = 'aol-all-caps-original-message'
    r = rng(name)
    nid = notice_id(name)
    mid = '%d.%d.%d@mail.yahoo.com' % (r.randrange(10**8, 10**9), r.randrange(10**6, 10**7), r.randrange(10**12, 10**13))
    new = 'HELLO I GOT YOUR EMAIL SAYING SOMEONE BROKE INTO YOUR COMPUTER. I DONT SHOP ONLINE I ONLY GO TO THE STORE IN FAIRFAX. WHY DO YOU HAVE MY EMAIL. DID THEY GET MY SOCIAL SECURITY NUMBER. I AM VERY WORRIED. PLEASE CALL 703-555-0116\nWALTER GIBBS'
    quoted = ('-----Original Message-----\nFrom: Meridian Outfitters <passwordchange@meridian.example>\nTo: wgibbs41@aol.com\nSent: Fri, Nov 20, 2026 9:14 am\n'
              'Subject: Important: please create a new password\n\n' + notice_text())
    plain = new + ' \n\n\n' + quoted + '\n'
    html = ('<html><head></head><body><div style="font-family: Arial, Helvetica, sans-serif; font-size: 16px;"><div dir="ltr" data-setdir="false">' + esc(new).replace('\n', '<br>') + '</div><br><br>'
            '<div id="aol_quoted"><div style="font-family:Arial;font-size:10pt;color:black">-----Original Message-----<br>From: Meridian Outfitters &lt;passwordchange@meridian.example&gt;<br>To: wgibbs41@aol.com<br>'
            'Sent: Fri, Nov 20, 2026 9:14 am<br>Subject: Important: please create a new password<br><br>' + notice_html_body() + '</div></div></div></body></html>\n')
    b = '----=_Part_%d_%d.%d' % (r.randrange(10**6, 10**7), r.randrange(10**8, 10**9), r.randrange(10**12, 10**13))
    top = H('''
Return-Path: <wgibbs41@aol.com>
Delivered-To: passwordchange@meridian.example
Received: from sonic316-12.consmr.mail.bf2.yahoo.com (sonic316-12.consmr.mail.bf2.yahoo.com [74.6.130.122])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRq83sYkz9sX7
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 13:58:40 +0000 (UTC)
''') + dkim(r, 'aol.com', 'a2048', 'Date:From:To:Subject:References:From:Subject:Reply-To') + H('''
X-Sonic-MF: <wgibbs41@aol.com>
Received: from sonic.gate.mail.ne1.yahoo.com by sonic316-12.consmr.mail.bf2.yahoo.com with HTTP; Sat, 21 Nov 2026 13:58:39 +0000
Date: Sat, 21 Nov 2026 13:58:35 +0000 (UTC)
From: Walter Gibbs <wgibbs41@aol.com>
To: "passwordchange@meridian.example" <passwordchange@meridian.example>
Message-ID: <%(mid)s>
In-Reply-To: <%(nid)s>
References: <%(nid)s>
Subject: Re: Important: please create a new password
MIME-Version: 1.0
Content-Type: multipart/alternative; 
	boundary="%(b)s"
X-Mailer: WebService/1.1.24652 AolMailNorrin
''' % dict(nid=nid, mid=mid, b=b))
    msg = P(top, parts=[text_part(plain, 'UTF-8', '7bit', ct_charset='UTF-8'), text_part(html, 'UTF-8', '7bit', 'html')], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-21T13:58:35+00:00',
          from_=A('Walter Gibbs', 'wgibbs41@aol.com'), to=[A('passwordchange@meridian.example', SUPPORT_ADDR)],
          subject='Re: Important: please create a new password', text=plain, visibleText=new, html='*')


def outlook_express_latin1_smart_quotes():
    name = 'outlook-express-latin1-smart-quotes'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s$%s@HANKSPC' % (rhex(r, 12).upper(), rhex(r, 8).upper())
    new = ("I can\u2019t remember which email I used for my account, it might be my old one at earthlink. Can you look me up by my phone number 585-555-0137? "
           "When I put in this address it says \u201cno account found\u201d.\n\nHank Reinholt")
    quoted = ('----- Original Message ----- \nFrom: "Meridian Outfitters" <passwordchange@meridian.example>\nTo: <hankr@frontiernet.net>\nSent: Friday, November 20, 2026 9:14 AM\n'
              'Subject: Important: please create a new password\n\n\n' + quote(notice_text(72), '> ', '> '))
    plain = new + '\n\n' + quoted + '\n\n'
    html = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">\n<HTML><HEAD>\n<META http-equiv=Content-Type content="text/html; charset=iso-8859-1">\n<META content="MSHTML 6.00.2900.6049" name=GENERATOR>\n'
            '<STYLE></STYLE>\n</HEAD>\n<BODY bgColor=#ffffff>\n<DIV><FONT face=Arial size=2>' + esc(new).replace('\n\n', '</FONT></DIV>\n<DIV><FONT face=Arial size=2></FONT>&nbsp;</DIV>\n<DIV><FONT face=Arial size=2>') + '</FONT></DIV>\n'
            '<BLOCKQUOTE dir=ltr style="PADDING-RIGHT: 0px; PADDING-LEFT: 5px; MARGIN-LEFT: 5px; BORDER-LEFT: #000000 2px solid; MARGIN-RIGHT: 0px">\n'
            '  <DIV style="FONT: 10pt arial">----- Original Message ----- </DIV>\n  <DIV style="BACKGROUND: #e4e4e4; FONT: 10pt arial; font-color: black"><B>From:</B> <A title=passwordchange@meridian.example href="mailto:passwordchange@meridian.example">Meridian Outfitters</A> </DIV>\n'
            '  <DIV style="FONT: 10pt arial"><B>To:</B> <A title=hankr@frontiernet.net href="mailto:hankr@frontiernet.net">hankr@frontiernet.net</A> </DIV>\n  <DIV style="FONT: 10pt arial"><B>Sent:</B> Friday, November 20, 2026 9:14 AM</DIV>\n'
            '  <DIV style="FONT: 10pt arial"><B>Subject:</B> Important: please create a new password</DIV>\n  <DIV><BR></DIV>' + notice_html_body() + '</BLOCKQUOTE></BODY></HTML>\n')
    b = '----=_NextPart_000_0009_01DB3B50.12A4B7E0'
    top = H('''
Return-Path: <hankr@frontiernet.net>
Delivered-To: passwordchange@meridian.example
Received: from smtp.frontiernet.net (smtp.frontiernet.net [203.0.113.88])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzRZ40pBmz9sX8
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 18:52:14 +0000 (UTC)
Received: from HANKSPC (unknown [198.51.100.190])
	(Authenticated sender: hankr@frontiernet.net)
	by smtp.frontiernet.net (Postfix) with ESMTPA id 2F3B41C0A7
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 18:52:13 +0000 (UTC)
Message-ID: <%(mid)s>
From: "Hank Reinholt" <hankr@frontiernet.net>
To: "Meridian Outfitters" <passwordchange@meridian.example>
References: <%(nid)s>
Subject: Re: Important: please create a new password
Date: Fri, 20 Nov 2026 13:52:10 -0500
MIME-Version: 1.0
Content-Type: multipart/alternative;
	boundary="%(b)s"
X-Priority: 3
X-MSMail-Priority: Normal
X-Mailer: Microsoft Outlook Express 6.00.2900.5931
X-MimeOLE: Produced By Microsoft MimeOLE V6.00.2900.6157
''' % dict(nid=nid, mid=mid, b=b))
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n', qp(plain.encode('cp1252'))),
        P('Content-Type: text/html;\n\tcharset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode('cp1252'))),
    ], boundary=b, preamble=b'This is a multi-part message in MIME format.\n\n')
    write(name, msg, messageId=mid, references=[nid], date='2026-11-20T13:52:10-05:00',
          from_=A('Hank Reinholt', 'hankr@frontiernet.net'), to=[SUPPORT],
          subject='Re: Important: please create a new password', text=plain, visibleText=new, html='*')


def webmail_html_only_list_and_link():
    name = 'webmail-html-only-list-and-link'
    r = rng(name)
    mid = 'trinity-%s-%s-%s-%s-%s-%d@3c-app-mailcom-bs14' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12), r.randrange(10**12, 10**13))
    html = ('<html><head></head><body><div style="font-family: Verdana;font-size: 12.0px;"><div>Hello,</div>\n\n<div>&nbsp;</div>\n\n'
            '<div>I have a few questions about your notice:</div>\n\n<ul>\n\t<li>Were my date of birth and phone number taken? I am a Trailhead Rewards member.</li>\n'
            '\t<li>Will you pay for credit monitoring, and for how long?</li>\n\t<li>Why did it take from the 14th to the 20th to tell customers?</li>\n</ul>\n\n'
            '<div>I read the FAQ at <a href="https://www.meridian.example/help" target="_blank">your help page</a> but it does not answer these. '
            'I would also like to know if <a href="https://www.meridian.example/account/new-password">https://www.meridian.example/account/new-password</a> is the right page.</div>\n\n'
            '<div>&nbsp;</div>\n\n<div>Regards,</div>\n\n<div>Samuel Adeyemi</div></div></body></html>\n')
    text = ('Hello,\n\nI have a few questions about your notice:\n\n- Were my date of birth and phone number taken? I am a Trailhead Rewards member.\n'
            '- Will you pay for credit monitoring, and for how long?\n- Why did it take from the 14th to the 20th to tell customers?\n\n'
            'I read the FAQ at your help page (https://www.meridian.example/help) but it does not answer these. I would also like to know if https://www.meridian.example/account/new-password is the right page.\n\n'
            'Regards,\nSamuel Adeyemi')
    top = H('''
Return-Path: <s.adeyemi@mail.com>
Delivered-To: passwordchange@meridian.example
Received: from mout.gmx.com (mout.gmx.com [74.208.4.200])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRh27qYtz9sX9
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 00:06:55 +0000 (UTC)
''') + dkim(r, 'mail.com', 's1024', 'X-UI-Sender-Class:MIME-Version:Message-ID:From:To:Subject:Content-Type:Date:cc:\n\t content-transfer-encoding:content-type:date:from:message-id:mime-version:reply-to:subject:to') + H('''
X-UI-Sender-Class: f2cb72be-343f-493d-8ec3-b1efb8d6185a
Received: from [198.51.100.14] ([198.51.100.14]) by web-mail.mail.com
 (3c-app-mailcom-bs14.server.lan [172.19.170.182]) (via HTTP); Sat, 21 Nov 2026
 01:06:54 +0100
MIME-Version: 1.0
Message-ID: <%(mid)s>
From: Samuel Adeyemi <s.adeyemi@mail.com>
To: passwordchange@meridian.example
Subject: Questions about the data breach
Content-Type: text/html; charset=UTF-8
Date: Sat, 21 Nov 2026 01:06:54 +0100
Importance: normal
Sensitivity: Normal
X-Priority: 3
X-Provags-ID: V03:K1:Zx4pQm8Rv2Lk0bWn5TsYc7Hj1Fd9GqAe3MuXo6Ni
X-UI-Message-Type: mail
Content-Transfer-Encoding: quoted-printable
''' % dict(mid=mid))
    write(name, P(top, qp(html.encode())), messageId=mid, date='2026-11-21T01:06:54+01:00', from_=A('Samuel Adeyemi', 's.adeyemi@mail.com'),
          to=[A(None, SUPPORT_ADDR)], subject='Questions about the data breach', text=text, visibleText=text, html='*')


def thunderbird_iso_8859_2_polish():
    name = 'thunderbird-iso-8859-2-polish'
    r = rng(name)
    mid = '%s-%s-%s-%s-%s@wp.pl' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    new = ('Dzień dobry,\n\nnie mogę się zalogować na swoje konto. Utworzyłem nowe hasło według instrukcji, dostałem komunikat, że hasło zostało zmienione, '
           'ale przy logowaniu strona pokazuje „Nieprawidłowy e-mail lub hasło”. Próbowałem też w innej przeglądarce.\n\nPozdrawiam,\nŁukasz Wiśniewski')
    new = new.replace('„', '"').replace('”', '"')
    body = new + '\n\n-- \nŁukasz Wiśniewski\ntel. 773 555 0199\n'
    subject = 'Nie mogę się zalogować po zmianie hasła'
    top = H('''
Return-Path: <l.wisniewski@wp.pl>
Delivered-To: passwordchange@meridian.example
Received: from mx4.wp.pl (mx4.wp.pl [212.77.101.12])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS0W2cJgz9sXB
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 15:27:33 +0000 (UTC)
Received: (wp-smtpd smtp.wp.pl 20735 invoked from network); 21 Nov 2026 16:27:32 +0100
Received: from host-192-0-2-73.example.pl (HELO [192.168.0.12]) (l.wisniewski@[192.0.2.73])
          (envelope-sender <l.wisniewski@wp.pl>)
          by smtp.wp.pl (WP-SMTPD) with ECDHE-RSA-AES256-GCM-SHA384 encrypted SMTP
          for <passwordchange@meridian.example>; 21 Nov 2026 16:27:32 +0100
Message-ID: <%(mid)s>
Date: Sat, 21 Nov 2026 16:27:29 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: pl
To: passwordchange@meridian.example
From: =?UTF-8?Q?=C5=81ukasz_Wi=C5=9Bniewski?= <l.wisniewski@wp.pl>
Subject: =?ISO-8859-2?Q?Nie_mog=EA_si=EA_zalogowa=E6_po_zmianie_has=B3a?=
Content-Type: text/plain; charset=ISO-8859-2; format=flowed
Content-Transfer-Encoding: quoted-printable
X-WP-MailID: 5d0a3f1c2b4e6a8c9d0e1f2a3b4c5d6e
X-WP-AV: skaner antywirusowy Poczty Wirtualnej Polski
X-WP-SPAM: NO 0000000 [4QMk]
''' % dict(mid=mid))
    # hard line breaks only (no trailing spaces), so format=flowed changes nothing here
    write(name, P(top, qp(body.encode('iso-8859-2'))), messageId=mid, date='2026-11-21T16:27:29+01:00', from_=A('Łukasz Wiśniewski', 'l.wisniewski@wp.pl'),
          to=[A(None, SUPPORT_ADDR)], subject=subject, text=body, visibleText=new)


def thebat_koi8r_russian():
    name = 'thebat-koi8r-russian'
    r = rng(name)
    mid = '%d.%d@yandex.ru' % (r.randrange(10**9, 10**10), r.randrange(10**8, 10**9))
    new = 'Здравствуйте!\n\nПолучил ваше письмо о смене пароля. Я живу в Риге, и ваш сайт у меня не открывается - пишет "Access Denied". VPN тоже не помогает. Как мне создать новый пароль?\n\nЗаранее спасибо.'
    body = new + '\n\n-- \nС уважением,\n Дмитрий                          mailto:d.volkov.riga@yandex.ru\n'
    subject = 'Не могу сменить пароль'
    top = H('''
Return-Path: <d.volkov.riga@yandex.ru>
Delivered-To: passwordchange@meridian.example
Received: from forward501a.mail.yandex.net (forward501a.mail.yandex.net [178.154.239.81])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS2y4BHwz9sXC
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 17:08:19 +0000 (UTC)
Received: from mail-nwsmtp-smtp-production-main-62.sas.yp-c.yandex.net (mail-nwsmtp-smtp-production-main-62.sas.yp-c.yandex.net [IPv6:2a02:6b8:c23:2b20:0:640:ae7:0])
	by forward501a.mail.yandex.net (Yandex) with ESMTPS id 6C1B560E1F
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 20:08:18 +0300 (MSK)
''') + dkim(r, 'yandex.ru', 'mail', 'Date:From:Message-ID:To:Subject:MIME-Version:Content-Type:\n\t Content-Transfer-Encoding') + H('''
Date: Sat, 21 Nov 2026 19:08:14 +0200
From: =?koi8-r?B?5M3J1NLJyiD3z8zLz9c=?= <d.volkov.riga@yandex.ru>
X-Mailer: The Bat! (v10.4.5) Professional
Reply-To: =?koi8-r?B?5M3J1NLJyiD3z8zLz9c=?= <d.volkov.riga@yandex.ru>
X-Priority: 3 (Normal)
Message-ID: <%(mid)s>
To: passwordchange@meridian.example
Subject: %(subj)s
MIME-Version: 1.0
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: 8bit
''' % dict(mid=mid, subj=ew_b(subject, 'koi8-r')))
    assert ew_b('Дмитрий Волков', 'koi8-r') == '=?koi8-r?B?5M3J1NLJyiD3z8zLz9c=?='
    write(name, P(top, body.encode('koi8-r')), messageId=mid, date='2026-11-21T19:08:14+02:00', from_=A('Дмитрий Волков', 'd.volkov.riga@yandex.ru'),
          replyTo=[A('Дмитрий Волков', 'd.volkov.riga@yandex.ru')], to=[A(None, SUPPORT_ADDR)], subject=subject, text=body, visibleText=new)


def mobile_shift_jis_base64():
    name = 'mobile-shift-jis-base64'
    r = rng(name)
    mid = '%s@ezweb.ne.jp' % rhex(r, 24)
    body = 'メリディアン・アウトフィッターズ\nご担当者様\n\n新しいパスワードの作成についてご連絡いたします。\n日本からサイトにアクセスすると「Access Denied」と表示され、手続きができません。\nどうすればよいでしょうか。\n\nよろしくお願いいたします。\n佐藤 美咲\n'
    subject = 'パスワード変更ができません'
    top = H('''
Return-Path: <misaki.sato.0312@ezweb.ne.jp>
Delivered-To: passwordchange@meridian.example
Received: from mx.ezweb.ne.jp (mx.ezweb.ne.jp [203.0.113.151])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzRs45DkQz9sXD
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 04:31:20 +0000 (UTC)
Received: from ezweb.ne.jp ([192.0.2.9]) by mx.ezweb.ne.jp with ESMTP id <20261121133118.ABC1234@ezweb.ne.jp>
          for <passwordchange@meridian.example>; Sat, 21 Nov 2026 13:31:18 +0900
Date: Sat, 21 Nov 2026 13:31:15 +0900
From: misaki.sato.0312@ezweb.ne.jp
To: passwordchange@meridian.example
Subject: %(subj)s
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: text/plain; charset="Shift_JIS"
Content-Transfer-Encoding: base64
X-Mailer: KDDI SmartMail
''' % dict(mid=mid, subj=ew_b(subject, 'Shift_JIS')))
    write(name, P(top, b64(body.encode('shift_jis'))), messageId=mid, date='2026-11-21T13:31:15+09:00', from_=A(None, 'misaki.sato.0312@ezweb.ne.jp'),
          to=[A(None, SUPPORT_ADDR)], subject=subject, text=body, visibleText=body)


def thunderbird_iso_2022_jp():
    name = 'thunderbird-iso-2022-jp'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s-%s-%s-%s-%s@nifty.com' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    new = ('Meridian Outfitters\nカスタマーサポート御中\n\nお知らせのメールを拝見しました。\n昨年、御社のオンラインストアでクレジットカードを使って登山靴を購入しました。\n'
           'カード情報は影響を受けていないとのことですが、念のためカードを停止した方がよいでしょうか。\n\nご回答をお待ちしております。')
    body = new + '\n\n-- \n鈴木 健一\nkenichi.suzuki@nifty.com\n'
    subject = 'Re: Important: please create a new password （カードについて）'
    top = H('''
Return-Path: <kenichi.suzuki@nifty.com>
Delivered-To: passwordchange@meridian.example
Received: from mta-snd00011.nifty.com (mta-snd00011.nifty.com [106.153.227.43])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzRk21fPvz9sXF
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 01:02:49 +0000 (UTC)
Received: from [192.168.10.5] by mta-snd00011.nifty.com with ESMTP
          id <20261121010248277.OQJN.36218.[192.168.10.5]@nifty.com>
          for <passwordchange@meridian.example>; Sat, 21 Nov 2026 10:02:48 +0900
Message-ID: <%(mid)s>
Date: Sat, 21 Nov 2026 10:02:44 +0900
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: %(subj)s
To: Meridian Outfitters <passwordchange@meridian.example>
References: <%(nid)s>
Content-Language: ja
From: =?UTF-8?B?6Yi05pyoIOWBpeS4gA==?= <kenichi.suzuki@nifty.com>
In-Reply-To: <%(nid)s>
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit
''' % dict(nid=nid, mid=mid, subj='Re: Important: please create a new password\n ' + ew_b('（カードについて）', 'ISO-2022-JP')))
    assert ew_b('鈴木 健一') == '=?utf-8?B?6Yi05pyoIOWBpeS4gA==?='
    enc = body.encode('iso-2022-jp')
    assert all(b < 128 for b in enc)
    write(name, P(top, enc), messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-21T10:02:44+09:00', from_=A('鈴木 健一', 'kenichi.suzuki@nifty.com'),
          to=[SUPPORT], subject=subject, text=body, visibleText=new)


def foxmail_gb2312():
    name = 'foxmail-gb2312'
    r = rng(name)
    mid = '%d%s@foxmail.com' % (r.randrange(10**9, 10**10), rhex(r, 8))
    new = '你好，\n\n我在上海，无法打开你们的网站创建新密码，页面显示“Access Denied”。我试过手机和电脑都不行。请问怎么办？\n\n谢谢！\n王磊'
    body = new + '\n\n\n\nwanglei_sh@foxmail.com\n'
    subject = '无法创建新密码'
    b = '----=_NextPart_%s_%s_%s' % (rhex(r, 8).upper(), rhex(r, 8).upper(), rhex(r, 8).upper())
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=gb2312"><style>body { line-height: 1.5; }body { font-size: 14px; font-family: "Microsoft YaHei UI"; color: rgb(0, 0, 0); line-height: 1.5; }</style></head><body>\n'
            + ''.join('<div><span></span>%s</div>\n' % (esc(l) if l else '<br>') for l in new.split('\n'))
            + '<div><br></div><hr style="width: 210px; height: 1px;" color="#b5c4df" size="1" align="left">\n<div><span><div style="MARGIN: 10px; FONT-FAMILY: verdana; FONT-SIZE: 10pt"><div>wanglei_sh@foxmail.com</div></div></span></div>\n</body></html>')
    top = H('''
Return-Path: <wanglei_sh@foxmail.com>
Delivered-To: passwordchange@meridian.example
Received: from out203-205-221-236.mail.qq.com (out203-205-221-236.mail.qq.com [203.205.221.236])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRr05VFhz9sXG
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 03:44:02 +0000 (UTC)
''') + dkim(r, 'foxmail.com', 's201512', 'Date:From:To:Subject:Mime-Version:Message-ID') + H('''
X-QQ-mid: xmsmtpt%(qq)s
Message-ID: <tencent_%(tid)s@qq.com>
X-QQ-XMAILINFO: NQR8mRxMnNDR2gGk4vP3e8zB1Kq0bLw7
Date: Sat, 21 Nov 2026 11:43:57 +0800
From: "=?gb2312?B?zfXA2g==?=" <wanglei_sh@foxmail.com>
To: passwordchange <passwordchange@meridian.example>
Subject: %(subj)s
X-Priority: 3
X-GUID: 5A8C1E2F-3B4D-4E6F-8A9B-0C1D2E3F4A5B
X-Has-Attach: no
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Content-Type: multipart/alternative;
	boundary="%(b)s"
''' % dict(qq=ralnum(r, 40), tid=rhex(r, 32).upper(), subj=ew_b(subject, 'gb2312'), b=b))
    mid = top.split('Message-ID: <')[1].split('>')[0]
    assert ew_b('王磊', 'gb2312') == '=?gb2312?B?zfXA2g==?='
    msg = P(top, parts=[
        P('Content-Type: text/plain;\n\tcharset="gb2312"\nContent-Transfer-Encoding: base64\n', b64(body.encode('gb2312'))),
        P('Content-Type: text/html;\n\tcharset="gb2312"\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode('gb2312'))),
    ], boundary=b, preamble=b'This is a multi-part message in MIME format.\n\n')
    write(name, msg, messageId=mid, date='2026-11-21T11:43:57+08:00', from_=A('王磊', 'wanglei_sh@foxmail.com'),
          to=[A('passwordchange', SUPPORT_ADDR)], subject=subject, text=body, visibleText=new + '\n\n\n\nwanglei_sh@foxmail.com', html='*')


def outlook_big5_close_account():
    name = 'outlook-big5-close-account'
    r = rng(name)
    mid = outlook_msgid(r, 'hinet.net')
    new = '您好：\n\n請幫我刪除帳號和所有個人資料。我已經不想再使用貴公司的服務了，也許以後也不會再買。\n刪除完成後請回信通知我。\n\n謝謝。\n陳怡君'
    subject = '請刪除我的帳號'
    top = H('''
Return-Path: <yichun.chen@ms45.hinet.net>
Delivered-To: passwordchange@meridian.example
Received: from msr45.hinet.net (msr45.hinet.net [168.95.4.145])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRt03GjPz9sXH
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 05:17:26 +0000 (UTC)
Received: from DESKTOP-YICHUN (198-51-100-66.dynamic-ip.hinet.net [198.51.100.66])
	by msr45.hinet.net (8.15.2/8.15.2) with ESMTP id 5AL5HOx8031942
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 13:17:25 +0800
From: %(fromname)s <yichun.chen@ms45.hinet.net>
To: <passwordchange@meridian.example>
Subject: %(subj)s
Date: Sat, 21 Nov 2026 13:17:22 +0800
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: text/plain;
	charset="big5"
Content-Transfer-Encoding: quoted-printable
X-Mailer: Microsoft Outlook 16.0
Thread-Index: %(ti)s
Content-Language: zh-tw
''' % dict(mid=mid, subj=ew_b(subject, 'big5'), ti=thread_index(r, 0), fromname=ew_b('陳怡君', 'big5')))
    write(name, P(top, qp((new + '\n').encode('big5'))), messageId=mid, date='2026-11-21T13:17:22+08:00', from_=A('陳怡君', 'yichun.chen@ms45.hinet.net'),
          to=[A(None, SUPPORT_ADDR)], subject=subject, text=new, visibleText=new)


FUNCS = [gmail_es_escribio, gmail_it_ha_scritto, gmail_pt_escreveu, gmail_de_am_schrieb, thunderbird_nl_op_schreef, iphone_fr_le_a_ecrit,
          aol_all_caps_original_message, outlook_express_latin1_smart_quotes, webmail_html_only_list_and_link, thunderbird_iso_8859_2_polish,
          thebat_koi8r_russian, mobile_shift_jis_base64, thunderbird_iso_2022_jp, foxmail_gb2312, outlook_big5_close_account]
if __name__ == '__main__':
    for f in FUNCS:
        f()
    print(len(WRITTEN), 'messages')
