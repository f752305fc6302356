"""Writes the customer-words corpus: NAME.eml beside NAME.expected.json under <group>/.

The expected visible text of every mail is the `new` text given to the client renderer here (the customer's
words as written), or, for a mail that holds only a quote, the whole body as the customer's client wrote it.
Nothing here runs the desk's code. Run: python3 make_corpus.py (writes beside this folder, byte for byte)."""
import json, os, random, shutil
from datetime import datetime, timedelta
import clients as C
from clients import Reply, Quoted, AGENT_ANSWER, NOTICE, NOTICE_SUBJECT
from langs import L, DESK, AGENT, fmt
from mime import Part, message, ew, addr, rhex, ralnum, R, sha256, flowed, esc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUPS = ['replies', 'html-only', 'bottom-posting', 'inline-answers', 'quote-only', 'signatures', 'outlook-headers',
          'attribution-variants', 'forward-inline', 'forward-attached', 'no-quote', 'desk-quoted', 'harder']
LANGS = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'sv', 'fi', 'no', 'da', 'ru', 'ja', 'zh']
COUNT = {}
START = datetime(2026, 11, 20, 11, 0, 0)


def when(n):
    return START + timedelta(minutes=37 * n + R.randint(0, 30), seconds=R.randint(0, 59))


def rfc_date(dt, tz='+0100'):
    return dt.strftime('%a, %d %b %Y %H:%M:%S ') + tz


# Charsets a client in a language really uses for its parts.
def charset_for(client, lang):
    if client in ('outlook', 'outlook-original'):
        return {'pl': 'iso-8859-2', 'ru': 'windows-1251', 'ja': 'iso-2022-jp', 'zh': 'gb2312'}.get(lang, 'windows-1252')
    if client == 'thunderbird' and lang == 'ru':
        return 'koi8-r'
    if client == 'thunderbird' and lang == 'ja':
        return 'iso-2022-jp'
    if client == 'foxmail':
        return 'gbk'
    return 'utf-8'


def cte_for(client, lang, charset):
    if charset == 'iso-2022-jp':
        return '7bit'
    if client in ('iphone', 'samsung') or lang in ('ja', 'zh', 'ru') and client in ('gmail', 'owa', 'outlook'):
        return 'base64'
    if client == 'thunderbird':
        return '8bit'
    return 'quoted-printable'


def encodable(text, charset):
    try:
        text.encode(charset)
        return True
    except UnicodeEncodeError:
        return False


def client_headers(client, r, subject, dt, n):
    person = r.person
    dom = person[1].split('@')[1]
    h = []
    h.append('Return-Path: <%s>' % person[1])
    h.append('Received: from mail.%s (mail.%s [198.51.100.%d])\n\tby mx1.meridian.example (Postfix) with ESMTPS id %s\n\tfor <passwordchange@meridian.example>; %s'
             % (dom, dom, 10 + n % 200, ralnum(10).upper(), rfc_date(dt)))
    mid = {
        'gmail': '<CA+%s@mail.gmail.com>' % ralnum(40),
        'outlook': '<000%s$%s$%s@%s>' % (rhex(5), rhex(8), rhex(8), dom),
        'outlook-original': '<000%s$%s$%s@%s>' % (rhex(5), rhex(8), rhex(8), dom),
        'owa': '<AM%dPR0%dMB%d%s@AM%dPR0%dMB%d.eurprd0%d.prod.outlook.com>' % (n % 9, n % 7, 1000 + n, ralnum(6).upper(), n % 9, n % 7, 1000 + n, n % 8),
        'outlook-mobile': '<DB%dPR0%dMB%d%s@DB%dPR0%dMB%d.eurprd0%d.prod.outlook.com>' % (n % 9, n % 7, 2000 + n, ralnum(6).upper(), n % 9, n % 7, 2000 + n, n % 8),
        'apple': '<%s-%s-%s-%s-%s@%s>' % (rhex(8).upper(), rhex(4).upper(), rhex(4).upper(), rhex(4).upper(), rhex(12).upper(), dom),
        'iphone': '<%s-%s-%s-%s-%s@%s>' % (rhex(8).upper(), rhex(4).upper(), rhex(4).upper(), rhex(4).upper(), rhex(12).upper(), dom),
        'yahoo': '<%d.%d.%d@mail.yahoo.com>' % (R.randint(1e8, 9e8), R.randint(1e6, 9e6), R.randint(1e12, 9e12)),
        'thunderbird': '<%s-%s-%s-%s-%s@%s>' % (rhex(8), rhex(4), rhex(4), rhex(4), rhex(12), dom),
        'samsung': '<%s@email.android.com>' % ralnum(24),
    }.get(client, '<%s@%s>' % (ralnum(20), dom))
    h.append('Message-ID: ' + mid)
    h.append('Date: ' + rfc_date(dt))
    cs = 'utf-8'
    h.append('From: ' + addr(person[0], person[1], cs))
    h.append('To: ' + addr(DESK[0], DESK[1]))
    h.append('Subject: ' + ew(subject))
    if r and r.layout != 'none':
        notice = '<notice.20261120.%s@meridian.example>' % rhex(12)
        h.append('In-Reply-To: ' + notice)
        h.append('References: ' + notice)
    mailer = {
        'outlook': 'X-Mailer: Microsoft Outlook 16.0', 'outlook-original': 'X-Mailer: Microsoft Office Outlook 12.0',
        'apple': 'X-Mailer: Apple Mail (2.3826.200.121)', 'iphone': 'X-Mailer: iPhone Mail (22B91)',
        'yahoo': 'X-Mailer: WebService/1.1.23187 YMailNorrin', 'thunderbird': 'User-Agent: Mozilla Thunderbird',
        'owa': 'X-MS-Has-Attach: ', 'outlook-mobile': 'X-MS-Has-Attach: ',
    }.get(client)
    if mailer:
        h.append(mailer)
    if client in ('outlook', 'outlook-original'):
        h.append('Thread-Index: AdtB%s==' % ralnum(22))
        h.append('Content-Language: %s' % {'en': 'en-us', 'de': 'de-de', 'fr': 'fr-fr'}.get(r.lang, r.lang))
    return h


