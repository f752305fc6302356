#!/usr/bin/env python3
"""scikit-learn baseline for the intent classifier benchmark (run by ClassifierBenchmark.cs).

The standard recipe: TfidfVectorizer word 1-2-grams + char_wb 3-5-grams (sublinear TF), each
L2-normalized and concatenated, then multinomial LogisticRegression (lbfgs). Reads the same
JSON-lines files as the desk; prints one JSON object with the measurements on stdout.
Run on one core: the caller pins the process (and OMP/BLAS threads are limited to 1 here).
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import glob
import json
import pickle
import statistics
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline, make_union


def load(path):
    files = sorted(glob.glob(os.path.join(path, "*.jsonl"))) if os.path.isdir(path) else [path]
    texts, labels = [], []
    for name in files:
        with open(name, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                row = json.loads(line)
                texts.append((row.get("subject") or "") + "\n" + (row.get("body") or ""))
                labels.append(row["intent"])
    return texts, labels


def build(c):
    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    )
    return make_pipeline(features, LogisticRegression(C=c, max_iter=1000))


def timed_fit(texts, labels, c):
    model = build(c)
    start = time.perf_counter()
    model.fit(texts, labels)
    return model, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--heldout", required=True)
    parser.add_argument("--train10k", required=True)
    parser.add_argument("--c", type=float, nargs="+", default=[1.0, 10.0, 100.0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    train_x, train_y = load(args.train)
    test_x, test_y = load(args.heldout)
    big_x, big_y = load(args.train10k)
    results = []
    for c in args.c:
        model, train_seconds = timed_fit(train_x, train_y, c)
        predicted = model.predict(test_x)
        model.predict_proba(test_x[:50])  # warm-up
        batch_rates = []
        for _ in range(args.runs):
            start = time.perf_counter()
            model.predict_proba(test_x)
            batch_rates.append(len(test_x) / (time.perf_counter() - start))
        single = test_x[:300]
        start = time.perf_counter()
        for text in single:
            model.predict_proba([text])
        single_rate = len(single) / (time.perf_counter() - start)
        big_times = [timed_fit(big_x, big_y, c)[1]]  # one run: each takes about a minute
        results.append({
            "c": c,
            "macro_f1": f1_score(test_y, predicted, average="macro"),
            "accuracy": accuracy_score(test_y, predicted),
            "train_seconds": train_seconds,
            "train10k_seconds": statistics.median(big_times),
            "batch_msgs_per_s": statistics.median(batch_rates),
            "single_msgs_per_s": single_rate,
            "pickle_bytes": len(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)),
            "features": len(model.steps[0][1].transformer_list[0][1].vocabulary_)
            + len(model.steps[0][1].transformer_list[1][1].vocabulary_),
        })
    json.dump({"sklearn": sklearn.__version__, "python": sys.version.split()[0],
               "train_examples": len(train_x), "heldout_examples": len(test_x),
               "train10k_examples": len(big_x), "results": results}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
