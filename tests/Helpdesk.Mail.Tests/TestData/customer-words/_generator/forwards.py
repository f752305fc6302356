"""Forwarded mail (inline in each client's shape, and attached as message/rfc822, .eml and .msg), mail with no
quote at all, and the desk's own mail quoted back. Expected values written here by hand."""
import os
from datetime import datetime
from langs import L, DESK, fmt
from clients import Reply, Quoted, NOTICE, NOTICE_SUBJECT, AGENT_ANSWER, paras_div, paras_p, quote
from mime import Part, message, ew, addr, rhex, ralnum, R, esc

# What customers forward: phishing that copies the notice, the real notice, and look-alike shop mail.
FWD = [
    dict(name='Meridian Security', addr='security@meridian-verify.example', subject='Verify your account within 24 hours',
         date=datetime(2026, 11, 21, 8, 2, 11),
         text='Dear customer,\n\nDue to the recent incident your account has been suspended. Verify your identity within 24 hours:\nhttps://meridian-verify.example/login?id=77812\n\nMeridian Security Team'),
    dict(name='Meridian Outfitters', addr='no-reply@meridian-passwords.example', subject='Complete your password change',
         date=datetime(2026, 11, 20, 19, 44, 5),
         text='Your password change is not complete. Finish it here within 12 hours or your account will be closed:\nhttps://meridian-passwords.example/complete\n\nMeridian Outfitters'),
    dict(name='Meridian Billing', addr='billing@mer1dian.example', subject='Action required: card payment declined',
         date=datetime(2026, 11, 22, 14, 30, 0),
         text='We could not charge your card for your last order. Update your card details now:\nhttps://mer1dian.example/billing/update\n\nThank you,\nMeridian Billing'),
    dict(name='Meridian Outfitters', addr='passwordchange@meridian.example', subject=NOTICE_SUBJECT,
         date=datetime(2026, 11, 20, 10, 15, 42), text=NOTICE),
    dict(name='DHL Express', addr='noreply@dhl-parcel-track.example', subject='Your parcel from Meridian Outfitters is on hold',
         date=datetime(2026, 11, 23, 9, 12, 40),
         text='Your parcel could not be delivered because a customs fee of 1.99 EUR is unpaid.\nPay here: https://dhl-parcel-track.example/pay/MX41\n\nDHL Express'),
]


def fwd_labels(lang):
    sep, frm, date, to, subj = L[lang]['samsung']
    return frm, date, subj, to


def gmail_fwd(lang, words, f, me):
    frm, _, _, _ = fwd_labels(lang)
    frm = L[lang]['outlook'][0] if lang in ('de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'sv') else 'From:'
    date = fmt('{wd3}, {mon3} {d}, {y} at {h12}:{mi}\u202f{ampm}', 'en', f['date'], '', '')
    block = '%s\n%s %s <%s>\nDate: %s\nSubject: %s\nTo: <%s>\n' % (L[lang]['gmail_fwd'], frm, f['name'], f['addr'], date, f['subject'], me[1])
    p = (words + '\n\n' if words else '\n') + block + '\n\n' + f['text']
    h = ('<div dir="ltr">%s<br><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">%s<br>%s <strong class="gmail_sendername" dir="auto">%s</strong> <span dir="auto">&lt;%s&gt;</span><br>Date: %s<br>Subject: %s<br>To: &lt;%s&gt;<br></div><br><br>%s</div></div>'
         % (paras_div(words) if words else '', esc(L[lang]['gmail_fwd']), esc(frm), esc(f['name']), f['addr'], esc(date), esc(f['subject']), me[1], paras_div(f['text'])))
    return p, h


def apple_fwd(lang, words, f, me, quoted=False):
    frm = L[lang]['outlook'][0].replace(' :', ':')
    subj = L[lang]['outlook'][3].replace(' :', ':')
    to = L[lang]['outlook'][2].replace(' :', ':')
    date_label = L[lang]['samsung'][2].replace(' :', ':')
    date = fmt('{monfull} {d}, {y} at {h12}:{mi}:{ss}\u202f{ampm} GMT+1', 'en', f['date'], '', '')
    hdr = '%s %s <%s>\n%s %s\n%s %s\n%s %s' % (frm, f['name'], f['addr'], subj, f['subject'], date_label, date, to, me[1])
    inner = hdr + '\n\n' + f['text']
    p = (words + '\n\n' if words else '') + L[lang]['iphone'] + '\n\n' + L[lang]['apple_fwd'] + '\n\n' + (quote(inner) if quoted else inner)
    h = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">%s<div dir="ltr"><br id="lineBreakAtBeginningOfSignature"><div dir="ltr">%s</div></div>'
         '<div dir="ltr"><br><blockquote type="cite">%s<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">%s</div></blockquote></body></html>'
         % ('<div dir="ltr">%s</div>' % paras_div(words) if words else '', esc(L[lang]['iphone']), esc(L[lang]['apple_fwd']),
            '<b>%s</b> %s &lt;%s&gt;<br><b>%s</b> %s<br><b>%s</b> %s<br><b>%s</b> %s<br><br>%s' % (
                esc(frm), esc(f['name']), f['addr'], esc(subj), esc(f['subject']), esc(date_label), esc(date), esc(to), me[1], paras_div(f['text']))))
    return p, h


