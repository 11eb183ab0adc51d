#!/usr/bin/env bash
# Vendor the web view's third-party assets from the npm registry (run by hand when upgrading; the results
# are committed, so neither CI nor a deployment fetches anything at run time):
#   bot/web/static/govuk/  govuk-frontend's built CSS and JS, without the GOV.UK crown or the GDS Transport
#                          typeface (they belong to gov.uk services only): @font-face rules are dropped and the
#                          font stack becomes the system one; the crest image is not copied.
#   tests/web/vendor/      axe-core, injected into pages by the browser tests.
# Usage: docs/tools/vendor-web-assets.sh [GOVUK_VERSION] [AXE_VERSION]
set -euo pipefail
cd "$(dirname "$0")/../.."
GOVUK=${1:-5.14.0}
AXE=${2:-4.14.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "govuk-frontend@$GOVUK" >/dev/null && npm pack --silent "axe-core@$AXE" >/dev/null)
mkdir -p "$tmp/govuk" "$tmp/axe"
tar xzf "$tmp/govuk-frontend-$GOVUK.tgz" -C "$tmp/govuk"
tar xzf "$tmp/axe-core-$AXE.tgz" -C "$tmp/axe"
dist="$tmp/govuk/package/dist/govuk"
out=bot/web/static/govuk
rm -rf "$out" && mkdir -p "$out"
SYSTEM_FONTS='system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif'
sed -E -e 's/@font-face\{[^}]*\}//g' \
       -e "s/font-family:GDS Transport,arial,sans-serif/font-family:$SYSTEM_FONTS/g" \
       -e "s/font-family:GDS Transport/font-family:$SYSTEM_FONTS/g" \
       -e 's#url\(/assets/images/govuk-crest.svg\)#none#g' \
       -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
       "$dist/govuk-frontend.min.css" > "$out/govuk-frontend.min.css"
sed -e 's#//\# sourceMappingURL=.*##' "$dist/govuk-frontend.min.js" > "$out/govuk-frontend.min.js"
grep -m1 -o "\"license\": *\"[^\"]*\"" "$tmp/govuk/package/package.json" > "$out/LICENSE" || true
echo "govuk-frontend $GOVUK (npm), fonts and crest removed by docs/tools/vendor-web-assets.sh" > "$out/VERSION"
if grep -q "GDS Transport\|/assets/fonts\|govuk-crest" "$out/govuk-frontend.min.css"; then
  echo "the crown or the GDS typeface is still referenced" >&2; exit 1
fi
mkdir -p tests/web/vendor
cp "$tmp/axe/package/axe.min.js" tests/web/vendor/axe.min.js
cp "$tmp/axe/package/LICENSE" tests/web/vendor/axe-LICENSE.txt
echo "axe-core $AXE (npm)" > tests/web/vendor/VERSION
echo "vendored govuk-frontend $GOVUK and axe-core $AXE"
