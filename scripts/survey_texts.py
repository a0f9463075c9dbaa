#!/usr/bin/env python3
"""The unlabeled survey texts the *_survey.py scripts read: the TempEval-3 training texts
(TimeBank + AQUAINT, ../shared/eval/tempeval3-train.jsonl) that are NOT in
../shared/eval/newswire/dev and have a publication date, each written to WORKDIR as ID.txt.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "eval")


def survey_texts(work):
    """Yields (id, published, path, text) for each survey text, written under `work`."""
    os.makedirs(work, exist_ok=True)
    dev_dir = os.path.join(SHARED, "newswire", "dev")
    dev = {f[3:-4] for f in os.listdir(dev_dir) if f.startswith("tb-")}
    for line in open(os.path.join(SHARED, "tempeval3-train.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        if r["id"] in dev or not r.get("published"):
            continue
        path = os.path.join(work, r["id"] + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(r["text"])
        yield r["id"], r["published"], path, r["text"]
