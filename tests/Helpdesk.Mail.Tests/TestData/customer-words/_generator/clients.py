"""How each mail client lays out a reply: the plain part and the HTML part it sends, with the quote
header, the quote container and the signature where that client puts them. A reply is described by
`Reply` (who, what is new, what is quoted, the signature); the expected visible text is the `new` words,
set by the case script, never derived from what these renderers write."""
from dataclasses import dataclass, field
from datetime import datetime
from langs import L, DESK, fmt
from mime import esc, quote, flowed, hard_wrap

NOTICE = """Dear Customer,

On November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters system that stores customer account information. Your payment card information was not affected.

As a precaution we have expired all passwords. The next time you visit meridian.example, please select "Create a New Password" and follow the steps.

Meridian will never ask you for your password or personal information by email.

We apologize for the inconvenience. Questions? Reply to this email or write to passwordchange@meridian.example.

Meridian Outfitters"""

NOTICE_SUBJECT = 'Important: please create a new password'

AGENT_ANSWER = """Hello,

Thank you for writing to us. Your ticket number is 48213.

To create a new password, open https://www.meridian.example/account and select "Create a New Password". The link in the email is valid for 24 hours.

Kind regards,
Meridian Support"""

AGENT_QUESTIONS = [
    "Hello,\n\nThank you for your message. So that we can help, could you answer three questions?",
    "1. Which browser and device do you use?",
    "2. Did you receive our email of 20 November?",
    "3. Have you placed an order with us since October?",
    "Kind regards,\nMeridian Support",
]


@dataclass
class Quoted:
    author: tuple = DESK
    date: datetime = datetime(2026, 11, 20, 10, 15, 42)
    subject: str = NOTICE_SUBJECT
    text: str = NOTICE
    to: tuple = None


@dataclass
class Reply:
    lang: str
    person: tuple
    new: str = ''                 # the customer's words above (top) or below (bottom) the quote
    layout: str = 'top'           # top | bottom | inline | quoteonly | none
    quoted: Quoted = field(default_factory=Quoted)
    answers: list = None          # inline: one answer per quoted chunk (None = no answer under it)
    sig: tuple = None             # ('dashes', text) | ('footer', text) | ('disclaimer', text) | ('mobile', None)
    header: str = 'attribution'   # attribution | outlook | original | samsung
    attr_override: str = None     # a hand-written quote header line (ISO dates, wrapped ...)


# ---------------------------------------------------------------------------------------------------------
# plain text

def sig_plain(r, lang):
    if not r.sig:
        return ''
    kind, text = r.sig
    if kind == 'dashes':
        return '\n\n-- \n' + text
    if kind in ('footer', 'disclaimer'):
        return '\n\n' + text
    return ''


def outlook_block(r, labels=None, sep_date=None, mailto=False, bold=False):
    lang = L[r.lang]
    frm, sent, to, subj, _cc = labels or lang['outlook']
    q = r.quoted
    who = '%s [mailto:%s]' % q.author if mailto else '%s <%s>' % q.author
    date = fmt(sep_date or lang['outlook_date'], r.lang, q.date, *q.author)
    recipient = '%s <%s>' % (q.to or r.person)
    b = (lambda s: '*' + s + '*') if bold else (lambda s: s)
    return '\n'.join([b(frm) + ' ' + who, b(sent) + ' ' + date, b(to) + ' ' + recipient, b(subj) + ' ' + q.subject])


def samsung_block(r):
    lang = L[r.lang]
    sep, frm, date, to, subj = lang['samsung']
    q = r.quoted
    return '\n'.join([sep, '%s %s <%s> ' % (frm, q.author[0], q.author[1]),
                      '%s %s ' % (date, q.date.strftime('%d/%m/%Y %H:%M') + ' (GMT+01:00)'),
                      '%s %s ' % (to, r.person[1]), '%s %s ' % (subj, q.subject)])