def tb_fwd(lang, words, f, me):
    frm, date, subj, to = fwd_labels(lang)
    hdr = '%s\n%s \t%s\n%s \t%s\n%s \t%s <%s>\n%s \t%s\n' % (
        L[lang]['tb_fwd'], subj, f['subject'], date, f['date'].strftime('%a, %d %b %Y %H:%M:%S +0100'), frm, f['name'], f['addr'], to, me[1])
    p = (words + '\n\n' if words else '\n\n') + hdr + '\n\n\n' + f['text']
    return p, None


def outlook_fwd(lang, words, f, me, underscores=False):
    frm, sent, to, subj, _ = L[lang]['outlook']
    date = fmt(L[lang]['outlook_date'], lang, f['date'], '', '')
    block = '%s %s <%s>\n%s %s\n%s %s\n%s %s' % (frm, f['name'], f['addr'], sent, date, to, me[1], subj, f['subject'])
    p = (words + '\n\n' if words else '') + ('________________________________\n' if underscores else '') + block + '\n\n' + f['text']
    return p, None


def samsung_fwd(lang, words, f, me):
    sep, frm, date, to, subj = L[lang]['samsung']
    sep = sep.replace('Original message', 'Forwarded message').replace('Ursprüngliche Nachricht', 'Weitergeleitete Nachricht')
    block = '%s\n%s %s <%s> \n%s %s \n%s %s \n%s %s \n' % (sep, frm, f['name'], f['addr'], date, f['date'].strftime('%d/%m/%Y %H:%M') + ' (GMT+01:00)', to, me[1], subj, f['subject'])
    p = (words + '\n\n\n\n' if words else '\n\n') + L[lang]['android'] + '\n\n\n' + block + '\n' + f['text']
    return p, None


def headers(me, subject, dt, n, mid_domain, extra=()):
    h = ['Return-Path: <%s>' % me[1],
         'Message-ID: <%s@%s>' % (ralnum(24), mid_domain),
         'Date: ' + dt.strftime('%a, %d %b %Y %H:%M:%S +0100'),
         'From: ' + addr(me[0], me[1]),
         'To: ' + addr(DESK[0], DESK[1]),
         'Subject: ' + ew(subject)]
    h.extend(extra)
    return h


def inner_message(f, me):
    """The forwarded message as the original sender's mail program wrote it."""
    hs = ['Return-Path: <bounce-%s@%s>' % (rhex(8), f['addr'].split('@')[1]),
          'Message-ID: <%s@%s>' % (ralnum(18), f['addr'].split('@')[1]),
          'Date: ' + f['date'].strftime('%a, %d %b %Y %H:%M:%S +0000'),
          'From: ' + addr(f['name'], f['addr']),
          'To: ' + me[1],
          'Subject: ' + ew(f['subject'])]
    html = '<html><body>%s</body></html>' % paras_p(f['text'])
    return message(hs, Part('multipart/alternative', parts=[Part('text/plain', f['text'], 'utf-8', 'quoted-printable'),
                                                             Part('text/html', html, 'utf-8', 'quoted-printable')]))


