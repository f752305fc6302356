"""Writes data/training/generated/<intent>.jsonl: seeded, so the same command always writes the same files.

Varied training mail for the intent classifier: every intent in en, es, fr and de; short and long; typos; the notice
quoted below; "still doesn't work" follow-ups; forwarded suspicious mails. Run from the repository root:
    python3 data/training/tools/generate_training.py [--per-intent N]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import training_phrases  # noqa: E402
from common import write_jsonl  # noqa: E402
from composer import Style, intent_rows  # noqa: E402

STYLE = Style(opening_rate=0.5, typo_rate=0.04,
              forward_header="\n---------- Forwarded message ---------\nFrom: Meridian Support <alerts@meridian-secure.example>\n\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-intent", type=int, default=250)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "generated"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for intent in sorted(training_phrases.CORE):
        rows = intent_rows(training_phrases, intent, args.per_intent, args.seed, "gen", STYLE)
        write_jsonl(os.path.join(args.out, f"{intent}.jsonl"), rows)
    print(f"wrote {args.per_intent} messages per intent to {os.path.normpath(args.out)}")


if __name__ == "__main__":
    main()
