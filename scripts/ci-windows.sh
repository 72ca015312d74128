#!/usr/bin/env bash
# CI's Windows check (issue 9): build bimtek.exe, pack the officers' zip and compare the .exe
# under Wine with the Linux binary (scripts/dist.sh does the work).
#
# Installs what it needs when missing: the Rust target x86_64-pc-windows-gnu (rustup), and
# Debian's gcc-mingw-w64-x86-64, wine and wine64 (apt-get, as root). When any of these cannot
# be had (no network, a registry that refuses, apt failing, not root) it prints
#   windows check skipped: <reason>
# and exits 0: CI never fails for lack of a download. It exits non-zero only when the build,
# the packing or the comparison really fails.
#
# Reuses target/release/bimtek when it is fresh (cargo decides); BIMTEK_LINUX=path uses
# another Linux binary. The zip goes to a temporary folder unless DIST_OUT=dir is set.
set -uo pipefail
cd "$(dirname "$0")/.."

WIN_TARGET=x86_64-pc-windows-gnu
LOG=$(mktemp "${TMPDIR:-/tmp}/bimtek-ci-windows.XXXXXX")
OUT=${DIST_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/bimtek-ci-dist.XXXXXX")}
trap 'rm -f "$LOG"; [ -n "${DIST_OUT:-}" ] || rm -rf "$OUT"' EXIT

skip() {
  echo "windows check skipped: $*"
  exit 0
}
# Why, in one line: the first error line of the log, else its last line.
why() {
  local line
  line=$(grep -m 1 -E '^(error|E:|Err:)' "$LOG")
  [ -n "$line" ] || line=$(grep -v '^[[:space:]]*$' "$LOG" | tail -n 1)
  printf '%s' "$line" | cut -c1-200
}

have_target() { [ -d "$(rustc --print sysroot)/lib/rustlib/$WIN_TARGET" ]; }
have_tools() { command -v x86_64-w64-mingw32-gcc >/dev/null && command -v wine >/dev/null; }

if ! have_target; then
  command -v rustup >/dev/null || skip "the Rust target $WIN_TARGET is not installed and there is no rustup"
  echo "installing the Rust target $WIN_TARGET"
  timeout 300 rustup target add "$WIN_TARGET" >"$LOG" 2>&1 ||
    skip "rustup target add $WIN_TARGET failed: $(why)"
  have_target || skip "rustup target add $WIN_TARGET left no target: $(why)"
fi

if ! have_tools; then
  [ "$(id -u)" = 0 ] || skip "mingw-w64 or wine is missing and apt-get needs root"
  command -v apt-get >/dev/null || skip "mingw-w64 or wine is missing and there is no apt-get"
  echo "installing gcc-mingw-w64-x86-64 wine wine64 (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -q >"$LOG" 2>&1 || skip "apt-get update failed: $(why)"
  timeout 900 apt-get install -y -q --no-install-recommends gcc-mingw-w64-x86-64 wine wine64 >"$LOG" 2>&1 ||
    skip "apt-get install failed: $(why)"
  have_tools || skip "mingw-w64 or wine still missing after apt-get install"
fi

scripts/dist.sh --out "$OUT"
rc=$?
if [ "$rc" = 3 ]; then
  # dist.sh's own check of prerequisites: missing after all the above, so not a failure of ours.
  skip "a prerequisite of scripts/dist.sh is missing (see above)"
fi
exit "$rc"
