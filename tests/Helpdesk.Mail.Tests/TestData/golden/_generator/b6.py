from machine_common import *

def ar(name, sender_hdr, from_, subject_hdr, subject, date_hdr, date_iso, body, extra, charset='utf-8', cte='quoted-printable', host=None, ip='203.0.113.90',
       mid=None, irt=True, null_sender=True, html=None, to_hdr='passwordchange@meridian.example', to=None, kind='auto_reply', reply_to=None):
    r = rng(name)
    nid = notice_id(name)
    host = host or 'mail.' + from_['address'].split('@')[1]
    mid = mid or '%s@%s' % (rhex(r, 20), host)
    top = mx_received(r, host, ip, 'Fri, 20 Nov 2026 14:%02d:%02d +0000 (UTC)' % (r.randrange(14, 59), r.randrange(60)), null_sender)
    top += 'From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\n' % (sender_hdr, to_hdr, subject_hdr, date_hdr, mid)
    if irt:
        top += 'In-Reply-To: <%s>\nReferences: <%s>\n' % (nid, nid)
    top += extra
    top += 'MIME-Version: 1.0\n'
    if html is None:
        top += 'Content-Type: text/plain; charset=%s\nContent-Transfer-Encoding: %s\n' % (charset, cte)
        msg = P(top, encode_body(body, charset, cte))
    else:
        b = '_%s_' % rhex(r, 32)
        top += 'Content-Type: multipart/alternative;\n\tboundary="%s"\n' % b
        msg = P(top, parts=[text_part(body, charset, cte), text_part(html, charset, cte, 'html')], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid if irt else None, references=[nid] if irt else [], date=date_iso, from_=from_, to=to or [A(None, SUPPORT_ADDR)],
          replyTo=reply_to or [], subject=subject, text=body, visibleText=body, html='*' if html else None, machine=machine(kind))


def autoreply_sieve_vacation():
    body = ('I am on research leave until 11 January 2027 and will read email only occasionally.\n\n'
            'For questions about courses, please contact the department office: geo-office@uni-geo.example.\n\nAlan Whitford\n')
    ar('autoreply-sieve-vacation', 'Alan Whitford <awhitford@uni-geo.example>', A('Alan Whitford', 'awhitford@uni-geo.example'),
       'On research leave until January', 'On research leave until January', 'Fri, 20 Nov 2026 15:14:22 +0100', '2026-11-20T15:14:22+01:00', body,
       'Auto-Submitted: auto-replied (vacation)\n', cte='8bit', mid='dovecot-sieve-1795713262-214779-0@mail.uni-geo.example')


def autoreply_x_autoreply_only():
    body = 'Здравствуйте!\n\nСпасибо за письмо. Я в отпуске до 1 декабря и отвечу после возвращения.\n\nИрина Соколова\n'
    ar('autoreply-x-autoreply-only', '=?UTF-8?B?0JjRgNC40L3QsCDQodC+0LrQvtC70L7QstCw?= <i.sokolova@sibtrans.example>', A('Ирина Соколова', 'i.sokolova@sibtrans.example'),
       'Re: Important: please create a new password', 'Re: Important: please create a new password', 'Fri, 20 Nov 2026 21:40:05 +0700', '2026-11-20T21:40:05+07:00', body,
       'X-Autoreply: yes\n', cte='base64')


def autoreply_x_autorespond_cpanel():
    body = ('Thanks for contacting Harbor Bait & Tackle!\n\nOur shop hours are Tue-Sun 6am to 4pm. We answer email once a day, usually in the evening. '
            'For live bait availability please call the shop.\n\n- The Harbor Bait crew\n')
    ar('autoreply-x-autorespond-cpanel', '"Harbor Bait & Tackle" <info@harborbait.example>', A('Harbor Bait & Tackle', 'info@harborbait.example'),
       'Thanks for contacting Harbor Bait & Tackle', 'Thanks for contacting Harbor Bait & Tackle', 'Fri, 20 Nov 2026 09:14:51 -0500', '2026-11-20T09:14:51-05:00', body,
       'X-Autorespond: Important: please create a new password\nX-Mailer: cPanel autoresponder\n', charset='us-ascii', cte='7bit', irt=False)


def autoreply_precedence_auto_reply():
    body = ("Thank you for your email. I'm away from the practice until Monday 30 November.\n\n"
            'For appointments please call the front desk at (207) 555-0199. For emergencies call the after-hours line.\n\nDr. Samuel Okoro\nOkoro Family Dentistry\n')
    ar('autoreply-precedence-auto-reply', 'Dr. Samuel Okoro <sokoro@okorodental.example>', A('Dr. Samuel Okoro', 'sokoro@okorodental.example'),
       'Re: Important: please create a new password', 'Re: Important: please create a new password', 'Fri, 20 Nov 2026 09:16:02 -0500', '2026-11-20T09:16:02-05:00', body,
       'Precedence: auto_reply\n', charset='us-ascii', cte='7bit')


