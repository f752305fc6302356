from common import *
import base64 as _b64

def simple_received(r, host, ip, helo, date_utc, date_local, proto='ESMTPSA'):
    return H('''
Delivered-To: passwordchange@meridian.example
Received: from %s (%s [%s])
	by mx1.meridian.example (Postfix) with ESMTPS id 4Fz%s
	for <passwordchange@meridian.example>; %s
Received: from %s ([%s])
	by %s with %s id %s;
	%s
''' % (host, host, ip, ralnum(r, 11), date_utc, helo, '198.51.100.%d' % r.randrange(2, 250), host, proto, ralnum(r, 16), date_local))


def utf8_8bit_raw_headers():
    name = 'utf8-8bit-raw-headers'
    r = rng(name)
    mid = '%s@sparkmailapp.com' % '-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)])
    body = ('Hola, buenas noches 🙏\n\nCompré unas botas con mi tarjeta de débito hace dos semanas. ¿Mi tarjeta está segura? Mi banco me dice que debo cancelarla pero '
            'ustedes dicen que no pasó nada con las tarjetas 😟 ¿A quién le creo?\n\nJosé Álvarez\n')
    subject = '¿Mi tarjeta está segura? 😟'
    top = 'Return-Path: <jose.alvarez.mx@outlook.com>\n' + simple_received(r, 'mail-dm6nam12olkn2041.outbound.protection.outlook.com', '40.92.22.41', '[192.168.1.70]', 'Sun, 22 Nov 2026 04:12:09 +0000 (UTC)', 'Sun, 22 Nov 2026 04:12:08 +0000') + H('''
Date: Sat, 21 Nov 2026 22:12:01 -0600 (CST)
From: José Álvarez <jose.alvarez.mx@outlook.com>
To: passwordchange@meridian.example
Message-ID: <%(mid)s>
Subject: %(subj)s
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
X-Mailer: Spark 3.18.2
''' % dict(mid=mid, subj=subject))
    write(name, P(top.encode('utf-8'), body.encode()), messageId=mid, date='2026-11-21T22:12:01-06:00', from_=A('José Álvarez', 'jose.alvarez.mx@outlook.com'),
          to=[A(None, SUPPORT_ADDR)], subject=subject, text=body, visibleText=body)


def unknown_charset_label():
    name = 'unknown-charset-label'
    r = rng(name)
    mid = '%s.%s@relay.videotron.example' % (rhex(r, 14).upper(), rhex(r, 6).upper())
    body = "Bonjour,\n\nje n'arrive pas à créer le nouveau mot de passe, le lien reçu a expiré avant que je l'ouvre. Pouvez-vous m'en renvoyer un?\n\nMerci,\nRené Côté\n"
    top = H('''
Return-Path: <rene.cote@videotron.example>
Delivered-To: passwordchange@meridian.example
Received: from relay.videotron.example (relay.videotron.example [203.0.113.31])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzRy41bWcz9sXJ
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 12:09:51 +0000 (UTC)
Received: from [192.0.2.200] (helo=PC-RENE)
	by relay.videotron.example (8.14.7/8.14.7) with ESMTP id 5ALC9nVx014222
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 07:09:49 -0500
Message-Id: <%(mid)s>
From: "Rene Cote" <rene.cote@videotron.example>
To: passwordchange@meridian.example
Subject: =?unknown-8bit?Q?Lien_expir=E9?=
Date: Sat, 21 Nov 2026 07:09:44 -0500
MIME-Version: 1.0
Content-Type: text/plain; charset=unknown-8bit
Content-Transfer-Encoding: 8bit
X-MIME-Autoconverted: from quoted-printable to 8bit by relay.videotron.example id 5ALC9nVx014222
''' % dict(mid=mid))
    write(name, P(top, body.encode('latin-1')), messageId=mid, date='2026-11-21T07:09:44-05:00', from_=A('Rene Cote', 'rene.cote@videotron.example'),
          to=[A(None, SUPPORT_ADDR)], subject='Lien expiré', text=body, visibleText=body, defects=['unknown-charset'])


