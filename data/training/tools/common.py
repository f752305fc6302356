"""Shared pieces of the two data generators: the company's notice, quoting styles, typos, JSONL output.

Only the mechanics are shared. Each generator owns its own phrase banks, so the unseen-mail held-out file never
repeats a training phrasing.
"""
import json
import random

NOTICE = """Dear Customer,

On November 17 we confirmed that an unauthorized party accessed a
Meridian Outfitters system that stores customer account information.
Your payment card information was not affected.

As a precaution we have expired all passwords. The next time you visit
meridian.example, please select "Create a New Password" and follow the
steps.

Meridian will never ask you for your password or personal information by
email. We apologize for the inconvenience.

Questions? Reply to this email or write to
passwordchange@meridian.example.

Meridian Outfitters"""

NOTICE_SUBJECT = "Important: please create a new password"

QUOTE_HEADERS = {
    "en": ["On Fri, Nov 20, 2026 at {t} Meridian Outfitters <passwordchange@meridian.example> wrote:",
           "On Nov 20, 2026, at {t}, Meridian Outfitters <passwordchange@meridian.example> wrote:"],
    "es": ["El vie, 20 nov 2026 a las {t}, Meridian Outfitters <passwordchange@meridian.example> escribió:"],
    "fr": ["Le ven. 20 nov. 2026 à {t}, Meridian Outfitters <passwordchange@meridian.example> a écrit :"],
    "de": ["Am Fr., 20. Nov. 2026 um {t} schrieb Meridian Outfitters <passwordchange@meridian.example>:"],
}

REPLY_PREFIX = {"en": ["Re: ", "RE: ", "Fwd: "], "es": ["RE: ", "Re: "], "fr": ["RE : ", "Re: ", "TR : "], "de": ["AW: ", "WG: ", "Re: "]}


def quote(rng, lang, partial=False):
    """The notice below the customer's text, the way a mail program quotes it."""
    lines = NOTICE.split("\n")
    if partial:
        start = rng.randrange(0, len(lines) - 4)
        lines = lines[start:start + rng.randint(2, 4)]
    style = rng.random()
    t = f"{rng.randint(7, 11)}:{rng.randint(0, 59):02d} AM"
    if style < 0.6:
        header = rng.choice(QUOTE_HEADERS[lang]).format(t=t)
        return header + "\n" + "\n".join("> " + l if l else ">" for l in lines)
    if style < 0.85:
        return ("-----Original Message-----\nFrom: Meridian Outfitters <passwordchange@meridian.example>\n"
                f"Sent: Friday, November 20, 2026 {t}\nSubject: {NOTICE_SUBJECT}\n\n" + "\n".join(lines))
    return "-------- Original message --------\nFrom: Meridian Outfitters <passwordchange@meridian.example>\n\n" + "\n".join(lines)


NEIGHBOURS = {c: n for row in ["qwertyuiop", "asdfghjkl", "zxcvbnm"] for i, c in enumerate(row)
              for n in [row[max(0, i - 1):i] + row[i + 1:i + 2]]}


def typos(rng, text, rate):
    """Keyboard slips: a dropped, doubled, swapped or neighbouring letter now and then."""
    out = []
    chars = list(text)
    i = 0
    while i < len(chars):
        c = chars[i]
        if c.isalpha() and rng.random() < rate:
            kind = rng.randrange(4)
            if kind == 0:
                i += 1
                continue
            if kind == 1:
                out.append(c + c)
            elif kind == 2 and i + 1 < len(chars) and chars[i + 1].isalpha():
                out.append(chars[i + 1] + c)
                i += 2
                continue
            else:
                near = NEIGHBOURS.get(c.lower())
                out.append(rng.choice(near) if near else c)
        else:
            out.append(c)
        i += 1
    return "".join(out)


def casing(rng, text):
    r = rng.random()
    if r < 0.08:
        return text.upper()
    if r < 0.2:
        return text.lower()
    return text


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
