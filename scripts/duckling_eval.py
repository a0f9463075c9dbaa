#!/usr/bin/env python3
"""Scores `briefing extract` on Duckling's English time phrases (../shared/eval).

usage: python3 scripts/duckling_eval.py target/release/briefing [../shared/eval]

Each phrase is written to a file and run through `briefing extract --verbatim --now
<reference date and time>`; the longest time expression found is converted from its TIMEX3
value to Duckling's form (local ISO datetime truncated to the grain) and scored with `score.py
duckling`. Parts of a day ("TEV"), weekends ("-WE") and ranges ("A/B", ends included) become
Duckling intervals with an exclusive end; "A/.." and "../B" are open intervals ("after 2pm",
"until 2pm").
"""
import json, os, subprocess, sys, tempfile, datetime

binary = sys.argv[1]
evald = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval")
gold = os.path.join(evald, "duckling-en-time-dev.jsonl")
rows = [json.loads(l) for l in open(gold, encoding="utf-8")]


PARTS = {"TMO": (0, 12), "TAF": (12, 19), "TEV": (18, 24), "TNI": (18, 24)}  # Duckling's hours
# Duckling's astronomical seasons (start, exclusive end as it reports them).
SEASONS = {"SP": ((3, 20), (6, 21)), "SU": ((6, 21), (9, 24)), "FA": ((9, 23), (12, 20)), "WI": ((12, 21), (3, 19))}
NEXT = {"second": datetime.timedelta(seconds=1), "minute": datetime.timedelta(minutes=1),
        "hour": datetime.timedelta(hours=1), "day": datetime.timedelta(days=1),
        "week": datetime.timedelta(weeks=1)}


def to_duckling(value, typ):
    """TIMEX3 value -> (value, grain) in Duckling's conventions, or None."""
    v = value
    try:
        if v == "PRESENT_REF":
            return ("2013-02-12T04:30:00", "second")
        if len(v) == 13 and v[10:] in PARTS:
            return None  # a part of the day is an interval (see to_interval)
        if "T" in v and len(v) >= 13 and v[:4].isdigit():
            d, t = v.split("T", 1)
            hh = int(t[:2])
            mm = int(t[3:5]) if len(t) >= 5 else 0
            ss = int(t[6:8]) if len(t) >= 8 else None
            day = datetime.date.fromisoformat(d)
            if hh == 24:
                day, hh = day + datetime.timedelta(days=1), 0
            grain = "second" if ss is not None else ("minute" if len(t) >= 5 else "hour")
            return (f"{day.isoformat()}T{hh:02}:{mm:02}:{ss or 0:02}", grain)
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


def to_interval(value):
    """TIMEX3 interval-like values -> (from, to, grain), `to` exclusive as in Duckling:
    parts of a day ("2013-02-12TEV"), seasons ("2013-SU"), weekends ("2013-W06-WE") and ranges "A/B" (ends included)."""
    try:
        if len(value) == 13 and value[10:] in PARTS:
            day = datetime.date.fromisoformat(value[:10])
            a, b = PARTS[value[10:]]
            start = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=a)
            end = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=b)
            return (start.isoformat(), end.isoformat(), "hour")
        if len(value) == 7 and value[5:] in SEASONS:
            y = int(value[:4])
            (m1, d1), (m2, d2) = SEASONS[value[5:]]
            y2 = y + 1 if value[5:] == "WI" else y
            return (f"{y:04}-{m1:02}-{d1:02}T00:00:00", f"{y2:04}-{m2:02}-{d2:02}T00:00:00", "day")
        if value.endswith("-WE") and "-W" in value:
            friday = datetime.date.fromisocalendar(int(value[:4]), int(value[6:8]), 5)
            start = datetime.datetime.combine(friday, datetime.time(18))
            return (start.isoformat(), (start + datetime.timedelta(hours=54)).isoformat(), "hour")
        if value.endswith("/.."):
            c = to_duckling(value[:-3], None)
            return (c[0], None, c[1]) if c else None
        if value.startswith("../"):
            c = to_duckling(value[3:], None)
            return (None, c[0], c[1]) if c else None
        if "/" in value:
            a, b = value.split("/", 1)
            ca, cb = to_duckling(a, None), to_duckling(b, None)
            if not ca or not cb:
                return None
            grain = "minute" if "minute" in (ca[1], cb[1]) else ca[1]
            if grain == "hour" and (":" in a.split("T")[-1] or ":" in b.split("T")[-1]):
                grain = "minute"
            end = datetime.datetime.fromisoformat(cb[0])
            if grain in NEXT:
                end += NEXT[grain]
            elif grain == "month":
                end = (end.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            elif grain == "year":
                end = end.replace(year=end.year + 1)
            return (ca[0], end.isoformat(), grain)
    except ValueError:
        return None
    return None


TZ = "-02:00"  # Duckling's test context is UTC-2 (shared/eval README, section c)

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
        by_date.setdefault(r["reference"][:16], []).append(p)
    for date, paths in by_date.items():
        for i in range(0, len(paths), 200):
            proc = subprocess.run([binary, "extract", "--format", "jsonl", "--verbatim", "--now", date + TZ, *paths[i:i + 200]],
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
            iv = to_interval(t["value"])
            if iv:
                row.update({"type": "interval", "from": iv[0], "to": iv[1], "grain": iv[2]})
            elif t["type"] in ("DATE", "TIME"):
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