def body_part(client, lang, plain, html, html_only=False, flowed_text=False):
    charset = charset_for(client, lang)
    if plain is not None and not encodable(plain, charset) or html is not None and not encodable(html, charset):
        charset = 'utf-8'
    cte = cte_for(client, lang, charset)
    if cte == '8bit' and charset == 'utf-8' and False:
        cte = 'quoted-printable'
    params = '; format=flowed' if flowed_text else ''
    if flowed_text and plain is not None:
        plain = flowed(plain)
    hcte = 'base64' if client in ('iphone', 'samsung', 'owa') or lang in ('ja', 'zh') and charset != 'iso-2022-jp' else ('7bit' if charset == 'iso-2022-jp' else 'quoted-printable')
    if html_only or plain is None:
        return Part('text/html', html, charset, hcte)
    if html is None:
        return Part('text/plain', plain, charset, cte, params)
    return Part('multipart/alternative', parts=[
        Part('text/plain', plain, charset, cte, params),
        Part('text/html', html, charset, hcte)])


def write(group, name, raw, visible, forwarded=None, note=None):
    d = os.path.join(ROOT, group)
    os.makedirs(d, exist_ok=True)
    assert not os.path.exists(os.path.join(d, name + '.eml')), name
    with open(os.path.join(d, name + '.eml'), 'wb') as f:
        f.write(raw)
    exp = {'visibleText': visible, 'machine': None, 'forwarded': forwarded}
    with open(os.path.join(d, name + '.expected.json'), 'w', encoding='utf-8') as f:
        json.dump(exp, f, ensure_ascii=False, indent=2)
        f.write('\n')
    COUNT[group] = COUNT.get(group, 0) + 1


RENDER = {
    'gmail': lambda r: C.gmail(r),
    'outlook': lambda r: C.outlook_desktop(r),
    'outlook-original': lambda r: C.outlook_desktop(r, original=True),
    'owa': lambda r: C.owa(r),
    'outlook-mobile': lambda r: C.outlook_mobile(r),
    'apple': lambda r: C.apple(r),
    'iphone': lambda r: C.iphone(r),
    'yahoo': lambda r: C.yahoo(r),
    'yahoo-android': lambda r: C.yahoo(r, android=True),
    'thunderbird': lambda r: C.thunderbird(r),
    'samsung': lambda r: C.samsung(r),
}