def encoded_word_inside_quotes():
    name = 'encoded-word-inside-quotes'
    r = rng(name)
    mid = '%d.%d.%d.JavaMail.zimbra@stofanet.example' % (r.randrange(10**8, 10**9), r.randrange(10**5, 10**6), r.randrange(10**12, 10**13))
    fromname = 'Søren Jørgensen'
    subject = 'Har jeg brug for at spærre mit kort?'
    body = ('Hello,\n\nI am writing from Denmark, sorry for my English. I have your Trailhead card and I bought with my Dankort/Visa on your web shop in August. '
            'The email says card information is not affected, but my bank ask me if I want a new card. Is it necessary? '
            'Also, do you store the card number at all?\n\nBest regards\nSøren\n')
    top = H('''
Return-Path: <soren.j@stofanet.example>
Delivered-To: passwordchange@meridian.example
Received: from mta.stofanet.example (mta.stofanet.example [203.0.113.60])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS4q2hXRz9sXK
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 18:22:40 +0000 (UTC)
Received: from zimbra.stofanet.example (localhost [127.0.0.1])
	by mta.stofanet.example (Postfix) with ESMTP id 0E1F2A3B4C
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 19:22:39 +0100 (CET)
Date: Sat, 21 Nov 2026 19:22:38 +0100 (CET)
From: "%(fq)s" <soren.j@stofanet.example>
To: "=?utf-8?q?Meridian_Outfitters_Kundeservice?=" <passwordchange@meridian.example>
Message-ID: <%(mid)s>
Subject: %(subj)s
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable
X-Mailer: Zimbra 8.8.15_GA_4545 (ZimbraWebClient - FF132 (Linux)/8.8.15_GA_4545)
Thread-Index: 7dNz2fQeVq9Kx1bC3mPa0wHr5Lt8Ys
Thread-Topic: Har jeg brug for at =?utf-8?Q?sp=C3=A6rre?= mit kort?
''' % dict(mid=mid, fq=ew_b(fromname, 'UTF-8'), subj=ew_q(subject, 'utf-8', lower=True)))
    write(name, P(top, qp(body.encode())), messageId=mid, date='2026-11-21T19:22:38+01:00', from_=A(fromname, 'soren.j@stofanet.example'),
          to=[A('Meridian Outfitters Kundeservice', SUPPORT_ADDR)], subject=subject, text=body, visibleText=body)


def encoded_word_split_multibyte():
    name = 'encoded-word-split-multibyte'
    r = rng(name)
    mid = '%s.%s@webmail.prodigy.example' % (rhex(r, 20), rhex(r, 8))
    subject = 'Contraseña no válida – ¿qué hago?'
    sb = subject.encode()
    subj_hdr = '=?UTF-8?B?%s?=\n =?UTF-8?B?%s?=' % (_b64.b64encode(sb[:9]).decode(), _b64.b64encode(sb[9:]).decode())
    # display name split inside the two bytes of "ñ" in quoted-printable
    from_hdr = '=?UTF-8?Q?Mar=C3=ADa_Elena_Mu=C3?= =?UTF-8?Q?=B1oz?= <maelena.munoz@prodigy.example>'
    body = ('Buen día,\n\nIntenté crear la nueva contraseña tres veces y siempre sale "La contraseña no cumple los requisitos". Usé mayúsculas, números y un símbolo. '
            '¿Cuáles son los requisitos exactamente? En la página no lo dice.\n\nSaludos,\nMaría Elena Muñoz\n')
    top = H('''
Return-Path: <maelena.munoz@prodigy.example>
Delivered-To: passwordchange@meridian.example
Received: from webmail.prodigy.example (webmail.prodigy.example [203.0.113.77])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS6B0zpmz9sXL
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 20:55:03 +0000 (UTC)
Received: from 198.51.100.93 ([198.51.100.93]) by webmail.prodigy.example
 (Horde Framework) with HTTPS; Sat, 21 Nov 2026 14:55:01 -0600
Date: Sat, 21 Nov 2026 14:55:01 -0600
Message-ID: <%(mid)s>
From: %(from)s
To: passwordchange@meridian.example
Subject: %(subj)s
User-Agent: Horde Application Framework 5
Content-Type: text/plain; charset=UTF-8; format=flowed; DelSp=Yes
MIME-Version: 1.0
Content-Disposition: inline
Content-Transfer-Encoding: 8bit
''' % dict(mid=mid, **{'from': from_hdr, 'subj': subj_hdr}))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-21T14:55:01-06:00', from_=A('María Elena Muñoz', 'maelena.munoz@prodigy.example'),
          to=[A(None, SUPPORT_ADDR)], subject=subject, text=body, visibleText=body)