def attribution(r, key):
    if r.attr_override:
        return r.attr_override
    q = r.quoted
    return fmt(L[r.lang][key], r.lang, q.date, q.author[0], q.author[1])


def plain_quote_section(r, key, prefix='> '):
    """The quote as a client writing plain text puts it: header then the old text."""
    q = r.quoted
    if r.header == 'outlook':
        return outlook_block(r) + '\n\n' + q.text
    if r.header == 'original':
        return L[r.lang]['original'] + '\n' + outlook_block(r) + '\n\n' + q.text
    if r.header == 'samsung':
        return samsung_block(r) + '\n' + q.text
    return attribution(r, key) + '\n\n' + quote(q.text, prefix)


def plain(r, key, wrap=None, between='\n\n', mobile_footer=None):
    """Plain text of a reply in the usual shapes."""
    lang = L[r.lang]
    foot = ('\n\n' + mobile_footer) if mobile_footer else ''
    if r.layout == 'none':
        return r.new + sig_plain(r, lang) + foot
    if r.layout == 'top':
        text = r.new + sig_plain(r, lang) + foot + between + plain_quote_section(r, key)
    elif r.layout == 'quoteonly':
        text = (foot.lstrip('\n') + between if foot else '') + plain_quote_section(r, key)
    elif r.layout == 'bottom':
        text = attribution(r, key) + '\n' + quote(r.quoted.text) + '\n\n' + r.new + sig_plain(r, lang) + foot
    elif r.layout == 'inline':
        chunks = []
        for qchunk, ans in zip(AGENT_QUESTIONS, r.answers):
            chunks.append(quote(qchunk))
            if ans:
                chunks.append('\n' + ans + '\n')
        text = attribution(r, key) + '\n' + '\n'.join(chunks) + sig_plain(r, lang) + foot
    else:
        raise ValueError(r.layout)
    if wrap:
        text = wrap(text)
    return text


# ---------------------------------------------------------------------------------------------------------
# HTML helpers

def paras_div(text, tag='div', empty='<div><br></div>'):
    out = []
    for i, p in enumerate(text.split('\n\n')):
        if i:
            out.append(empty)
        out.extend('<%s>%s</%s>' % (tag, esc(line) if line else '<br>', tag) for line in p.split('\n'))
    return '\n'.join(out)


def paras_p(text, cls=''):
    return '\n'.join('<p%s>%s</p>' % (cls, '<br>\n'.join(esc(l) for l in p.split('\n'))) for p in text.split('\n\n'))


def mso(text, lang_attr='EN-US'):
    out = []
    for i, p in enumerate(text.split('\n\n')):
        if i:
            out.append('<p class="MsoNormal"><span lang="%s"><o:p>&nbsp;</o:p></span></p>' % lang_attr)
        for line in p.split('\n'):
            out.append('<p class="MsoNormal"><span lang="%s">%s<o:p></o:p></span></p>' % (lang_attr, esc(line)))
    return '\n'.join(out)


def sig_html_generic(r):
    if not r.sig:
        return ''
    kind, text = r.sig
    if kind == 'dashes':
        return '<div>-- <br>' + '<br>'.join(esc(l) for l in text.split('\n')) + '</div>'
    return '<div><br></div>' + paras_div(text)


# ---------------------------------------------------------------------------------------------------------
# Gmail

