#!/usr/bin/env bash
# Is the JSON report byte-identical between an older bimtek and this one?
#
#   scripts/same-json.sh OLD_BINARY [NEW_BINARY]
#
# Runs `check --format json --as-of 2026-11-24` with both binaries over
# sample-data, every folder of tests/fixtures, the bench's generated data
# (bench/data/*/single/single.xlsx and .csv and bench/data/*/country, when
# generated: see bench/README.md) and the real lists (../shared/realdata,
# or $REALDATA, when present), in Bahasa Indonesia and in English, and
# compares stdout and the exit code byte for byte. NEW_BINARY defaults to
# target/debug/bimtek (debug builds are fine: this is about identity, not
# speed). Prints one line per input; exits 1 if any differs.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
old=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
new=$(realpath "${2:-$root/target/debug/bimtek}")
realdata=${REALDATA:-$root/../shared/realdata}
cd "$root"

inputs=(sample-data)
for dir in tests/fixtures/*/; do
    inputs+=("${dir%/}")
done
for size in bench/data/*/; do
    for path in "$size"single/single.xlsx "$size"single/single.csv "$size"country; do
        [[ -e $path ]] && inputs+=("$path")
    done
done
if [[ -d $realdata ]]; then
    for dir in "$realdata"/*/; do
        inputs+=("${dir%/}")
    done
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
differ=0
for input in "${inputs[@]}"; do
    for lang in id en; do
        args=(check --format json --as-of 2026-11-24 --lang "$lang" "$input")
        set +e
        "$old" "${args[@]}" >"$out/old.json" 2>"$out/old.err"
        old_code=$?
        "$new" "${args[@]}" >"$out/new.json" 2>"$out/new.err"
        new_code=$?
        set -e
        if [[ $old_code -eq 2 && $new_code -eq 2 ]]; then
            echo "both stop  $lang $input: $(head -c 200 "$out/new.err")"
        elif [[ $old_code -ne $new_code ]]; then
            echo "DIFFERENT  $lang $input: exit $old_code, now $new_code"
            differ=1
        elif ! cmp -s "$out/old.json" "$out/new.json"; then
            echo "DIFFERENT  $lang $input:"
            diff <(tr ',' '\n' <"$out/old.json") <(tr ',' '\n' <"$out/new.json") | head -20
            differ=1
        else
            echo "same       $lang $input ($(wc -c <"$out/new.json") bytes, exit $new_code)"
        fi
    done
done
exit $differ
