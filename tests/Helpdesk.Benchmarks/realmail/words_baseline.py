#!/usr/bin/env python3
"""Baselines for `helpdesk words`: the same corpus, the same scoring (exact visible text after whitespace folding,
forwarded sender + subject), read by CPython's `email` package alone (body text, no trimming) and by CPython's
`email` + the public reply parsers runnable here (npm email-reply-parser and planer, via words_baseline.js).

Usage: python3 words_baseline.py CORPUS_DIR [--node-modules /tmp/words-baseline/node_modules]
CPython gives the text: get_body(preferencelist=('plain', 'html')), HTML turned to text with html.parser
(blocks and <br> become line breaks, blockquote lines get "> " so the parsers can see them)."""
import email, glob, html.parser, json, os, re, subprocess, sys, time
from email import policy

HERE = os.path.dirname(os.path.abspath(__file__))


class Html2Text(html.parser.HTMLParser):
    BLOCK = {'p', 'div', 'br', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'hr', 'pre'}
    SKIP = {'style', 'script', 'head', 'title'}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.depth, self.skip = [''], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag == 'blockquote':
            self.depth += 1
            self.out.append('')
        elif tag in self.BLOCK:
            self.out.append('')

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == 'blockquote':
            self.depth = max(0, self.depth - 1)
            self.out.append('')
        elif tag in self.BLOCK:
            self.out.append('')

    def handle_data(self, data):
        if self.skip:
            return
        text = re.sub(r'[ \t\r\n]+', ' ', data)
        if not text.strip() and not self.out[-1]:
            return
        if not self.out[-1] and self.depth:
            self.out[-1] = '> ' * self.depth
        self.out[-1] += text

    def text(self):
        return '\n'.join(l.strip() for l in self.out).strip()


def body_text(msg):
    part = msg.get_body(preferencelist=('plain', 'html'))
    if part is None:
        return ''
    try:
        content = part.get_content()
    except Exception:
        payload = part.get_payload(decode=True) or b''
        content = payload.decode('utf-8', 'replace')
    if part.get_content_type() == 'text/html':
        p = Html2Text()
        p.feed(content)
        return p.text()
    return content.replace('\r\n', '\n')


def fold(s):
    return ' '.join((s or '').replace('\u200b', ' ').replace('\ufeff', ' ').split())


def attached_forward(msg):
    """CPython reads an attached message/rfc822 part: its From address and Subject."""
    for part in msg.walk():
        if part.get_content_type() == 'message/rfc822':
            inner = part.get_payload(0)
            addrs = email.utils.getaddresses([str(inner.get('From', ''))])
            return (addrs[0][1] if addrs else None, str(inner.get('Subject')) if inner.get('Subject') else None)
    return None


def main():
    corpus = sys.argv[1]
    node_modules = '/tmp/words-baseline/node_modules'
    if '--node-modules' in sys.argv:
        node_modules = sys.argv[sys.argv.index('--node-modules') + 1]
    files = sorted(f for f in glob.glob(os.path.join(corpus, '**', '*.eml'), recursive=True)
                   if os.path.exists(f[:-4] + '.expected.json'))
    expected, texts, forwards = [], [], []
    t0 = time.process_time()
    for f in files:
        with open(f[:-4] + '.expected.json', encoding='utf-8') as fh:
            expected.append(json.load(fh))
        with open(f, 'rb') as fh:
            msg = email.message_from_binary_file(fh, policy=policy.default)
        texts.append(body_text(msg))
        forwards.append(attached_forward(msg))
    parse_cpu = time.process_time() - t0

    results = {'CPython email (no trimming)': texts}
    env = dict(os.environ, NODE_PATH=node_modules)
    try:
        run = subprocess.run(['node', os.path.join(HERE, 'words_baseline.js')], input=json.dumps(texts).encode(),
                             capture_output=True, env=env, timeout=600)
        sys.stderr.write(run.stderr.decode())
        for name, visible in json.loads(run.stdout.decode() or '{}').items():
            results['CPython email + ' + name] = visible
    except (OSError, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        sys.stderr.write('node baselines not run: %s\n' % e)

    print('corpus: %d messages in %s (CPython parse + body text: %.2f s CPU)' % (len(files), corpus, parse_cpu))
    for name, visible in results.items():
        exact = sum(1 for v, e in zip(visible, expected) if fold(v) == fold(e['visibleText']))
        fwd_right = 0
        for fw, e in zip(forwards, expected):
            want = e.get('forwarded')
            got = None if fw is None else {'from': fw[0], 'subject': fw[1]}
            if (want is None and got is None) or (want is not None and got is not None and want.get('from') == got['from'] and want.get('subject') == got['subject']):
                fwd_right += 1
        print('%-45s visible text exact %5.1f %% (%d/%d)   forwarded accuracy %5.1f %% (attached message/rfc822 only)'
              % (name, 100.0 * exact / len(files), exact, len(files), 100.0 * fwd_right / len(files)))


if __name__ == '__main__':
    main()