def gmail(r, wrap_attr=True):
    lang = L[r.lang]
    attr = attribution(r, 'gmail')
    q = r.quoted
    sig_p, sig_h = '', ''
    if r.sig and r.sig[0] == 'dashes':
        sig_p = '\n\n-- \n' + r.sig[1]
        sig_h = ('<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br>'
                 '<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">'
                 + '<div>'.join(esc(l) for l in r.sig[1].split('\n')) + '</div>' * (r.sig[1].count('\n')) + '</div></div>')
    elif r.sig:
        sig_p = '\n\n' + r.sig[1]
        sig_h = '<div><br></div>' + paras_div(r.sig[1])
    wrapped_attr = attr
    if wrap_attr and len(attr) > 76:
        cut = attr.rfind(' ', 0, 76)
        wrapped_attr = attr[:cut] + '\n' + attr[cut + 1:]
    qhtml = paras_div(q.text)
    block = ('<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">%s<br></div>'
             '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
             '<div dir="ltr">%s</div></blockquote></div>') % (esc(attr), qhtml)
    if r.layout == 'top':
        p = hard_wrap(r.new) + sig_p + '\n\n' + wrapped_attr + '\n\n' + quote(hard_wrap(q.text))
        h = '<div dir="ltr">%s%s</div><br>%s' % (paras_div(r.new), sig_h, block)
    elif r.layout == 'bottom':
        p = wrapped_attr + '\n\n' + quote(hard_wrap(q.text)) + '\n\n' + hard_wrap(r.new) + sig_p
        h = '<div dir="ltr"><br></div><br>%s<div><br></div><div dir="ltr">%s%s</div>' % (block, paras_div(r.new), sig_h)
    elif r.layout == 'quoteonly':
        p = '\n\n' + wrapped_attr + '\n\n' + quote(hard_wrap(q.text))
        h = '<div dir="ltr"><br></div><br>%s' % block
    elif r.layout == 'inline':
        pp, hh = [wrapped_attr, ''], []
        for qchunk, ans in zip(AGENT_QUESTIONS, r.answers):
            pp.append(quote(qchunk))
            hh.append('<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">%s</blockquote>' % paras_div(qchunk))
            if ans:
                pp.append('\n' + ans + '\n')
                hh.append('<div><br></div>' + paras_div(ans) + '<div><br></div>')
        p = '\n'.join(pp) + sig_p
        h = ('<div dir="ltr"><br></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">%s<br></div>%s</div>%s'
             % (esc(attr), ''.join(hh), sig_h))
    else:
        p = r.new + sig_p
        h = '<div dir="ltr">%s%s</div>' % (paras_div(r.new), sig_h)
    return p, h


# ---------------------------------------------------------------------------------------------------------
# Outlook desktop (Word HTML), Outlook on the web / new Outlook (divRplyFwdMsg), Outlook mobile

WORD_HEAD = '''<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv="Content-Type" content="text/html; charset=%s"><meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
span.EmailStyle17 {mso-style-type:personal-compose;}
@page WordSection1 {size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1 {page:WordSection1;}
--></style></head>
<body lang="%s" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
'''


def outlook_desktop(r, charset='windows-1252', original=False, lang_attr='EN-US'):
    lang = L[r.lang]
    q = r.quoted
    frm, sent, to, subj, _ = lang['outlook']
    block_plain = (lang['original'] + '\n' if original else '') + outlook_block(r, mailto=original)
    disclaimer = r.sig[1] if r.sig and r.sig[0] == 'disclaimer' else None
    sig_p = sig_plain(r, lang)
    p = r.new + sig_p + '\n\n' + block_plain + '\n\n' + q.text if r.layout == 'top' else r.new + sig_p
    recipient = '%s &lt;%s&gt;' % (q.to or r.person)
    head = ('<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
            '<p class="MsoNormal"><b><span lang="%s">%s</span></b><span lang="%s"> %s &lt;%s&gt; <br><b>%s</b> %s<br><b>%s</b> %s<br><b>%s</b> %s<o:p></o:p></span></p></div></div>'
            % (lang_attr, esc(frm), lang_attr, esc(q.author[0]), q.author[1], esc(sent), esc(fmt(lang['outlook_date'], r.lang, q.date, *q.author)),
               esc(to), recipient, esc(subj), esc(q.subject)))
    sig_h = ''
    if r.sig:
        sig_h = '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>' + mso(('-- \n' if r.sig[0] == 'dashes' else '') + r.sig[1], lang_attr)
    h = WORD_HEAD % (charset, lang_attr) + mso(r.new, lang_attr) + sig_h
    if r.layout == 'top':
        h += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>' + head + '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>' + mso(q.text, lang_attr)
    h += '\n</div>\n</body>\n</html>'
    return p, h


