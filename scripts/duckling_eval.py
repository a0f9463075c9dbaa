#!/usr/bin/env python3
"""Scores `briefing extract` on Duckling's English time phrases (../shared/eval).

usage: python3 scripts/duckling_eval.py target/release/briefing [../shared/eval]

Each phrase is written to a file and run through `briefing extract --verbatim --published
<reference date>`; the longest time expression found is converted from its TIMEX3 value to
Duckling's form (local ISO datetime truncated to the grain) and scored with `score.py
duckling`. Intervals are not produced yet, so interval rows count as misses.
"""
import json, os, subprocess, sys, tempfile, datetime

binary = sys.argv[1]
evald = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval")
gold = os.path.join(evald, "duckling-en-time-dev.jsonl")
rows = [json.loads(l) for l in open(gold, encoding="utf-8")]


def to_duckling(value, typ):
    """TIMEX3 value -> (value, grain) in Duckling's conventions, or None."""
    v = value
    try:
        if v == "PRESENT_REF":
            return ("2013-02-12T04:30:00", "second")
        if "T" in v and len(v) >= 16 and v[:4].isdigit():
            d, t = v.split("T", 1)
            hh, mm = int(t[:2]), int(t[3:5])
            day = datetime.date.fromisoformat(d)
            if hh == 24:
                day, hh = day + datetime.timedelta(days=1), 0
            grain = "hour" if mm == 0 else "minute"
            return (f"{day.isoformat()}T{hh:02}:{mm:02}:00", grain)
        if len(v) == 10 and v[4] == "-" and v[7] == "-":
            datetime.date.fromisoformat(v)
            return (f"{v}T00:00:00", "day")
        if len(v) == 7 and v[4] == "-" and v[5:].isdigit():
            return (f"{v}-01T00:00:00", "month")
        if len(v) == 4 and v.isdigit():
            return (f"{v}-01-01T00:00:00", "year")
        if "-W" in v and len(v) == 8:
            monday = datetime.date.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
            return (f"{monday.isoformat()}T00:00:00", "week")
        if "-Q" in v and len(v) == 7:
            month = (int(v[6]) - 1) * 3 + 1
            return (f"{v[:4]}-{month:02}-01T00:00:00", "quarter")
    except ValueError:
        return None
    return None


with tempfile.TemporaryDirectory() as tmp:
    files = []
    for r in rows:
        p = os.path.join(tmp, r["id"] + ".txt")
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(r["phrase"])
        files.append((r, p))
    out = {}
    by_date = {}
    for r, p in files:
        by_date.setdefault(r["reference"][:10], []).append(p)
    for date, paths in by_date.items():
        for i in range(0, len(paths), 200):
            proc = subprocess.run([binary, "extract", "--format", "jsonl", "--verbatim", "--published", date, *paths[i:i + 200]],
                                  capture_output=True, text=True)
            for line in proc.stdout.splitlines():
                j = json.loads(line)
                out[os.path.basename(j["file"])[:-4]] = j
    system = []
    for r in rows:
        j = out.get(r["id"])
        row = {"id": r["id"], "type": None, "value": None, "grain": None, "from": None, "to": None}
        if j and j["times"]:
            t = max(j["times"], key=lambda t: t["end"] - t["start"])
            if t["type"] in ("DATE", "TIME"):
                conv = to_duckling(t["value"], t["type"])
                if conv:
                    row.update({"type": "value", "value": conv[0], "grain": conv[1]})
        system.append(row)
    sys_path = os.path.join(tmp, "system.jsonl")
    with open(sys_path, "w", encoding="utf-8") as fh:
        for row in system:
            fh.write(json.dumps(row) + "\n")
    print(subprocess.run([sys.executable, os.path.join(evald, "score.py"), "duckling", gold, sys_path],
                         capture_output=True, text=True).stdout)
