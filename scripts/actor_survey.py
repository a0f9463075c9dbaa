#!/usr/bin/env python3
"""Actors on unlabeled newswire, binary against binary: runs `briefing extract` with two
binaries over the TempEval-3 training texts (TimeBank + AQUAINT, ../shared/eval/tempeval3-train.jsonl)
that are NOT in ../shared/eval/newswire/dev, and prints, per text whose actors differ, the
(rank, name, kind, role) lines only the first binary gives (-) and only the second gives (+).
Nobody has labeled these texts: read the changes to judge whether a change to the actor rules
generalises, on text the dev scores never see.

usage: python3 scripts/actor_survey.py BASE_BINARY NEW_BINARY [WORKDIR]
"""
import json
import subprocess
import sys

from survey_texts import survey_texts


def actors(binary, path, published):
    out = subprocess.run([binary, "extract", "--format", "jsonl", "--published", published, path],
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        for i, a in enumerate(json.loads(line).get("actors", [])):
            rows.append(f"{i + 1:2d} {a['name']} | {a.get('kind')} | {a.get('role')}")
    return rows


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base, new = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/actor-survey"
    differ = total = 0
    for rid, published, path, _ in survey_texts(work):
        total += 1
        a, b = actors(base, path, published), actors(new, path, published)
        if a == b:
            continue
        differ += 1
        print("==", rid)
        for x in a:
            if x not in b:
                print("  -", x)
        for x in b:
            if x not in a:
                print("  +", x)
    print(f"{differ} of {total} texts differ")


if __name__ == "__main__":
    main()
