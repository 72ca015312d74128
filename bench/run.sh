#!/usr/bin/env bash
# The bimtek benchmark (issue 8). From the repository root:
#
#   bench/run.sh [--sizes 1k,10k,100k] [--runs N] [--no-peers] [--no-qsv] [--no-evidence]
#                [--regenerate] [--bimtek PATH] [--label TEXT] [--out FILE]
#
# Builds bimtek (release) and this package, generates the seeded synthetic
# country for each size under bench/data/SIZE (once; --regenerate to redo),
# installs the peers locally (frictionless in bench/.venv, qsv in
# bench/.tools; a peer that cannot be installed is skipped with a note), then
# times each command N times on the same files, warm cache, and prints a
# markdown report: median wall time, peak RSS (/usr/bin/time -v), the ratios
# bimtek/floor and peer/bimtek, checked against the targets of issue 8.
#
# --bimtek PATH times another bimtek binary (e.g. a saved "before" build)
# instead of building target/release/bimtek.
set -uo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
SIZES="1k,10k"
RUNS=3
PEERS=1
QSV_WANTED=1
EVIDENCE=1
REGENERATE=0
BIMTEK=""
LABEL=""
OUT=""

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --no-peers) PEERS=0; shift ;;
    --no-qsv) QSV_WANTED=0; shift ;;
    --no-evidence) EVIDENCE=0; shift ;;
    --regenerate) REGENERATE=1; shift ;;
    --bimtek) BIMTEK="$2"; shift 2 ;;
    --label) LABEL="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

note() { echo "run.sh: $*" >&2; }
NOTES=()
remember() { NOTES+=("$*"); note "$*"; }

# --- build ------------------------------------------------------------------
if [ -z "$BIMTEK" ]; then
  if ! (cd "$ROOT" && cargo build --release --locked >&2); then
    if [ -x "$ROOT/target/release/bimtek" ]; then
      remember "cargo build of bimtek failed; timing the existing target/release/bimtek"
    else
      note "cargo build of bimtek failed and no binary exists"; exit 2
    fi
  fi
  BIMTEK="$ROOT/target/release/bimtek"
fi
BIMTEK="$(cd "$(dirname "$BIMTEK")" && pwd)/$(basename "$BIMTEK")"
(cd "$BENCH" && cargo build --release --locked >&2) || { note "cannot build bench/"; exit 2; }
GEN="$BENCH/target/release/generate"
FLOOR="$BENCH/target/release/floor"

if [ ! -x /usr/bin/time ]; then
  note "installing GNU time for peak memory"
  (apt-get install -y time >&2 || (apt-get update >&2 && apt-get install -y time >&2)) \
    || remember "/usr/bin/time missing: no peak memory"
fi

# --- peers ------------------------------------------------------------------
# qsv from crates.io (16.1.0, and 12.0-16.0 alike) does not build: its published
# manifest lost the [patch] to qsv's fork of json-objects-to-csv, so
# `Json2Csv::preserve_key_order` is missing. Try the plain install; if it fails,
# build the same crate source with its own Cargo.lock and a copy of
# json-objects-to-csv 0.1.3 given that builder method as a no-op (`qsv json` is not
# used here). Both share one target dir, so the dependencies build once.
install_qsv() {
  local tools="$BENCH/.tools" log="$BENCH/.tools/install.log"
  mkdir -p "$tools/src" "$tools/bin"
  CARGO_TARGET_DIR="$tools/build" cargo install --root "$tools" qsv --locked \
    --features feature_capable --bin qsv > "$log" 2>&1 && return 0
  local crate dep dir
  crate="$(ls ~/.cargo/registry/cache/*/qsv-[0-9]*.crate 2>/dev/null | sort -V | tail -1)"
  dep="$(ls -d ~/.cargo/registry/src/*/json-objects-to-csv-0.1.3 2>/dev/null | head -1)"
  [ -n "$crate" ] && [ -n "$dep" ] || return 1
  note "plain qsv install failed; building its source with a patched json-objects-to-csv"
  dir="$tools/src/$(basename "$crate" .crate)"
  rm -rf "$dir" "$tools/src/json-objects-to-csv-0.1.3"
  tar xzf "$crate" -C "$tools/src" && cp -r "$dep" "$tools/src/" || return 1
  python3 - "$tools/src/json-objects-to-csv-0.1.3/src/lib.rs" <<'PY' || return 1
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("impl Json2Csv {\n", "impl Json2Csv {\n    #[must_use]\n"
              "    pub fn preserve_key_order(self, _preserve: bool) -> Self {\n        self\n    }\n\n", 1)
open(p, "w").write(s)
PY
  printf '\n[patch.crates-io]\njson-objects-to-csv = { path = "../json-objects-to-csv-0.1.3" }\n' \
    >> "$dir/Cargo.toml"
  (cd "$dir" && CARGO_TARGET_DIR="$tools/build" cargo build --release --features feature_capable \
    --bin qsv) >> "$log" 2>&1 || return 1
  cp "$tools/build/release/qsv" "$tools/bin/qsv"
}

