#!/usr/bin/env bash
# build-aux/dev.sh run|test — one command from a fresh Debian 12 machine to a running Guatu
# or to a full test run. Installs missing Debian packages (apt-get, sudo when not root),
# generates the zh_CN.UTF-8 locale, configures and builds. Safe to run again.
#
#   run   build, create the demo database on first use, start the app on it
#   test  build, then run every suite (core, CLI, data files, GUI under xvfb-run),
#         then the same suites again in an AddressSanitizer+UBSan build
set -euo pipefail

cd "$(dirname "$0")/.."
top=$PWD
mode=${1:-}
case "$mode" in
  run|test|deps) ;;
  *) echo "usage: $0 run|test|deps" >&2; exit 2 ;;
esac

packages=(
  # build
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-bin libgtk-3-dev libgtk-3-bin libsqlite3-dev libxml2-dev
  libcairo2-dev libpango1.0-dev libjson-glib-dev
  libxlsxwriter-dev
  libssl-dev
  # tests and data-file checks
  python3 sqlite3 libxml2-utils desktop-file-utils appstream appstream-util
  xvfb xauth locales fonts-noto-cjk dbus librsvg2-common libgladeui-dev
  poppler-utils
  unzip
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
  if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    echo "Generating the zh_CN.UTF-8 locale"
    if [ -f /etc/locale.gen ] && grep -q '^# *zh_CN.UTF-8 UTF-8' /etc/locale.gen; then
      as_root sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
    else
      echo 'zh_CN.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
    fi
    as_root locale-gen >/dev/null
  fi
}

# build DIR [meson options…]: configure once, then build and install into DIR/install.
build() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" --prefix="$top/$dir/install" "$@" >/dev/null
  fi
  meson compile -C "$dir" >/dev/null
}

install_missing
[ "$mode" = deps ] && exit 0

if [ "$mode" = run ]; then
  build _build
  meson install -C _build --quiet >/dev/null
  prefix=$top/_build/install
  export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
  export GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas"
  db=${GUATU_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/guatu/demo.db}
  if [ ! -e "$db" ]; then
    "$prefix/bin/guatu-cli" --db "$db" demo
  fi
  exec "$prefix/bin/guatu" --db "$db"
fi

# test: the normal build, then the sanitizer build; both must pass.
status=0 build_status=0 asan_status=0
build _build
meson test -C _build --print-errorlogs --num-processes 2 || build_status=$?
build _asan -Dasan=true -Db_lundef=false
# The sanitizer pass: every suite but the Chinese GUI runs (the same code as the English
# ones, there to check translations) and the benchmarks (timings, meaningless under ASan).
meson test -C _asan --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
  --no-suite translated --no-suite bench || asan_status=$?
[ "$build_status" -eq 0 ] && [ "$asan_status" -eq 0 ] || status=1

# CI reads the last line: the counts of both runs, from meson's own logs.
# A run whose meson test failed without a failing test in its log (meson itself stopped)
# counts as one failure, so the line never reads "0 failed" on a failed run.
python3 - "$top/_build/meson-logs/testlog.json" "$build_status" \
  "$top/_asan/meson-logs/testlog.json" "$asan_status" <<'PY'
import json, sys
passed = failed = 0
for path, status in zip(sys.argv[1::2], sys.argv[2::2]):
    failed_before = failed
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL", "SKIP"):
            passed += result != "SKIP"
        else:
            failed += 1
    if status != "0" and failed == failed_before:
        failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
