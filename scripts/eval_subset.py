#!/usr/bin/env python3
"""Scores `briefing extract` on part of one gold set, as ../shared/eval/evaluate.py does for all
of it: the odd- or even-numbered articles (those `briefing train --hold-out-odd --gold …` left out
or trained on) or all.

usage: python3 scripts/eval_subset.py BINARY briefing|realnews|realnews-html|newswire odd|even|all
(realnews-html reads the saved pages, realnews.html, instead of the .txt copies.)
BINARY may be a wrapper that adds `--models DIR` (to score retrained models without a rebuild).
Prints the scorer's actors line and briefing-score line.
"""
import json
import os
import subprocess
import sys
import tempfile

GOLD = {
    "briefing": "dev.jsonl",
    "realnews": "realnews-dev.jsonl",
    "realnews-html": "realnews-dev.jsonl",
    "newswire": "newswire-dev.jsonl",
}


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in GOLD or sys.argv[3] not in ("odd", "even", "all"):
        sys.exit(__doc__)
    binary, folder, part = sys.argv[1:]
    shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval")
    ext = "html" if folder == "realnews-html" else "txt"
    folder = folder.removesuffix("-html")
    base = os.path.join(shared, folder, "dev")
    rows = [json.loads(line) for line in open(os.path.join(base, GOLD[folder]), encoding="utf-8") if line.strip()]
    rows = {"odd": rows[1::2], "even": rows[0::2], "all": rows}[part]
    tmp = tempfile.mkdtemp()
    gold, system = os.path.join(tmp, "gold.jsonl"), os.path.join(tmp, "system.jsonl")
    with open(gold, "w", encoding="utf-8") as g, open(system, "w", encoding="utf-8") as s:
        for r in rows:
            g.write(json.dumps(r, ensure_ascii=False) + "\n")
            p = subprocess.run([binary, "extract", "--format", "jsonl", "--published", r["published"],
                                os.path.join(base, r["id"] + "." + ext)], capture_output=True, text=True)
            out = json.loads(p.stdout.splitlines()[0]) if p.stdout.strip() else {}
            s.write(json.dumps({"id": r["id"], "actors": out.get("actors", []), "deadlines": out.get("deadlines", []),
                                "key_points": out.get("key_points", [])}, ensure_ascii=False) + "\n")
    scorer = os.path.join(shared, "briefing", "score_briefing.py")
    result = subprocess.run([sys.executable, scorer, gold, system], capture_output=True, text=True).stdout
    print(f"{folder} {ext} {part} ({len(rows)} articles)")
    for line in result.splitlines():
        if line.startswith(("actors ", "deadlines ", "briefing-score")):
            print(line)


if __name__ == "__main__":
    main()
