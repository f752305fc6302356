"""Writes customer-words/machine/ and customer-words/machine-negatives/ (run from this folder:
python3 make_machine.py). Byte-for-byte repeatable (fixed random seed)."""
import os
from machine_mime import Mail, write, our_notice, rhex, ralnum, BASE, NOTICE_SUBJECT
from machine_ooo import OOO
from machine_other import RECEIPTS, NOREPLY, CHALLENGE
from machine_bounces import BOUNCES, DSN_ENVID
from machine_negatives import NEGATIVES
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
MACHINE = os.path.join(HERE, '..', 'machine')
NEG = os.path.join(HERE, '..', 'machine-negatives')

MAILERS = [None, 'Microsoft Outlook 16.0', 'Zimbra 10.0.6_GA', 'Roundcube Webmail/1.6.9', None, 'Open-Xchange Mailer v8.20', 'Horde Application Framework 5']


def build(case, kind_for_all, folder, i):
    name, sender_name, sender, subject, body, opt = case
    opt = dict(opt)
    visible = body
    quote = opt.pop('quote', None)
    text = body if quote is None else body + '\n\n' + quote
    attached = opt.pop('attached', None)
    attached_body = None
    headers_only = False
    if attached == 'headers':
        attached_body = our_notice(sender.split('@')[0] + '@' + sender.split('@')[1], headers_only=True)
        headers_only = True
    elif attached == 'full':
        attached_body = our_notice('customer@' + sender.split('@')[1])
    m = Mail((sender_name, sender), subject, text, charset=opt.pop('charset', 'utf-8'), cte=opt.pop('cte', 'quoted-printable'),
             html=opt.pop('html', None), return_path=opt.pop('return_path', '<%s>' % sender), mailer=MAILERS[i % len(MAILERS)],
             attached=attached_body, attached_headers_only=headers_only,
             in_reply_to=('notice.20261120.%s@meridian.example' % rhex(16)) if subject.lower().startswith(('re:', 'aw:', 'r:', 'sv:', 'rv:', '回复', '回覆')) else None)
    assert not opt, (name, opt)
    write(folder, name, m, visible, kind_for_all)


def dsn(name, rcpt, envid, status, action, diag, headers_only):
    b = 'dsn_%s' % rhex(10)
    host = 'mx.' + rcpt.split('@')[1]
    text = ('This is the mail system at host %s.\n\nYour message to %s %s.\n' % (
        host, rcpt, 'could not be delivered' if action == 'failed' else 'has been delayed; delivery will be retried'))
    returned = our_notice(rcpt, headers_only=headers_only)
    if headers_only:
        returned = '\r\n'.join(l for l in returned.split('\r\n') if not l.startswith('Message-ID'))
    body = ('Content-Type: multipart/report; report-type=delivery-status; boundary="%s"\r\n\r\n--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n%s\r\n'
            '--%s\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; %s\r\nOriginal-Envelope-Id: %s\r\nArrival-Date: Fri, 20 Nov 2026 10:15:49 +0000\r\n\r\n'
            'Final-Recipient: rfc822; %s\r\nOriginal-Recipient: rfc822;%s\r\nAction: %s\r\nStatus: %s\r\nDiagnostic-Code: %s\r\n\r\n'
            '--%s\r\nContent-Type: %s\r\n\r\n%s\r\n--%s--\r\n') % (
        b, b, text.replace('\n', '\r\n'), b, host, envid, rcpt, rcpt, action, status, diag, b,
        'text/rfc822-headers' if headers_only else 'message/rfc822', returned, b)

    class Raw(Mail):
        def body_part(self):
            return body
    m = Raw((None if False else 'Mail Delivery System', 'MAILER-DAEMON@' + host), 'Undelivered Mail Returned to Sender' if action == 'failed' else 'Delayed Mail (still being retried)',
            text, return_path='<>', headers=['Auto-Submitted: auto-replied'])
    write(MACHINE, name, m, text, 'bounce')


def main():
    i = 0
    for group, kind in ((OOO, 'auto_reply'), (RECEIPTS, 'automatic_receipt'), (NOREPLY, 'no_reply_notice'), (CHALLENGE, 'challenge'), (BOUNCES, 'bounce')):
        for case in group:
            build(case, kind, MACHINE, i)
            i += 1
    for case in DSN_ENVID:
        dsn(*case)
    for case in NEGATIVES:
        build(case, None, NEG, i)
        i += 1


if __name__ == '__main__':
    main()