def encoded_word_missing_spaces():
    name = 'encoded-word-missing-spaces'
    r = rng(name)
    mid = '%d%s@zimbra.free.fr' % (r.randrange(10**9, 10**10), rhex(r, 6))
    body = ("Bonjour,\n\nJ'ai créé le nouveau mot de passe hier soir et ce matin mon compte est bloqué (« compte verrouillé, réessayez dans 30 minutes »). "
            "J'ai attendu deux heures et c'est toujours pareil. Mon numéro de fidélité est TR-4418-2290.\n\nFrançois Dubois\n")
    top = H('''
Return-Path: <francois.dubois@free.fr>
Delivered-To: passwordchange@meridian.example
Received: from smtp6-g21.free.fr (smtp6-g21.free.fr [212.27.42.6])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRx93sCkz9sXM
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 09:31:18 +0000 (UTC)
Received: from zimbra-e1-r1.priv.proxad.net (unknown [172.20.243.81])
	by smtp6-g21.free.fr (Postfix) with ESMTP id 7C4E2780367
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 10:31:17 +0100 (CET)
Date: Sat, 21 Nov 2026 10:31:16 +0100 (CET)
From: =?iso-8859-1?Q?Fran=E7ois_Dubois?=<francois.dubois@free.fr>
To: passwordchange@meridian.example
Message-ID: <%(mid)s>
Subject: Re:=?UTF-8?Q?_Mot_de_passe_oubli=C3=A9?==?UTF-8?Q?_et_compte_bloqu=C3=A9?=
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable
X-Originating-IP: [198.51.100.71]
X-Mailer: Zimbra 9.0.0_ZEXTRAS_20240927 (zclient/9.0.0_ZEXTRAS_20240927)
Thread-Index: Xw2sD3vJq8Lk1mNpQa4Rb7TyUo0EiZ
''' % dict(mid=mid))
    write(name, P(top, qp(body.encode())), messageId=mid, date='2026-11-21T10:31:16+01:00', from_=A('François Dubois', 'francois.dubois@free.fr'),
          to=[A(None, SUPPORT_ADDR)], subject='Re: Mot de passe oublié et compte bloqué', text=body, visibleText=body)


