"""Mail that does not follow one client's template: blank lines missing, nested quotes, signatures without the
space, inline images, replies to replies, Word HTML without a plain part. Each body and its expected words are
written out in full here by hand."""
from langs import L, DESK
from clients import NOTICE, quote, WORD_HEAD, mso, paras_div
from mime import Part, message, ew, addr, esc

Q = quote(NOTICE)
AGENT_Q = quote("Hello,\n\nThank you for writing to us. Your ticket number is 48213.\n\nKind regards,\nMeridian Support")

CASES = [
    # name, lang, subject, plain body, expected
    ('tb-no-blank-before-attribution', 'en', 'Re: Important: please create a new password',
     "Thanks, the new password works.\nOn 20/11/2026 10:15, Meridian Outfitters wrote:\n" + Q,
     "Thanks, the new password works."),
    ('gmail-reply-to-reply-nested', 'en', 'Re: [Ticket #48213] Important: please create a new password',
     "Still not working, sorry. Same error as before.\n\nOn Sat, Nov 21, 2026 at 9:02 AM Meridian Support <passwordchange@meridian.example> wrote:\n\n"
     + AGENT_Q + "\n>\n> On Fri, Nov 20, 2026 at 4:10 PM Karen Whitfield <karen.whitfield@gmail.com> wrote:\n>\n>> The page just reloads.\n>>\n>> Karen\n",
     "Still not working, sorry. Same error as before."),
    ('signature-dashes-no-space', 'en', 'Re: Important: please create a new password',
     "Do I need a new password for the app too?\n\n--\nMark Ellison\nEllison Plumbing\n0161 496 0000\n\nOn Fri, Nov 20, 2026 at 10:15 AM Meridian Outfitters <passwordchange@meridian.example> wrote:\n" + Q,
     "Do I need a new password for the app too?"),
    ('bottom-post-with-signature', 'en', 'Re: Important: please create a new password',
     "On 20/11/2026 10:15, Meridian Outfitters wrote:\n" + Q + "\n\nWhy did it take three days to tell us?\n\n-- \nPaul Richter\n",
     "Why did it take three days to tell us?"),
    ('partial-quote-comment', 'en', 'Re: Important: please create a new password',
     "Meridian Outfitters wrote:\n> Your payment card information was not affected.\n\nHow can you be sure of that?\n\n> Meridian will never ask you for your password or personal information by email.\n\nThen who sent me the text message asking for it?\n\nRegards\nHelen",
     "How can you be sure of that?\n\nThen who sent me the text message asking for it?\n\nRegards\nHelen"),
    ('reply-with-urls', 'en', 'Re: Important: please create a new password',
     "The link https://www.meridian.example/account gives me a 404. I also tried https://meridian.example/reset.\n\nOn Fri, Nov 20, 2026 at 10:15 AM Meridian Outfitters <passwordchange@meridian.example> wrote:\n" + Q,
     "The link https://www.meridian.example/account gives me a 404. I also tried https://meridian.example/reset."),
    ('de-outlook-signature-then-block', 'de', 'AW: Important: please create a new password',
     "Hallo,\n\nbei mir funktioniert der Link nicht.\n\nViele Grüße\nLukas Brandt\n\nVon: Meridian Outfitters <passwordchange@meridian.example>\nGesendet: Freitag, 20. November 2026 10:15\nAn: lukas.brandt@t-online.de\nBetreff: Important: please create a new password\n\n" + NOTICE,
     "Hallo,\n\nbei mir funktioniert der Link nicht.\n\nViele Grüße\nLukas Brandt"),
    ('fr-outlook-nbsp-labels', 'fr', 'RE : Important: please create a new password',
     "Bonjour, je n'ai toujours pas reçu le lien.\n\nDe\u00a0: Meridian Outfitters <passwordchange@meridian.example>\nEnvoyé\u00a0: vendredi 20 novembre 2026 10:15\nÀ\u00a0: jmoreau@free.fr\nObjet\u00a0: Important: please create a new password\n\n" + NOTICE,
     "Bonjour, je n'ai toujours pas reçu le lien."),
    ('ru-outlook-block', 'ru', 'RE: Important: please create a new password',
     "Добрый день! Ссылка не работает.\n\nОт: Meridian Outfitters <passwordchange@meridian.example>\nОтправлено: пятница, 20 ноября 2026 г. 10:15\nКому: d.ivanov@mail.ru\nТема: Important: please create a new password\n\n" + NOTICE,
     "Добрый день! Ссылка не работает."),
    ('no-outlook-block', 'no', 'SV: Important: please create a new password',
     "Hei, hvorfor må jeg bytte passord?\n\nFra: Meridian Outfitters <passwordchange@meridian.example>\nSendt: fredag 20. november 2026 10:15\nTil: ingrid.solberg@online.no\nEmne: Important: please create a new password\n\n" + NOTICE,
     "Hei, hvorfor må jeg bytte passord?"),
    ('da-outlook-block', 'da', 'SV: Important: please create a new password',
     "Hej, jeg har ikke fået nogen mail.\n\nFra: Meridian Outfitters <passwordchange@meridian.example>\nSendt: 20. november 2026 10:15\nTil: mette.kristensen@mail.dk\nEmne: Important: please create a new password\n\n" + NOTICE,
     "Hej, jeg har ikke fået nogen mail."),
    ('fi-outlook-block', 'fi', 'VS: Important: please create a new password',
     "Hei, miksi salasana pitää vaihtaa?\n\nLähettäjä: Meridian Outfitters <passwordchange@meridian.example>\nLähetetty: perjantai 20. marraskuuta 2026 10.15\nVastaanottaja: mikko.virtanen@elisanet.fi\nAihe: Important: please create a new password\n\n" + NOTICE,
     "Hei, miksi salasana pitää vaihtaa?"),
    ('inline-answer-first-line-only', 'en', 'Re: [Ticket #48300] Your question',
     "On Sat, Nov 21, 2026 at 9:02 AM Meridian Support <passwordchange@meridian.example> wrote:\n> Which browser do you use?\n\nSafari.\n\n> Kind regards,\n> Meridian Support\n",
     "Safari."),
    ('forward-inside-reply', 'en', 'Re: Important: please create a new password',
     "I also got the message below yesterday. Is it from you?\n\n---------- Forwarded message ---------\nFrom: Meridian Security <security@meridian-verify.example>\nDate: Sat, Nov 21, 2026 at 8:02 AM\nSubject: Verify your account within 24 hours\nTo: <karen.whitfield@gmail.com>\n\n\nVerify here: https://meridian-verify.example/login?id=77812\n",
     "I also got the message below yesterday. Is it from you?"),
    ('yahoo-plain-indented-attribution-de', 'de', 'AW: Important: please create a new password',
     "Ich bekomme immer nur eine Fehlermeldung.\n\n    Am Freitag, 20. November 2026 um 10:15:42 MEZ hat Meridian Outfitters <passwordchange@meridian.example> Folgendes geschrieben:  \n \n \n" + NOTICE,
     "Ich bekomme immer nur eine Fehlermeldung."),
    ('long-reply-several-paragraphs', 'en', 'Re: Important: please create a new password',
     "Hello,\n\nI have been a customer for eleven years and this is the second time my details have been exposed.\n\nFirst, I want to know exactly what was accessed. Your email says card information was not affected, but it does not say whether my address and phone number were.\n\nSecond, I want my account closed once this is answered.\n\nThird, please stop sending me marketing email.\n\nSincerely,\nRobert Hale\n\nOn Fri, Nov 20, 2026 at 10:15 AM Meridian Outfitters <passwordchange@meridian.example> wrote:\n" + Q,
     "Hello,\n\nI have been a customer for eleven years and this is the second time my details have been exposed.\n\nFirst, I want to know exactly what was accessed. Your email says card information was not affected, but it does not say whether my address and phone number were.\n\nSecond, I want my account closed once this is answered.\n\nThird, please stop sending me marketing email.\n\nSincerely,\nRobert Hale"),
    ('es-gmail-attribution-parenthesis', 'es', 'Re: Important: please create a new password',
     "No me llega el correo.\n\nEl vie, 20 nov 2026 a las 10:15, Meridian Outfitters (<passwordchange@meridian.example>) escribió:\n\n" + Q,
     "No me llega el correo."),
    ('it-outlook-original-message', 'it', 'R: Important: please create a new password',
     "Buongiorno, il link è scaduto.\n\n-----Messaggio originale-----\nDa: Meridian Outfitters [mailto:passwordchange@meridian.example]\nInviato: venerdì 20 novembre 2026 10:15\nA: f.conti@virgilio.it\nOggetto: Important: please create a new password\n\n" + NOTICE,
     "Buongiorno, il link è scaduto."),
    ('sent-from-then-quote-no-blank', 'en', 'Re: Important: please create a new password',
     "Is this real?\nSent from my iPhone\n\n> On Nov 20, 2026, at 10:15, Meridian Outfitters <passwordchange@meridian.example> wrote:\n>\n" + Q,
     "Is this real?"),
    ('one-quoted-line-at-end', 'en', 'Re: Important: please create a new password',
     "If the card was not affected, why did my bank block it?\n\nDale\n\n> Your payment card information was not affected.\n",
     "If the card was not affected, why did my bank block it?\n\nDale"),
    ('one-quoted-line-at-end-de', 'de', 'AW: Important: please create a new password',
     "Meine Bank hat die Karte gesperrt. Warum?\nGrüße, Jens Hofmann\n> Your payment card information was not affected.\n",
     "Meine Bank hat die Karte gesperrt. Warum?\nGrüße, Jens Hofmann"),
    ('customer-colon-list', 'en', 'Re: Important: please create a new password',
     "Here is what I tried:\n1. Chrome\n2. Firefox\n3. My phone\n\nNone of them work.\n\nOn Fri, Nov 20, 2026 at 10:15 AM Meridian Outfitters <passwordchange@meridian.example> wrote:\n" + Q,
     "Here is what I tried:\n1. Chrome\n2. Firefox\n3. My phone\n\nNone of them work."),
]

