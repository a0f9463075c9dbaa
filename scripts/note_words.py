"""Prints the words a rendered note must carry exactly into its PDF: every non-ASCII word of
the actor names the note shows, and every capitalised non-ASCII word of its Markdown (the layout
never hyphenates capitalised words). Reads the Briefing JSON on stdin; argument: the note's .md.
Used by scripts/check_pdfs.sh."""
import json
import re
import sys

briefing = json.load(sys.stdin)
md = open(sys.argv[1], encoding="utf-8").read()
words = set()
for actor in briefing["actors"]:
    if actor["name"] in md:  # templates show only the top actors
        words.update(actor["name"].split())
words.update(w for w in re.findall(r"[^\s*_|\[\]()“”\"]+", md) if w[:1].isupper())
for w in sorted(words):
    w = w.strip(".,;:()’'\\")
    if w.isalpha() and any(ord(c) > 127 for c in w):
        print(w)