def rfc2231_filename_continuations():
    name = 'rfc2231-filename-continuations'
    r = rng(name)
    mid = '%s-%s-%s-%s-%s@laposte.net' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    fn1 = 'Réclamation commande MO-58213347 – facture détaillée.pdf'
    fn2 = "capture d'écran.png"
    data1 = pdf(['Meridian Outfitters - Facture', 'Commande MO-58213347 du 2 novembre 2026', 'Doudoune Summit 800 (M) 1 x 249,00 EUR', 'Total TTC 249,00 EUR'], 'Facture')
    data2 = png(200, 90, name, text_rows=(3, 6))
    q1 = lambda s: ''.join(c if (c.isascii() and (c.isalnum() or c in '-._')) else ''.join('%%%02X' % b for b in c.encode()) for c in s)
    e1 = q1(fn1)
    cut = e1.index('%E2%80%93') + 9
    body = ("Bonjour,\n\nJe profite de ce message pour une autre question : ma commande MO-58213347 n'est jamais arrivée, le suivi indique « livré » depuis le 9 novembre. "
            "Vous trouverez la facture et une capture d'écran du suivi en pièces jointes.\n\nCordialement,\nAnne-Sophie Lefèvre\n")
    b = '------------%s' % ralnum(r, 24, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')
    top = H('''
Return-Path: <as.lefevre@laposte.net>
Delivered-To: passwordchange@meridian.example
Received: from smtp-out.laposte.net (smtp-out.laposte.net [160.92.124.98])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS8r6KtTz9sXN
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 22:40:12 +0000 (UTC)
Received: from [192.168.1.22] ([192.0.2.118])
	by smtp-out.laposte.net with ESMTPSA id 2b3c4d5e6f7a8b9c;
	Sat, 21 Nov 2026 23:40:11 +0100
Content-Type: multipart/mixed; boundary="%(b)s"
Message-ID: <%(mid)s>
Date: Sat, 21 Nov 2026 23:40:08 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: fr
To: passwordchange@meridian.example
From: =?UTF-8?Q?Anne-Sophie_Lef=C3=A8vre?= <as.lefevre@laposte.net>
Subject: =?UTF-8?Q?Commande_jamais_re=C3=A7ue?=
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[
        text_part(body, 'UTF-8', '8bit'),
        P("Content-Type: application/pdf;\n name*0*=UTF-8''%s;\n name*1*=%s\nContent-Disposition: attachment;\n filename*0*=UTF-8''%s;\n filename*1*=%s\nContent-Transfer-Encoding: base64\n" % (e1[:cut], e1[cut:], e1[:cut], e1[cut:]), b64(data1)),
        P("Content-Type: image/png; name=\"capture d'=?ISO-8859-1?Q?=E9cran=2Epng?=\"\nContent-Disposition: attachment;\n filename*=iso-8859-1'fr'capture%20d%27%E9cran.png\nContent-Transfer-Encoding: base64\n", b64(data2)),
    ], boundary=b, preamble=b'This is a multi-part message in MIME format.\n')
    write(name, msg, messageId=mid, date='2026-11-21T23:40:08+01:00', from_=A('Anne-Sophie Lefèvre', 'as.lefevre@laposte.net'),
          to=[A(None, SUPPORT_ADDR)], subject='Commande jamais reçue', text=body, visibleText=body,
          attachments=[att(fn1, 'application/pdf', data1), att(fn2, 'image/png', data2)])


def rfc2047_filename_outlook():
    name = 'rfc2047-filename-outlook'
    r = rng(name)
    mid = outlook_msgid(r, 'gmx.de')
    fn1 = 'Screenshot Fehlermeldung Passwort ändern.png'
    fn2 = 'Überweisung.pdf'
    data1 = png(360, 140, name, text_rows=(5, 6, 9))
    data2 = pdf(['Kontoauszug 21.11.2026', 'MERIDIAN OUTFITTERS ONLINE  -89,95 EUR', 'Umsatz nicht autorisiert?'], 'Kontoauszug')
    w = fn1.encode()
    enc1 = '=?utf-8?B?%s?=\n =?utf-8?B?%s?=' % (_b64.b64encode(w[:30]).decode(), _b64.b64encode(w[30:]).decode())
    new = ('Guten Tag,\n\nbeim Ändern des Passworts kommt immer die Fehlermeldung aus dem Screenshot. Außerdem sehe ich heute eine Abbuchung von Meridian über 89,95 EUR, '
           'die ich nicht kenne (Kontoauszug anbei). Ich habe seit Monaten nichts bestellt!\n\nBitte um dringende Rückmeldung.\n\nMarkus Brandl')
    html = word_html('utf-8', 'DE', new.split('\n'))
    b1, b2 = '----=_NextPart_000_0021_01DB3C0E.5B1A7D20', '----=_NextPart_001_0022_01DB3C0E.5B1A7D20'
    top = H('''
Return-Path: <markus.brandl@gmx.de>
Delivered-To: passwordchange@meridian.example
Received: from mout.gmx.net (mout.gmx.net [212.227.17.21])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS3k5QjVz9sXP
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 17:52:31 +0000 (UTC)
''') + dkim(r, 'gmx.de', 's31663417', 'X-UI-Sender-Class:From:To:Subject:Date:Message-ID:MIME-Version:\n\t Content-Type') + H('''
X-UI-Sender-Class: 01bb95c1-4bf8-414a-932a-4f6e2808ef9c
Received: from MARKUSPC ([192.0.2.95]) by mail.gmx.net (mrgmx105
 [212.227.17.168]) with ESMTPSA (Nemesis) id 1MZCbB-1tQp9q0Xyz-00V5Kx for
 <passwordchange@meridian.example>; Sat, 21 Nov 2026 18:52:30 +0100
From: "Markus Brandl" <markus.brandl@gmx.de>
To: <passwordchange@meridian.example>
Subject: =?utf-8?Q?Fehler_beim_Passwort_=C3=A4ndern_+_unbekannte_Abbuchung?=
Date: Sat, 21 Nov 2026 18:52:27 +0100
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: multipart/mixed;
	boundary="%(b)s"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: %(ti)s
Content-Language: de
X-Provags-ID: V03:K1:8Vb2dT5gQw0pLx3Zk6Nc1Fr7Hm9Js4Ya
''' % dict(mid=mid, b=b1, ti=thread_index(r, 0)))
    alt = P('Content-Type: multipart/alternative;\n\tboundary="%s"\n' % b2, parts=[
        P('Content-Type: text/plain;\n\tcharset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n', qp((new + '\n').encode())),
        P('Content-Type: text/html;\n\tcharset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n', qp(html.encode())),
    ], boundary=b2)
    msg = P(top, parts=[
        alt,
        P('Content-Type: image/png;\n\tname="%s"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment;\n\tfilename="%s"\n' % (enc1, enc1), b64(data1)),
        P('Content-Type: application/pdf;\n\tname="%s"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment;\n\tfilename="%s"\n' % (fn2, fn2), b64(data2)),
    ], boundary=b1, preamble=b'This is a multipart message in MIME format.\n\n')
    write(name, msg, messageId=mid, date='2026-11-21T18:52:27+01:00', from_=A('Markus Brandl', 'markus.brandl@gmx.de'), to=[A(None, SUPPORT_ADDR)],
          subject='Fehler beim Passwort ändern + unbekannte Abbuchung', text=new, visibleText=new, html='*',
          attachments=[att(fn1, 'image/png', data1), att(fn2, 'application/pdf', data2)])


def address_groups_and_comments():
    name = 'address-groups-and-comments'
    r = rng(name)
    mid = 'alpine.DEB.2.26.%d%s@ridgeline-ws3' % (r.randrange(10**9, 10**10), rhex(r, 6))
    body = ('Hello,\n\nI manage IT for a small surveying company (14 people). Most of our field staff created Meridian accounts with their work addresses to get the '
            'Trailhead pro discount, so your notice went to all of them and they are all asking me what to do.\n\n'
            'Two questions:\n\n1. Will the 12 months of identity monitoring be offered to each employee, or only to the account holder of the company account?\n'
            '2. Is there a way for us to confirm which of our addresses were affected, without every person writing to you separately?\n\n'
            'Please reply to it-help@ridgeline-surveying.example so the whole team sees it.\n\nThanks,\nPat Hernandez\n')
    top = H('''
Return-Path: <pat.hernandez@ridgeline-surveying.example>
Delivered-To: passwordchange@meridian.example
Received: from mail.ridgeline-surveying.example (mail.ridgeline-surveying.example [198.51.100.244])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRp31yZkz9sXQ
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 13:05:57 +0000 (UTC)
Received: by mail.ridgeline-surveying.example (Postfix, from userid 1004)
	id 9D8C7B6A5F; Sat, 21 Nov 2026 06:05:56 -0700 (MST)
Date: Sat, 21 Nov 2026 06:05:56 -0700 (MST)
From: pat.hernandez@ridgeline-surveying.example (Pat Hernandez)
To: Meridian Support: passwordchange@meridian.example,
    "Meridian Privacy" <privacy@meridian.example>;
cc: Ridgeline Staff:;, "Lopez, Maria" <mlopez@ridgeline-surveying.example> (Office
    Manager)
Reply-To: it-help@ridgeline-surveying.example (IT Help Desk),
 pat.hernandez@ridgeline-surveying.example
Subject: Identity monitoring for employees (company accounts)
Message-ID: <%(mid)s>
User-Agent: Alpine 2.26 (DEB 649 2022-06-02)
MIME-Version: 1.0
Content-Type: TEXT/PLAIN; charset=US-ASCII
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-21T06:05:56-07:00', from_=A('Pat Hernandez', 'pat.hernandez@ridgeline-surveying.example'),
          replyTo=[A('IT Help Desk', 'it-help@ridgeline-surveying.example'), A(None, 'pat.hernandez@ridgeline-surveying.example')],
          to=[A(None, SUPPORT_ADDR), A('Meridian Privacy', 'privacy@meridian.example')], cc=[A('Lopez, Maria', 'mlopez@ridgeline-surveying.example')],
          subject='Identity monitoring for employees (company accounts)', text=body, visibleText=body)


def address_obsolete_syntax():
    name = 'address-obsolete-syntax'
    r = rng(name)
    mid = '7.1.0.9.0.%d%s@example.net' % (r.randrange(10**7, 10**8), rhex(r, 6))
    body = ("Dear Sirs,\n\nMy order MO-57102288 shipped on November 12 and the tracking has not moved since November 13 (\"label created\"). "
            "With everything going on with your computers I want to make sure the order is not lost. It was a Christmas present.\n\n"
            "Please copy my brother-in-law J.R. on your reply, he placed the order for me.\n\nGreg Halvorsen\n")
    top = H('''
Return-Path: <greg.halvorsen@example.net>
Delivered-To: passwordchange@meridian.example
Received: from relay.example.net (relay.example.net [203.0.113.120])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzRn65LtFz9sXR
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 03:03:44 +0000 (UTC)
Received: from GREGS-LAPTOP.example.net ([198.51.100.47]) by relay.example.net
	(8.12.11/8.12.11) with ESMTP id jALK3hA0012991;
	Fri, 20 Nov 2026 21:03:43 -0600
Message-Id: <%(mid)s>
X-Mailer: QUALCOMM Windows Eudora Version 7.1.0.9
Date: Fri, 20 Nov 2026 21:03:40 -0600
To: passwordchange @ meridian.example
From: Greg Halvorsen <@mail1.example.net,@relay.example.net:greg.halvorsen@example.net>
Cc: J. R. Tolliver <jr.tolliver@example.com>,
	"Mike \\"Hammer\\" Reyes" <mreyes@example.com>, ,
	Dana Whitaker<dana.whitaker@example.com>
Reply-To: "Greg" <greg.halvorsen@example.net>
Subject: order MO-57102288 not moving
Mime-Version: 1.0
Content-Type: text/plain; charset="us-ascii"; format=flowed
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-20T21:03:40-06:00', from_=A('Greg Halvorsen', 'greg.halvorsen@example.net'),
          replyTo=[A('Greg', 'greg.halvorsen@example.net')], to=[A(None, SUPPORT_ADDR)],
          cc=[A('J. R. Tolliver', 'jr.tolliver@example.com'), A('Mike "Hammer" Reyes', 'mreyes@example.com'), A('Dana Whitaker', 'dana.whitaker@example.com')],
          subject='order MO-57102288 not moving', text=body, visibleText=body)


def date_two_digit_year_obsolete_zone():
    name = 'date-two-digit-year-obsolete-zone'
    r = rng(name)
    mid = '%s@bellsouth.example' % rhex(r, 16).upper()
    body = 'Just wanted to say thanks for letting us know so fast. My old bank took 6 months to tell me when they got hacked. Made my new password already, no problems.\n\nBill & Joanne Carver\nMacon GA\n'
    top = H('''
Return-Path: <bcarver@bellsouth.example>
Delivered-To: passwordchange@meridian.example
Received: from mail.bellsouth.example (mail.bellsouth.example [203.0.113.9])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzRr93PnNz9sXS
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 19:03:31 +0000 (UTC)
Message-ID: <%(mid)s>
From: "Bill Carver" <bcarver@bellsouth.example>
To: <passwordchange@meridian.example>
Subject: thank you
Date: 21 Nov 26 14:03 EST
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit
X-Mailer: Calypso Version 3.30.00.00 (4)
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-21T14:03:00-05:00', from_=A('Bill Carver', 'bcarver@bellsouth.example'),
          to=[A(None, SUPPORT_ADDR)], subject='thank you', text=body, visibleText=body)


def date_unparseable_placeholder():
    name = 'date-unparseable-placeholder'
    r = rng(name)
    mid = '%s.%d@mailpro.example' % (rhex(r, 12), r.randrange(10**6, 10**7))
    body = 'hi my account is locked after i put the new password 3 times wrong. how long i have to wait? i need order my son boots for winter\n\nthank you\nOksana\n'
    top = H('''
Return-Path: <oksana.kravets@ukr.example>
Delivered-To: passwordchange@meridian.example
Received: from smtp.mailpro.example (smtp.mailpro.example [203.0.113.140])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzS5d6wCBz9sXT
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 19:47:10 +0000 (UTC)
Message-ID: <%(mid)s>
Date: {DATE}
From: Oksana Kravets <oksana.kravets@ukr.example>
To: passwordchange@meridian.example
Subject: account locked
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 7bit
X-Mailer: MailPro Lite 2.1 (Android)
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date=None, from_=A('Oksana Kravets', 'oksana.kravets@ukr.example'),
          to=[A(None, SUPPORT_ADDR)], subject='account locked', text=body, visibleText=body, defects=['invalid-date'])


def date_asctime_no_zone():
    name = 'date-asctime-no-zone'
    r = rng(name)
    mid = '%d.%s@shell.sonic.example' % (r.randrange(10**9, 10**10), rhex(r, 8))
    body = ('Who do I talk to about getting a copy of all the data you hold on me? I would like the complete record (CCPA request), '
            'including the loyalty history and whatever was in the system that got accessed.\n\n- Ray Pellegrini\n')
    top = H('''
Return-Path: <rayp@sonic.example>
Delivered-To: passwordchange@meridian.example
Received: from shell.sonic.example (shell.sonic.example [203.0.113.200])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzS07BvZPz9sXV
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 14:03:25 +0000 (UTC)
Received: (from rayp@localhost)
	by shell.sonic.example (8.15.2/8.15.2/Submit) id 5ALE3Mf4019233;
	Sat, 21 Nov 2026 06:03:22 -0800
Date: Sat Nov 21 14:03:22 2026
From: rayp@sonic.example
Message-Id: <%(mid)s>
To: passwordchange@meridian.example
Subject: data request
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-21T14:03:22+00:00', from_=A(None, 'rayp@sonic.example'),
          to=[A(None, SUPPORT_ADDR)], subject='data request', text=body, visibleText=body)


def date_localized_weekday_single_digits():
    name = 'date-localized-weekday-single-digits'
    r = rng(name)
    mid = '%s@kabelmail.example' % rhex(r, 20)
    body = 'Guten Morgen,\n\nwie lange gilt der Link zum Erstellen des neuen Passworts? Meiner ist schon abgelaufen.\n\nGruß\nHeinz Kowalski\n'
    top = H('''
Return-Path: <heinz.kowalski@kabelmail.example>
Delivered-To: passwordchange@meridian.example
Received: from smtp.kabelmail.example (smtp.kabelmail.example [203.0.113.171])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRw2b8Qnz9sXW
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 08:05:40 +0000 (UTC)
From: "Heinz Kowalski" <heinz.kowalski@kabelmail.example>
To: passwordchange@meridian.example
Subject: Link abgelaufen
Date: Sa, 21 Nov 2026 9:5:33 +0100
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-15
Content-Transfer-Encoding: quoted-printable
X-Mailer: KabelMail Webmail 4.2
''' % dict(mid=mid))
    write(name, P(top, qp(body.encode('iso-8859-15'))), messageId=mid, date='2026-11-21T09:05:33+01:00', from_=A('Heinz Kowalski', 'heinz.kowalski@kabelmail.example'),
          to=[A(None, SUPPORT_ADDR)], subject='Link abgelaufen', text=body, visibleText=body)


def base64_garbage():
    name = 'base64-garbage'
    r = rng(name)
    mid = '%s@mail.gateway-scan.example' % rhex(r, 24)
    body = ('Hello, I attach the screenshot of the error when I create the password. It says error code PWR-500. I am using Windows 11 and Chrome.\n\n'
            'Best regards,\nAnil Raghunathan\n')
    shot = png(240, 100, name, text_rows=(4, 8))

    def dirty(data, junk):
        lines = b64(data).decode().split('\n')
        out = []
        for i, l in enumerate(lines):
            if l and i % 3 == 1:
                p = r.randrange(1, len(l))
                l = l[:p] + junk[i % len(junk)] + l[p:]
            out.append(l)
        return '\n'.join(out).encode()
    b = '----=_Part_%d_%d.%d' % (r.randrange(10**5, 10**6), r.randrange(10**8, 10**9), r.randrange(10**12, 10**13))
    top = H('''
Return-Path: <anil.r@techmahal.example>
Delivered-To: passwordchange@meridian.example
Received: from mail.gateway-scan.example (mail.gateway-scan.example [203.0.113.222])
	by mx1.meridian.example (Postfix) with ESMTP id 4FzS1m0fQyz9sXX
	for <passwordchange@meridian.example>; Sat, 21 Nov 2026 15:58:02 +0000 (UTC)
X-Scanned-By: GatewayScan Mail Security 3.2 (body rewrite)
Date: Sat, 21 Nov 2026 21:27:55 +0530
From: Anil Raghunathan <anil.r@techmahal.example>
To: passwordchange@meridian.example
Message-ID: <%(mid)s>
Subject: Error PWR-500 when creating password
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="%(b)s"
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[
        P('Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n', dirty(body.encode(), ['.', ' '])),
        P('Content-Type: image/png; name=error.png\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=error.png\n', dirty(shot, ['!', '*', '#', '\t', '%'])),
    ], boundary=b)
    write(name, msg, messageId=mid, date='2026-11-21T21:27:55+05:30', from_=A('Anil Raghunathan', 'anil.r@techmahal.example'), to=[A(None, SUPPORT_ADDR)],
          subject='Error PWR-500 when creating password', text=body, visibleText=body, attachments=[att('error.png', 'image/png', shot)],
          defects=['base64-garbage'])


def bare_lf_line_endings():
    name = 'bare-lf-line-endings'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s@mutt.example' % rhex(r, 16)
    new = ("Why does the notice say the 17th when your status page says you\nnoticed something on the 14th? Three days is a long time.\n\n"
           "And I want to know if the password hashes were salted. \"Hashes\"\ncan mean anything.")
    attr = 'On Fri, Nov 20, 2026 at 09:14:03AM -0500, Meridian Outfitters wrote:'
    body = new + '\n\n' + attr + '\n' + quote(notice_text(72)) + '\n\n-- \nTom Ekwueme\n'
    b = rhex(r, 16)
    top = H('''
Return-Path: <tom@ekwueme.example>
Delivered-To: passwordchange@meridian.example
Received: from ekwueme.example (ekwueme.example [198.51.100.200])
	by mx1.meridian.example (Postfix) with ESMTPS id 4FzRd56sFtz9sXY
	for <passwordchange@meridian.example>; Fri, 20 Nov 2026 21:30:17 +0000 (UTC)
Date: Fri, 20 Nov 2026 16:30:12 -0500
From: Tom Ekwueme <tom@ekwueme.example>
To: Meridian Outfitters <passwordchange@meridian.example>
Subject: Re: Important: please create a new password
Message-ID: <%(mid)s>
References: <%(nid)s>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Disposition: inline
In-Reply-To: <%(nid)s>
User-Agent: Mutt/2.2.13 (2024-03-09)
Status: RO
Content-Length: %(clen)d
Lines: %(lines)d
''' % dict(mid=mid, nid=nid, clen=len(body.encode()), lines=body.count('\n')))
    write(name, P(top, body.encode()), messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T16:30:12-05:00',
          from_=A('Tom Ekwueme', 'tom@ekwueme.example'), to=[SUPPORT], subject='Re: Important: please create a new password',
          text=body, visibleText=new, bare_lf=True)


def mbox_from_line():
    name = 'mbox-from-line'
    r = rng(name)
    mid = '%s@mail.gmail.com' % ('CA' + ralnum(r, 46))
    new = "Is there a phone number I can call instead? I don't like doing this over email after what happened.\n\nRuth"
    b = gmail_boundary(r)
    top = ('From ruth.abernathy@gmail.com Sat Nov 21 16:40:05 2026\n'
           + gmail_headers(r, 'ruth.abernathy@gmail.com', '', 'Sat, 21 Nov 2026 16:40:05 +0000 (UTC)', 'Sat, 21 Nov 2026 08:40:04 -0800 (PST)')
           + H('''
MIME-Version: 1.0
From: Ruth Abernathy <ruth.abernathy@gmail.com>
Date: Sat, 21 Nov 2026 11:39:58 -0500
Message-ID: <%(mid)s>
Subject: phone number?
To: passwordchange@meridian.example
Content-Type: multipart/alternative; boundary="%(b)s"
X-UID: 4127
Status: RO
''' % dict(mid=mid, b=b)))
    html = gmail_html(''.join('<div>%s</div>' % (esc(l) if l else '<br>') for l in new.split('\n')))
    msg = P(top, parts=[text_part(new + '\n', 'UTF-8', '7bit', ct_charset='UTF-8'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b, epilogue=b'\n')
    write(name, msg, messageId=mid, date='2026-11-21T11:39:58-05:00', from_=A('Ruth Abernathy', 'ruth.abernathy@gmail.com'), to=[A(None, SUPPORT_ADDR)],
          subject='phone number?', text=new, visibleText=new, html='*', bare_lf=True)


FUNCS = [utf8_8bit_raw_headers, unknown_charset_label, encoded_word_inside_quotes, encoded_word_split_multibyte, encoded_word_missing_spaces,
          rfc2231_filename_continuations, rfc2047_filename_outlook, address_groups_and_comments, address_obsolete_syntax,
          date_two_digit_year_obsolete_zone, date_unparseable_placeholder, date_asctime_no_zone, date_localized_weekday_single_digits,
          base64_garbage, bare_lf_line_endings, mbox_from_line]
if __name__ == '__main__':
    for f in FUNCS:
        f()
    print(len(WRITTEN), 'messages')
