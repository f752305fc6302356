#!/usr/bin/env python3
"""scikit-learn baseline beside the desk's ML.NET intent classifier, on exactly the texts the desk trains and scores on.

`classifier-lab --export DIR` writes DIR/train.jsonl, DIR/heldout.jsonl and DIR/heldout-unseen.jsonl as
{"text": ..., "label": ...} lines (training on raw bodies, held-out files as subject + visible text, as the desk does).
This fits word 1-2 + char_wb 3-5 TF-IDF (sublinear) with LinearSVC (C=1) and with LogisticRegression (C=10) and prints
macro-F1, lowest intent F1, accuracy, fit seconds and batch predictions per second for each held-out file. One core:
BLAS/OpenMP threads are limited to 1 here and the caller pins the process (taskset -c 0).
Usage: python3 sklearn_intents.py DIR [--train FILE]
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC


def load(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(row["label"])
    return texts, labels


def features():
    return make_union(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
                      TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--train", help="training file (default DIR/train.jsonl)")
    args = parser.parse_args()
    train_x, train_y = load(args.train or os.path.join(args.dir, "train.jsonl"))
    tests = {name: load(os.path.join(args.dir, name + ".jsonl")) for name in ("heldout", "heldout-unseen")
             if os.path.exists(os.path.join(args.dir, name + ".jsonl"))}
    out = {"sklearn": sklearn.__version__, "python": sys.version.split()[0], "train_examples": len(train_x), "models": []}
    for name, clf in (("TF-IDF + LinearSVC (C=1)", LinearSVC(C=1.0)),
                      ("TF-IDF + LogisticRegression (C=10, lbfgs)", LogisticRegression(C=10.0, max_iter=1000))):
        model = make_pipeline(features(), clf)
        start = time.process_time()
        model.fit(train_x, train_y)
        fit_cpu = time.process_time() - start
        row = {"model": name, "fit_cpu_seconds": round(fit_cpu, 2)}
        for test, (x, y) in tests.items():
            start = time.process_time()
            predicted = model.predict(x)
            rate = len(x) / max(time.process_time() - start, 1e-9)
            per = f1_score(y, predicted, average=None, labels=sorted(set(y)))
            row[test] = {"macro_f1": round(f1_score(y, predicted, average="macro"), 4), "lowest_f1": round(min(per), 3),
                         "accuracy": round(accuracy_score(y, predicted), 4), "batch_msgs_per_cpu_s": round(rate)}
        out["models"].append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
