#!/bin/sh
# Builds the Debian packages with build-aux/deb.sh and looks inside them. Slow (a full
# build): runs only with GUATU_TEST_DEB=1, else reports a skip (77).
set -eu
src=$1
if [ "${GUATU_TEST_DEB:-}" != 1 ]; then
  echo "GUATU_TEST_DEB is not 1: not building the Debian packages"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$src/build-aux/deb.sh" "$out"
status=0
for f in usr/bin/guatu usr/share/applications/org.guatu.Guatu.desktop \
         usr/share/metainfo/org.guatu.Guatu.metainfo.xml \
         usr/share/glib-2.0/schemas/org.guatu.Guatu.gschema.xml \
         usr/share/icons/hicolor/scalable/apps/org.guatu.Guatu.svg \
         usr/share/doc/guatu/manual/index.html; do
  dpkg-deb -c "$out"/guatu_*.deb | grep -q "\./$f\$" || { echo "guatu.deb lacks $f"; status=1; }
done
for f in usr/bin/guatu-cli usr/share/locale/zh_CN/LC_MESSAGES/guatu.mo; do
  dpkg-deb -c "$out"/guatu-cli_*.deb | grep -q "\./$f\$" || { echo "guatu-cli.deb lacks $f"; status=1; }
done
dpkg-deb -f "$out"/guatu_*.deb Depends | grep -q guatu-cli || { echo "guatu does not depend on guatu-cli"; status=1; }
[ $status = 0 ] && echo "packages: $(ls "$out"/*.deb | xargs -n1 basename | tr '\n' ' ')"
exit $status
