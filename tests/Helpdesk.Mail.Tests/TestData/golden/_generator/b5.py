from machine_common import *

POSTFIX_INTRO = '''This is the mail system at host %s.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

'''

def bounce_postfix_user_unknown():
    name = 'bounce-postfix-user-unknown'
    r = rng(name)
    host = 'mx2.mail.lakeshore-isp.example'
    rcpt = 'r.hollis@lakeshore-isp.example'
    nid = notice_id(name)
    qid = '4FzQx21c8Kz2xYt'
    b = '%s.1795712049/%s' % (qid, host)
    text = (POSTFIX_INTRO % host) + ('<%s>: host\n    mailstore3.lakeshore-isp.example[10.20.1.13] said: 550 5.1.1\n    <%s>: Recipient address rejected: User unknown\n    in local recipient table (in reply to RCPT TO command)\n') % (rcpt, rcpt)
    dsn = ('Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\nX-Postfix-Sender: rfc822; passwordchange@meridian.example\nArrival-Date: Fri, 20 Nov 2026 14:14:07 +0000 (UTC)\n\n'
           'Final-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mailstore3.lakeshore-isp.example\n'
           'Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient\n    address rejected: User unknown in local recipient table\n') % (host, qid, rcpt, rcpt, rcpt)
    orig = notice_message(rcpt, nid).bytes()
    top = mx_received(r, host, '203.0.113.81', 'Fri, 20 Nov 2026 14:14:09 +0000 (UTC)') + H('''
Received: by %(host)s (Postfix)
	id 5B7E31C0F2; Fri, 20 Nov 2026 14:14:08 +0000 (UTC)
Date: Fri, 20 Nov 2026 14:14:08 +0000 (UTC)
From: MAILER-DAEMON@%(host)s (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: passwordchange@meridian.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b)s"
Content-Transfer-Encoding: 8bit
Message-Id: <20261120141408.5B7E31C0F2@%(host)s>
''' % dict(host=host, b=b))
    dsnp = raw_part('Content-Description: Delivery report\nContent-Type: message/delivery-status\n', dsn)
    msg = P(top, parts=[
        P('Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n', text.encode()),
        dsnp,
        P('Content-Description: Undelivered Message\nContent-Type: message/rfc822\nContent-Transfer-Encoding: 8bit\n', orig),
    ], boundary=b, preamble=b'This is a MIME-encapsulated message.\n\n')
    write(name, msg, messageId='20261120141408.5B7E31C0F2@' + host, date='2026-11-20T14:14:08+00:00', from_=A('Mail Delivery System', 'MAILER-DAEMON@' + host),
          to=[A(None, SUPPORT_ADDR)], subject='Undelivered Mail Returned to Sender', text=text, visibleText=text,
          attachments=[raw_att(None, 'message/delivery-status', dsnp), att(None, 'message/rfc822', conv(orig))],
          machine=bounce([(rcpt, 'failed', '5.1.1', '550 5.1.1 <%s>: Recipient address rejected: User unknown in local recipient table' % rcpt)], nid))


def bounce_postfix_delayed():
    name = 'bounce-postfix-delayed'
    r = rng(name)
    host = 'out3.mail.meridian.example'
    rcpt = 'kwalsh@harborview-dental.example'
    nid = notice_id(name)
    qid = '4FzQy80mB1z3kLp'
    b = '%s.1795726447/%s' % (qid, host)
    text = ('This is the mail system at host %s.\n\n####################################################################\n'
            '# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\n'
            'Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n\n'
            'For further assistance, please send mail to postmaster.\n\nIf you do so, please include this problem report. You can\n'
            'delete your own text from the attached returned message.\n\n                   The mail system\n\n'
            '<%s>: connect to\n    mail.harborview-dental.example[203.0.113.19]:25: Connection timed out\n') % (host, rcpt)
    dsn = ('Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\nX-Postfix-Sender: rfc822; passwordchange@meridian.example\nArrival-Date: Fri, 20 Nov 2026 14:14:05 +0000 (UTC)\n\n'
           'Final-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\nAction: delayed\nStatus: 4.4.1\n'
           'Diagnostic-Code: X-Postfix; connect to\n    mail.harborview-dental.example[203.0.113.19]:25: Connection timed out\nWill-Retry-Until: Wed, 25 Nov 2026 14:14:05 +0000 (UTC)\n') % (host, qid, rcpt, rcpt)
    hdrs = notice_header_block(rcpt, nid, first_hop=None).replace('Received: from out3.mail.meridian.example (out3.mail.meridian.example [192.0.2.33])\n\tby mx.harborview-dental.example', 'Received: from app7.int.meridian.example (app7.int.meridian.example [10.8.0.17])\n\tby out3.mail.meridian.example')
    top = 'Delivered-To: passwordchange@meridian.example\n' + H('''
Received: by %(host)s (Postfix)
	id 9A2F11C44D; Fri, 20 Nov 2026 18:14:07 +0000 (UTC)
Date: Fri, 20 Nov 2026 18:14:07 +0000 (UTC)
From: MAILER-DAEMON@%(host)s (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: passwordchange@meridian.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b)s"
Content-Transfer-Encoding: 8bit
Message-Id: <20261120181407.9A2F11C44D@%(host)s>
''' % dict(host=host, b=b))
    top = 'Return-Path: <>\n' + top
    dsnp = raw_part('Content-Description: Delivery report\nContent-Type: message/delivery-status\n', dsn)
    hp = raw_part('Content-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\nContent-Transfer-Encoding: 8bit\n', hdrs)
    msg = P(top, parts=[P('Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n', text.encode()), dsnp, hp],
            boundary=b, preamble=b'This is a MIME-encapsulated message.\n\n')
    write(name, msg, messageId='20261120181407.9A2F11C44D@' + host, date='2026-11-20T18:14:07+00:00', from_=A('Mail Delivery System', 'MAILER-DAEMON@' + host),
          to=[A(None, SUPPORT_ADDR)], subject='Delayed Mail (still being retried)', text=text, visibleText=text,
          attachments=[raw_att(None, 'message/delivery-status', dsnp), raw_att(None, 'text/rfc822-headers', hp)],
          machine=bounce([(rcpt, 'delayed', '4.4.1', 'connect to mail.harborview-dental.example[203.0.113.19]:25: Connection timed out')], nid))


