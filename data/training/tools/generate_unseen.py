"""Writes data/training/heldout-unseen.jsonl: seeded, so the same command always writes the same file.

The unseen-mail held-out file: its own phrase banks (unseen_phrases.py, never trained on), long off-topic openings,
heavier typos, every intent in en, es, fr and de. Only the mechanics (composer.py, common.py) are shared with the
training generator. Never train on it. Run from the repository root:
    python3 data/training/tools/generate_unseen.py
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import unseen_phrases  # noqa: E402
from common import write_jsonl  # noqa: E402
from composer import Style, intent_rows  # noqa: E402

STYLE = Style(opening_rate=0.7, typo_rate=0.05,
              forward_header="\n\nBegin forwarded message:\n\nFrom: Meridian Outfitters <no-reply@meridian-alerts.example>\nSubject: Action required\n\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-intent", type=int, default=40)
    parser.add_argument("--seed", type=int, default=777)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "heldout-unseen.jsonl"))
    args = parser.parse_args()
    rows = []
    for intent in sorted(unseen_phrases.CORE):
        rows.extend(intent_rows(unseen_phrases, intent, args.per_intent, args.seed, "unseen", STYLE))
    write_jsonl(args.out, rows)
    print(f"wrote {len(rows)} messages to {os.path.normpath(args.out)}")


if __name__ == "__main__":
    main()