FRICTIONLESS=""
QSV=""
if [ "$PEERS" = 1 ]; then
  if [ ! -x "$BENCH/.venv/bin/frictionless" ]; then
    note "installing frictionless into bench/.venv"
    (python3 -m venv "$BENCH/.venv" && "$BENCH/.venv/bin/pip" install -q 'frictionless[excel]') >&2 \
      || remember "frictionless could not be installed: skipped"
  fi
  [ -x "$BENCH/.venv/bin/frictionless" ] && FRICTIONLESS="$BENCH/.venv/bin/frictionless"
  if [ "$QSV_WANTED" = 0 ]; then
    remember "qsv skipped (--no-qsv)"
  elif [ ! -x "$BENCH/.tools/bin/qsv" ]; then
    note "installing qsv into bench/.tools (a long build; log in bench/.tools/install.log)"
    install_qsv || remember "qsv could not be installed (see bench/.tools/install.log): skipped"
  fi
  [ -x "$BENCH/.tools/bin/qsv" ] && QSV="$BENCH/.tools/bin/qsv"
else
  remember "peers skipped (--no-peers)"
fi

HAS_EVIDENCE=0
if "$BIMTEK" check --help 2>/dev/null | grep -q -- '--evidence'; then
  HAS_EVIDENCE=1
else
  remember "bimtek check has no --evidence yet: the with-evidence runs are left out (only the listing floor is timed)"
fi
# The country with evidence is past the run's default limit of statements:
# checked under bench/iid-2026-bench.toml, which lifts it (an older binary
# without the setting refuses the template and keeps its own defaults).
EVIDENCE_TEMPLATE=(--template "$BENCH/iid-2026-bench.toml")
if ! "$BIMTEK" template check "$BENCH/iid-2026-bench.toml" > /dev/null 2>&1; then
  EVIDENCE_TEMPLATE=()
  remember "bimtek does not take bench/iid-2026-bench.toml: the country with evidence is checked under its default template"
fi

# --- timing -----------------------------------------------------------------
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
RESULTS="$TMP/results.tsv"
: > "$RESULTS"

# measure SIZE NAME CMD...: RUNS timed runs; each line of RESULTS is
# size, name, milliseconds, peak RSS in KB, exit code, CPU (user+sys) ms.
measure() {
  local size="$1" name="$2"; shift 2
  local i t0 t1 rc rss
  for i in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$TMP/time.txt" "$@" > "$TMP/stdout" 2> "$TMP/stderr"
    rc=$?
    t1=$(date +%s%N)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt" 2>/dev/null)
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%d", s * 1000}' "$TMP/time.txt" 2>/dev/null)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$(( (t1 - t0) / 1000000 ))" "${rss:-0}" "$rc" "${cpu:-0}" >> "$RESULTS"
    note "$size $name run $i: $(( (t1 - t0) / 1000000 )) ms, rss ${rss:-?} KB, exit $rc"
    if [ "$rc" -ge 2 ]; then
      tail -5 "$TMP/stderr" >&2
    fi
  done
}

