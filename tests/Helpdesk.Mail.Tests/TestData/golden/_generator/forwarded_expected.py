"""The `forwarded` object each forwarding message must produce, checked by hand against its .eml (sender,
subject, date and recipients as the forward shows them). Headers, links, text and attachment hashes are not
the point of these messages and are not compared ("*"). Every other message has `forwarded: null`."""


def _a(name, address):
    return {'name': name, 'address': address}


def _fwd(source, from_, subject, date, to, file_name=None):
    return {'source': source, 'from': from_, 'subject': subject, 'date': date, 'to': to, 'headers': '*', 'links': '*',
            'attachments': '*', 'text': '*', 'fileName': file_name, 'sha256': None if source == 'inline' else '*'}


FORWARDED = {
    # Apple's "Begin forwarded message:" with the Date written as "November 20, 2026 at 11:03:52 AM PST".
    'apple-begin-forwarded-message': _fwd('inline', _a('Meridian Outfitters', 'noreply@meridian-passwords.example'),
                                          'Complete your password change', '2026-11-20T11:03:52-08:00', [_a(None, 'teresa.vance@icloud.com')]),
    # Gmail's inline forward: "Sat, Nov 21, 2026 at 7:02 PM" names no zone, so the time is read as UTC.
    'gmail-forwarded-phishing-inline': _fwd('inline', _a('Meridian Outfitters Security', 'security-alert@meridian-account-verify.example'),
                                            'Action required: verify your Meridian account within 24 hours', '2026-11-21T19:02:00+00:00',
                                            [_a(None, 'angela.ruiz.home@gmail.com')]),
    'thunderbird-forwarded-message-inline': _fwd('inline', _a('Meridian Account Services', 'accounts@meridian-support-desk.example'),
                                                 'Your Meridian account has been suspended', '2026-11-21T16:47:12+00:00',
                                                 [_a(None, 'arthur.lindgren@comcast.net')]),
    'gmail-forward-as-attachment-phishing': _fwd('attached', _a('Meridian Outfitters Security', 'security-alert@meridian-account-verify.example'),
                                                 'Action required: verify your Meridian account within 24 hours', '2026-11-21T19:02:17-05:00',
                                                 [_a(None, 'marcus.whitfield@gmail.com')], '*'),
    'outlook-forward-item-attachment': _fwd('attached', _a('Meridian Outfitters Refunds', 'refunds@mrdn-refunds.example'),
                                            'Refund pending: $89.99', '2026-11-21T11:40:00+00:00', [_a('Wes Tran', 'wtran@tranlogistics.example')], '*'),
    # Seven levels of forwarding: the desk opens the outer attachment only (one level), Doug's forward to Linda.
    'deep-nesting-forward-chain': _fwd('attached', _a('Doug Fenn', 'doug.fenn@example.org'), 'FW: Your $50 apology voucher',
                                       '2026-11-21T09:02:11-06:00', [_a('Linda Fenn', 'linda.fenn@example.org')], '*'),
}
