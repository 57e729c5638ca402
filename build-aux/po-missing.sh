#!/bin/sh
# build-aux/po-missing.sh [LANG] — print the messages of the sources that LANG.po (default
# zh_CN) lacks, as PO entries with empty msgstr, ready to translate and append.
set -eu
cd "$(dirname "$0")/.."
lang=${1:-zh_CN}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --package-name=guatu --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 --files-from=po/POTFILES.in --output="$tmp/guatu.pot"
msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/guatu.pot" -o "$tmp/merged.po"
msgattrib --untranslated --no-obsolete --no-location "$tmp/merged.po" | sed '1,/^$/d'
