#!/usr/bin/env python3
"""Per-article diagnosis of `briefing extract` on one half of a dev gold set (use it on the
tuning half only: the even-numbered articles): key-actor ranking with the gold key actors
marked, role misses, unmatched actors, or deadline rows gold against system.

usage: python3 scripts/diag_dev.py BINARY briefing|realnews|newswire even|odd|all keys|roles|fp|dl [ID_PART]
"""
import json, os, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval", "briefing"))
import score_briefing as sb
GOLD = {"briefing": "dev.jsonl", "realnews": "realnews-dev.jsonl", "newswire": "newswire-dev.jsonl"}
binary, folder, part, mode = sys.argv[1:5]
base = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval", folder, "dev")
rows = [json.loads(l) for l in open(os.path.join(base, GOLD[folder])) if l.strip()]
rows = {"odd": rows[1::2], "even": rows[0::2], "all": rows}[part]
only = sys.argv[5] if len(sys.argv) > 5 else None
for g in rows:
    if only and only not in g["id"]: continue
    p = subprocess.run([binary, "extract", "--format", "jsonl", "--published", g["published"], os.path.join(base, g["id"] + ".txt")], capture_output=True, text=True)
    s = json.loads(p.stdout.splitlines()[0]) if p.stdout.strip() else {}
    gact = g.get("actors", []); sact = s.get("actors", [])
    m = sb.match_actors(gact, sact)
    inv = {gi: si for si, gi in m.items()}
    print(f"== {g['id']}")
    if mode == "keys":
        key_g = [gi for gi, ga in enumerate(gact) if ga.get("key") and not ga.get("optional")]
        k = len(key_g)
        order = sorted(range(len(sact)), key=lambda i: (-(sact[i].get("salience") or 0), i))
        top = order[:k]
        for r, si in enumerate(order[:k+4]):
            gi = m.get(si)
            tag = "KEY" if gi in key_g else ("gold" if gi is not None else "FP")
            mark = "*" if si in top else " "
            print(f"  {mark}{r+1:2} {sact[si].get('salience',0):.3f} {sact[si]['name']!r:35} {tag}")
        for gi in key_g:
            si = inv.get(gi)
            if si is None: print(f"   MISSING key {gact[gi]['name']!r}")
            elif si not in top: print(f"   low key {gact[gi]['name']!r} rank {order.index(si)+1}")
    elif mode == "roles":
        for gi, ga in enumerate(gact):
            if ga.get("optional") or not ga.get("role"): continue
            si = inv.get(gi)
            if si is None: continue
            sr = sact[si].get("role")
            if sb.role_score(sr, ga["role"]) < 0.5:
                print(f"   {ga['name']!r}: gold {ga['role']!r} sys {sr!r}")
    elif mode == "fp":
        for si, a in enumerate(sact):
            if si not in m: print(f"   FP {a['name']!r} {a.get('kind')}")
        for gi, ga in enumerate(gact):
            if not ga.get("optional") and gi not in inv: print(f"   FN {ga['name']!r} {ga.get('kind')} {ga.get('aliases')}")
    elif mode == "dl":
        for d in g.get("deadlines", []): print(f"   GOLD {d.get('date')} set_by={d.get('set_by')!r} applies={d.get('applies_to')!r} what={d.get('what')!r}")
        for d in s.get("deadlines", []): print(f"   SYS  {d.get('date')} set_by={d.get('set_by')!r} applies={d.get('applies_to')!r} what={d.get('what')!r}")