def bounce_exim_mailbox_full():
    name = 'bounce-exim-mailbox-full'
    r = rng(name)
    host = 'srv42.webhostbox.example'
    rcpt = 'sandy@brightleaf-crafts.example'
    nid = notice_id(name)
    b = '1795712080-eximdsn-%d' % r.randrange(10**9, 2 * 10**9)
    mid = 'E1tWx9Z-0004Jk-2q@' + host
    text = ('This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\n'
            'recipients. This is a permanent error. The following address(es) failed:\n\n  %s\n    host mx.brightleaf-crafts.example [203.0.113.44]\n'
            '    SMTP error from remote mail server after RCPT TO:<%s>:\n    552 5.2.2 Mailbox full\n') % (rcpt, rcpt)
    dsn = ('Reporting-MTA: dns; %s\n\nAction: failed\nFinal-Recipient: rfc822;%s\nStatus: 5.0.0\nRemote-MTA: dns; mx.brightleaf-crafts.example\n'
           'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n') % (host, rcpt)
    orig = notice_message('sandy@brightleaf-crafts.example', nid).bytes()
    top = mx_received(r, host, '203.0.113.150', 'Fri, 20 Nov 2026 14:14:41 +0000 (UTC)') + H('''
Received: from mailnull by %(host)s with local (Exim 4.98)
	id 1tWx9Z-0004Jk-2q
	for passwordchange@meridian.example; Fri, 20 Nov 2026 09:14:40 -0500
X-Failed-Recipients: %(rcpt)s
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@%(host)s>
To: passwordchange@meridian.example
References: <%(nid)s>
Content-Type: multipart/report; report-type=delivery-status; boundary=%(b)s
MIME-Version: 1.0
Subject: Mail delivery failed: returning message to sender
Message-Id: <%(mid)s>
Date: Fri, 20 Nov 2026 09:14:40 -0500
''' % dict(host=host, rcpt=rcpt, nid=nid, b=b, mid=mid))
    dsnp = raw_part('Content-type: message/delivery-status\n', dsn)
    msg = P(top, parts=[
        P('Content-type: text/plain; charset=us-ascii\n', text.encode()),
        dsnp,
        P('Content-type: message/rfc822\n', orig),
    ], boundary=b)
    write(name, msg, messageId=mid, references=[nid], date='2026-11-20T09:14:40-05:00', from_=A('Mail Delivery System', 'Mailer-Daemon@' + host),
          to=[A(None, SUPPORT_ADDR)], subject='Mail delivery failed: returning message to sender', text=text, visibleText=text,
          attachments=[raw_att(None, 'message/delivery-status', dsnp), att(None, 'message/rfc822', conv(orig))],
          machine=bounce([(rcpt, 'failed', '5.0.0', '552 5.2.2 Mailbox full')], nid))