HTML_CASES = [
    # Word HTML only (Outlook desktop sending HTML without a plain part).
    ('outlook-word-html-only-en', 'en', 'RE: Important: please create a new password',
     WORD_HEAD % ('utf-8', 'EN-US') + mso("Hello,\n\nWhere do I find the \"Create a New Password\" button?\n\nThanks\nTom") +
     '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
     '<p class="MsoNormal"><b>From:</b> Meridian Outfitters &lt;passwordchange@meridian.example&gt; <br><b>Sent:</b> Friday, November 20, 2026 10:15 AM<br><b>To:</b> Tom Baxter &lt;tbaxter@outlook.com&gt;<br><b>Subject:</b> Important: please create a new password<o:p></o:p></p></div></div>'
     '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>' + mso(NOTICE) + '</div></body></html>',
     "Hello,\n\nWhere do I find the \"Create a New Password\" button?\n\nThanks\nTom"),
    ('gmail-html-signature-only', 'en', 'Re: Important: please create a new password',
     '<div dir="ltr"><div>Can you call me instead?</div><br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">Anna Pike<div>Pike &amp; Daughters</div><div>+44 20 7946 0321</div></div></div></div>',
     "Can you call me instead?"),
    ('apple-html-attachment-image', 'en', 'Re: Important: please create a new password', None, "Here is a screenshot of the error."),
]