def autoreply_lotus_notes_precedence_bulk():
    body = ('I will be out of the office starting  11/20/2026 and will not return until 11/30/2026.\n\n'
            'I will respond to your message when I return. For urgent matters please contact Denise Park at dpark@hubbard-mfg.example or (614) 555-0170.\n')
    ar('autoreply-lotus-notes-precedence-bulk', 'Karl Hubbard <khubbard@hubbard-mfg.example>', A('Karl Hubbard', 'khubbard@hubbard-mfg.example'),
       'Karl Hubbard is out of the office.', 'Karl Hubbard is out of the office.', 'Fri, 20 Nov 2026 09:15:33 -0500', '2026-11-20T09:15:33-05:00', body,
       'Precedence: bulk\nX-Mailer: Lotus Domino Release 9.0.1FP10 HF383\nX-MIMETrack: Serialize by Router on NOTES01/HubbardMfg(Release 9.0.1FP10 HF383|November 03, 2020) at\n 11/20/2026 09:15:33 AM\n',
       charset='US-ASCII', cte='7bit')


def autoreply_unix_vacation_precedence_junk():
    body = 'I will not be reading my mail for a while.\nYour mail concerning "Important: please create a new password"\nwill be read when I\'m back.\n'
    ar('autoreply-unix-vacation-precedence-junk', 'gerald@shell.oldnet.example (Gerald Finch)', A('Gerald Finch', 'gerald@shell.oldnet.example'),
       'away from my mail', 'away from my mail', 'Fri, 20 Nov 2026 09:14:09 -0500', '2026-11-20T09:14:09-05:00', body,
       'Precedence: junk\n', charset='us-ascii', cte='7bit', irt=False, mid='202611201414.5AKEE9k2004411@shell.oldnet.example')


def autoreply_exchange_automatic_reply():
    name = 'autoreply-exchange-automatic-reply'
    r = rng(name)
    body = ('Thank you for your message. I am out of the office with no access to email until Monday, November 30.\n\n'
            'For urgent requests please contact accounts@summitlegal.example or call (303) 555-0114.\n\nJennifer Alcott\n')
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii"></head><body><div style="font-family: Aptos, sans-serif; font-size: 12pt;">'
            'Thank you for your message. I am out of the office with no access to email until Monday, November 30.<br><br>For urgent requests please contact accounts@summitlegal.example or call (303) 555-0114.<br><br>Jennifer Alcott</div></body></html>\n')
    ar(name, 'Jennifer Alcott <jalcott@summitlegal.example>', A('Jennifer Alcott', 'jalcott@summitlegal.example'),
       'Automatic reply: Important: please create a new password', 'Automatic reply: Important: please create a new password',
       'Fri, 20 Nov 2026 14:14:12 +0000', '2026-11-20T14:14:12+00:00', body,
       'Thread-Topic: Important: please create a new password\nThread-Index: %s\nX-MS-Has-Attach:\nX-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: jalcott@summitlegal.example\nX-MS-TNEF-Correlator:\nAuto-Submitted: auto-generated\nContent-Language: en-US\n' % thread_index(r, 1),
       charset='us-ascii', cte='quoted-printable', html=html, host='mail-bn8nam12on2112.outbound.protection.outlook.com', ip='40.107.237.112',
       mid='BN0PR04MB8014%s@BN0PR04MB8014.namprd04.prod.outlook.com' % ralnum(r, 20, 'ABCDEF0123456789'))


def autoreply_out_of_office_no_headers_en():
    body = ('I am currently out of the office until November 30 with limited access to email. For urgent matters, please call my cell at 555-0142.\n\n'
            'Regards,\nBrian McAllister\n')
    ar('autoreply-out-of-office-no-headers-en', '"McAllister, Brian" <BMcAllister@tristate-hvac.example>', A('McAllister, Brian', 'BMcAllister@tristate-hvac.example'),
       'Out of Office AutoReply: Important: please create a new password', 'Out of Office AutoReply: Important: please create a new password',
       'Fri, 20 Nov 2026 09:14:44 -0500', '2026-11-20T09:14:44-05:00', body,
       'X-Mailer: Internet Mail Service (5.5.2657.72)\n', charset='iso-8859-1', cte='7bit', irt=False, null_sender=False,
       mid='4F1A2C3E9B5D6E7F8A0B1C2D@EXCH2003.tristate-hvac.local')


def autoreply_de_abwesenheitsnotiz():
    body = ('Sehr geehrte Damen und Herren,\n\nich bin bis einschließlich 27.11.2026 nicht im Büro. Ihre E-Mail wird nicht weitergeleitet. '
            'In dringenden Fällen wenden Sie sich bitte an meine Kollegin Frau Schäfer (schaefer@bergmann-steuer.example).\n\nMit freundlichen Grüßen\nThomas Bergmann\n')
    ar('autoreply-de-abwesenheitsnotiz', 'Thomas Bergmann <bergmann@bergmann-steuer.example>', A('Thomas Bergmann', 'bergmann@bergmann-steuer.example'),
       'Abwesenheitsnotiz: Important: please create a new password', 'Abwesenheitsnotiz: Important: please create a new password',
       'Fri, 20 Nov 2026 15:14:38 +0100', '2026-11-20T15:14:38+01:00', body, 'X-Mailer: Microsoft Outlook 16.0\nContent-Language: de\n',
       charset='iso-8859-1', cte='quoted-printable', null_sender=False)


