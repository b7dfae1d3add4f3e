#!/usr/bin/env bash
# Copies the module into a modified eCommerce shop, exactly as an admin would:
#   php-module/* -> shop root, lang/* -> shop lang/, callback/* -> shop callback/
# Usage: bash scripts/install-module.sh /path/to/shop   (the files only; make install SHOP=… installs the extension too)
# No core file of the shop is replaced: every file is new (module, includes/external/systempay/,
# admin hook, language files, callback/systempay/). Then: Modules > Payment Methods > Systempay > Install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHOP="${1:-${SHOP:-}}"
if [ -z "$SHOP" ] || [ ! -f "$SHOP/includes/application_top.php" ]; then
    echo "usage: $0 /path/to/shop   (the folder holding includes/application_top.php)" >&2
    exit 2
fi
# Refuse to overwrite a file of the shop itself: every path the module ships must be new or ours.
while IFS= read -r -d '' file; do
    rel="${file#$ROOT/}"
    case "$rel" in
        php-module/*) target="$SHOP/${rel#php-module/}" ;;
        *) target="$SHOP/$rel" ;;
    esac
    if [ -e "$target" ] && ! grep -qi "systempay" "$target" 2>/dev/null; then
        echo "refusing to overwrite $target: it is not a Systempay file" >&2
        exit 1
    fi
done < <(find "$ROOT/php-module" "$ROOT/lang" "$ROOT/callback" -type f -print0)
cp -a "$ROOT/php-module/." "$SHOP/"
cp -a "$ROOT/lang/." "$SHOP/lang/"
cp -a "$ROOT/callback/." "$SHOP/callback/"
echo "Systempay module copied into $SHOP"
echo "Next: load the extension (extension=systempay.so in php.ini), then Modules > Payment Methods > Systempay > Install."