def owa(r, labels=None):
    """Outlook on the web / Outlook.com / new Outlook for Windows."""
    lang = L[r.lang]
    q = r.quoted
    frm, sent, to, subj, _ = labels or lang['outlook']
    sig_p = sig_plain(r, lang)
    block = outlook_block(r, labels=labels)
    p = r.new + sig_p + '\n\n________________________________\n' + block + '\n\n' + q.text
    recipient = '%s &lt;%s&gt;' % (q.to or r.person)
    sig_h = ''
    if r.sig:
        sig_h = '<div class="elementToProof"><br></div>' + paras_div(('-- \n' if r.sig[0] == 'dashes' else '') + r.sig[1], 'div class="elementToProof"'.split()[0])
    h = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head>'
         '<body dir="ltr"><div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">%s</div>%s'
         '<div id="appendonsend"></div><hr style="display:inline-block;width:98%%" tabindex="-1">'
         '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>%s</b> %s &lt;%s&gt;<br><b>%s</b> %s<br><b>%s</b> %s<br><b>%s</b> %s</font>'
         '<div>&nbsp;</div></div><div>%s</div></body></html>') % (
        paras_div(r.new), sig_h, esc(frm), esc(q.author[0]), q.author[1], esc(sent),
        esc(fmt(lang['outlook_date'], r.lang, q.date, *q.author)), esc(to), recipient, esc(subj), esc(q.subject), paras_p(q.text))
    return p, h


def outlook_mobile(r):
    lang = L[r.lang]
    q = r.quoted
    footer = lang['outlook_mobile']
    block = outlook_block(r, sep_date='{wdfull}, {monfull} {d}, {y} {h12}:{mi}:{ss} {ampm}' if r.lang == 'en' else None)
    p = r.new + '\n\n' + footer + '<https://aka.ms/AAb9ysg>\n________________________________\n' + block + '\n\n' + q.text
    h = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div dir="auto">%s</div>'
         '<div dir="auto"><br></div><div id="ms-outlook-mobile-signature" dir="auto">%s<a href="https://aka.ms/AAb9ysg">%s</a></div>'
         '<hr style="display:inline-block;width:98%%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">%s</font><div>&nbsp;</div></div><div>%s</div></body></html>'
         % (paras_div(r.new, 'div'), esc(footer.split(' ')[0]) + ' ', esc(' '.join(footer.split(' ')[1:])),
            '<br>'.join('<b>%s</b>%s' % (esc(l.split(' ', 1)[0]), esc(' ' + l.split(' ', 1)[1])) for l in block.split('\n')), paras_p(q.text)))
    return p, h


# ---------------------------------------------------------------------------------------------------------
# Apple Mail (macOS) and iPhone/iPad Mail

def apple(r):
    lang = L[r.lang]
    attr = attribution(r, 'apple')
    q = r.quoted
    sig_p = sig_plain(r, lang)
    qh = '<blockquote type="cite"><div>%s</div><br class="Apple-interchange-newline"><div>%s</div></blockquote>' % (esc(attr), paras_div(q.text))
    body = '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">%s</body></html>'
    sig_h = '<div><br></div>' + paras_div(('-- \n' if r.sig[0] == 'dashes' else '') + r.sig[1]) if r.sig else ''
    if r.layout == 'top':
        p = r.new + sig_p + '\n\n' + attr + '\n\n' + quote(q.text)
        h = body % ('%s%s<div><br>%s</div>' % (paras_div(r.new), sig_h, qh))
    elif r.layout == 'bottom':
        p = '\n\n' + attr + '\n\n' + quote(q.text) + '\n\n' + r.new + sig_p
        h = body % ('<br><div>%s</div><br><div>%s%s</div>' % (qh, paras_div(r.new), sig_h))
    elif r.layout == 'inline':
        pp, hh = [attr, ''], []
        for qchunk, ans in zip(AGENT_QUESTIONS, r.answers):
            pp.append(quote(qchunk))
            hh.append('<blockquote type="cite"><div>%s</div></blockquote>' % paras_div(qchunk))
            if ans:
                pp.append('\n' + ans + '\n')
                hh.append('<div><br></div><div>%s</div><div><br></div>' % paras_div(ans))
        p = '\n'.join(pp) + sig_p
        h = body % ('<br><div><blockquote type="cite"><div>%s</div></blockquote>%s</div>%s' % (esc(attr), ''.join(hh), sig_h))
    elif r.layout == 'quoteonly':
        p = '\n\n' + attr + '\n\n' + quote(q.text)
        h = body % ('<br><div><br>%s</div>' % qh)
    else:
        p = r.new + sig_p
        h = body % (paras_div(r.new) + sig_h)
    return p, h