def autoreply_fr_reponse_automatique():
    body = ("Bonjour,\n\nJe suis absent du bureau jusqu'au lundi 30 novembre inclus, avec un accès limité à ma messagerie. "
            "Pour toute demande urgente, merci de contacter l'accueil au 04 72 55 01 20.\n\nCordialement,\nJulien Roussel\n")
    subj = 'Réponse automatique : Important: please create a new password'
    ar('autoreply-fr-reponse-automatique', 'Julien Roussel <j.roussel@cabinet-roussel.example>', A('Julien Roussel', 'j.roussel@cabinet-roussel.example'),
       ew_q('Réponse automatique :', 'UTF-8') + ' Important: please create a new password', subj,
       'Fri, 20 Nov 2026 15:15:02 +0100', '2026-11-20T15:15:02+01:00', body, 'Content-Language: fr-FR\n', null_sender=False)


def autoreply_es_respuesta_automatica():
    body = ('Gracias por su mensaje.\n\nEstoy fuera de la oficina hasta el lunes 30 de noviembre, sin acceso regular al correo. '
            'Para asuntos urgentes puede escribir a recepcion@clinicasol.example.\n\nUn saludo,\nLucía Fernández\n')
    ar('autoreply-es-respuesta-automatica', '=?iso-8859-1?Q?Luc=EDa_Fern=E1ndez?= <lfernandez@clinicasol.example>', A('Lucía Fernández', 'lfernandez@clinicasol.example'),
       ew_q('Respuesta automática:', 'iso-8859-1') + ' Important: please create a new password', 'Respuesta automática: Important: please create a new password',
       'Fri, 20 Nov 2026 15:16:40 +0100', '2026-11-20T15:16:40+01:00', body, '', charset='iso-8859-1', null_sender=False)


def autoreply_nl_automatisch_antwoord():
    body = ('Beste afzender,\n\nIk ben afwezig tot en met vrijdag 27 november en lees mijn e-mail niet. '
            'Voor dringende zaken kunt u contact opnemen met mijn collega Pieter de Wit via p.dewit@vanleeuwen-bouw.example.\n\nMet vriendelijke groet,\nSanne van Leeuwen\n')
    ar('autoreply-nl-automatisch-antwoord', 'Sanne van Leeuwen <s.vanleeuwen@vanleeuwen-bouw.example>', A('Sanne van Leeuwen', 's.vanleeuwen@vanleeuwen-bouw.example'),
       'Automatisch antwoord: Important: please create a new password', 'Automatisch antwoord: Important: please create a new password',
       'Fri, 20 Nov 2026 15:14:29 +0100', '2026-11-20T15:14:29+01:00', body, 'Content-Language: nl-NL\n', null_sender=False)


def autoreply_it_risposta_automatica():
    body = ('Gentile mittente,\n\nsono fuori ufficio fino al 30 novembre e non ho accesso regolare alla posta. '
            'Per urgenze può contattare la segreteria allo 02 5550 1188.\n\nCordiali saluti\nChiara Benedetti\n')
    ar('autoreply-it-risposta-automatica', 'Chiara Benedetti <c.benedetti@libero.it>', A('Chiara Benedetti', 'c.benedetti@libero.it'),
       'Risposta automatica: Important: please create a new password', 'Risposta automatica: Important: please create a new password',
       'Fri, 20 Nov 2026 15:20:11 +0100', '2026-11-20T15:20:11+01:00', body, 'X-Mailer: Libero Mail\n', null_sender=False, host='smtp-out.libero.it', ip='213.209.10.33')


def autoreply_pt_resposta_automatica():
    body = ('Olá,\n\nEstou fora do escritório até segunda-feira, 30 de novembro, com acesso limitado ao e-mail. '
            'Em caso de urgência, fale com financeiro@contabilrio.example.\n\nAtenciosamente,\nRafael Moreira\n')
    ar('autoreply-pt-resposta-automatica', 'Rafael Moreira <rafael@contabilrio.example>', A('Rafael Moreira', 'rafael@contabilrio.example'),
       ew_q('Resposta automática:', 'UTF-8') + ' Important: please create a new password', 'Resposta automática: Important: please create a new password',
       'Fri, 20 Nov 2026 11:15:58 -0300', '2026-11-20T11:15:58-03:00', body, '', null_sender=False)


def autoreply_ticket_system_ack():
    body = ('##- Please type your reply above this line -##\n\nYour request (48211) has been received and is being reviewed by our support staff.\n\n'
            'To add additional comments, reply to this email.\n\nNorthwind Travel Support\n')
    html = ('<html><body><p style="color:#b5b5b5">##- Please type your reply above this line -##</p><p>Your request (48211) has been received and is being reviewed by our support staff.</p>'
            '<p>To add additional comments, reply to this email.</p><p>Northwind Travel Support</p></body></html>\n')
    ar('autoreply-ticket-system-ack', '"Northwind Travel Support" <support@northwind-travel.example>', A('Northwind Travel Support', 'support@northwind-travel.example'),
       '[Northwind Travel] Re: Important: please create a new password', '[Northwind Travel] Re: Important: please create a new password',
       'Fri, 20 Nov 2026 14:14:40 +0000', '2026-11-20T14:14:40+00:00', body,
       'Auto-Submitted: auto-generated\nX-Mailer: Zendesk Mailer\nX-Zendesk-From-Account-Id: 1f0a9c2\nX-Zendesk-Email-Id: 01JD4K2Q8N3V5X7Z9B1C3E5G7H\nReply-To: Northwind Travel Support <support+id48211@northwind-travel.example>\n',
       html=html, null_sender=False, host='smtp.zendesk-mail.example', ip='192.0.2.161',
       mid='ZS8K2Q9RXV_6744f1a8c2e3d_sprut@zendesk.com', reply_to=[A('Northwind Travel Support', 'support+id48211@northwind-travel.example')])


