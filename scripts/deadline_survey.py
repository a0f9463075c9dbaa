#!/usr/bin/env python3
"""Deadline look-alikes and misses on unlabeled newswire: runs `briefing extract` over the
TempEval-3 training texts (TimeBank + AQUAINT, ../shared/eval/tempeval3-train.jsonl) that are
NOT in ../shared/eval/newswire/dev, and prints, per text, every deadline found and every
sentence with deadline wording ("by", "until", "expire", "due", "within", "deadline" … and a
date or duration word), marked + when a found deadline covers it and - when none does.
Nobody has labeled these texts for deadlines: read the output against
../shared/eval/briefing/GUIDELINES.md §2 to find false deadlines and missed ones, on text the
dev scores never see. Compare two binaries with `diff` over their outputs.

usage: python3 scripts/deadline_survey.py BINARY OUT.txt [WORKDIR]
"""
import json
import re
import subprocess
import sys

from survey_texts import survey_texts

CUE = re.compile(r"\b(deadline|ultimatum|until|expir\w*|due|no later than|within|by (?:the end|Monday|Tuesday|"
                 r"Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|May|June|July|Aug|Sep|Oct|Nov|Dec|"
                 r"next|mid|early|late)\w*)\b", re.I)
TIMEISH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|June|July|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|"
                     r"Friday|Saturday|Sunday|days?|weeks?|months?|year|tomorrow|tonight)\b")


def main():
    binary, out_path = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/deadline-survey"
    with open(out_path, "w", encoding="utf-8") as out:
        for rid, published, path, text in survey_texts(work):
            r = {"id": rid, "published": published, "text": text}
            res = subprocess.run([binary, "extract", "--format", "jsonl", "--published", r["published"], path],
                                 capture_output=True, text=True)
            try:
                found = json.loads(res.stdout.splitlines()[0]).get("deadlines", [])
            except (IndexError, json.JSONDecodeError):
                print("ERR", r["id"], res.stderr[:200], file=sys.stderr)
                continue
            out.write(f"=== {r['id']} {r['published']}\n")
            for x in found:
                out.write(f"  DL {x.get('date')} | {x.get('text')!r} | set_by={x.get('set_by')} "
                          f"applies={x.get('applies_to')} | what={x.get('what')}\n")
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"`])", r["text"]):
                if CUE.search(s) and TIMEISH.search(s):
                    hit = any((x.get("text") or "#") in s or s in (x.get("text") or "") for x in found)
                    out.write(f"  {'+' if hit else '-'} {s.strip()[:300]}\n")


if __name__ == "__main__":
    main()