def iphone(r, footer=True):
    lang = L[r.lang]
    attr = attribution(r, 'apple')
    q = r.quoted
    foot = lang['iphone']
    sig_p = sig_plain(r, lang)
    fp = ('\n\n' + foot) if footer else ''
    fh = ('<div dir="ltr"><br id="lineBreakAtBeginningOfSignature"><div dir="ltr">%s</div></div>' % esc(foot)) if footer else ''
    head = '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">'
    qh = ('<div dir="ltr"><br><blockquote type="cite">%s<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">%s</div></blockquote>'
          % (esc(attr), paras_div(q.text, 'div dir="ltr"'.split()[0])))
    if r.layout == 'top':
        p = r.new + sig_p + fp + '\n\n> ' + attr + '\n> \n' + quote(q.text)
        h = head + '<div dir="ltr">%s</div>%s%s</body></html>' % (paras_div(r.new), fh, qh)
    elif r.layout == 'bottom':
        p = '> ' + attr + '\n> \n' + quote(q.text) + '\n\n' + r.new + fp
        h = head + '%s<div dir="ltr"><br></div><div dir="ltr">%s</div>%s</body></html>' % (qh, paras_div(r.new), fh)
    elif r.layout == 'quoteonly':
        p = (foot + '\n\n' if footer else '') + '> ' + attr + '\n> \n' + quote(q.text)
        h = head + '<div dir="ltr"></div>%s%s</body></html>' % (fh, qh)
    else:
        p = r.new + sig_p + fp
        h = head + '<div dir="ltr">%s</div>%s</body></html>' % (paras_div(r.new), fh)
    return p, h


# ---------------------------------------------------------------------------------------------------------
# Yahoo Mail (web and app): attribution indented, quote not prefixed in plain text; yahoo_quoted in HTML

def yahoo(r, android=False):
    lang = L[r.lang]
    attr = attribution(r, 'yahoo')
    q = r.quoted
    foot = 'Sent from Yahoo Mail on Android' if android else None
    fp = ('\n\n' + foot) if foot else ''
    sig_p = sig_plain(r, lang)
    p = r.new + sig_p + fp + '\n\n    ' + attr + '  \n \n \n' + q.text if r.layout == 'top' else \
        ' \n \n    ' + attr + '  \n \n \n' + q.text
    fh = ('<div id="ymail_android_signature"><a id="ymail_android_signature_link" href="https://mail.onelink.me/107872968?pid=nativeplacement&amp;c=Global_Acquisition_YMktg_315_Internal_EmailSignature&amp;af_sub1=Acquisition&amp;af_sub2=Global_YMktg&amp;af_sub3=&amp;af_sub4=100000604&amp;af_sub5=EmailSignature__Static_">%s</a></div>' % esc(foot)) if foot else ''
    sig_h = '<div><br></div>' + paras_div(('-- \n' if r.sig[0] == 'dashes' else '') + r.sig[1]) if r.sig else ''
    new_h = paras_div(r.new, 'div') if r.layout == 'top' else '<div><br></div>'
    h = ('<html><head></head><body><div class="ydp3c8a91f2yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">'
         '<div dir="ltr" data-setdir="false">%s</div>%s%s</div><div id="yahoo_quoted_%d" class="yahoo_quoted">'
         '<div style="font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;"><div>%s</div><div><br></div><div><br></div>'
         '<div><div id="yiv1234567890"><div>%s</div></div></div></div></div></body></html>'
         % (new_h, sig_h, fh, 9000000000 + len(r.new), esc(attr), paras_div(q.text)))
    return p, h


