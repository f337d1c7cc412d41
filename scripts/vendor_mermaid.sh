#!/bin/sh
# Vendor a pinned Mermaid from the npm registry into docs/assets/vendor/mermaid/ (the site must not load
# it from a CDN). Usage: scripts/vendor_mermaid.sh [VERSION]   (needs npm)
set -eu
VERSION=${1:-11.17.2}
DEST="$(cd "$(dirname "$0")/.." && pwd)/docs/assets/vendor/mermaid"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "mermaid@$VERSION" >/dev/null && tar xzf "mermaid-$VERSION.tgz")
mkdir -p "$DEST"
cp "$TMP/package/dist/mermaid.min.js" "$TMP/package/LICENSE" "$DEST/"
SHA=$(sha256sum "$DEST/mermaid.min.js" | cut -d' ' -f1)
printf '%s mermaid.min.js sha256:%s (npm: mermaid@%s, file dist/mermaid.min.js; MIT, see LICENSE)\n' \
    "$VERSION" "$SHA" "$VERSION" > "$DEST/VERSION"
echo "vendored mermaid $VERSION"
