#!/bin/sh
# Every message of every translation is translated, none is fuzzy, and no message of the
# sources is missing from a translation (the template is extracted afresh here).
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
xgettext --package-name=guatu --from-code=UTF-8 --add-comments --directory="$src" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 --files-from="$src/po/POTFILES.in" --output="$tmp/guatu.pot" 2>"$tmp/err" \
  || { cat "$tmp/err"; exit 1; }
status=0
for lang in $(cat "$src/po/LINGUAS"); do
  po="$src/po/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || { echo "$stats"; exit 1; }
  echo "$lang: $stats"
  case "$stats" in
    *fuzzy*|*untranslated*) echo "$po: not complete"; status=1 ;;
  esac
  if ! out=$(LC_ALL=C msgcmp --use-untranslated "$po" "$tmp/guatu.pot" 2>&1); then
    echo "$out" | head -n 20
    echo "$po: messages of the sources are missing; run: meson compile -C _build guatu-update-po"
    status=1
  fi
done
exit $status