def make(n, write, when):
    for i, (name, lang, subject, body, expected) in enumerate(CASES):
        n += 1
        me = L[lang]['people'][i % len(L[lang]['people'])]
        hs = ['Message-ID: <harder.%d.%s>' % (i, me[1]), 'Date: ' + when(n).strftime('%a, %d %b %Y %H:%M:%S +0100'),
              'From: ' + addr(me[0], me[1]), 'To: ' + addr(DESK[0], DESK[1]), 'Subject: ' + ew(subject),
              'In-Reply-To: <notice.20261120.000000000000@meridian.example>']
        # A reply that carries a forwarded mail under the words is a forward of that mail (a phishing report).
        fwd = {'from': 'security@meridian-verify.example', 'subject': 'Verify your account within 24 hours'} if name == 'forward-inside-reply' else None
        write('harder', name, message(hs, Part('text/plain', body, 'utf-8', 'quoted-printable' if i % 2 else '8bit')), expected, fwd)
    for i, (name, lang, subject, html, expected) in enumerate(HTML_CASES):
        n += 1
        me = L[lang]['people'][i % len(L[lang]['people'])]
        hs = ['Message-ID: <harder-html.%d.%s>' % (i, me[1]), 'Date: ' + when(n).strftime('%a, %d %b %Y %H:%M:%S +0100'),
              'From: ' + addr(me[0], me[1]), 'To: ' + addr(DESK[0], DESK[1]), 'Subject: ' + ew(subject)]
        if html is None:
            # Apple Mail with a pasted screenshot: multipart/mixed around alternative, the image in between.
            png = bytes.fromhex('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e0d9a90000000049454e44ae426082')
            import base64
            body = Part('multipart/mixed', parts=[
                Part('text/plain', 'Here is a screenshot of the error.\n\n', 'us-ascii', '7bit'),
                Part('image/png', params='; name="Screenshot 2026-11-21 at 09.14.02.png"', raw=base64.encodebytes(png).replace(b'\n', b'\r\n'),
                     headers=['Content-Transfer-Encoding: base64', 'Content-Disposition: inline; filename="Screenshot 2026-11-21 at 09.14.02.png"']),
                Part('text/plain', '\n\nOn 20 Nov 2026, at 10:15, Meridian Outfitters <passwordchange@meridian.example> wrote:\n\n' + Q, 'utf-8', 'quoted-printable'),
            ])
        else:
            body = Part('text/html', html, 'utf-8', 'quoted-printable')
        write('harder', name, message(hs, body), expected)
    return n