# ---- read receipts -------------------------------------------------------------------------------
def receipt_outlook_mdn():
    name = 'receipt-outlook-mdn'
    r = rng(name)
    nid = notice_id(name)
    rcpt = 'jmorales@cityplumbing.example'
    mid = '%s@%s' % ('-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]), 'EXCH01.cityplumbing.local')
    text = ('Your message\n\n  To: %s\n  Subject: Important: please create a new password\n  Sent: Friday, November 20, 2026 9:14:03 AM (UTC-05:00) Eastern Time (US & Canada)\n\n'
            'was read on Friday, November 20, 2026 11:02:17 AM (UTC-05:00) Eastern Time (US & Canada).\n') % rcpt
    mdn = ('Reporting-UA: EXCH01.cityplumbing.local; Microsoft Exchange Server 2019\nFinal-Recipient: rfc822;%s\nOriginal-Message-ID: <%s>\n'
           'Disposition: automatic-action/MDN-sent-automatically; displayed\n') % (rcpt, nid)
    b = '_%s_' % rhex(r, 36)
    top = mx_received(r, 'mail.cityplumbing.example', '198.51.100.31', 'Fri, 20 Nov 2026 16:02:19 +0000 (UTC)', null_sender=False) + H('''
From: Jorge Morales <%(rcpt)s>
To: Meridian Outfitters <passwordchange@meridian.example>
Subject: Read: Important: please create a new password
Thread-Topic: Important: please create a new password
Thread-Index: %(ti)s
Date: Fri, 20 Nov 2026 16:02:17 +0000
Message-ID: <%(mid)s>
References: <%(nid)s>
In-Reply-To: <%(nid)s>
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
Content-Type: multipart/report; report-type=disposition-notification;
	boundary="%(b)s"
MIME-Version: 1.0
''' % dict(rcpt=rcpt, ti=thread_index(r, 1), mid=mid, nid=nid, b=b))
    mp = raw_part('Content-Type: message/disposition-notification\n', mdn)
    msg = P(top, parts=[text_part(text, 'us-ascii', 'quoted-printable'), mp], boundary=b)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T16:02:17+00:00', from_=A('Jorge Morales', rcpt), to=[SUPPORT],
          subject='Read: Important: please create a new password', text=text, visibleText=text,
          attachments=[raw_att(None, 'message/disposition-notification', mp)], machine=machine('receipt'))


def receipt_thunderbird_mdn():
    name = 'receipt-thunderbird-mdn'
    r = rng(name)
    rid = 'reply-50112.1@meridian.example'
    rcpt = 'kmurphy@murphyfarms.example'
    mid = '%s-%s-%s-%s-%s@murphyfarms.example' % (rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12))
    subj = 'Return Receipt (displayed) - Re: [Meridian #50112] Reset link expired'
    text = ('This is a Return Receipt for the mail that you sent to %s.\n\nNote: This Return Receipt only acknowledges that the message was displayed on the recipient\'s computer. '
            'There is no guarantee that the recipient has read or understood the message contents.\n') % rcpt
    mdn = ('Reporting-UA: localhost; Mozilla Thunderbird\nFinal-Recipient: rfc822;%s\nOriginal-Message-ID: <%s>\nDisposition: manual-action/MDN-sent-manually; displayed\n') % (rcpt, rid)
    hdrs = ('From: Meridian Outfitters <passwordchange@meridian.example>\nTo: Kevin Murphy <%s>\nSubject: Re: [Meridian #50112] Reset link expired\n'
            'Date: Sat, 21 Nov 2026 13:40:02 +0000\nMessage-ID: <%s>\nDisposition-Notification-To: passwordchange@meridian.example\n') % (rcpt, rid)
    b = '------------%s' % ralnum(r, 24)
    top = mx_received(r, 'smtp.murphyfarms.example', '203.0.113.233', 'Sat, 21 Nov 2026 14:05:49 +0000 (UTC)', null_sender=False) + H('''
Message-ID: <%(mid)s>
Date: Sat, 21 Nov 2026 08:05:46 -0600
MIME-Version: 1.0
From: Kevin Murphy <%(rcpt)s>
To: passwordchange@meridian.example
Subject: %(subj)s
Content-Type: multipart/report; report-type=disposition-notification;
 boundary="%(b)s"
''' % dict(mid=mid, rcpt=rcpt, subj=subj, b=b))
    mp = raw_part('Content-Type: message/disposition-notification; name="MDNPart2.txt"\nContent-Disposition: inline\nContent-Transfer-Encoding: 7bit\n', mdn)
    hp = raw_part('Content-Type: text/rfc822-headers; name="MDNPart3.txt"\nContent-Transfer-Encoding: 7bit\nContent-Disposition: inline\n', hdrs)
    msg = P(top, parts=[text_part(text, 'UTF-8', '7bit', ct_charset='UTF-8'), mp, hp], boundary=b, preamble=b'This is a multi-part message in MIME format.\n')
    write(name, msg, messageId=mid, date='2026-11-21T08:05:46-06:00', from_=A('Kevin Murphy', rcpt), to=[A(None, SUPPORT_ADDR)], subject=subj, text=text, visibleText=text,
          attachments=[raw_att('MDNPart2.txt', 'message/disposition-notification', mp, True), raw_att('MDNPart3.txt', 'text/rfc822-headers', hp, True)],
          machine=machine('receipt'))


