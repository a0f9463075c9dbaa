"""Side-by-side speed of a 10-page note: `briefing render --note` (whole process: Markdown →
layout → PDF) against typst compiling the same content (whole process through the `typst`
PyPI package, and its compile call alone), same fonts (assets/fonts), same page size and margins.

Usage: python3 scripts/render_vs_typst.py [BRIEFING_BINARY] [RUNS]   (pip install typst)
The content is the bundled samples' clean text (from `briefing extract`) repeated under
headings to about 4,600 words, with a small table, as `briefing bench` lays out."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

bin_path = sys.argv[1] if len(sys.argv) > 1 else "target/release/briefing"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
samples = sorted(os.path.join(root, "assets/samples", f) for f in os.listdir(os.path.join(root, "assets/samples")))
arts = json.loads(subprocess.run([bin_path, "extract", "--format", "json", *samples], capture_output=True, check=True).stdout)
arts = [a for a in arts if a.get("text")]


def md_escape(s):
    return "".join("\\" + c if c in "\\`*_[]<>#|~{}!" else c for c in s)


def typ_escape(s):
    out = "".join("\\" + c if c in "\\#$*_@<>[]`~\"'" else c for c in s)
    if out[:1] in "=-+/" or (out.split(" ")[0][:-1].isdigit() and out.split(" ")[0].endswith(".")):
        out = "\\" + out
    return out


md = ["# Benchmark briefing note", "", "| Field | Value |", "|---|---|", "| Classification | OFFICIAL |", "| Date | 26 November 2026 |", ""]
typ = [
    '#set page(paper: "us-letter", margin: (x: 22mm, top: 26mm, bottom: 24mm),',
    '  header: align(center, text(font: "Noto Sans", weight: "bold", fill: rgb("#b30000"), size: 9pt)[OFFICIAL]),',
    '  footer: context align(right, text(font: "Noto Sans", size: 8pt)[Page #counter(page).display() of #counter(page).final().first()]))',
    '#set text(font: "Noto Serif", size: 10.5pt, lang: "en", hyphenate: true)',
    "#set par(justify: true)",
    "= Benchmark briefing note",
    "#table(columns: 2, [*Field*], [*Value*], [Classification], [OFFICIAL], [Date], [26 November 2026])",
    "",
]
words = 0
i = 0
while words < 4600:
    a = arts[i % len(arts)]
    title = a.get("title") or "Untitled"
    md += ["## " + md_escape(title), ""]
    typ += ["== " + typ_escape(title), ""]
    for p in a["text"].split("\n\n"):
        p = " ".join(p.split())
        if not p:
            continue
        md += [md_escape(p), ""]
        typ += [typ_escape(p), ""]
        words += len(p.split())
    i += 1

tmp = tempfile.mkdtemp(prefix="render-vs-typst-")
md_path, typ_path = os.path.join(tmp, "note.md"), os.path.join(tmp, "note.typ")
open(md_path, "w", encoding="utf-8").write("\n".join(md))
open(typ_path, "w", encoding="utf-8").write("\n".join(typ))
fonts = os.path.join(root, "assets/fonts")


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return (time.perf_counter() - t) * 1000


ours_cmd = [bin_path, "--library", os.path.join(tmp, "lib.sqlite"), "render", "--note", md_path, "--template", "ministerial-note", "--output", os.path.join(tmp, "ours.pdf")]
typst_cmd = [sys.executable, "-c", f"import typst; typst.compile({typ_path!r}, output={os.path.join(tmp, 'typst.pdf')!r}, font_paths=[{fonts!r}])"]
timed(ours_cmd)  # warm the page cache and create the library
timed(typst_cmd)
ours, theirs = [], []
for _ in range(runs):  # interleaved, so load changes hit both alike
    ours.append(timed(ours_cmd))
    theirs.append(timed(typst_cmd))
import typst  # noqa: E402

compile_only = []
for _ in range(runs):
    t = time.perf_counter()
    typst.compile(typ_path, output=os.path.join(tmp, "typst2.pdf"), font_paths=[fonts])
    compile_only.append((time.perf_counter() - t) * 1000)


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return next((l.split()[-1] for l in out.splitlines() if l.startswith("Pages:")), "?")


o, t, c = statistics.median(ours), statistics.median(theirs), statistics.median(compile_only)
print(f"content: {words} words; briefing {pages(os.path.join(tmp, 'ours.pdf'))} pages, typst {pages(os.path.join(tmp, 'typst.pdf'))} pages; median of {runs} interleaved runs")
print(f"briefing render --note (whole process)      {o:7.1f} ms  ({os.path.getsize(os.path.join(tmp, 'ours.pdf')) / 1e3:.0f} KB)")
print(f"typst via python (whole process)            {t:7.1f} ms  ({os.path.getsize(os.path.join(tmp, 'typst.pdf')) / 1e3:.0f} KB)")
print(f"typst.compile alone (in process, warm)      {c:7.1f} ms")
print(f"ratio: briefing is {t / o:.2f}x faster than typst whole-process, {c / o:.2f}x against typst's compile call alone")
