"""Writes data/training/heldout-unseen.jsonl: seeded, so the same script always writes the same files.

The unseen-mail held-out file: its own phrase banks (unseen_phrases.py, never trained on), long off-topic openings,
heavier typos, every intent in en, es, fr and de. Only the mechanics (quoting, typos) are shared with the training
generator. Never train on it. Run from the repository root:
    python3 data/training/tools/generate_unseen.py
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import quote, typos, casing, write_jsonl, REPLY_PREFIX, NOTICE_SUBJECT  # noqa: E402
from unseen_phrases import CORE, SUBJECTS, OPENINGS, FOLLOW_UPS, CLOSINGS, SUSPICIOUS  # noqa: E402

LANG_WEIGHTS = [("en", 0.55), ("es", 0.15), ("fr", 0.15), ("de", 0.15)]
FOLLOW_UP_INTENTS = {"reset_help", "login_problem", "intl_access", "order_other"}


def pick_lang(rng):
    r = rng.random()
    for lang, w in LANG_WEIGHTS:
        if r < w:
            return lang
        r -= w
    return "en"


def sentence(text):
    text = text.strip()
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + ("?" if rng_question(text) else ".")


def rng_question(text):
    return text.split()[0].lower() in {"is", "was", "what", "why", "when", "how", "will", "do", "did", "can", "should", "where",
                                       "qué", "por", "cuándo", "cómo", "dónde", "van", "debo", "mis", "mi", "quelles", "quand",
                                       "comment", "où", "allez-vous", "proposez-vous", "dois-je", "faut-il", "ma", "mes", "ce",
                                       "welche", "warum", "wann", "wie", "wo", "ist", "sind", "soll", "muss", "übernehmen", "bieten", "wurde"}


def message(rng, intent, lang):
    parts = []
    if rng.random() < 0.7:
        parts.append(rng.choice(OPENINGS[lang]))
    if intent in FOLLOW_UP_INTENTS and rng.random() < 0.25:
        parts.append(rng.choice(FOLLOW_UPS[lang]))
    cores = CORE[intent][lang]
    first = rng.choice(cores)
    parts.append(sentence(first))
    if rng.random() < 0.35:
        second = rng.choice(cores)
        if second != first:
            parts.append(sentence(second))
    if intent == "phishing_check" and rng.random() < 0.5:
        parts.append("\n\nBegin forwarded message:\n\nFrom: Meridian Outfitters <no-reply@meridian-alerts.example>\nSubject: Action required\n\n" + rng.choice(SUSPICIOUS))
    closing = rng.choice(CLOSINGS[lang])
    body = " ".join(p for p in parts if not p.startswith("\n")) + "".join(p for p in parts if p.startswith("\n"))
    body = casing(rng, body)
    if rng.random() < 0.3:
        body = typos(rng, body, 0.05)
    if closing:
        body += "\n\n" + closing
    subject_kind = rng.random()
    if subject_kind < 0.3:
        subject = rng.choice(REPLY_PREFIX[lang]) + NOTICE_SUBJECT
    elif subject_kind < 0.6:
        subject = ""
    else:
        subject = rng.choice(SUBJECTS[intent])
    if rng.random() < 0.3:
        body += "\n\n" + quote(rng, lang, partial=rng.random() < 0.3)
    return subject, body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-intent", type=int, default=40)
    parser.add_argument("--seed", type=int, default=777)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "heldout-unseen.jsonl"))
    args = parser.parse_args()
    all_rows = []
    for intent in sorted(CORE):
        rng = random.Random(f"{args.seed}-{intent}")
        rows, seen = [], set()
        langs = ["en", "es", "fr", "de"]
        while len(rows) < args.per_intent:
            # every language at least a fifth of each intent; the rest weighted toward English like the desk's mail
            lang = langs[len(rows) % 4] if len(rows) < args.per_intent * 0.8 else pick_lang(rng)
            subject, body = message(rng, intent, lang)
            if (subject, body) in seen:
                continue
            seen.add((subject, body))
            rows.append({"id": f"unseen-{intent}-{len(rows) + 1:04d}", "intent": intent, "lang": lang, "subject": subject,
                         "body": body, "source": "plain"})
        all_rows.extend(rows)
    write_jsonl(args.out, all_rows)
    print(f"wrote {len(all_rows)} messages to {os.path.normpath(args.out)}")


if __name__ == "__main__":
    main()