def receipt_gelesen_text_only():
    name = 'receipt-gelesen-text-only'
    r = rng(name)
    nid = notice_id(name)
    text = ('Ihre Nachricht\n\n  An: Annika Vogt\n  Betreff: Important: please create a new password\n  Gesendet: Freitag, 20. November 2026 15:14:03 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien\n\n'
            'wurde am Freitag, 20. November 2026 16:40:12 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien gelesen.\n')
    mid = outlook_msgid(r, 'vogt-architektur.example')
    top = mx_received(r, 'mail.vogt-architektur.example', '203.0.113.248', 'Fri, 20 Nov 2026 15:40:15 +0000 (UTC)', null_sender=False) + H('''
From: "Annika Vogt" <a.vogt@vogt-architektur.example>
To: "Meridian Outfitters" <passwordchange@meridian.example>
Subject: Gelesen: Important: please create a new password
Date: Fri, 20 Nov 2026 16:40:12 +0100
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: text/plain;
	charset="iso-8859-1"
Content-Transfer-Encoding: 7bit
X-Mailer: Microsoft Outlook 16.0
Content-Language: de
''' % dict(mid=mid))
    write(name, P(top, text.encode('latin-1')), messageId=mid, date='2026-11-20T16:40:12+01:00', from_=A('Annika Vogt', 'a.vogt@vogt-architektur.example'), to=[SUPPORT],
          subject='Gelesen: Important: please create a new password', text=text, visibleText=text, machine=machine('receipt'))


