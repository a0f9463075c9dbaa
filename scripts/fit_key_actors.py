#!/usr/bin/env python3
"""Fits the key-actor score's weights (assets/models/key-actors.tsv) on the even-numbered
articles of the dev gold sets and reports key-actor recall@k on the odd-numbered ones, which
the fit never sees, for the current weights and the fitted ones.

usage: python3 scripts/fit_key_actors.py BINARY [--distant] [--write]

--distant fits on other labels instead: the 100 CNN/Daily Mail articles of
../shared/eval/summaries-cnndm-dev.jsonl, where an actor is key when its name, an alias or (for a
person) its surname appears in the article's reference summary (the distant supervision of
Dunietz & Gillick 2014, "A New Entity Salience Task with Millions of Training Examples"). Both
halves of every gold set are then held out from the fit, and both are reported.

The score ranks an article's actors; the gold marks 3-6 of them key; recall@k (k = number of
gold key actors) is what ../shared/eval/briefing/score_briefing.py reports. The fit is a
pairwise logistic ranking loss (each gold key actor against each other actor of its article)
with L2 regularisation towards the current weights, by full-batch gradient descent.
Standard library only; deterministic.
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "eval")
WEIGHTS = os.path.join(HERE, "..", "assets", "models", "key-actors.tsv")
SETS = {"briefing": "dev.jsonl", "realnews": "realnews-dev.jsonl", "newswire": "newswire-dev.jsonl"}
sys.path.insert(0, os.path.join(SHARED, "briefing"))
import score_briefing as SB  # noqa: E402


def read_weights():
    names, w, comments = [], [], []
    for line in open(WEIGHTS, encoding="utf-8"):
        if line.startswith("#"):
            comments.append(line.rstrip("\n"))
            continue
        if "\t" in line:
            k, v = line.rstrip("\n").split("\t")
            names.append(k)
            w.append(float(v))
    return names, w, comments


def articles(binary):
    """(set, part, [(features, is_key)], k) per article."""
    out = []
    for name, gold in SETS.items():
        base = os.path.join(SHARED, name, "dev")
        rows = [json.loads(l) for l in open(os.path.join(base, gold), encoding="utf-8") if l.strip()]
        for i, r in enumerate(rows):
            p = subprocess.run([binary, "extract", "--format", "jsonl", "--actor-features", "--published",
                                r["published"], os.path.join(base, r["id"] + ".txt")], capture_output=True, text=True)
            sact = json.loads(p.stdout.splitlines()[0])["actors"]
            m = SB.match_actors(r["actors"], sact)
            keys = {gi for gi, ga in enumerate(r["actors"]) if ga.get("key") and not ga.get("optional")}
            items = [(a.get("features", []), m.get(si) in keys) for si, a in enumerate(sact)]
            out.append((name, "even" if i % 2 == 0 else "odd", items, len(keys)))
    return out


def _words(s):
    s = unicodedata.normalize("NFKD", s.lower().replace("’", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " " + " ".join(re.findall(r"[\w']+", s)) + " "


def distant_articles(binary):
    """(set, part, [(features, is_key)], k) per CNN/DM article, key = named in its summary."""
    out = []
    tmp = tempfile.mkdtemp()
    for line in open(os.path.join(SHARED, "summaries-cnndm-dev.jsonl"), encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        path = os.path.join(tmp, r["id"] + ".txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(r["text"])
        p = subprocess.run([binary, "extract", "--format", "jsonl", "--actor-features", path],
                           capture_output=True, text=True)
        sact = json.loads(p.stdout.splitlines()[0])["actors"]
        summary = _words(r["reference_summary"])
        items = []
        for a in sact:
            names = [a["name"]] + a.get("aliases", [])
            if a["kind"] == "person" and " " in a["name"]:
                names.append(a["name"].split()[-1])
            key = any(len(n) >= 2 and _words(n) in summary for n in names)
            items.append((a.get("features", []), key))
        k = sum(1 for _, key in items if key)
        if k:
            out.append(("cnndm", "distant", items, k))
    return out


def score(w, f):
    return max(0.0, sum(a * b for a, b in zip(w, f)))


def recall(w, arts):
    hit = tot = 0
    for _, _, items, k in arts:
        order = sorted(range(len(items)), key=lambda i: (-score(w, items[i][0]), i))
        hit += sum(1 for i in order[:k] if items[i][1])
        tot += k
    return hit / tot if tot else 1.0, hit, tot


def fit(w0, arts, lam=0.05, rate=0.05, steps=3000):
    pairs = []
    for _, _, items, _ in arts:
        pos = [f for f, key in items if key]
        neg = [f for f, key in items if not key]
        pairs += [(p, n) for p in pos for n in neg]
    w = list(w0)
    for _ in range(steps):
        g = [lam * (a - b) for a, b in zip(w, w0)]
        for p, n in pairs:
            d = [a - b for a, b in zip(p, n)]
            margin = sum(a * b for a, b in zip(w, d))
            s = 1.0 / (1.0 + math.exp(min(50.0, margin)))
            for j, x in enumerate(d):
                g[j] -= s * x / len(pairs)
        w = [a - rate * b for a, b in zip(w, g)]
    return w


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    names, w0, comments = read_weights()
    arts = articles(sys.argv[1])
    if "--distant" in sys.argv:
        train = distant_articles(sys.argv[1])
        reported = (("even", [a for a in arts if a[1] == "even"]), ("odd", [a for a in arts if a[1] == "odd"]))
    else:
        train = [a for a in arts if a[1] == "even"]
        reported = (("odd", [a for a in arts if a[1] == "odd"]),)
    w = fit(w0, train)
    for label, weights in (("current", w0), ("fitted", w)):
        tr = recall(weights, train)
        print(f"{label:8} recall@k  fit set {tr[0]:.3f} ({tr[1]}/{tr[2]})")
        for part, held in reported:
            ho = recall(weights, held)
            print(f"         held-out half ({part}) {ho[0]:.3f} ({ho[1]}/{ho[2]})")
            for s in SETS:
                r = recall(weights, [a for a in held if a[0] == s])
                print(f"           {s:9} {r[0]:.3f} ({r[1]}/{r[2]})")
    print("fitted weights: " + ", ".join(f"{n} {x:.2f}" for n, x in zip(names, w)))
    if "--write" in sys.argv:
        with open(WEIGHTS, "w", encoding="utf-8") as fh:
            fh.write("\n".join(comments) + "\n")
            for n, x in zip(names, w):
                fh.write(f"{n}\t{x:.3f}\n")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
