from common import *

def notice_headers(rcpt, nid, date='Fri, 20 Nov 2026 09:14:03 -0500', first_hop=None):
    r = rng('nh' + nid)
    h = ''
    if first_hop:
        h += first_hop
    h += ('Received: from out3.mail.meridian.example (out3.mail.meridian.example [192.0.2.33])\n'
          '\tby %s with ESMTPS id %s\n\tfor <%s>; %s\n') % (rcpt.split('@')[1].join(['mx.', '']) if False else 'mx.' + rcpt.split('@')[1], ralnum(r, 12), rcpt, date)
    h += dkim(r, 'meridian.example', 'notice2026', 'from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe')
    h += ('From: Meridian Outfitters <passwordchange@meridian.example>\nTo: %s\nSubject: Important: please create a new password\n'
          'Date: %s\nMessage-ID: <%s>\nMIME-Version: 1.0\nX-Campaign: incident-2026-11\n') % (rcpt, date, nid)
    return h

def notice_message(rcpt, nid, date='Fri, 20 Nov 2026 09:14:03 -0500', first_hop=None):
    b = '=_notice_' + nid.split('.')[2].split('@')[0]
    h = notice_headers(rcpt, nid, date, first_hop) + 'Content-Type: multipart/alternative; boundary="%s"\n' % b
    html = '<!DOCTYPE html><html><body style="font-family:Arial,sans-serif">' + notice_html_body() + '</body></html>\n'
    return P(h, parts=[text_part(notice_text(72) + '\n', 'utf-8', '7bit'), text_part(html, 'utf-8', 'quoted-printable', 'html')], boundary=b)

def notice_header_block(rcpt, nid, date='Fri, 20 Nov 2026 09:14:03 -0500', first_hop=None):
    b = '=_notice_' + nid.split('.')[2].split('@')[0]
    return notice_headers(rcpt, nid, date, first_hop) + 'Content-Type: multipart/alternative; boundary="%s"\n' % b

def mx_received(r, host, ip, date_utc, null_sender=True):
    return ('Return-Path: <>\n' if null_sender else '') + ('Delivered-To: passwordchange@meridian.example\n'
            'Received: from %s (%s [%s])\n\tby mx1.meridian.example (Postfix) with ESMTPS id 4Fz%s\n\tfor <passwordchange@meridian.example>; %s\n') % (host, host, ip, ralnum(r, 11), date_utc)

def raw_part(headers, body):
    """A part whose content is exactly body (str, \\n line ends) plus a final newline."""
    return P(headers, (body if body.endswith('\n') else body + '\n').encode())

def raw_att(file_name, ctype, part, inline=False, cid=None):
    return att(file_name, ctype, conv(part.body), inline, cid)