START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
IFS=',' read -r -a SIZE_LIST <<< "$SIZES"
for size in "${SIZE_LIST[@]}"; do
  D="$BENCH/data/$size"
  GEN_VERSION="$("$GEN" --version)"
  if [ "$REGENERATE" = 1 ] || [ ! -f "$D/manifest.json" ] \
     || ! grep -q "\"generator_version\": $GEN_VERSION," "$D/manifest.json" \
     || { [ "$EVIDENCE" = 1 ] && [ ! -d "$D/evidence" ]; }; then
    ev=(); [ "$EVIDENCE" = 1 ] && ev=(--evidence)
    note "generating $size"
    "$GEN" --innovations "$size" --out "$D" "${ev[@]}" >&2 || { note "generate failed"; exit 2; }
  fi
  # Warm the page cache so every command reads from memory.
  find "$D" -path "$D/evidence" -prune -o -type f \( -name '*.xlsx' -o -name '*.csv' \) -exec cat {} + > /dev/null

  measure "$size" "floor xlsx" "$FLOOR" "$D/single/single.xlsx"
  measure "$size" "bimtek xlsx" "$BIMTEK" check "$D/single/single.xlsx" --format json
  measure "$size" "floor csv" "$FLOOR" "$D/single/single.csv"
  measure "$size" "bimtek csv" "$BIMTEK" check "$D/single/single.csv" --format json
  measure "$size" "floor country" "$FLOOR" "$D/country"
  measure "$size" "bimtek country" "$BIMTEK" check "$D/country" --format json
  measure "$size" "bimtek country 1 thread" env RAYON_NUM_THREADS=1 "$BIMTEK" check "$D/country" --format json
  if [ -d "$D/portal" ]; then
    # The country against what the portal holds (--baseline): this year's
    # list download and the lists of the two years before, tagged with
    # their year.
    BASELINES=()
    for f in "$D"/portal/portal-*.xls; do [ -f "$f" ] && BASELINES+=(--baseline "$f"); done
    for f in "$D"/portal/inovasi-*.csv; do
      [ -f "$f" ] || continue
      y="${f##*/inovasi-}"; BASELINES+=(--baseline "${y%.csv}=$f")
    done
    measure "$size" "bimtek country+portal" "$BIMTEK" check "$D/country" "${BASELINES[@]}" \
      --as-of 2026-11-24 --format json
  fi
  # The cleaned submission package of the whole country, as a zip.
  measure "$size" "bimtek export country" bash -c '"$1" export "$2" --out "$3/package.zip" --quiet; rc=$?; rm -f "$3/package.zip"; exit $rc' \
    _ "$BIMTEK" "$D/country" "$TMP"
  if [ "$EVIDENCE" = 1 ] && [ -d "$D/evidence" ]; then
    find "$D/evidence" -type f -exec cat {} + > /dev/null
    measure "$size" "list evidence" find "$D/evidence" -type f
    measure "$size" "floor evidence (open every file)" "$FLOOR" --open-every-file "$D/evidence"
    if [ "$HAS_EVIDENCE" = 1 ]; then
      # The same agency workbooks with "Indikator N Parameter/Bukti" columns
      # naming one file per indicator under evidence/: at 100k about two
      # million statements, past the run's default limit
      # (`max_statements_in_run`), so under a template that lifts it.
      measure "$size" "bimtek country+evidence" "$BIMTEK" check "$D/country-evidence" --evidence "$D/evidence" \
        "${EVIDENCE_TEMPLATE[@]}" --format json
    fi
  fi
  if [ -n "$FRICTIONLESS" ]; then
    # frictionless refuses absolute paths: run it inside the data folder.
    for f in xlsx csv; do
      measure "$size" "frictionless $f" bash -c 'cd "$1" && "$2" validate "single/single.$3" \
        --schema schema/table-schema.json --limit-errors 1000000000 --json' _ "$D" "$FRICTIONLESS" "$f"
      if ! grep -q '"rows": [1-9]' "$TMP/stdout"; then
        remember "frictionless read no rows of single.$f at $size: its timings are not valid"
      fi
    done
    measure "$size" "frictionless country" "$BENCH/.venv/bin/python" "$BENCH/frictionless_country.py" "$D"
  fi
  if [ -n "$QSV" ]; then
    Q="$TMP/qsv"; mkdir -p "$Q"; cp "$D/schema/json-schema.json" "$Q/schema.json"
    ln -sf "$D/single/single.csv" "$Q/single.csv"
    measure "$size" "qsv csv" bash -c '"$1" validate "$2/single.csv" "$2/schema.json" --json > /dev/null; rc=$?; rm -f "$2"/single.csv.*; exit $rc' _ "$QSV" "$Q"
    measure "$size" "qsv xlsx" bash -c '"$1" excel "$3" --sheet Inovasi --date-format "%d/%m/%Y" --output "$2/conv.csv" 2>/dev/null && "$1" validate "$2/conv.csv" "$2/schema.json" --json > /dev/null; rc=$?; rm -f "$2"/conv.csv*; exit $rc' _ "$QSV" "$Q" "$D/single/single.xlsx"
  fi
done
END_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report -----------------------------------------------------------------
NOTES_FILE="$TMP/notes.txt"
printf '%s\n' "${NOTES[@]+"${NOTES[@]}"}" > "$NOTES_FILE"
{
  echo "BIMTEK=$BIMTEK"
  echo "LABEL=$LABEL"
  echo "RUNS=$RUNS"
  echo "LOAD=$START_LOAD -> $END_LOAD"
  echo "DATE=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "NPROC=$(nproc)"
  echo "MEM=$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
  echo "RUSTC=$(rustc --version)"
  echo "COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$TMP/meta.txt"
REPORT="$(python3 "$BENCH/report.py" "$RESULTS" "$TMP/meta.txt" "$NOTES_FILE" "$BENCH/data")"
echo "$REPORT"
if [ -n "$OUT" ]; then
  echo "$REPORT" > "$OUT"
  cp "$RESULTS" "${OUT%.md}.tsv"
fi