# ---------------------------------------------------------------------------------------------------------
# Thunderbird: format=flowed plain; moz-cite-prefix + blockquote type=cite in HTML; moz-signature

def thunderbird(r):
    lang = L[r.lang]
    attr = attribution(r, 'tb')
    q = r.quoted
    sig_p = sig_plain(r, lang)
    sig_h = ('<pre class="moz-signature" cols="72">-- \n%s</pre>' % esc(r.sig[1])) if r.sig and r.sig[0] == 'dashes' else \
        ('<p>%s</p>' % esc(r.sig[1]).replace('\n', '<br>') if r.sig else '')
    qh = ('<div class="moz-cite-prefix">%s<br></div><blockquote type="cite" cite="mid:notice.20261120.7f3a@meridian.example">%s</blockquote>'
          % (esc(attr), paras_p(q.text)))
    head = '<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n  </head>\n  <body>\n'
    if r.layout == 'top':
        p = r.new + sig_p + '\n\n' + attr + '\n' + quote(q.text)
        h = head + '    <p>%s</p>%s<br>%s</body></html>' % (esc(r.new).replace('\n\n', '</p><p>').replace('\n', '<br>'), sig_h, qh)
    elif r.layout == 'bottom':
        p = attr + '\n' + quote(q.text) + '\n\n' + r.new + sig_p
        h = head + '    %s<p>%s</p>%s</body></html>' % (qh, esc(r.new).replace('\n\n', '</p><p>').replace('\n', '<br>'), sig_h)
    elif r.layout == 'inline':
        pp, hh = [attr], []
        for qchunk, ans in zip(AGENT_QUESTIONS, r.answers):
            pp.append(quote(qchunk))
            hh.append('<blockquote type="cite">%s</blockquote>' % paras_p(qchunk))
            if ans:
                pp.append('\n' + ans + '\n')
                hh.append('<p>%s</p>' % esc(ans).replace('\n', '<br>'))
        p = '\n'.join(pp) + sig_p
        h = head + '    <div class="moz-cite-prefix">%s<br></div>%s%s</body></html>' % (esc(attr), ''.join(hh), sig_h)
    elif r.layout == 'quoteonly':
        p = attr + '\n' + quote(q.text)
        h = head + '    <p><br></p>%s</body></html>' % qh
    else:
        p = r.new + sig_p
        h = head + '    <p>%s</p>%s</body></html>' % (esc(r.new).replace('\n', '<br>'), sig_h)
    return p, h


# ---------------------------------------------------------------------------------------------------------
# Samsung Email / Android stock mail

def samsung(r):
    lang = L[r.lang]
    q = r.quoted
    foot = lang['android']
    block = samsung_block(r)
    p = r.new + '\n\n\n\n' + foot + '\n\n\n' + block + '\n' + q.text
    h = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><div dir="auto">%s</div><div dir="auto"><br></div>'
         '<div id="composer_signature" dir="auto"><div style="font-size:85%%;color:#575757" dir="auto">%s</div></div><div dir="auto"><br></div>'
         '<div align="left" dir="auto" style="font-size:100%%;color:#000000"><!-- originalMessage --><div>%s</div></div><br>%s</body></html>'
         % (paras_div(r.new, 'div'), esc(foot), '</div><div>'.join(esc(l) for l in block.split('\n')), paras_p(q.text)))
    return p, h