def bounce_office365_ndr():
    name = 'bounce-office365-ndr'
    r = rng(name)
    rcpt = 'tgreene@summitpartners.example'
    nid = notice_id(name)
    mhost = 'DM6PR12MB4123.namprd12.prod.outlook.com'
    mid = '%s@%s' % ('-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]), mhost)
    text = ('Your message to %s couldn\'t be delivered.\n\ntgreene wasn\'t found at summitpartners.example.\n\n'
            'passwordchange\nOffice 365\ntgreene\nAction Required\nRecipient\n\nUnknown To address\n\nHow to Fix It\n'
            'The address may be misspelled or may not exist. Try one or more of the following:\n\n'
            '  *   Retype the recipient\'s address, then resend the message.\n  *   If the address is in your contacts, check that it\'s still correct.\n\n'
            'More Info for Email Admins\nStatus code: 550 5.1.10\n\n'
            'This error occurs because the sender sent a message to an email address hosted by Office 365 but the address is incorrect or doesn\'t exist at the destination domain.\n\n'
            'Original Message Details\nCreated Date:\t11/20/2026 2:14:03 PM\nSender Address:\tpasswordchange@meridian.example\nRecipient Address:\t%s\nSubject:\tImportant: please create a new password\n\n'
            'Error Details\nError:\t550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient %s not found by SMTP address lookup\nMessage rejected by:\t%s\n') % (rcpt, rcpt, rcpt, mhost)
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta content="text/html; charset=us-ascii"></head><body><p>Your message to <a href="mailto:%s">%s</a> couldn\'t be delivered.</p>'
            '<table><tr><td>passwordchange</td><td>Office 365</td><td>tgreene</td></tr></table><p><b>How to Fix It</b></p><p>The address may be misspelled or may not exist.</p>'
            '<p>Status code: 550 5.1.10</p></body></html>\n') % (rcpt, rcpt)
    dsn = ('Reporting-MTA: dns;%s\nReceived-From-MTA: dns;out3.mail.meridian.example\nArrival-Date: Fri, 20 Nov 2026 14:14:05 +0000\n\n'
           'Final-Recipient: rfc822;%s\nAction: failed\nStatus: 5.1.10\nDiagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient %s not found by SMTP address lookup\n') % (mhost, rcpt, rcpt)
    orig = notice_message(rcpt, nid).bytes()
    b1, b2 = '_%s_' % rhex(r, 36), '_%s_' % rhex(r, 36)
    top = mx_received(r, 'mail-dm6nam12on2098.outbound.protection.outlook.com', '40.107.243.98', 'Fri, 20 Nov 2026 14:14:07 +0000 (UTC)') + H('''
ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;
 b=%(arc)s
Received: from DM6NAM12FT034.eop-nam12.prod.protection.outlook.com
 (2603:10b6:5:3a8::12) by %(mhost)s (2603:10b6:5:2a1::9) with Microsoft SMTP
 Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id
 15.20.8182.19; Fri, 20 Nov 2026 14:14:06 +0000
MIME-Version: 1.0
From: <MAILER-DAEMON@NAM12-DM6-obe.outbound.protection.outlook.com>
To: <passwordchange@meridian.example>
Date: Fri, 20 Nov 2026 14:14:06 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b1)s"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: <%(mid)s>
In-Reply-To: <%(nid)s>
References: <%(nid)s>
Thread-Topic: Important: please create a new password
Thread-Index: %(ti)s
Subject: Undeliverable: Important: please create a new password
Auto-Submitted: auto-replied
X-MS-PublicTrafficType: Email
X-MS-TrafficTypeDiagnostic: DM6NAM12FT034:EE_|%(mhost_s)s:EE_
''' % dict(arc=fold_b64(rb64(r, 256), 70, 76, ' '), mhost=mhost, mhost_s=mhost.split('.')[0], b1=b1, mid=mid, nid=nid, ti=thread_index(r, 1)))
    dsnp = raw_part('Content-Type: message/delivery-status\n', dsn)
    msg = P(top, parts=[
        P('Content-Type: multipart/alternative; differences=Content-Type;\n\tboundary="%s"\n' % b2, parts=[
            text_part(text, 'us-ascii', 'quoted-printable'), text_part(html, 'us-ascii', 'quoted-printable', 'html')], boundary=b2),
        dsnp,
        P('Content-Type: message/rfc822\n', orig),
    ], boundary=b1)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T14:14:06+00:00',
          from_=A(None, 'MAILER-DAEMON@NAM12-DM6-obe.outbound.protection.outlook.com'), to=[A(None, SUPPORT_ADDR)],
          subject='Undeliverable: Important: please create a new password', text=text, visibleText=text, html='*',
          attachments=[raw_att(None, 'message/delivery-status', dsnp), att(None, 'message/rfc822', conv(orig))],
          machine=bounce([(rcpt, 'failed', '5.1.10', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient %s not found by SMTP address lookup' % rcpt)], nid))


def bounce_exchange_two_recipients():
    name = 'bounce-exchange-two-recipients'
    r = rng(name)
    nid = notice_id(name)
    rc1, rc2 = 'drlee@cascadedental.example', 'frontdesk@cascadedental.example'
    mhost = 'EXCH01.cascadedental.local'
    mid = '%s@%s' % ('-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]), mhost)
    text = ('Delivery has failed to these recipients or groups:\n\nDr. Helen Lee (drlee@cascadedental.example)\n'
            'The recipient\'s mailbox is full and can\'t accept messages now. Please try resending your message later, or contact the recipient directly.\n\n'
            'Front Desk (frontdesk@cascadedental.example)\nThe email address you entered couldn\'t be found. Please check the recipient\'s email address and try to resend the message. '
            'If the problem continues, please contact your helpdesk.\n\n\n\n\n\n\nDiagnostic information for administrators:\n\nGenerating server: EXCH01.cascadedental.local\n\n'
            'drlee@cascadedental.example\nRemote Server returned \'554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded\'\n\n'
            'frontdesk@cascadedental.example\nRemote Server returned \'550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\'\n\n'
            'Original message headers:\n\n' + notice_header_block('info@cascadedental.example', nid))
    html = '<html><body><p><b><font color="#000066" size="3" face="Arial">Delivery has failed to these recipients or groups:</font></b></p><p><a href="mailto:drlee@cascadedental.example">Dr. Helen Lee (drlee@cascadedental.example)</a><br>The recipient\'s mailbox is full.</p><p><a href="mailto:frontdesk@cascadedental.example">Front Desk</a><br>The email address you entered couldn\'t be found.</p></body></html>\n'
    dsn = ('Reporting-MTA: dns;EXCH01.cascadedental.local\nReceived-From-MTA: dns;mail.cascadedental.example\nArrival-Date: Fri, 20 Nov 2026 14:14:12 +0000\n\n'
           'Original-Recipient: rfc822;info@cascadedental.example\nFinal-Recipient: rfc822;drlee@cascadedental.example\nAction: failed\nStatus: 5.2.2\n'
           'Diagnostic-Code: smtp;554 5.2.2 mailbox full;\n STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded;\n Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot\n complete delivery to the mailbox because it\'s full.[EndDiagnosticData]\nX-Display-Name: Dr. Helen Lee\n\n'
           'Original-Recipient: rfc822;info@cascadedental.example\nFinal-Recipient: rfc822;frontdesk@cascadedental.example\nAction: failed\nStatus: 5.1.1\n'
           'Diagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\nX-Display-Name: Front Desk\n')
    orig = notice_message('info@cascadedental.example', nid).bytes()
    b1, b2 = '_%s_' % rhex(r, 36), '_%s_' % rhex(r, 36)
    top = mx_received(r, 'mail.cascadedental.example', '198.51.100.61', 'Fri, 20 Nov 2026 14:14:15 +0000 (UTC)') + H('''
Received: from EXCH01.cascadedental.local (10.0.0.5) by mail.cascadedental.example
 (10.0.0.4) with Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2507.39; Fri, 20 Nov 2026
 09:14:13 -0500
From: <postmaster@cascadedental.example>
To: <passwordchange@meridian.example>
Date: Fri, 20 Nov 2026 14:14:13 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b1)s"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: <%(mid)s>
In-Reply-To: <%(nid)s>
References: <%(nid)s>
Subject: Undeliverable: Important: please create a new password
Auto-Submitted: auto-replied
''' % dict(b1=b1, mid=mid, nid=nid))
    dsnp = raw_part('Content-Type: message/delivery-status\n', dsn)
    msg = P(top, parts=[
        P('Content-Type: multipart/alternative; differences=Content-Type;\n\tboundary="%s"\n' % b2, parts=[
            text_part(text, 'us-ascii', 'quoted-printable'), text_part(html, 'us-ascii', 'quoted-printable', 'html')], boundary=b2),
        dsnp,
        P('Content-Type: message/rfc822\n', orig),
    ], boundary=b1)
    d1 = ("554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception "
          "with message [BeginDiagnosticData]Cannot complete delivery to the mailbox because it's full.[EndDiagnosticData]")
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T14:14:13+00:00', from_=A(None, 'postmaster@cascadedental.example'),
          to=[A(None, SUPPORT_ADDR)], subject='Undeliverable: Important: please create a new password', text=text, visibleText=text, html='*',
          attachments=[raw_att(None, 'message/delivery-status', dsnp), att(None, 'message/rfc822', conv(orig))],
          machine=bounce([(rc1, 'failed', '5.2.2', d1), (rc2, 'failed', '5.1.1', '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found')], nid))


def bounce_gmail_nosuchuser():
    name = 'bounce-gmail-nosuchuser'
    r = rng(name)
    rcpt = 'tomasz.kaminski.1988@gmail.com'
    nid = notice_id(name)
    icon = png(32, 32, 'gmail-icon')
    mid = '%s.%s.%s@mx.google.com' % (rhex(r, 8), ralnum(r, 6), 'x' + rhex(r, 6))
    text = ('\n** Address not found **\n\nYour message wasn\'t delivered to %s because the address couldn\'t be found, or is unable to receive mail.\n\n'
            'Learn more here: https://support.google.com/mail/?p=NoSuchUser\n\nThe response was:\n\n'
            'The email account that you tried to reach does not exist. Please try double-checking the recipient\'s email address for typos or unnecessary spaces. '
            'For more information, go to https://support.google.com/mail/?p=NoSuchUser a640c23a62f3a-b7c1e9d2a0fsi1283311566b.512 - gsmtp\n') % rcpt
    html = ('<html>\n<head>\n<style>\n* {\nfont-family:Roboto, "Helvetica Neue", Helvetica, Arial, sans-serif;\n}\n</style>\n</head>\n<body>\n'
            '<table cellpadding="0" cellspacing="0" class="email-wrapper" style="padding-top:32px;background-color:#ffffff;"><tbody><tr><td><table cellpadding=0 cellspacing=0><tbody><tr><td style="max-width:560px;padding:24px 24px 32px;background-color:#fafafa;border:1px solid #e0e0e0;border-radius:2px">'
            '<img style="padding:0 24px 16px 0;float:left" width=72 height=72 alt="Error Icon" src="cid:icon.png">'
            '<table style="min-width:272px;padding-top:8px"><tbody><tr><td><h2 style="font-size:20px;color:#212121;font-weight:bold;margin:0">Address not found</h2></td></tr>'
            '<tr><td style="padding-top:20px;color:#757575;font-size:16px;font-weight:normal;text-align:left">Your message wasn\'t delivered to <a style=\'color:#212121;text-decoration:none\'><b>%s</b></a> because the address couldn\'t be found, or is unable to receive mail.</td></tr>'
            '<tr><td style="padding-top:24px;color:#4285F4;font-size:14px;font-weight:bold;text-align:left"><a style="text-decoration:none" href="https://support.google.com/mail/?p=NoSuchUser">LEARN MORE</a></td></tr></tbody></table></td></tr></tbody></table></td></tr>'
            '<tr style="border:none;background-color:#fff;font-size:12.8px;width:90%%"><td align="left" style="padding:48px 10px">The response was:<br/><p style="font-family:monospace">The email account that you tried to reach does not exist.</p></td></tr></tbody></table>\n</body>\n</html>\n') % rcpt
    dsn = ('Reporting-MTA: dns; googlemail.com\nReceived-From-MTA: dns; out3.mail.meridian.example\nArrival-Date: Fri, 20 Nov 2026 06:14:22 -0800 (PST)\nX-Original-Message-ID: <%s>\n\n'
           'Final-Recipient: rfc822; %s\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; gmail-smtp-in.l.google.com. (2a00:1450:400c:c0a::1a, the server for the domain gmail.com.)\n'
           'Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try\n 550-5.1.1 double-checking the recipient\'s email address for typos or\n'
           ' 550-5.1.1 unnecessary spaces. For more information, go to\n 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a640c23a62f3a-b7c1e9d2a0fsi1283311566b.512 - gsmtp\n'
           'Last-Attempt-Date: Fri, 20 Nov 2026 06:14:23 -0800 (PST)\n') % (nid, rcpt)
    hdrs = notice_header_block('tomasz@kaminski-family.example', nid)
    b1, b2, b3 = gmail_boundary(r), gmail_boundary(r), gmail_boundary(r)
    top = mx_received(r, 'mail-sor-f69.google.com', '209.85.220.69', 'Fri, 20 Nov 2026 14:14:24 +0000 (UTC)') + dkim(r, 'googlemail.com', '20230601', 'to:from:content-type:references:in-reply-to:subject:date:message-id:\n         auto-submitted:mime-version') + H('''
Received: by 2002:a05:6402:1e8b:b0:5c8:9d1e:3a70 with SMTP id a640c23a62f3a-b7c1e9d2a0fsi1283311566b.512;
        Fri, 20 Nov 2026 06:14:23 -0800 (PST)
MIME-Version: 1.0
Auto-Submitted: auto-replied
Message-ID: <%(mid)s>
Date: Fri, 20 Nov 2026 06:14:23 -0800 (PST)
Subject: Delivery Status Notification (Failure)
In-Reply-To: <%(nid)s>
References: <%(nid)s>
X-Failed-Recipients: %(rcpt)s
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: passwordchange@meridian.example
Content-Type: multipart/report; boundary="%(b1)s"; report-type=delivery-status
''' % dict(mid=mid, nid=nid, rcpt=rcpt, b1=b1))
    dsnp = raw_part('Content-Type: message/delivery-status\n', dsn)
    hp = raw_part('Content-Type: text/rfc822-headers\n', hdrs)
    msg = P(top, parts=[
        P('Content-Type: multipart/related; boundary="%s"\n' % b2, parts=[
            P('Content-Type: multipart/alternative; boundary="%s"\n' % b3, parts=[text_part(text, 'UTF-8', '7bit', ct_charset='UTF-8'), text_part(html, 'UTF-8', '7bit', 'html')], boundary=b3),
            P('Content-Type: image/png; name="icon.png"\nContent-Disposition: attachment; filename="icon.png"\nContent-Transfer-Encoding: base64\nContent-ID: <icon.png>\n', b64(icon)),
        ], boundary=b2),
        dsnp, hp,
    ], boundary=b1)
    diag = ("550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or "
            "550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a640c23a62f3a-b7c1e9d2a0fsi1283311566b.512 - gsmtp")
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T06:14:23-08:00', from_=A('Mail Delivery Subsystem', 'mailer-daemon@googlemail.com'),
          to=[A(None, SUPPORT_ADDR)], subject='Delivery Status Notification (Failure)', text=text, visibleText=text, html='*',
          attachments=[att('icon.png', 'image/png', icon, False, 'icon.png'), raw_att(None, 'message/delivery-status', dsnp), raw_att(None, 'text/rfc822-headers', hp)],
          machine=bounce([(rcpt, 'failed', '5.1.1', diag)], nid))


def bounce_yahoo_text_only():
    name = 'bounce-yahoo-text-only'
    r = rng(name)
    rcpt = 'lindsay.f.wood@yahoo.com'
    nid = notice_id(name)
    copy = notice_message(rcpt, nid).bytes().decode()
    body = ('Sorry, we were unable to deliver your message to the following address.\n\n<%s>:\n554: delivery error: dd Not a valid recipient - atlas216.free.mail.ne1.yahoo.com\n\n'
            '--- Below this line is a copy of the message.\n\n' % rcpt) + copy
    top = mx_received(r, 'sonic.mail.bf2.yahoo.com', '74.6.128.40', 'Fri, 20 Nov 2026 14:14:38 +0000 (UTC)') + H('''
Date: Fri, 20 Nov 2026 14:14:37 +0000
From: MAILER-DAEMON@yahoo.com
To: passwordchange@meridian.example
Subject: Failure Notice
X-Yahoo-Newman-Property: ymail-3
Message-ID: <1795712077.%d.JavaMail.yahoo@sonic.mail.bf2.yahoo.com>
''' % r.randrange(10**6, 10**7))
    mid = top.split('Message-ID: <')[1].split('>')[0]
    write(name, P(top, body.encode()), messageId=mid, date='2026-11-20T14:14:37+00:00', from_=A(None, 'MAILER-DAEMON@yahoo.com'), to=[A(None, SUPPORT_ADDR)],
          subject='Failure Notice', text=body, visibleText=body,
          machine=bounce([(rcpt, 'failed', None, '554: delivery error: dd Not a valid recipient - atlas216.free.mail.ne1.yahoo.com')], nid))


def bounce_qmail_text_only():
    name = 'bounce-qmail-text-only'
    r = rng(name)
    host = 'mail.northwinds-isp.example'
    rcpt = 'gpetrakis@northwinds-isp.example'
    nid = notice_id(name)
    copy = ('Return-Path: <passwordchange@meridian.example>\nReceived: (qmail 28841 invoked from network); 20 Nov 2026 14:14:31 -0000\n'
            + notice_message(rcpt, nid).bytes().decode())
    body = ('Hi. This is the qmail-send program at %s.\nI\'m afraid I wasn\'t able to deliver your message to the following addresses.\n'
            'This is a permanent error; I\'ve given up. Sorry it didn\'t work out.\n\n<%s>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n'
            '--- Below this line is a copy of the message.\n\n' % (host, rcpt)) + copy
    top = mx_received(r, host, '203.0.113.5', 'Fri, 20 Nov 2026 14:14:32 +0000 (UTC)') + H('''
Date: 20 Nov 2026 14:14:32 -0000
From: MAILER-DAEMON@%(host)s
To: passwordchange@meridian.example
Subject: failure notice
''' % dict(host=host))
    write(name, P(top, body.encode()), messageId=None, date='2026-11-20T14:14:32+00:00', from_=A(None, 'MAILER-DAEMON@' + host), to=[A(None, SUPPORT_ADDR)],
          subject='failure notice', text=body, visibleText=body,
          machine=bounce([(rcpt, 'failed', '5.1.1', 'Sorry, no mailbox here by that name. (#5.1.1)')], nid))


def bounce_sendmail_transcript():
    name = 'bounce-sendmail-transcript'
    r = rng(name)
    host = 'mail.riverbend-coop.example'
    rcpt = 'bwhitaker@riverbend-coop.example'
    nid = notice_id(name)
    qid = '5AKEEVw8001942'
    b = '%s.1795712072/%s' % (qid, host)
    text = ('The original message was received at Fri, 20 Nov 2026 08:14:31 -0600\nfrom out3.mail.meridian.example [192.0.2.33]\n\n'
            '   ----- The following addresses had permanent fatal errors -----\n<%s>\n    (reason: 550 5.1.1 <%s>... User unknown)\n\n'
            '   ----- Transcript of session follows -----\n... while talking to mailhost.riverbend-coop.example.:\n>>> DATA\n'
            '<<< 550 5.1.1 <%s>... User unknown\n550 5.1.1 <%s>... User unknown\n<<< 503 5.0.0 Need RCPT (recipient)\n') % (rcpt, rcpt, rcpt, rcpt)
    dsn = ('Reporting-MTA: dns; %s\nReceived-From-MTA: DNS; out3.mail.meridian.example\nArrival-Date: Fri, 20 Nov 2026 08:14:31 -0600\n\n'
           'Final-Recipient: RFC822; %s\nAction: failed\nStatus: 5.1.1\nRemote-MTA: DNS; mailhost.riverbend-coop.example\n'
           'Diagnostic-Code: SMTP; 550 5.1.1 <%s>... User unknown\nLast-Attempt-Date: Fri, 20 Nov 2026 08:14:32 -0600\n') % (host, rcpt, rcpt)
    orig = notice_message(rcpt, nid).bytes()
    top = mx_received(r, host, '198.51.100.212', 'Fri, 20 Nov 2026 14:14:33 +0000 (UTC)') + H('''
Received: from localhost (localhost)
	by %(host)s (8.15.2/8.15.2) id %(qid)s;
	Fri, 20 Nov 2026 08:14:32 -0600
Date: Fri, 20 Nov 2026 08:14:32 -0600
From: Mail Delivery Subsystem <MAILER-DAEMON@%(host)s>
Message-Id: <202611201414.%(qid)s@%(host)s>
To: <passwordchange@meridian.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b)s"
Subject: Returned mail: see transcript for details
Auto-Submitted: auto-generated (failure)
''' % dict(host=host, qid=qid, b=b))
    dsnp = raw_part('Content-Type: message/delivery-status\n', dsn)
    msg = P(top, parts=[
        P('', text.encode()),
        dsnp,
        P('Content-Type: message/rfc822\n', orig),
    ], boundary=b, preamble=b'This is a MIME-encapsulated message\n\n')
    write(name, msg, messageId='202611201414.%s@%s' % (qid, host), date='2026-11-20T08:14:32-06:00', from_=A('Mail Delivery Subsystem', 'MAILER-DAEMON@' + host),
          to=[A(None, SUPPORT_ADDR)], subject='Returned mail: see transcript for details', text=text, visibleText=text,
          attachments=[raw_att(None, 'message/delivery-status', dsnp), att(None, 'message/rfc822', conv(orig))],
          machine=bounce([(rcpt, 'failed', '5.1.1', '550 5.1.1 <%s>... User unknown' % rcpt)], nid))


def bounce_of_our_reply():
    name = 'bounce-of-our-reply'
    r = rng(name)
    host = 'out3.mail.meridian.example'
    rcpt = 'jlarkin1962@frontier-mail.example'
    rid = 'reply-1234.5@meridian.example'
    cust = 'CAHt7x2QmP0v=Yk3n8f1bR6sLwZ9cE4aD5uJ0iGq7XhT2oN@mail.gmail.com'
    nid = notice_id(name)
    qid = '4FzRk73wQnz3kLs'
    b = '%s.1795747312/%s' % (qid, host)
    text = (POSTFIX_INTRO % host) + ('<%s>: host mx.frontier-mail.example[203.0.113.70] said:\n    550 5.2.1 <%s>: mailbox disabled, not accepting messages (in\n    reply to RCPT TO command)\n') % (rcpt, rcpt)
    dsn = ('Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\nX-Postfix-Sender: rfc822; passwordchange@meridian.example\nArrival-Date: Sat, 21 Nov 2026 00:01:50 +0000 (UTC)\n\n'
           'Final-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.2.1\nRemote-MTA: dns; mx.frontier-mail.example\n'
           'Diagnostic-Code: smtp; 550 5.2.1 <%s>: mailbox disabled, not accepting messages\n') % (host, qid, rcpt, rcpt, rcpt)
    hdrs = ('Received: from desk.int.meridian.example (desk.int.meridian.example [10.8.0.40])\n\tby %s (Postfix) with ESMTPS id %s\n\tfor <%s>; Sat, 21 Nov 2026 00:01:50 +0000 (UTC)\n'
            'From: Meridian Outfitters <passwordchange@meridian.example>\nTo: Joan Larkin <%s>\nSubject: Re: [Meridian #1234] Reset link not received\n'
            'Date: Sat, 21 Nov 2026 00:01:49 +0000\nMessage-ID: <%s>\nIn-Reply-To: <%s>\nReferences: <%s> <%s>\nMIME-Version: 1.0\n'
            'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\nAuto-Submitted: no\n') % (host, qid, rcpt, rcpt, rid, cust, nid, cust)
    top = 'Return-Path: <>\nDelivered-To: passwordchange@meridian.example\n' + H('''
Received: by %(host)s (Postfix)
	id 7E4D21C0A9; Sat, 21 Nov 2026 00:01:52 +0000 (UTC)
Date: Sat, 21 Nov 2026 00:01:52 +0000 (UTC)
From: MAILER-DAEMON@%(host)s (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: passwordchange@meridian.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b)s"
Content-Transfer-Encoding: 8bit
Message-Id: <20261121000152.7E4D21C0A9@%(host)s>
''' % dict(host=host, b=b))
    dsnp = raw_part('Content-Description: Delivery report\nContent-Type: message/delivery-status\n', dsn)
    hp = raw_part('Content-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\nContent-Transfer-Encoding: 8bit\n', hdrs)
    msg = P(top, parts=[P('Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n', text.encode()), dsnp, hp],
            boundary=b, preamble=b'This is a MIME-encapsulated message.\n\n')
    write(name, msg, messageId='20261121000152.7E4D21C0A9@' + host, date='2026-11-21T00:01:52+00:00', from_=A('Mail Delivery System', 'MAILER-DAEMON@' + host),
          to=[A(None, SUPPORT_ADDR)], subject='Undelivered Mail Returned to Sender', text=text, visibleText=text,
          attachments=[raw_att(None, 'message/delivery-status', dsnp), raw_att(None, 'text/rfc822-headers', hp)],
          machine=bounce([(rcpt, 'failed', '5.2.1', '550 5.2.1 <%s>: mailbox disabled, not accepting messages' % rcpt)], rid))


def bounce_policy_rejected_as_phishing():
    name = 'bounce-policy-rejected-as-phishing'
    r = rng(name)
    host = 'out3.mail.meridian.example'
    rcpt = 'mkeller@brightwater-insurance.example'
    nid = notice_id(name)
    qid = '4FzQz15dMvz3kLq'
    b = '%s.1795712110/%s' % (qid, host)
    text = (POSTFIX_INTRO % host) + ('<%s>: host\n    mx1.us.securegateway.example[198.51.100.177] said: 550 5.7.1 Message\n    rejected due to content restrictions (policy: suspected credential\n'
                                     '    phishing, ref 7Hq2LmX9) (in reply to end of DATA command)\n') % rcpt
    dsn = ('Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\nX-Postfix-Sender: rfc822; passwordchange@meridian.example\nArrival-Date: Fri, 20 Nov 2026 14:15:01 +0000 (UTC)\n\n'
           'Final-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\nAction: failed\nStatus: 5.7.1\nRemote-MTA: dns; mx1.us.securegateway.example\n'
           'Diagnostic-Code: smtp; 550 5.7.1 Message rejected due to content restrictions\n    (policy: suspected credential phishing, ref 7Hq2LmX9)\n') % (host, qid, rcpt, rcpt)
    hdrs = notice_header_block(rcpt, nid).replace('Received: from out3.mail.meridian.example (out3.mail.meridian.example [192.0.2.33])\n\tby mx.brightwater-insurance.example', 'Received: from app7.int.meridian.example (app7.int.meridian.example [10.8.0.17])\n\tby out3.mail.meridian.example')
    top = 'Return-Path: <>\nDelivered-To: passwordchange@meridian.example\n' + H('''
Received: by %(host)s (Postfix)
	id 3C9B81C077; Fri, 20 Nov 2026 14:15:10 +0000 (UTC)
Date: Fri, 20 Nov 2026 14:15:10 +0000 (UTC)
From: MAILER-DAEMON@%(host)s (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: passwordchange@meridian.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b)s"
Content-Transfer-Encoding: 8bit
Message-Id: <20261120141510.3C9B81C077@%(host)s>
''' % dict(host=host, b=b))
    dsnp = raw_part('Content-Description: Delivery report\nContent-Type: message/delivery-status\n', dsn)
    hp = raw_part('Content-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\nContent-Transfer-Encoding: 8bit\n', hdrs)
    msg = P(top, parts=[P('Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n', text.encode()), dsnp, hp],
            boundary=b, preamble=b'This is a MIME-encapsulated message.\n\n')
    write(name, msg, messageId='20261120141510.3C9B81C077@' + host, date='2026-11-20T14:15:10+00:00', from_=A('Mail Delivery System', 'MAILER-DAEMON@' + host),
          to=[A(None, SUPPORT_ADDR)], subject='Undelivered Mail Returned to Sender', text=text, visibleText=text,
          attachments=[raw_att(None, 'message/delivery-status', dsnp), raw_att(None, 'text/rfc822-headers', hp)],
          machine=bounce([(rcpt, 'failed', '5.7.1', '550 5.7.1 Message rejected due to content restrictions (policy: suspected credential phishing, ref 7Hq2LmX9)')], nid))


def bounce_exchange_delayed():
    name = 'bounce-exchange-delayed'
    r = rng(name)
    rcpt = 'pgarcia@valleyview-schools.example'
    nid = notice_id(name)
    mhost = 'MAIL02.valleyview-schools.local'
    mid = '%s@%s' % ('-'.join([rhex(r, 8), rhex(r, 4), rhex(r, 4), rhex(r, 4), rhex(r, 12)]), mhost)
    text = ('Delivery is delayed to these recipients or groups:\n\nPatricia Garcia (pgarcia@valleyview-schools.example)\n\nSubject: Important: please create a new password\n\n'
            'This message hasn\'t been delivered yet. Delivery will continue to be attempted.\n\nThe server will keep trying to deliver this message for the next 1 days, 19 hours and 52 minutes. '
            'You\'ll be notified if the message can\'t be delivered by that time.\n\n\n\n\n\n\n\nDiagnostic information for administrators:\n\nGenerating server: MAIL02.valleyview-schools.local\n'
            'Receiving server: mailbox01.valleyview-schools.local\n\npgarcia@valleyview-schools.example\n11/20/2026 6:22:41 PM - Server at mailbox01.valleyview-schools.local returned \'400 4.4.7 Message delayed\'\n')
    html = '<html><body><p><b>Delivery is delayed to these recipients or groups:</b></p><p><a href="mailto:pgarcia@valleyview-schools.example">Patricia Garcia</a></p></body></html>\n'
    dsn = ('Reporting-MTA: dns;MAIL02.valleyview-schools.local\nReceived-From-MTA: dns;edge.valleyview-schools.example\nArrival-Date: Fri, 20 Nov 2026 14:14:41 +0000\n\n'
           'Final-Recipient: rfc822;pgarcia@valleyview-schools.example\nAction: delayed\nStatus: 4.4.7\nDiagnostic-Code: smtp;400 4.4.7 Message delayed\n'
           'Will-Retry-Until: Sun, 22 Nov 2026 14:14:41 +0000\nX-Display-Name: Patricia Garcia\n')
    hdrs = notice_header_block(rcpt, nid)
    b1, b2 = '_%s_' % rhex(r, 36), '_%s_' % rhex(r, 36)
    top = mx_received(r, 'edge.valleyview-schools.example', '198.51.100.88', 'Fri, 20 Nov 2026 18:22:44 +0000 (UTC)') + H('''
From: <postmaster@valleyview-schools.example>
To: <passwordchange@meridian.example>
Date: Fri, 20 Nov 2026 18:22:42 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="%(b1)s"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: <%(mid)s>
In-Reply-To: <%(nid)s>
References: <%(nid)s>
Subject: Delivery delayed:Important: please create a new password
Auto-Submitted: auto-replied
''' % dict(b1=b1, mid=mid, nid=nid))
    dsnp = raw_part('Content-Type: message/delivery-status\n', dsn)
    hp = raw_part('Content-Type: text/rfc822-headers\n', hdrs)
    msg = P(top, parts=[
        P('Content-Type: multipart/alternative; differences=Content-Type;\n\tboundary="%s"\n' % b2, parts=[
            text_part(text, 'us-ascii', 'quoted-printable'), text_part(html, 'us-ascii', 'quoted-printable', 'html')], boundary=b2),
        dsnp, hp,
    ], boundary=b1)
    write(name, msg, messageId=mid, inReplyTo=nid, references=[nid], date='2026-11-20T18:22:42+00:00', from_=A(None, 'postmaster@valleyview-schools.example'),
          to=[A(None, SUPPORT_ADDR)], subject='Delivery delayed:Important: please create a new password', text=text, visibleText=text, html='*',
          attachments=[raw_att(None, 'message/delivery-status', dsnp), raw_att(None, 'text/rfc822-headers', hp)],
          machine=bounce([(rcpt, 'delayed', '4.4.7', '400 4.4.7 Message delayed')], nid))


FUNCS = [bounce_postfix_user_unknown, bounce_postfix_delayed, bounce_exim_mailbox_full, bounce_office365_ndr, bounce_exchange_two_recipients,
         bounce_gmail_nosuchuser, bounce_yahoo_text_only, bounce_qmail_text_only, bounce_sendmail_transcript, bounce_of_our_reply,
         bounce_policy_rejected_as_phishing, bounce_exchange_delayed]
if __name__ == '__main__':
    for f in FUNCS:
        f()
    print(len(WRITTEN), 'messages')