def make(n, write, client_headers, body_part, when):
    langs = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'sv', 'fi', 'no', 'da', 'ru', 'ja', 'zh']

    def send(group, name, lang, me, subject, plain, html, visible, f, html_only=False, domain=None, client='gmail'):
        nonlocal n
        n += 1
        hs = headers(me, subject, when(n), n, domain or me[1].split('@')[1])
        part = body_part(client, lang, None if html_only else plain, html, html_only)
        expected_fwd = None if f is None else {'from': f['addr'], 'subject': f['subject']}
        write(group, name, message(hs, part), visible, expected_fwd)

    # Gmail in every language; with words, and a few without (the whole mail is then what the desk shows).
    for i, lang in enumerate(langs):
        me = L[lang]['people'][i % len(L[lang]['people'])]
        f = FWD[i % len(FWD)]
        words = L[lang]['fwd_words'][i % len(L[lang]['fwd_words'])]
        p, h = gmail_fwd(lang, words, f, me)
        send('forward-inline', 'gmail-' + lang, lang, me, 'Fwd: ' + f['subject'], p, h, words, f, domain='mail.gmail.com')
    for i, lang in enumerate(['en', 'de', 'fr', 'es', 'it', 'nl']):
        me = L[lang]['people'][0]
        f = FWD[(i + 2) % len(FWD)]
        p, h = gmail_fwd(lang, '', f, me)
        send('forward-inline', 'gmail-no-words-' + lang, lang, me, 'Fwd: ' + f['subject'], p, h,
             '\n'.join(l.rstrip() for l in p.split('\n')).strip('\n'), f, domain='mail.gmail.com')
    for i, lang in enumerate(['en', 'de', 'fr', 'nl']):
        me = L[lang]['people'][1]
        f = FWD[i % len(FWD)]
        words = L[lang]['fwd_words'][0]
        p, h = gmail_fwd(lang, words, f, me)
        send('forward-inline', 'gmail-html-only-' + lang, lang, me, 'Fwd: ' + f['subject'], p, h, words, f, html_only=True, domain='mail.gmail.com')

    # Apple Mail / iPhone "Begin forwarded message:" localized; unquoted and quoted plain, and HTML only.
    for i, lang in enumerate(['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'sv', 'fi', 'da', 'ru', 'ja', 'zh']):
        me = L[lang]['people'][(i + 1) % len(L[lang]['people'])]
        f = FWD[(i + 1) % len(FWD)]
        words = L[lang]['fwd_words'][-1]
        p, h = apple_fwd(lang, words, f, me, quoted=(i % 2 == 1))
        send('forward-inline', 'apple-' + lang, lang, me, L[lang]['fwd_prefix'] + ' ' + f['subject'], p, h, words, f,
             html_only=(i % 3 == 2), domain=me[1].split('@')[1], client='iphone')

    # Thunderbird "-------- Forwarded Message --------" with tab-aligned labels.
    for i, lang in enumerate(['en', 'de', 'fr', 'es', 'it', 'ru', 'no']):
        me = L[lang]['people'][0]
        f = FWD[(i + 3) % len(FWD)]
        words = L[lang]['fwd_words'][0]
        p, _ = tb_fwd(lang, words, f, me)
        send('forward-inline', 'thunderbird-' + lang, lang, me, 'Fwd: ' + f['subject'], p, None, words, f, client='thunderbird')

    # Outlook: the header block at the top of the forward, FW: in the subject; with and without a rule.
    for i, lang in enumerate(['en', 'de', 'fr', 'es', 'nl', 'it', 'pl', 'sv', 'ja', 'zh']):
        me = L[lang]['people'][1 % len(L[lang]['people'])]
        f = FWD[i % len(FWD)]
        words = L[lang]['fwd_words'][0] if i != 3 else ''
        p, _ = outlook_fwd(lang, words, f, me, underscores=(i % 2 == 1))
        visible = words or '\n'.join(l.rstrip() for l in p.split('\n')).strip('\n')
        send('forward-inline', 'outlook-' + lang, lang, me, L[lang]['ol_fwd'] + ' ' + f['subject'], p, None, visible, f, client='outlook')

    # Samsung "-------- Forwarded message --------".
    for i, lang in enumerate(['en', 'de']):
        me = L[lang]['people'][2 % len(L[lang]['people'])]
        f = FWD[(i + 1) % len(FWD)]
        words = L[lang]['fwd_words'][1]
        p, _ = samsung_fwd(lang, words, f, me)
        send('forward-inline', 'samsung-' + lang, lang, me, 'Fwd: ' + f['subject'], p, None, words, f, client='samsung')

    # Attached forwards: message/rfc822 (Gmail "forward as attachment", Outlook), .eml as octet-stream, .msg.
    attach_cases = [
        ('rfc822-gmail-en', 'en', 'Please look at the attached mail. Is it from you?', 'message/rfc822', 'eml'),
        ('rfc822-outlook-de', 'de', 'Anbei eine verdächtige E-Mail, die ich heute bekommen habe.', 'message/rfc822', 'eml'),
        ('rfc822-thunderbird-fr', 'fr', 'Voir le message en pièce jointe.', 'message/rfc822', 'eml'),
        ('rfc822-no-filename-es', 'es', 'Les adjunto el correo sospechoso.', 'message/rfc822', None),
        ('rfc822-apple-nl', 'nl', 'Zie bijlage.', 'message/rfc822', 'eml'),
        ('rfc822-it', 'it', 'In allegato il messaggio ricevuto stamattina.', 'message/rfc822', 'eml'),
        ('eml-octet-stream-en', 'en', "Attached is the email I got. I didn't click anything.", 'application/octet-stream', 'eml'),
        ('eml-octet-stream-pt', 'pt', 'Segue em anexo o e-mail suspeito.', 'application/octet-stream', 'eml'),
        ('eml-message-rfc822-pl', 'pl', 'W załączniku podejrzana wiadomość.', 'message/rfc822', 'eml'),
        ('msg-outlook-en', 'en', 'See the attached message from "Meridian Security".', 'application/vnd.ms-outlook', 'msg'),
        ('msg-outlook-de', 'de', 'Siehe Anhang.', 'application/vnd.ms-outlook', 'msg'),
        ('msg-octet-stream-fr', 'fr', 'Ci-joint le message reçu.', 'application/octet-stream', 'msg'),
    ]
    for i, (name, lang, words, ctype, ext) in enumerate(attach_cases):
        n += 1
        me = L[lang]['people'][i % len(L[lang]['people'])]
        f = FWD[i % len(FWD)]
        text_part = Part('multipart/alternative', parts=[Part('text/plain', words, 'utf-8', 'quoted-printable'),
                                                         Part('text/html', '<div dir="ltr">%s</div>' % esc(words), 'utf-8', 'quoted-printable')])
        if ext == 'msg':
            # An Outlook .msg is an OLE compound file: the desk keeps the outer file (name and hash) only.
            raw = bytes.fromhex('d0cf11e0a1b11ae1') + bytes(R.getrandbits(8) for _ in range(1400))
            fn = f['subject'] + '.msg'
            att = Part(ctype, params='; name="%s"' % fn, raw=(__import__('base64').encodebytes(raw).replace(b'\n', b'\r\n')),
                       headers=['Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="%s"' % fn])
            expected = {'from': None, 'subject': None}
        else:
            inner = inner_message(f, me)
            fn = f['subject'] + '.eml'
            disp = 'Content-Disposition: attachment; filename="%s"' % fn if ext else 'Content-Disposition: attachment'
            if ctype == 'message/rfc822':
                att = Part(ctype, raw=inner, headers=[disp])
            else:
                att = Part(ctype, params='; name="%s"' % fn, raw=__import__('base64').encodebytes(inner).replace(b'\n', b'\r\n'),
                           headers=['Content-Transfer-Encoding: base64', disp])
            expected = {'from': f['addr'], 'subject': f['subject']}
        hs = headers(me, 'Fwd: ' + f['subject'], when(n), n, me[1].split('@')[1])
        raw_msg = message(hs, Part('multipart/mixed', parts=[text_part, att]))
        write('forward-attached', name, raw_msg, words, expected)

    # No quote at all: the whole text is the customer's, including lines that look like quote headers.
    plain_cases = [
        ('en-plain', 'en', "Hello,\n\nI never got the email about the new password. My address is the one I'm writing from.\n\nRegards,\nDave"),
        ('en-from-line-in-text', 'en', "Hi,\n\nFrom: the email you sent on Friday I understand my password expired.\nTo: be honest I can't find the button you describe.\n\nTom"),
        ('en-sent-from-in-sentence', 'en', "Sent from my work computer the link fails, from home it works. Why?"),
        ('en-on-monday-wrote', 'en', "On Monday I wrote to you about my order 55120 and nobody answered. Please reply.\n\nKaren"),
        ('en-numbers-greater-than', 'en', "I tried 3 times.\n> 5 minutes later it still said expired.\nWhat now?"),
        ('de-plain', 'de', "Hallo,\n\nwarum muss ich mein Passwort ändern? Ich habe nichts Verdächtiges bemerkt.\n\nGruß\nLukas"),
        ('fr-plain', 'fr', "Bonjour,\n\nje n'ai jamais reçu l'e-mail annoncé. Pouvez-vous le renvoyer ?\n\nÉlodie"),
        ('es-plain', 'es', "Buenas tardes, ¿cuándo estará arreglado el problema? No puedo entrar en mi cuenta.\n\nMarta"),
        ('it-plain', 'it', "Salve, ho cambiato la password ma l'app non mi fa entrare.\n\nFrancesca"),
        ('pl-plain', 'pl', "Dzień dobry, czy muszę zmienić hasło także w aplikacji?\n\nAgnieszka"),
        ('ru-plain', 'ru', "Здравствуйте! Я не получил письмо со ссылкой. Проверьте, пожалуйста.\n\nДмитрий"),
        ('ja-plain', 'ja', "パスワード変更のメールが届きません。確認をお願いします。\n\n鈴木"),
        ('zh-plain', 'zh', "你好，我没有收到修改密码的邮件，请再发一次。\n\n李伟"),
        ('nl-plain', 'nl', "Goedemiddag, moet ik ook mijn wachtwoord in de app wijzigen?\n\nAnouk"),
        ('sv-dashes-in-text', 'sv', "Hej,\n\nfel kod -- igen. Vad gör jag?\n\nMaja"),
    ]
    for i, (name, lang, text) in enumerate(plain_cases):
        n += 1
        me = L[lang]['people'][i % len(L[lang]['people'])]
        r = Reply(lang, me, text, layout='none')
        client = ['gmail', 'apple', 'thunderbird'][i % 3]
        hs = client_headers(client, r, 'Password', when(n), n)
        write('no-quote', name, message(hs, body_part(client, lang, text, None)), text)

    # The desk's own mail quoted back: an agent's answer or the acknowledgment, and the notice under a bare rule.
    ack = 'We received your message (ticket 48213). An agent will answer within two working days.\n\nMeridian Outfitters Support\nPlease keep the ticket number in the subject when you reply.'
    desk_cases = [
        ('ack-gmail-en', 'en', 'gmail', 'attribution', ack),
        ('ack-outlook-de', 'de', 'outlook', 'outlook', ack),
        ('agent-answer-apple-fr', 'fr', 'apple', 'attribution', AGENT_ANSWER),
        ('agent-answer-samsung-es', 'es', 'samsung', 'samsung', AGENT_ANSWER),
        ('agent-answer-yahoo-it', 'it', 'yahoo', 'attribution', AGENT_ANSWER),
        ('agent-answer-owa-nl', 'nl', 'owa', 'outlook', AGENT_ANSWER),
    ]
    import clients as C
    for i, (name, lang, client, header, qtext) in enumerate(desk_cases):
        n += 1
        me = L[lang]['people'][i % len(L[lang]['people'])]
        r = Reply(lang, me, L[lang]['msgs'][(i + 2) % len(L[lang]['msgs'])], header=header,
                  quoted=Quoted(author=('Meridian Outfitters Support', 'passwordchange@meridian.example'), text=qtext,
                                subject='[Ticket #48213] ' + NOTICE_SUBJECT))
        render = {'gmail': C.gmail, 'outlook': C.outlook_desktop, 'apple': C.apple, 'samsung': C.samsung, 'yahoo': C.yahoo, 'owa': C.owa}[client]
        p, h = render(r)
        hs = client_headers(client, r, 'Re: [Ticket #48213] ' + NOTICE_SUBJECT, when(n), n)
        write('desk-quoted', name, message(hs, body_part(client, lang, p, h)), r.new)
    for i, (lang, rule) in enumerate([('en', '----------'), ('de', '__________'), ('en', '=========='), ('fr', '- - - - - - - - - - - - - - -')]):
        n += 1
        me = L[lang]['people'][i % len(L[lang]['people'])]
        new = L[lang]['msgs'][i % len(L[lang]['msgs'])]
        p = new + '\n\n' + rule + '\n' + NOTICE
        r = Reply(lang, me, new)
        hs = client_headers('apple', r, 'Re: ' + NOTICE_SUBJECT, when(n), n)
        write('desk-quoted', 'notice-under-rule-%d-%s' % (i, lang), message(hs, body_part('apple', lang, p, None)), new)
    return n
