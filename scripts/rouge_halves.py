#!/usr/bin/env python3
"""Key points against the first-three-sentences baseline on ../shared/eval/summaries-cnndm-dev.jsonl,
per half (even-numbered rows tuned on, odd-numbered held out): ROUGE-1 F1 of `briefing extract
--verbatim`'s key points and of the first three sentences (a regex split), both scored with
../shared/eval/score.py's own n-gram F1.

usage: python3 scripts/rouge_halves.py BINARY
"""
import json, os, re, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval"))
import score as S
binary = sys.argv[1]
rows = [json.loads(l) for l in open(os.path.join(sys.path[0], "summaries-cnndm-dev.jsonl")) if l.strip()]
tmp = tempfile.mkdtemp()
res = {"even": [0, 0, 0], "odd": [0, 0, 0]}
for i, r in enumerate(rows):
    p = os.path.join(tmp, f"{i}.txt"); open(p, "w").write(r["text"])
    out = subprocess.run([binary, "extract", "--format", "jsonl", "--verbatim", p], capture_output=True, text=True).stdout
    kp = json.loads(out.splitlines()[0]).get("key_points", []) if out.strip() else []
    sents = re.split(r"(?<=[.!?])\s+", r["text"].strip())
    lead = " ".join(sents[:3])
    ref = S.tokens(r["reference_summary"])
    h = "even" if i % 2 == 0 else "odd"
    res[h][0] += S.ngram_f(ref, S.tokens("\n".join(kp)), 1); res[h][1] += S.ngram_f(ref, S.tokens(lead), 1); res[h][2] += 1
for h, (a, b, n) in res.items():
    print(f"{h}: system ROUGE-1 {100*a/n:.2f}  lead-3 {100*b/n:.2f}  (n={n})")