def reply_mail(group, name, client, r, expected, n, html_only=False, plain_only=False, subject=None):
    plain, html = RENDER[client](r)
    if plain_only:
        html = None
    if html_only:
        plain = None
    lang = L[r.lang]
    subj = subject or '%s %s' % (lang['ol_re'] if client.startswith('outlook') or client == 'owa' else lang['re_prefix'], r.quoted.subject)
    dt = when(n)
    hclient = 'yahoo' if client.startswith('yahoo') else client
    raw = message(client_headers(hclient, r, subj, dt, n), body_part(client, r.lang, plain, html, html_only,
                                                                      flowed_text=(client == 'thunderbird' and html is None)))
    write(group, name, raw, expected)


def person(lang, i):
    return L[lang]['people'][i % len(L[lang]['people'])]


def msg(lang, i):
    return L[lang]['msgs'][i % len(L[lang]['msgs'])]


def main():
    for g in GROUPS:
        shutil.rmtree(os.path.join(ROOT, g), ignore_errors=True)
    n = 0

    # 1. Top-posted replies: every language from every client, plain + HTML as the client sends them.
    clients = ['gmail', 'outlook', 'owa', 'apple', 'iphone', 'yahoo', 'thunderbird', 'samsung']
    for li, lang in enumerate(LANGS):
        for ci, client in enumerate(clients):
            n += 1
            r = Reply(lang, person(lang, ci), msg(lang, li + ci))
            if client == 'thunderbird' and ci % 2 == 0:
                pass
            plain_only = client == 'thunderbird' and (li % 2 == 0)
            reply_mail('replies', '%s-%s' % (client, lang), client, r, r.new, n, plain_only=plain_only)

    # 2. HTML only: the HTML part is what the desk reads, so the quote containers must be cut in the HTML.
    html_clients = ['iphone', 'owa', 'yahoo', 'thunderbird', 'samsung', 'apple', 'gmail', 'outlook-mobile']
    for li, lang in enumerate(LANGS):
        for k in range(2):
            client = html_clients[(li * 2 + k) % len(html_clients)]
            n += 1
            r = Reply(lang, person(lang, k + 1), msg(lang, li + k + 1))
            reply_mail('html-only', '%s-%s' % (client, lang), client, r, r.new, n, html_only=True)

    # 3. Bottom posting: the quote first, the new words below it.
    for i, (client, lang, html_only) in enumerate([
            ('gmail', 'en', False), ('gmail', 'de', False), ('gmail', 'fr', True), ('gmail', 'pl', False), ('gmail', 'ja', True),
            ('apple', 'en', False), ('apple', 'nl', True), ('apple', 'it', False), ('apple', 'sv', True),
            ('iphone', 'en', True), ('iphone', 'es', False), ('iphone', 'da', True),
            ('thunderbird', 'en', False), ('thunderbird', 'de', True), ('thunderbird', 'fi', False), ('thunderbird', 'ru', False),
            ('thunderbird', 'no', True), ('thunderbird', 'pt', False), ('gmail', 'zh', False), ('apple', 'ru', False)]):
        n += 1
        r = Reply(lang, person(lang, i), msg(lang, i + 2), layout='bottom')
        if i % 3 == 0:
            r.quoted = Quoted(author=AGENT, text=AGENT_ANSWER, subject='[Ticket #48213] ' + NOTICE_SUBJECT)
        reply_mail('bottom-posting', '%s-%s%s' % (client, lang, '-html' if html_only else ''), client, r, r.new, n, html_only=html_only)

    # 4. Inline answers between the quoted questions.
    answer_sets = {
        'en': ['Hi, sure.', 'Firefox 133 on a Windows 11 laptop.', 'Yes, it arrived on the 20th in the morning.', 'No, my last order was in August.', None],
        'de': ['Hallo,', 'Safari auf einem iPad.', 'Ja, am Freitag.', 'Nein, seit September nicht mehr.', None],
        'fr': [None, 'Chrome sur Android.', 'Oui.', 'Non, aucune commande depuis juillet.', None],
        'es': [None, 'Edge en Windows 10.', 'Sí, el viernes por la mañana.', 'No.', None],
        'nl': [None, 'Firefox op een MacBook.', 'Ja, gisteren.', 'Nee.', None],
        'it': [None, 'Chrome su iPhone.', 'Sì.', 'Sì, un paio di scarpe il 3 novembre.', None],
    }
    inline_cases = [('gmail', 'en', False), ('gmail', 'de', False), ('apple', 'fr', False), ('thunderbird', 'en', False),
                    ('thunderbird', 'es', False), ('apple', 'nl', True), ('thunderbird', 'it', True), ('gmail', 'fr', False),
                    ('apple', 'en', False), ('thunderbird', 'de', False), ('gmail', 'es', False), ('gmail', 'it', False),
                    ('thunderbird', 'nl', False), ('apple', 'de', True), ('thunderbird', 'fr', True)]
    for i, (client, lang, html_only) in enumerate(inline_cases):
        n += 1
        answers = answer_sets[lang]
        r = Reply(lang, person(lang, i), layout='inline', answers=answers,
                  quoted=Quoted(text='\n\n'.join(C.AGENT_QUESTIONS), subject='[Ticket #%d] Your question' % (48300 + i)))
        expected = '\n\n'.join(a for a in answers if a)
        reply_mail('inline-answers', '%s-%s%s' % (client, lang, '-html' if html_only else ''), client, r, expected, n, html_only=html_only)

    # 5. Only a quote: nothing new was written. The desk must show the mail as it came, not nothing.
    for i, (client, lang) in enumerate([('gmail', 'en'), ('gmail', 'de'), ('apple', 'fr'), ('iphone', 'en'), ('iphone', 'es'),
                                        ('thunderbird', 'nl'), ('thunderbird', 'en'), ('apple', 'it'), ('gmail', 'ru'),
                                        ('iphone', 'de'), ('thunderbird', 'pl'), ('gmail', 'sv')]):
        n += 1
        r = Reply(lang, person(lang, i), layout='quoteonly')
        plain, _ = RENDER[client](r)
        expected = '\n'.join(l.rstrip() for l in plain.split('\n')).strip('\n')
        reply_mail('quote-only', '%s-%s' % (client, lang), client, r, expected, n, plain_only=True)

    # 6. Signatures and footers: "-- ", phone footers in each language, Outlook mobile, disclaimers.
    sig_cases = []
    for li, lang in enumerate(LANGS):
        sig_cases.append(('footer-iphone-' + lang, lang, ('footer', L[lang]['iphone'])))
    sig_cases += [
        ('dashes-en', 'en', ('dashes', 'Karen Whitfield\nWhitfield Accounting Ltd\n+44 20 7946 0958')),
        ('dashes-de', 'de', ('dashes', 'Jürgen Hoffmann\nHoffmann & Söhne GmbH\nTel. +49 30 901820')),
        ('dashes-fr', 'fr', ('dashes', 'Julien Moreau\n06 12 34 56 78')),
        ('footer-ipad-de', 'de', ('footer', 'Von meinem iPad gesendet')),
        ('footer-ipad-fr', 'fr', ('footer', 'Envoyé de mon iPad')),
        ('footer-yahoo-android', 'en', ('footer', 'Sent from Yahoo Mail on Android')),
        ('footer-mail-windows', 'en', ('footer', 'Sent from Mail for Windows')),
        ('footer-k9', 'en', ('dashes', 'Sent from my Android device with K-9 Mail. Please excuse my brevity.')),
        ('footer-proton', 'en', ('footer', 'Sent with Proton Mail secure email.')),
        ('footer-outlook-ios', 'en', ('footer', 'Get Outlook for iOS')),
        ('footer-outlook-android-de', 'de', ('footer', 'Outlook für Android herunterladen')),
        ('footer-galaxy-en', 'en', ('footer', 'Sent from my Samsung Galaxy smartphone.')),
        ('footer-blackberry', 'en', ('footer', 'Sent from my BlackBerry 10 smartphone.')),
        ('disclaimer-en', 'en', ('disclaimer', 'CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the intended recipient(s) and may contain confidential and privileged information. Any unauthorized review, use, disclosure or distribution is prohibited. If you are not the intended recipient, please contact the sender by reply e-mail and destroy all copies of the original message.')),
        ('disclaimer-de', 'de', ('disclaimer', 'Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den Absender und vernichten Sie diese Mail. Das unerlaubte Kopieren sowie die unbefugte Weitergabe dieser Mail ist nicht gestattet.')),
        ('disclaimer-fr', 'fr', ('disclaimer', "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Toute utilisation ou diffusion non autorisée est interdite. Si vous avez reçu ce message par erreur, merci de le détruire et d'en avertir immédiatement l'expéditeur.")),
        ('disclaimer-es', 'es', ('disclaimer', 'AVISO LEGAL: Este mensaje y sus archivos adjuntos van dirigidos exclusivamente a su destinatario, pudiendo contener información confidencial. Si usted no es el destinatario, le rogamos que lo comunique al remitente y proceda a su borrado.')),
        ('disclaimer-nl', 'nl', ('disclaimer', 'Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n). Indien u dit bericht ten onrechte heeft ontvangen, wordt u verzocht de afzender hiervan op de hoogte te stellen en het bericht te verwijderen.')),
        ('disclaimer-it', 'it', ('disclaimer', "Questo messaggio e i suoi allegati sono indirizzati esclusivamente alle persone indicate. Se avete ricevuto questo messaggio per errore, vi preghiamo di darne notizia al mittente e di cancellarlo.")),
    ]
    for i, (name, lang, sig) in enumerate(sig_cases):
        n += 1
        client = ['gmail', 'apple', 'thunderbird', 'outlook'][i % 4] if sig[0] != 'footer' else ['apple', 'thunderbird'][i % 2]
        if sig[0] == 'disclaimer':
            client = 'outlook' if i % 2 else 'gmail'
        layout = 'top' if i % 3 else 'none'
        if client == 'outlook':
            layout = 'top'
        r = Reply(lang, person(lang, i), msg(lang, i), layout=layout, sig=sig)
        reply_mail('signatures', name, client, r, r.new, n, plain_only=(client == 'thunderbird'))

    # 7. Outlook header blocks: "-----Original Message-----" over the block (Outlook 2007/2010, plain text
    #    compose), Outlook for Mac's bold labels, Outlook on the web's "Date:" label, in every Outlook language.
    for li, lang in enumerate(['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'sv', 'ja', 'zh']):
        n += 1
        r = Reply(lang, person(lang, li), msg(lang, li + 1))
        reply_mail('outlook-headers', 'original-message-' + lang, 'outlook-original', r, r.new, n, plain_only=True)
        n += 1
        r = Reply(lang, person(lang, li + 1), msg(lang, li + 2))
        p = r.new + '\n\n' + C.outlook_block(r, bold=True) + '\n\n' + r.quoted.text
        raw = message(client_headers('outlook', r, L[lang]['ol_re'] + ' ' + r.quoted.subject, when(n), n),
                      body_part('apple', lang, p, None))
        write('outlook-headers', 'mac-bold-labels-' + lang, raw, r.new)
    for li, lang in enumerate(['en', 'de', 'fr', 'es', 'it']):
        n += 1
        r = Reply(lang, person(lang, li), msg(lang, li))
        labels = list(L[lang]['outlook'])
        labels[1] = {'en': 'Date:', 'de': 'Datum:', 'fr': 'Date :', 'es': 'Fecha:', 'it': 'Data:'}[lang]
        plain, html = C.owa(r, labels=tuple(labels))
        raw = message(client_headers('owa', r, L[lang]['ol_re'] + ' ' + r.quoted.subject, when(n), n), body_part('owa', lang, plain, html))
        write('outlook-headers', 'new-outlook-date-label-' + lang, raw, r.new)
    for li, lang in enumerate(['en', 'de', 'es', 'fr']):
        n += 1
        r = Reply(lang, person(lang, li), msg(lang, li + 3))
        reply_mail('outlook-headers', 'outlook-mobile-' + lang, 'outlook-mobile', r, r.new, n)

    # 8. Quote headers as they really come: wrapped, name broken, ISO dates with a zone, date first, other clients.
    q = Quoted()
    variants = [
        ('gmail-wrapped-long-name', 'en', 'On Fri, Nov 20, 2026 at 10:15\u202fAM Meridian Outfitters Customer Care <\npasswordchange@meridian.example> wrote:'),
        ('gmail-name-broken', 'en', 'On Fri, Nov 20, 2026 at 10:15 AM Meridian\nOutfitters <passwordchange@meridian.example> wrote:'),
        ('gmail-de-wrapped', 'de', 'Am Fr., 20. Nov. 2026 um 10:15 Uhr schrieb Meridian Outfitters <\npasswordchange@meridian.example>:'),
        ('gmail-fr-wrapped', 'fr', 'Le ven. 20 nov. 2026 à 10:15, Meridian Outfitters <passwordchange@meridian.example>\na écrit :'),
        ('gmail-es-wrapped', 'es', 'El vie, 20 nov 2026 a las 10:15, Meridian Outfitters (<\npasswordchange@meridian.example>) escribió:'),
        ('gmail-pl-date-first', 'pl', 'pt., 20 lis 2026 o 10:15 Meridian Outfitters <passwordchange@meridian.example>\nnapisał(a):'),
        ('gmail-ru-wrapped', 'ru', 'пт, 20 нояб. 2026\u202fг. в 10:15, Meridian Outfitters <\npasswordchange@meridian.example>:'),
        ('iso-date-zone-en', 'en', 'On 2026-11-20 10:15 +01:00, Meridian Outfitters wrote:'),
        ('iso-date-zone-first', 'en', '2026-11-20 10:15 GMT+01:00 Meridian Outfitters <passwordchange@meridian.example>:'),
        ('iso-date-zone-de', 'de', 'Am 2026-11-20 10:15, schrieb Meridian Outfitters <passwordchange@meridian.example>:'),
        ('iso-date-sv', 'sv', 'Den 2026-11-20 kl. 10:15, skrev Meridian Outfitters:'),
        ('iso-date-t-zone', 'en', 'On 2026-11-20T10:15:42+01:00, Meridian Outfitters <passwordchange@meridian.example> wrote:'),
        ('mutt', 'en', 'On Fri, Nov 20, 2026 at 10:15:42AM +0100, Meridian Outfitters wrote:'),
        ('mutt-star', 'en', '* Meridian Outfitters <passwordchange@meridian.example> [2026-11-20 10:15 +0100]:'),
        ('evolution', 'en', 'On Fri, 2026-11-20 at 10:15 +0100, Meridian Outfitters wrote:'),
        ('horde-quoting', 'en', 'Quoting Meridian Outfitters <passwordchange@meridian.example>:'),
        ('alpine', 'en', 'On Fri, 20 Nov 2026, Meridian Outfitters wrote:'),
        ('name-only-wrote', 'en', 'Meridian Outfitters <passwordchange@meridian.example> wrote:'),
        ('de-name-first', 'de', 'Meridian Outfitters <passwordchange@meridian.example> schrieb am 20.11.2026 10:15:'),
        ('fr-le-date-first', 'fr', 'Le 20/11/2026 10:15, « Meridian Outfitters » <passwordchange@meridian.example> a écrit :'),
        ('fi-name-date', 'fi', 'Meridian Outfitters (passwordchange@meridian.example) kirjoitti 20.11.2026 klo 10.15:'),
        ('da-den', 'da', 'Den fre. 20. nov. 2026 kl. 10.15 skrev Meridian Outfitters <passwordchange@meridian.example>:'),
        ('no-date-first', 'no', 'fre. 20. nov. 2026 kl. 10:15 skrev Meridian Outfitters <\npasswordchange@meridian.example>:'),
        ('ja-gmail', 'ja', '2026年11月20日(金) 10:15 Meridian Outfitters <passwordchange@meridian.example>:'),
        ('zh-gmail', 'zh', 'Meridian Outfitters <passwordchange@meridian.example> 于2026年11月20日周五 10:15写道：'),
        ('zh-foxmail-original', 'zh', '------------------&nbsp;原始邮件&nbsp;------------------\n发件人: "Meridian Outfitters"<passwordchange@meridian.example>;\n发送时间: 2026年11月20日(星期五) 上午10:15\n收件人: "王芳"<wangfang@qq.com>;\n主题: Important: please create a new password'),
    ]
    for i, (name, lang, header) in enumerate(variants):
        n += 1
        r = Reply(lang, person(lang, i), msg(lang, i))
        header = header.replace('&nbsp;', ' ')
        body_q = C.quote(NOTICE) if not name.startswith('zh-foxmail') else NOTICE
        p = r.new + '\n\n' + header + '\n\n' + body_q
        client = 'gmail' if name.startswith('gmail') else 'thunderbird'
        raw = message(client_headers(client, r, L[lang]['re_prefix'] + ' ' + NOTICE_SUBJECT, when(n), n),
                      body_part('gmail' if client == 'gmail' else 'apple', lang, p, None))
        write('attribution-variants', name, raw, r.new)

    # 9. Forwards inline, 10. forwards attached, 11. no quote at all, 12. the desk's own mail quoted back.
    import forwards
    n = forwards.make(n, write, client_headers, body_part, when)
    import harder
    n = harder.make(n, write, when)


if __name__ == '__main__':
    main()
    total = sum(COUNT.values())
    print('\n'.join('%-22s %d' % kv for kv in sorted(COUNT.items())))
    print('total', total)
