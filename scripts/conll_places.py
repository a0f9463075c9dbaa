#!/usr/bin/env python3
"""Derives assets/gazetteer/places.tsv: place names (cities, regions, venues) that the
CoNLL-2003 *training* split annotates as LOC nearly always.

usage: python3 scripts/conll_places.py ../shared/eval/conll2003-train.jsonl > assets/gazetteer/places.tsv

A name is kept when it is annotated at least MIN_COUNT times, as LOC in at least MIN_SHARE of
its annotated occurrences (so "Chicago", often a sports club, is only kept if it is mostly a
place), and is not already a country, capital or demonym in countries.tsv. Names are written
in their most frequent spelling (case-insensitive lookup at run time). Only the training
split is read; the dev and test splits are never used. Standard library only.
"""
import collections
import json
import sys
from pathlib import Path

MIN_COUNT = 2
MIN_SHARE = 0.8


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    types = collections.defaultdict(collections.Counter)
    spellings = collections.defaultdict(collections.Counter)
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for e in doc.get("entities", []):
                key = e["text"].casefold()
                types[key][e["type"]] += 1
                spellings[key][e["text"]] += 1
    known = set()
    countries = Path(__file__).resolve().parent.parent / "assets" / "gazetteer" / "countries.tsv"
    for row in countries.read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or not row.strip():
            continue
        for field in row.split("\t"):
            for x in field.split("|"):
                if x.strip():
                    known.update({x.strip().casefold(), x.strip().casefold().replace(".", "")})
    print("# name\tloc_count  (derived by scripts/conll_places.py from the CoNLL-2003 training split; "
          f"kept: >= {MIN_COUNT} annotations, >= {MIN_SHARE:.0%} of them LOC, not in countries.tsv)")
    rows = []
    for key, c in types.items():
        total = sum(c.values())
        bare = key.replace(".", "")
        if c["LOC"] >= MIN_COUNT and c["LOC"] / total >= MIN_SHARE and key not in known and bare not in known:
            # Prefer a mixed-case spelling ("New York" over "NEW YORK").
            best = max(spellings[key].items(), key=lambda kv: (not kv[0].isupper(), kv[1]))[0]
            if len(best) > 2:
                rows.append((best, c["LOC"]))
    for name, n in sorted(rows, key=lambda r: (-r[1], r[0])):
        print(f"{name}\t{n}")


if __name__ == "__main__":
    main()