# ---- challenge-response --------------------------------------------------------------------------
def challenge_sender_verification():
    name = 'challenge-sender-verification'
    r = rng(name)
    mid = '%s@verify.sendercheck.example' % rhex(r, 24)
    tok = ralnum(r, 32)
    body = ('Hello,\n\nYou recently sent a message to dkessler@ameritech.example. I use SenderCheck to keep junk mail out of my inbox, '
            'so please confirm your message by verifying that you are a real person. You only need to do this once.\n\n'
            'Click here to verify: https://verify.sendercheck.example/c/%s\n\n'
            'Your original message will be delivered as soon as you confirm. Unconfirmed messages are deleted after 7 days.\n\n'
            'Subject of your message: Important: please create a new password\n\n---\nThis message was sent automatically by SenderCheck on behalf of dkessler@ameritech.example.\n') % tok
    top = mx_received(r, 'mta2.sendercheck.example', '192.0.2.97', 'Fri, 20 Nov 2026 14:15:20 +0000 (UTC)', null_sender=False) + H('''
From: "Dave Kessler" <verify+%(tok)s@verify.sendercheck.example>
Reply-To: verify+%(tok)s@verify.sendercheck.example
To: passwordchange@meridian.example
Subject: Please confirm your message to dkessler@ameritech.example
Date: Fri, 20 Nov 2026 14:15:19 +0000
Message-ID: <%(mid)s>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit
''' % dict(tok=tok, mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-20T14:15:19+00:00', from_=A('Dave Kessler', 'verify+%s@verify.sendercheck.example' % tok),
          replyTo=[A(None, 'verify+%s@verify.sendercheck.example' % tok)], to=[A(None, SUPPORT_ADDR)],
          subject='Please confirm your message to dkessler@ameritech.example', text=body, visibleText=body, machine=machine('challenge'))


def challenge_guest_list_approval():
    name = 'challenge-guest-list-approval'
    r = rng(name)
    mid = '%d.%d.JavaMail.app@guestgate.example' % (r.randrange(10**9), r.randrange(10**12))
    tkn = ralnum(r, 40)
    text = ('Kathy Brennan uses GuestGate to keep her inbox clean.\n\n'
            'Your message "Important: please create a new password" is waiting for approval. To make sure it is delivered, '
            'please request to be added to her Guest List:\n\nhttps://www.guestgate.example/request?tkn=%s\n\n'
            'Messages from senders who are not on the Guest List are kept in a waiting area and may not be read.\n\n'
            'GuestGate - Inbox protection for everyone\n') % tkn
    html = ('<html><body><p><b>Kathy Brennan</b> uses GuestGate to keep her inbox clean.</p><p>Your message "Important: please create a new password" is waiting for approval. '
            'To make sure it is delivered, please <a href="https://www.guestgate.example/request?tkn=%s">request to be added to her Guest List</a>.</p>'
            '<p>Messages from senders who are not on the Guest List are kept in a waiting area and may not be read.</p><p style="color:#999">GuestGate - Inbox protection for everyone</p>'
            '<img src="https://www.guestgate.example/t/%s.gif" width="1" height="1"></body></html>\n') % (tkn, tkn[:12])
    b = '----=_Part_%d_%d.%d' % (r.randrange(10**5, 10**6), r.randrange(10**8, 10**9), r.randrange(10**12, 10**13))
    top = mx_received(r, 'out1.guestgate.example', '192.0.2.45', 'Fri, 20 Nov 2026 14:16:02 +0000 (UTC)', null_sender=True) + H('''
Date: Fri, 20 Nov 2026 14:16:01 +0000 (UTC)
From: "Kathy Brennan (via GuestGate)" <notifications@guestgate.example>
To: passwordchange@meridian.example
Message-ID: <%(mid)s>
Subject: Your message to Kathy Brennan is waiting for approval
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="%(b)s"
Auto-Submitted: auto-replied
X-GuestGate-Type: request-approval
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[text_part(text, 'UTF-8', '7bit', ct_charset='UTF-8'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b)
    write(name, msg, messageId=mid, date='2026-11-20T14:16:01+00:00', from_=A('Kathy Brennan (via GuestGate)', 'notifications@guestgate.example'), to=[A(None, SUPPORT_ADDR)],
          subject='Your message to Kathy Brennan is waiting for approval', text=text, visibleText=text, html='*', machine=machine('challenge'))


def challenge_isp_approved_senders():
    name = 'challenge-isp-approved-senders'
    r = rng(name)
    nid = notice_id(name)
    mid = '%s.%d@webmail.pinecrest-isp.example' % (rhex(r, 16), r.randrange(10**5))
    body = ('Sorry for this automatic reply. To fight spam I only accept mail from senders I have approved.\n\n'
            'If you would like to be added to my list of approved senders, please fill out the short form below. After I approve you, '
            'your original message will be delivered to my inbox; you do not need to send it again.\n\n'
            'https://webmail.pinecrest-isp.example/spamguard/addme?a=%s\n\nThank you,\nRoberta Nguyen\n') % ralnum(r, 24)
    top = mx_received(r, 'webmail.pinecrest-isp.example', '203.0.113.166', 'Fri, 20 Nov 2026 14:17:45 +0000 (UTC)', null_sender=True) + H('''
From: Roberta Nguyen <rnguyen@pinecrest-isp.example>
To: passwordchange@meridian.example
Subject: Re: Important: please create a new password
Date: Fri, 20 Nov 2026 09:17:44 -0500
Message-ID: <%(mid)s>
In-Reply-To: <%(nid)s>
X-SpamGuard: challenge
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit
''' % dict(mid=mid, nid=nid))
    write(name, P(top, body.encode()), messageId=mid, inReplyTo=nid, date='2026-11-20T09:17:44-05:00', from_=A('Roberta Nguyen', 'rnguyen@pinecrest-isp.example'),
          to=[A(None, SUPPORT_ADDR)], subject='Re: Important: please create a new password', text=body, visibleText=body, machine=machine('challenge'))


# ---- mailing lists -------------------------------------------------------------------------------
def list_google_groups_discussion():
    name = 'list-google-groups-discussion'
    r = rng(name)
    mid = gmail_msgid(r)
    new = ("Did everyone else get the Meridian breach email? I'm CCing their support address because I'd like an answer for the group: "
           "we all used the club discount code, so is the club's group account affected too, and should the treasurer change that password as well?\n\nDana")
    footer = ('-- \nYou received this message because you are subscribed to the Google Groups "Cascade Trail Runners" group.\n'
              'To unsubscribe from this group and stop receiving emails from it, send an email to cascade-trail-runners+unsubscribe@googlegroups.com.\n'
              'To view this discussion visit https://groups.google.com/d/msgid/cascade-trail-runners/%s.\n') % mid.replace('@', '%40')
    plain = new + '\n\n' + footer
    html = gmail_html(''.join('<div>%s</div>' % (esc(l) if l else '<br>') for l in new.split('\n'))) + '\n<p></p>\n-- <br />\nYou received this message because you are subscribed to the Google Groups &quot;Cascade Trail Runners&quot; group.<br />\n'
    b = gmail_boundary(r)
    top = mx_received(r, 'mail-yw1-f189.google.com', '209.85.128.189', 'Sat, 21 Nov 2026 18:02:31 +0000 (UTC)', null_sender=False).replace('Delivered-To', 'Return-Path: <cascade-trail-runners+bncBDX3Q@googlegroups.com>\nDelivered-To') + dkim(r, 'googlegroups.com', '20230601', 'x-original-authentication-results:x-original-sender:mime-version:list-unsubscribe\n         :list-subscribe:list-archive:list-help:list-post:list-id:mailing-list\n         :precedence:to:subject:message-id:date:from:cc:reply-to') + H('''
Sender: cascade-trail-runners@googlegroups.com
X-Original-Sender: dana.kim.runs@gmail.com
X-Original-Authentication-Results: gmr-mx.google.com;       dkim=pass header.i=@gmail.com header.s=20230601;       spf=pass smtp.mailfrom=dana.kim.runs@gmail.com;       dmarc=pass header.from=gmail.com
Precedence: list
Mailing-list: list cascade-trail-runners@googlegroups.com; contact cascade-trail-runners+owners@googlegroups.com
List-ID: <cascade-trail-runners.googlegroups.com>
X-Spam-Checked-In-Group: dana.kim.runs@gmail.com
X-Google-Group-Id: 884120093317
List-Post: <https://groups.google.com/group/cascade-trail-runners/post>, <mailto:cascade-trail-runners@googlegroups.com>
List-Help: <https://groups.google.com/support/>, <mailto:cascade-trail-runners+help@googlegroups.com>
List-Archive: <https://groups.google.com/group/cascade-trail-runners
List-Subscribe: <https://groups.google.com/group/cascade-trail-runners/subscribe>, <mailto:cascade-trail-runners+subscribe@googlegroups.com>
List-Unsubscribe: <mailto:googlegroups-manage+884120093317+unsubscribe@googlegroups.com>,
 <https://groups.google.com/group/cascade-trail-runners/subscribe>
MIME-Version: 1.0
From: "'Dana Kim' via Cascade Trail Runners" <cascade-trail-runners@googlegroups.com>
Date: Sat, 21 Nov 2026 10:02:18 -0800
Message-ID: <%(mid)s>
Subject: [CTR] Meridian breach - club account?
To: Cascade Trail Runners <cascade-trail-runners@googlegroups.com>
Cc: passwordchange@meridian.example
Reply-To: Dana Kim <dana.kim.runs@gmail.com>
Content-Type: multipart/alternative; boundary="%(b)s"
''' % dict(mid=mid, b=b))
    write(name, P(top, parts=[text_part(plain, 'UTF-8', 'quoted-printable'), text_part(html, 'UTF-8', 'quoted-printable', 'html')], boundary=b),
          messageId=mid, date='2026-11-21T10:02:18-08:00', from_=A("'Dana Kim' via Cascade Trail Runners", 'cascade-trail-runners@googlegroups.com'),
          replyTo=[A('Dana Kim', 'dana.kim.runs@gmail.com')], to=[A('Cascade Trail Runners', 'cascade-trail-runners@googlegroups.com')], cc=[A(None, SUPPORT_ADDR)],
          subject='[CTR] Meridian breach - club account?', text=plain, visibleText=new, html='*', machine=machine('mailing_list'))


def list_mailman_isac_alert():
    name = 'list-mailman-isac-alert'
    r = rng(name)
    mid = '%s@retailisac.example' % rhex(r, 24)
    body = ('TLP:GREEN\n\nMembers,\n\nWe are tracking a phishing campaign impersonating Meridian Outfitters following its customer notice of 20 November. '
            'Observed lures: "Action required: verify your Meridian account within 24 hours" and "Refund pending: $89.99".\n\n'
            'Indicators:\n  meridian-account-verify.example\n  mrdn-refunds.example\n  meridian-support-desk.example\n\n'
            'Sender infrastructure: 203.0.113.199, 203.0.113.250\n\nPlease share with your fraud and customer care teams.\n\n'
            'Retail ISAC Analysis Desk\n'
            '_______________________________________________\nRetail-ISAC-announce mailing list -- retail-isac-announce@lists.retailisac.example\n'
            'To unsubscribe send an email to retail-isac-announce-leave@lists.retailisac.example\n')
    top = mx_received(r, 'lists.retailisac.example', '198.51.100.240', 'Sat, 21 Nov 2026 20:30:05 +0000 (UTC)', null_sender=False).replace('Delivered-To', 'Return-Path: <retail-isac-announce-bounces@lists.retailisac.example>\nDelivered-To') + H('''
From: Retail ISAC Analysis Desk <analysis@retailisac.example>
To: retail-isac-announce@lists.retailisac.example
Date: Sat, 21 Nov 2026 15:29:58 -0500
Message-ID: <%(mid)s>
Subject: [Retail-ISAC-announce] Phishing campaign impersonating Meridian Outfitters
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 7bit
Message-ID-Hash: X4KQ2PL7ZT3NRW6YB5JMCU8DV9EGH0SA
X-Message-ID-Hash: X4KQ2PL7ZT3NRW6YB5JMCU8DV9EGH0SA
X-MailFrom: analysis@retailisac.example
X-Mailman-Version: 3.3.9
Precedence: list
List-Id: "Retail ISAC announcements" <retail-isac-announce.lists.retailisac.example>
List-Archive: <https://lists.retailisac.example/archives/list/retail-isac-announce@lists.retailisac.example/message/X4KQ2PL7ZT3NRW6YB5JMCU8DV9EGH0SA/>
List-Help: <mailto:retail-isac-announce-request@lists.retailisac.example?subject=help>
List-Owner: <mailto:retail-isac-announce-owner@lists.retailisac.example>
List-Post: NO (posting not allowed on this list)
List-Subscribe: <mailto:retail-isac-announce-join@lists.retailisac.example>
List-Unsubscribe: <mailto:retail-isac-announce-leave@lists.retailisac.example>
''' % dict(mid=mid))
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-21T15:29:58-05:00', from_=A('Retail ISAC Analysis Desk', 'analysis@retailisac.example'),
          to=[A(None, 'retail-isac-announce@lists.retailisac.example')], subject='[Retail-ISAC-announce] Phishing campaign impersonating Meridian Outfitters',
          text=body, visibleText=body, machine=machine('mailing_list'))


def list_esp_newsletter():
    name = 'list-esp-newsletter'
    r = rng(name)
    mid = '%s@mail%d.atl221.mcsv.example' % (rhex(r, 32), r.randrange(10, 99))
    text = ('** Winter Trail Report: the best snowshoe routes of the season\n------------------------------------------------------------\n\n'
            'Hi there,\n\nThe first big storm is here. This week: five snowshoe loops under 6 miles, how to layer for wet cold, and our gear swap dates.\n\n'
            'Read the full report (https://trailheadquarterly.example/winter-report?utm_source=newsletter)\n\n'
            '============================================================\nYou are receiving this email because you signed up at trailheadquarterly.example.\n'
            'Unsubscribe passwordchange@meridian.example from this list: https://trailheadquarterly.us1.list-manage.example/unsubscribe?u=4c1e&id=88f0a\n')
    html = ('<!doctype html><html><head><meta charset="UTF-8"><title>Winter Trail Report</title><style>table{border-collapse:collapse}.mcnTextContent{font-size:16px}</style></head>'
            '<body><center><table width="100%"><tr><td class="mcnTextContent"><h1>Winter Trail Report</h1><p>Hi there,</p><p>The first big storm is here. This week: five snowshoe loops under 6 miles, how to layer for wet cold, and our gear swap dates.</p>'
            '<p><a href="https://trailheadquarterly.example/winter-report?utm_source=newsletter">Read the full report</a></p></td></tr></table>'
            '<p style="font-size:11px">You are receiving this email because you signed up at trailheadquarterly.example. <a href="https://trailheadquarterly.us1.list-manage.example/unsubscribe?u=4c1e&amp;id=88f0a">Unsubscribe</a></p>'
            '<img src="https://trailheadquarterly.us1.list-manage.example/track/open.php?u=4c1e&amp;id=7d2a" height="1" width="1"></center></body></html>\n')
    b = '_----------=_MCPart_%d' % r.randrange(10**9, 10**10)
    top = mx_received(r, 'mail221.atl221.mcsv.example', '198.2.139.221', 'Sat, 21 Nov 2026 13:00:12 +0000 (UTC)', null_sender=False).replace('Delivered-To', 'Return-Path: <bounce-mc.us1_4c1e.88f0a-passwordchange=meridian.example@mail221.atl221.mcsv.example>\nDelivered-To') + dkim(r, 'trailheadquarterly.example', 'k2', 'Subject:From:Reply-To:To:Date:Message-ID:List-ID:List-Unsubscribe:\n\t List-Unsubscribe-Post:Content-Type:MIME-Version:CC') + H('''
Subject: Winter Trail Report: the best snowshoe routes of the season
From: Trailhead Quarterly <news@trailheadquarterly.example>
Reply-To: Trailhead Quarterly <news@trailheadquarterly.example>
To: <passwordchange@meridian.example>
Date: Sat, 21 Nov 2026 13:00:04 +0000
Message-ID: <%(mid)s>
X-Mailer: Mailchimp Mailer - **CID7d2a3e1f88f0a9c4**
X-Campaign: mailchimp4c1e.7d2a3e1f
X-campaignid: mailchimp4c1e.7d2a3e1f
X-Report-Abuse: Please report abuse for this campaign here: https://mailchimp.example/contact/abuse/?u=4c1e&id=7d2a&e=0f1e2d
X-MC-User: 4c1e
Feedback-ID: 4c1e:4c1e.7d2a:us1:mc
List-ID: 4c1e mailchimp list <4c1e.88f0a.list-id.mcsv.example>
X-Accounttype: pd
List-Unsubscribe: <https://trailheadquarterly.us1.list-manage.example/unsubscribe?u=4c1e&id=88f0a&e=0f1e2d&c=7d2a>, <mailto:unsubscribe-mc.us1_4c1e.88f0a-0f1e2d@unsubscribe.mailchimpapp.example?subject=unsubscribe>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Precedence: bulk
Content-Type: multipart/alternative; boundary="%(b)s"
MIME-Version: 1.0
''' % dict(mid=mid, b=b))
    msg = P(top, parts=[text_part(text, 'utf-8', 'quoted-printable'), text_part(html, 'utf-8', 'quoted-printable', 'html')], boundary=b, preamble=b'This is a multi-part message in MIME format\n\n')
    write(name, msg, messageId=mid, date='2026-11-21T13:00:04+00:00', from_=A('Trailhead Quarterly', 'news@trailheadquarterly.example'),
          replyTo=[A('Trailhead Quarterly', 'news@trailheadquarterly.example')], to=[A(None, SUPPORT_ADDR)],
          subject='Winter Trail Report: the best snowshoe routes of the season', text=text, visibleText=text, html='*', machine=machine('mailing_list'))


FUNCS = [autoreply_sieve_vacation, autoreply_x_autoreply_only, autoreply_x_autorespond_cpanel, autoreply_precedence_auto_reply, autoreply_lotus_notes_precedence_bulk,
         autoreply_unix_vacation_precedence_junk, autoreply_exchange_automatic_reply, autoreply_out_of_office_no_headers_en, autoreply_de_abwesenheitsnotiz,
         autoreply_fr_reponse_automatique, autoreply_es_respuesta_automatica, autoreply_nl_automatisch_antwoord, autoreply_it_risposta_automatica,
         autoreply_pt_resposta_automatica, autoreply_ticket_system_ack, receipt_outlook_mdn, receipt_thunderbird_mdn, receipt_gelesen_text_only,
         challenge_sender_verification, challenge_guest_list_approval, challenge_isp_approved_senders, list_google_groups_discussion,
         list_mailman_isac_alert, list_esp_newsletter]
if __name__ == '__main__':
    for f in FUNCS:
        f()
    print(len(WRITTEN), 'messages')
