"""Delivery failure and delay reports that are not multipart/report (qmail, old Sendmail, Exchange text, Yahoo,
Exim and Postfix text, Gmail text, localized servers, mail services' JSON notifications), and two RFC 3464
reports that carry the desk's ENVID. Text and expected kind written by hand; the failed address, whether it is
permanent and the outbox envelope id of each are written by hand in MachineMailCorpusTests.BounceFacts."""
import json
from machine_mime import NOTICE_SUBJECT, our_notice, rhex

N = NOTICE_SUBJECT


def qmail(host, blocks, temporary=False):
    head = ('Hi. This is the qmail-send program at %s.\n'
            "I'm afraid I wasn't able to deliver your message to the following addresses.\n" % host)
    head += ("This is a temporary error; I'll keep trying.\n" if temporary else "This is a permanent error; I've given up. Sorry it didn't work out.\n")
    return head + '\n' + '\n\n'.join(blocks) + '\n\n--- Below this line is a copy of the message.\n\n' + copy_text()


def copy_text(to='customer@example.org'):
    return ('Return-Path: <bounces@meridian.example>\nFrom: Meridian Outfitters <passwordchange@meridian.example>\n'
            'To: %s\nSubject: %s\nDate: Fri, 20 Nov 2026 10:15:42 +0000\nMessage-ID: <notice.20261120.%s@meridian.example>\n\n'
            'Dear Customer,\n\nOn November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters system.' % (to, N, rhex(16)))


SES_PERMANENT = {
    "Type": "Notification", "MessageId": "6b3f1c2e-5d1a-5c8e-9a52-0c7b1f7d2a11", "TopicArn": "arn:aws:sns:eu-west-1:123456789012:desk-bounces",
    "Message": json.dumps({
        "notificationType": "Bounce",
        "bounce": {"feedbackId": "0102018c-bounce-7711", "bounceType": "Permanent", "bounceSubType": "General",
                   "bouncedRecipients": [{"emailAddress": "harold.finch@finch-insurance.example", "action": "failed", "status": "5.1.1",
                                          "diagnosticCode": "smtp; 550 5.1.1 user unknown"}],
                   "timestamp": "2026-11-20T10:16:03.000Z", "remoteMtaIp": "198.51.100.44", "reportingMTA": "dsn; a7-12.smtp-out.eu-west-1.amazonses.example"},
        "mail": {"timestamp": "2026-11-20T10:15:42.000Z", "source": "passwordchange@meridian.example", "messageId": "0102018c-5e9a1b7c-4d2f",
                 "destination": ["harold.finch@finch-insurance.example"],
                 "headers": [{"name": "From", "value": "Meridian Outfitters <passwordchange@meridian.example>"},
                             {"name": "Message-ID", "value": "<notice.20261120.5e21a0c4b7d94f10@meridian.example>"}],
                 "commonHeaders": {"subject": N}}}),
    "Timestamp": "2026-11-20T10:16:04.101Z", "SignatureVersion": "1"}

SES_TRANSIENT = {
    "notificationType": "Bounce",
    "bounce": {"bounceType": "Transient", "bounceSubType": "MailboxFull",
               "bouncedRecipients": [{"emailAddress": "g.ng@ng-family.example", "action": "failed", "status": "4.2.2",
                                      "diagnosticCode": "smtp; 452 4.2.2 Mailbox full"}],
               "timestamp": "2026-11-20T10:17:11.000Z"},
    "mail": {"timestamp": "2026-11-20T10:15:42.000Z", "source": "passwordchange@meridian.example", "messageId": "0102018c-77aa",
             "destination": ["g.ng@ng-family.example"],
             "commonHeaders": {"messageId": "<notice.20261120.aa01c2d3e4f50617@meridian.example>", "subject": N}}}

SES_DELIVERY_AND_BOUNCE = {
    "eventType": "Bounce",
    "bounce": {"bounceType": "Permanent", "bounceSubType": "Suppressed",
               "bouncedRecipients": [{"emailAddress": "old.account@mailbox-gone.example", "action": "failed", "status": "5.1.1",
                                      "diagnosticCode": "Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address."}]},
    "mail": {"messageId": "0102018c-9912", "destination": ["old.account@mailbox-gone.example"]}}

