"""Builds one customer message from a phrase bank. Shared by both generators; each passes its own bank and style,
so the training set and the unseen-mail file share mechanics, never phrasings."""
import random
from dataclasses import dataclass

from common import quote, typos, casing, REPLY_PREFIX, NOTICE_SUBJECT

LANG_WEIGHTS = [("en", 0.55), ("es", 0.15), ("fr", 0.15), ("de", 0.15)]
FOLLOW_UP_INTENTS = {"reset_help", "login_problem", "intl_access", "order_other"}
QUESTION_WORDS = {"is", "was", "what", "why", "when", "how", "will", "do", "did", "can", "should", "where",
                  "qué", "por", "cuándo", "cómo", "dónde", "van", "debo", "mis", "mi", "quelles", "quand",
                  "comment", "où", "allez-vous", "proposez-vous", "dois-je", "faut-il", "ma", "mes", "ce",
                  "welche", "warum", "wann", "wie", "wo", "ist", "sind", "soll", "muss", "übernehmen", "bieten", "wurde"}


@dataclass(frozen=True)
class Style:
    opening_rate: float
    typo_rate: float
    forward_header: str


def _pick_lang(rng):
    r = rng.random()
    for lang, w in LANG_WEIGHTS:
        if r < w:
            return lang
        r -= w
    return "en"


def _sentence(text):
    text = text.strip()
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + ("?" if text.split()[0].lower() in QUESTION_WORDS else ".")


def _message(rng, bank, intent, lang, style):
    parts = []
    if rng.random() < style.opening_rate:
        parts.append(rng.choice(bank.OPENINGS[lang]))
    if intent in FOLLOW_UP_INTENTS and rng.random() < 0.25:
        parts.append(rng.choice(bank.FOLLOW_UPS[lang]))
    cores = bank.CORE[intent][lang]
    first = rng.choice(cores)
    frames = getattr(bank, "FRAMES", {}).get(intent, {}).get(lang)
    if frames and rng.random() < 0.35:
        first = rng.choice(frames).format(first)
    parts.append(_sentence(first))
    if rng.random() < 0.35:
        second = rng.choice(cores)
        if second != first:
            parts.append(_sentence(second))
    if intent == "phishing_check" and rng.random() < 0.5:
        parts.append(style.forward_header + rng.choice(bank.SUSPICIOUS))
    closing = rng.choice(bank.CLOSINGS[lang])
    body = " ".join(p for p in parts if not p.startswith("\n")) + "".join(p for p in parts if p.startswith("\n"))
    body = casing(rng, body)
    if rng.random() < 0.3:
        body = typos(rng, body, style.typo_rate)
    if closing:
        body += "\n\n" + closing
    subject_kind = rng.random()
    if subject_kind < 0.3:
        subject = rng.choice(REPLY_PREFIX[lang]) + NOTICE_SUBJECT
    elif subject_kind < 0.6:
        subject = ""
    else:
        subject = rng.choice(bank.SUBJECTS[intent])
    if rng.random() < 0.3:
        body += "\n\n" + quote(rng, lang, partial=rng.random() < 0.3)
    return subject, body


def intent_rows(bank, intent, per_intent, seed, id_prefix, style):
    """per_intent distinct messages of one intent: every language at least a fifth, the rest weighted toward English."""
    rng = random.Random(f"{seed}-{intent}")
    rows, seen = [], set()
    langs = ["en", "es", "fr", "de"]
    while len(rows) < per_intent:
        lang = langs[len(rows) % 4] if len(rows) < per_intent * 0.8 else _pick_lang(rng)
        subject, body = _message(rng, bank, intent, lang, style)
        if (subject, body) in seen:
            continue
        seen.add((subject, body))
        rows.append({"id": f"{id_prefix}-{intent}-{len(rows) + 1:04d}", "intent": intent, "lang": lang, "subject": subject,
                     "body": body, "source": "plain"})
    return rows
