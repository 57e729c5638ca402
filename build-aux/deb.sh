#!/usr/bin/env bash
# build-aux/deb.sh [OUTDIR] — builds the Debian packages (guatu, guatu-cli) with
# dpkg-buildpackage -us -uc -b from a clean copy of the source tree (the working tree as it
# is, without build folders), and puts the .deb files in OUTDIR (default: _deb).
#
# Needs the Build-Depends of debian/control: `sudo apt-get build-dep ./` or
# `build-aux/dev.sh deps` plus `sudo apt-get install debhelper`.
# Works the same on Debian 12, 统信 UOS (UnionTech) and 银河麒麟 Kylin desktop, which are
# Debian-based: install the result with `sudo apt install ./guatu_*.deb ./guatu-cli_*.deb`.
set -euo pipefail

cd "$(dirname "$0")/.."
top=$PWD
out=$(realpath -m "${1:-_deb}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/guatu" "$out"
# The tree without build output, version-control data or earlier packages.
tar -C "$top" --exclude='./_*' --exclude='./obj-*' --exclude='./.git' --exclude='./debian/.debhelper' \
  --exclude='./debian/guatu' --exclude='./debian/guatu-cli' --exclude='./debian/tmp' -cf - . |
  tar -C "$work/guatu" -xf -

(cd "$work/guatu" && nice -n 10 dpkg-buildpackage -us -uc -b) \
  >"$work/build.log" 2>&1 || { tail -n 60 "$work/build.log" >&2; echo "deb.sh: dpkg-buildpackage failed" >&2; exit 1; }
cp "$work"/*.deb "$out"/
cp "$work/build.log" "$out"/build.log
ls -1 "$out"/*.deb