SENDGRID_BOUNCE = [
    {"email": "lena.schulz@schulz-kanzlei.example", "timestamp": 1795256142, "smtp-id": "<notice.20261120.c0ffee01c0ffee01@meridian.example>",
     "event": "bounce", "category": ["notice"], "sg_event_id": "ZGVsaXZlcmVkLTAtMjM0", "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001",
     "reason": "550 5.1.1 The email account that you tried to reach does not exist.", "status": "5.1.1", "type": "bounce"}]

SENDGRID_DEFERRED = [
    {"email": "ops@slowmail-host.example", "timestamp": 1795256200, "smtp-id": "<notice.20261120.de1a7ed0de1a7ed0@meridian.example>",
     "event": "deferred", "sg_event_id": "ZGVmZXJyZWQtMA", "sg_message_id": "14c5d75ce93.dfd.64b469.filter0002",
     "response": "421 4.7.0 Try again later, closing connection.", "attempt": "3"}]

MAILGUN_FAILED = {
    "signature": {"timestamp": "1795256300", "token": "5f1e8a", "signature": "0b1c2d"},
    "event-data": {"event": "failed", "severity": "permanent", "reason": "bounce", "recipient": "t.baker@bakery-lane.example",
                   "delivery-status": {"code": 550, "message": "5.1.1 The email account that you tried to reach does not exist", "description": ""},
                   "message": {"headers": {"to": "t.baker@bakery-lane.example", "message-id": "notice.20261120.77b0a1c2d3e4f5a6@meridian.example",
                                           "from": "Meridian Outfitters <passwordchange@meridian.example>", "subject": N}},
                   "user-variables": {"outbox": "4471"}}}

MAILGUN_TEMPORARY = {
    "signature": {"timestamp": "1795256400", "token": "7a2b", "signature": "9e8d"},
    "event-data": {"event": "failed", "severity": "temporary", "reason": "generic", "recipient": "maria@busy-server.example",
                   "delivery-status": {"code": 451, "message": "4.3.0 Mail server temporarily rejected message", "attempt-no": 2},
                   "message": {"headers": {"message-id": "notice.20261120.0a0b0c0d0e0f1011@meridian.example"}}}}

POSTMARK_HARD = {
    "RecordType": "Bounce", "ID": 4323372036854775807, "Type": "HardBounce", "TypeCode": 1, "Name": "Hard bounce",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.", "Email": "jo.quill@quill-studio.example",
    "From": "passwordchange@meridian.example", "BouncedAt": "2026-11-20T10:16:40Z", "Inactive": True, "Subject": N}

# (name, sender name, sender address, subject, body, options)
BOUNCES = [
    # qmail
    ('bounce-qmail-user-unknown', None, 'MAILER-DAEMON@mail.finch-insurance.example', 'failure notice',
     qmail('mail.finch-insurance.example', ['<r.shaw@finch-insurance.example>:\n203.0.113.8 does not like recipient.\nRemote host said: 550 5.1.1 <r.shaw@finch-insurance.example>: Recipient address rejected: User unknown\nGiving up on 203.0.113.8.']),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-qmail-two-recipients', None, 'MAILER-DAEMON@smtp.westbay-isp.example', 'failure notice',
     qmail('smtp.westbay-isp.example', ['<anna.k@westbay-isp.example>:\nSorry, no mailbox here by that name. (#5.1.1)',
                                       '<b.morrow@westbay-isp.example>:\nThis address no longer accepts mail. (#5.1.1)']),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-qmail-mailbox-full', None, 'MAILER-DAEMON@mx.hillcrest-mail.example', 'failure notice',
     qmail('mx.hillcrest-mail.example', ['<d.ortega@hillcrest-mail.example>:\n198.51.100.23 failed after I sent the message.\nRemote host said: 552 5.2.2 Mailbox full - user is over quota']),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-qmail-no-return-path-header', None, 'MAILER-DAEMON@relay.pinecone-net.example', 'failure notice',
     qmail('relay.pinecone-net.example', ['<sales@pinecone-widgets.example>:\nSorry, I couldn\'t find any host named pinecone-widgets.example. (#5.1.2)']),
     {'cte': '7bit', 'charset': 'us-ascii'}),
    # Old Sendmail
    ('bounce-sendmail-permanent-fatal', 'Mail Delivery Subsystem', 'MAILER-DAEMON@mail.oakridge-u.example', 'Returned mail: see transcript for details',
     'The original message was received at Fri, 20 Nov 2026 10:15:49 GMT\nfrom mx1.meridian.example [192.0.2.10]\n\n'
     '   ----- The following addresses had permanent fatal errors -----\n<pmiller@oakridge-u.example>\n    (reason: 550 5.1.1 <pmiller@oakridge-u.example>... User unknown)\n\n'
     '   ----- Transcript of session follows -----\n... while talking to mailhub.oakridge-u.example.:\n>>> RCPT To:<pmiller@oakridge-u.example>\n<<< 550 5.1.1 <pmiller@oakridge-u.example>... User unknown\n550 5.1.1 <pmiller@oakridge-u.example>... User unknown\n',
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii', 'attached': 'headers'}),
    ('bounce-sendmail-host-unknown', 'Mail Delivery Subsystem', 'MAILER-DAEMON@smtp.riverside-co.example', 'Returned mail: Host unknown (Name server: mail.riversde-co.example: host not found)',
     'The original message was received at Fri, 20 Nov 2026 10:16:02 GMT\nfrom mx1.meridian.example [192.0.2.10]\n\n'
     '   ----- The following addresses had permanent fatal errors -----\n<jlopez@riversde-co.example>\n\n'
     '   ----- Transcript of session follows -----\n550 5.1.2 <jlopez@riversde-co.example>... Host unknown (Name server: riversde-co.example: host not found)\n',
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii', 'attached': 'full'}),
    ('bounce-sendmail-warning-delayed', 'Mail Delivery Subsystem', 'MAILER-DAEMON@gw.lakeshore-mfg.example', 'Warning: could not send message for past 4 hours',
     '    **********************************************\n    **      THIS IS A WARNING MESSAGE ONLY      **\n    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n    **********************************************\n\n'
     'The original message was received at Fri, 20 Nov 2026 10:15:55 GMT\nfrom mx1.meridian.example [192.0.2.10]\n\n'
     '   ----- The following addresses had transient non-fatal errors -----\n<t.nguyen@lakeshore-mfg.example>\n\n'
     '   ----- Transcript of session follows -----\n<t.nguyen@lakeshore-mfg.example>... Deferred: Connection timed out with mail.lakeshore-mfg.example.\nWarning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n',
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-sendmail-user-unknown-plain-from', None, 'postmaster@mail.greyfield.example', 'Returned mail: User unknown',
     'The original message was received at Fri, 20 Nov 2026 11:02:10 +0100\nfrom mx1.meridian.example [192.0.2.10]\n\n'
     '   ----- The following addresses had permanent fatal errors -----\n"| /usr/local/bin/procmail" <h.adler@greyfield.example>\n    (reason: 550 5.1.1 unknown or illegal alias: h.adler@greyfield.example)\n    (expanded from: <h.adler@greyfield.example>)\n',
     {'cte': '7bit', 'charset': 'us-ascii'}),
    # Exchange text
    ('bounce-exchange-text-not-found', 'Microsoft Outlook', 'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@kingsbridge-law.example', 'Undeliverable: ' + N,
     'Delivery has failed to these recipients or groups:\n\nEmily Carter (emily.carter@kingsbridge-law.example)\n'
     "The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.\n\n\n\n\n\n"
     'Diagnostic information for administrators:\n\nGenerating server: KBL-EX01.kingsbridge.local\n\nemily.carter@kingsbridge-law.example\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n\nOriginal message headers:\n\nReceived: from mx1.meridian.example (192.0.2.10) by KBL-EX01.kingsbridge.local\nSubject: ' + N + '\n',
     {'html': 'alt'}),
    ('bounce-exchange-text-bare-address', None, 'postmaster@harrow-group.example', 'Undeliverable: ' + N,
     'Delivery has failed to these recipients or groups:\n\nk.ahmed@harrow-group.example\nThe recipient\'s mailbox is full and can\'t accept messages now. Please try resending this message later, or contact the recipient directly.\n\n\n'
     'Diagnostic information for administrators:\n\nGenerating server: HG-MBX2.harrow-group.example\n\nk.ahmed@harrow-group.example\nRemote Server returned \'554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException\'\n\nOriginal message headers:\n\nSubject: ' + N + '\n',
     {}),
    ('bounce-exchange-2003-style', 'System Administrator', 'postmaster@dunmore-trust.example', 'Undeliverable: ' + N,
     'Your message did not reach some or all of the intended recipients.\n\n      Subject:\t' + N + '\n      Sent:\t20/11/2026 10:15\n\n'
     'The following recipient(s) cannot be reached:\n\n      \'w.shore@dunmore-trust.example\' on 20/11/2026 10:16\n            550 5.1.1 User unknown\n',
     {'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-exchange-delay-text', 'Microsoft Outlook', 'postmaster@crestview-health.example', 'Delivery delayed: ' + N,
     'Delivery is delayed to these recipients or groups:\n\nbilling@crestview-health.example\n\nSubject: ' + N + '\n\n'
     "This message hasn't been delivered yet. Delivery will continue to be attempted.\n\nThe server will keep trying to deliver this message for the next 1 days, 19 hours and 51 minutes. You'll be notified if the message can't be delivered by that time.\n\n"
     'Diagnostic information for administrators:\n\nGenerating server: CVH-EX02.crestview.local\nReceiving server: mail.crestview-health.example\n\nbilling@crestview-health.example\nRemote Server returned \'400 4.4.7 Message delayed\'\n',
     {'html': 'only'}),
    ('bounce-office365-couldnt-be-delivered', 'Microsoft Outlook', 'postmaster@bayfield.onmicrosoft.example', 'Undeliverable: ' + N,
     "Your message to r.quinn@bayfield-energy.example couldn't be delivered.\n\nr.quinn wasn't found at bayfield-energy.example.\n\n"
     'Action Required\nUnknown To address\n\nHow to Fix It\nThe address may be misspelled or may not exist. Try one or more of the following: retype the recipient\'s address, then resend the message.\n\n'
     'Diagnostic information for administrators:\n\nGenerating server: AM6PR0402MB3384.eurprd04.prod.outlook.example\nr.quinn@bayfield-energy.example\nRemote Server returned \'550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\'\n',
     {'html': 'alt', 'cte': 'base64'}),
    # Yahoo
    ('bounce-yahoo-no-account', None, 'MAILER-DAEMON@mta1077.mail.bf1.yahoo.example', 'Failure Notice',
     'Sorry, we were unable to deliver your message to the following address.\n\n<sunny.days77@yahoo.example>:\n'
     "Remote host said: 554 delivery error: dd This user doesn't have a yahoo.example account (sunny.days77@yahoo.example) [0] - mta1077.mail.bf1.yahoo.example [RCPT_TO]\n\n"
     '--- Below this line is a copy of the message.\n\n' + copy_text('sunny.days77@yahoo.example'),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-yahoo-disabled', None, 'MAILER-DAEMON@mta4021.mail.ne1.yahoo.example', 'Failure Notice',
     'Sorry, we were unable to deliver your message to the following address.\n\n<gardenlover_55@yahoo.example>:\n'
     'Remote host said: 554 delivery error: dd Sorry, your message to gardenlover_55@yahoo.example cannot be delivered. This mailbox is disabled (554.30). - mta4021.mail.ne1.yahoo.example [BODY]\n\n'
     '--- Below this line is a copy of the message.\n\n' + copy_text('gardenlover_55@yahoo.example'),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-yahoo-temporary-deferred', None, 'MAILER-DAEMON@mta7710.mail.gq1.yahoo.example', 'Failure Notice',
     'Sorry, we were unable to deliver your message to the following address.\n\n<quiet.harbor@slowhost.example>:\n'
     'Remote host said: 421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints [RCPT_TO]\n\n'
     '--- Below this line is a copy of the message.\n\n' + copy_text('quiet.harbor@slowhost.example'),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    # Exim and Postfix text
    ('bounce-exim-permanent', 'Mail Delivery System', 'Mailer-Daemon@srv17.hostbox.example', 'Mail delivery failed: returning message to sender',
     'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n'
     '  lucas.meyer@meyer-fotografie.example\n    host mx.meyer-fotografie.example [203.0.113.77]\n    SMTP error from remote mail server after RCPT TO:<lucas.meyer@meyer-fotografie.example>:\n    550 5.1.1 <lucas.meyer@meyer-fotografie.example>: Recipient address rejected: User unknown in virtual mailbox table\n\n'
     '------ This is a copy of the message, including all the headers. ------\n\n' + copy_text('lucas.meyer@meyer-fotografie.example'),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-exim-delayed-warning', 'Mail Delivery System', 'Mailer-Daemon@srv17.hostbox.example', 'Warning: message 1tWx9Z-0004Jk-2q delayed 24 hours',
     'This message was created automatically by mail delivery software.\nA message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on srv17.hostbox.example.\n\n'
     'The message identifier is:     1tWx9Z-0004Jk-2q\nThe subject of the message is: ' + N + '\nThe date of the message is:    Fri, 20 Nov 2026 10:15:42 +0000\n\n'
     'The address to which the message has not yet been delivered is:\n\n  frank@stuck-mailhost.example\n    host mail.stuck-mailhost.example [198.51.100.90]\n    Connection timed out\n\n'
     'No action is required on your part. Delivery attempts will continue for\nsome time, and this warning may be repeated at intervals if the message\nremains undelivered. Eventually the mail delivery software will give up,\nand when that happens, the message will be returned to you.\n',
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-exim-mailbox-quota', 'Mail Delivery System', 'Mailer-Daemon@cpanel22.webhost-uk.example', 'Mail delivery failed: returning message to sender',
     'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n'
     '  info@thistle-crafts.example\n    Mailbox quota exceeded\n\n------ This is a copy of the message, including all the headers. ------\n\n' + copy_text('info@thistle-crafts.example'),
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-postfix-text-flattened', 'Mail Delivery System', 'MAILER-DAEMON@relay.ashgrove-it.example', 'Undelivered Mail Returned to Sender',
     'This is the mail system at host relay.ashgrove-it.example.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It\'s attached below.\n\n'
     'For further assistance, please send mail to postmaster.\n\n                   The mail system\n\n'
     '<n.fox@ashgrove-it.example>: host mail.ashgrove-it.example[203.0.113.61] said: 550\n    5.1.1 <n.fox@ashgrove-it.example>: Recipient address rejected: User unknown\n    (in reply to RCPT TO command)\n\n'
     'Reporting-MTA: dns; relay.ashgrove-it.example\nX-Postfix-Queue-ID: 4FzcSqg60TyBgP\nX-Postfix-Sender: rfc822; bounces@meridian.example\nOriginal-Envelope-Id: outbox-4471\nArrival-Date: Fri, 20 Nov 2026 10:15:49 +0000 (UTC)\n\n'
     'Final-Recipient: rfc822; n.fox@ashgrove-it.example\nAction: failed\nStatus: 5.1.1\n',
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-postfix-text-delayed', 'Mail Delivery System', 'MAILER-DAEMON@relay.ashgrove-it.example', 'Delayed Mail (still being retried)',
     'This is the mail system at host relay.ashgrove-it.example.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\n'
     'Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n\n                   The mail system\n\n'
     '<orders@farfield-supply.example>: connect to mx.farfield-supply.example[198.51.100.12]:25:\n    Connection timed out\n',
     {'return_path': '<>', 'cte': '7bit', 'charset': 'us-ascii'}),
    # Gmail text
    ('bounce-gmail-text-address-not-found', 'Mail Delivery Subsystem', 'mailer-daemon@googlemail.example', 'Delivery Status Notification (Failure)',
     "** Address not found **\n\nYour message wasn't delivered to old.friend.1999@gmail.example because the address couldn't be found, or is unable to receive mail.\n\n"
     'Learn more here: https://support.google.example/mail/?p=NoSuchUser\n\nThe response was:\n\n550 5.1.1 The email account that you tried to reach does not exist.',
     {'html': 'alt'}),
    ('bounce-gmail-text-delay', 'Mail Delivery Subsystem', 'mailer-daemon@googlemail.example', 'Delivery Status Notification (Delay)',
     "** Delivery incomplete **\n\nThere was a temporary problem delivering your message to helpdesk@patchy-server.example. Gmail will retry for 45 more hours. You'll be notified if the delivery fails permanently.\n\n"
     'The response was:\n\nThe recipient server did not accept our requests to connect. [patchy-server.example 198.51.100.7: timed out]',
     {'html': 'alt', 'cte': 'base64'}),
    # Localized servers
    ('bounce-de-unzustellbar', None, 'postmaster@stadtverwaltung-ahrweiler.example', 'Unzustellbar: ' + N,
     'Ihre Nachricht konnte nicht an folgende Empfänger zugestellt werden:\n\nb.hoffmann@stadtverwaltung-ahrweiler.example\nDie E-Mail-Adresse wurde nicht gefunden.\n\n'
     'Diagnoseinformationen für Administratoren:\n\nb.hoffmann@stadtverwaltung-ahrweiler.example\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n',
     {'charset': 'iso-8859-1'}),
    ('bounce-fr-non-remis', None, 'postmaster@mairie-sainte-anne.example', 'Non remis : ' + N,
     "Votre message n'a pas pu être remis aux destinataires suivants :\n\nc.leroy@mairie-sainte-anne.example\nL'adresse de messagerie que vous avez entrée est introuvable.\n\n"
     'Informations de diagnostic pour les administrateurs :\n\nc.leroy@mairie-sainte-anne.example\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n',
     {'charset': 'iso-8859-1', 'html': 'alt'}),
    ('bounce-es-no-se-puede-entregar', None, 'postmaster@ayto-villaverde.example', 'No se puede entregar: ' + N,
     'No se pudo entregar el mensaje a los siguientes destinatarios o grupos:\n\nm.gil@ayto-villaverde.example\nEl buzón del destinatario está lleno y no puede aceptar mensajes en este momento.\n\n'
     'Información de diagnóstico para administradores:\n\nm.gil@ayto-villaverde.example\nRemote Server returned \'554 5.2.2 mailbox full\'\n',
     {'charset': 'iso-8859-1', 'cte': 'base64'}),
    ('bounce-ja-haishin-funou', None, 'postmaster@kyoto-print.example', '配信不能: ' + N,
     '次の受信者またはグループへの配信に失敗しました:\n\nh.mori@kyoto-print.example\n入力したメール アドレスが見つかりませんでした。\n\n'
     '管理者向けの診断情報:\n\nh.mori@kyoto-print.example\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n',
     {'charset': 'utf-8', 'cte': 'base64'}),
    ('bounce-it-mancata-consegna', None, 'postmaster@comune-valdera.example', 'Mancata consegna: ' + N,
     'Il messaggio non è stato recapitato ai seguenti destinatari o gruppi:\n\ns.rossi@comune-valdera.example\nImpossibile trovare l\'indirizzo di posta elettronica immesso.\n\n'
     'Informazioni di diagnostica per gli amministratori:\n\ns.rossi@comune-valdera.example\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n',
     {'charset': 'iso-8859-1'}),
    # JSON notifications of mail services
    ('bounce-json-ses-sns-permanent', 'AWS Notifications', 'no-reply@sns.amazonaws.example', 'AWS Notification Message',
     json.dumps(SES_PERMANENT, indent=2), {'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-json-ses-transient-mailbox-full', 'AWS Notifications', 'no-reply@sns.amazonaws.example', 'AWS Notification Message',
     json.dumps(SES_TRANSIENT), {'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-json-ses-suppressed', 'Desk mail relay', 'relay-events@meridian.example', 'SES event: Bounce',
     json.dumps(SES_DELIVERY_AND_BOUNCE, indent=1), {'cte': 'base64', 'charset': 'utf-8'}),
    ('bounce-json-sendgrid-bounce', 'SendGrid Event Relay', 'events@relay.meridian.example', 'SendGrid event: bounce',
     json.dumps(SENDGRID_BOUNCE), {'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-json-sendgrid-deferred', 'SendGrid Event Relay', 'events@relay.meridian.example', 'SendGrid event: deferred',
     json.dumps(SENDGRID_DEFERRED, indent=2), {'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-json-mailgun-permanent', 'Mailgun Webhooks', 'webhooks@mg.meridian.example', 'Mailgun: failed (permanent)',
     json.dumps(MAILGUN_FAILED, indent=2), {'cte': 'quoted-printable', 'charset': 'utf-8'}),
    ('bounce-json-mailgun-temporary', 'Mailgun Webhooks', 'webhooks@mg.meridian.example', 'Mailgun: failed (temporary)',
     json.dumps(MAILGUN_TEMPORARY), {'cte': '7bit', 'charset': 'us-ascii'}),
    ('bounce-json-postmark-hard', 'Postmark', 'bounces-webhook@meridian.example', 'Postmark bounce: HardBounce',
     json.dumps(POSTMARK_HARD, indent=2), {'cte': '7bit', 'charset': 'us-ascii'}),
]

# RFC 3464 reports carrying the desk's ENVID (built separately: multipart/report).
DSN_ENVID = [
    ('bounce-dsn-original-envelope-id', 'jane.roe@lapsed-domain.example', 'outbox-9120', '5.1.1', 'failed', 'smtp; 550 5.1.1 <jane.roe@lapsed-domain.example>: Recipient address rejected: User unknown', False),
    ('bounce-dsn-envelope-id-headers-cut', 'pat.kim@tinyhost.example', 'outbox-9121', '4.4.1', 'delayed', 'smtp; 421 4.4.1 Connection timed out', True),
]
