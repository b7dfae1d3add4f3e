#!/usr/bin/env bash
# make package: dist/Systempay_modified_eCommerce_Shopsoftware_<version>.zip
#
#   shopfiles/{admin,callback,images,includes,lang}/   the module, in the shop's own layout: its content
#                                                      goes into the shop's root folder (nothing is replaced)
#   extension/php-<major.minor>-<nts|zts>-<arch>/      systempay.so, systempay.ini, systempay.stub.php,
#                                                      BUILD-INFO.txt, THIRD-PARTY-LICENSES.txt
#   INSTALL.de.md, INSTALL.en.md, INSTALL.fr.md        the install guide
#   moduleinfo.json                                    for the modified Module Loader Client (sourceDir shopfiles)
#   SHA256SUMS                                         every file above
#
# Every entry has the same time (SOURCE_DATE_EPOCH, else the last commit's) and plain permissions, in
# byte order: the same sources and the same .so give the same zip. Options: see packaging/lib.sh
# (PHP, PHP_CONFIG, SYSTEMPAY_SO).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pkg_prepare
pkg_version
pkg_epoch
pkg_php_identity
pkg_extension

ZIP_NAME="Systempay_modified_eCommerce_Shopsoftware_${PKG_VERSION}.zip"
STAGE="$PKG_WORK/zip"
rm -rf "$STAGE"
mkdir -p "$STAGE/shopfiles" "$DIST_DIR"
# dist/ holds build output only: keep it out of git without touching the project's .gitignore.
[ -f "$DIST_DIR/.gitignore" ] || printf '*\n' > "$DIST_DIR/.gitignore"

# ---- the shop files: php-module/* -> shop root, lang/ -> lang/, callback/ -> callback/ (as install-module.sh)
# Files git knows (tracked, or new and not ignored); editor and merge leftovers never ship.
count=0
while IFS= read -r rel; do
    [ -f "$ROOT/$rel" ] || continue          # deleted in the working tree
    if is_junk "$rel"; then
        log "not shipped (editor or merge leftover): $rel"
        continue
    fi
    case "$rel" in
        php-module/*) dest="shopfiles/${rel#php-module/}" ;;
        *) dest="shopfiles/$rel" ;;
    esac
    [ ! -e "$STAGE/$dest" ] || die "two module files map to $dest"
    mkdir -p "$(dirname "$STAGE/$dest")"
    cp "$ROOT/$rel" "$STAGE/$dest"
    count=$((count + 1))
done < <(list_module_files)
for top in admin callback images includes lang; do
    [ -d "$STAGE/shopfiles/$top" ] || die "the module has no $top/ folder: nothing to put in shopfiles/$top"
done
extra="$(find "$STAGE/shopfiles" -mindepth 1 -maxdepth 1 ! -name admin ! -name callback ! -name images ! -name includes ! -name lang -printf '%f ')"
[ -z "$extra" ] || die "unexpected top-level entries in shopfiles/: $extra"

# ---- the extension, in a folder named after the PHP it was built for
EXT="$STAGE/extension/$PKG_BUILD_ID"
mkdir -p "$EXT"
pkg_install_so "$EXT/systempay.so"
pkg_write_ini "$EXT/systempay.ini"
cp "$ROOT/systempay.stub.php" "$EXT/systempay.stub.php"
GLIBC="$(pkg_glibc_needed "$EXT/systempay.so")"
cat > "$EXT/BUILD-INFO.txt" <<INFO
Systempay for modified eCommerce $PKG_VERSION: the PHP extension systempay.so

Built for      PHP $PKG_PHP_MM (headers of PHP $PKG_PHP_VERSION), $( [ "$PKG_PHP_TS" = nts ] && echo "non-thread-safe (NTS)" || echo "thread-safe (ZTS)" ), $PKG_PHP_ARCH, Linux
PHP API        $PKG_PHP_API (phpinfo: "PHP Extension => $PKG_PHP_API", "PHP Extension Build => ${PKG_PHP_BUILD:-API$PKG_PHP_API}")
C library      glibc ${GLIBC:-?} or newer (\`ldd --version\` prints yours)
Extension      version $PKG_VERSION (php --ri systempay), SHA-256 $(sha256sum "$EXT/systempay.so" | cut -d' ' -f1)
Built with     $(rustc --version 2>/dev/null || echo "rustc (unknown version)"), ext-php-rs $(sed -n '/^name = "ext-php-rs"$/{n;s/^version = "\(.*\)"/\1/p;}' "$ROOT/Cargo.lock")

It loads only into a PHP with the same major.minor version, thread safety and architecture.
Check before enabling it:
    php -n -d extension=\$PWD/systempay.so --ri systempay
INFO
pkg_third_party "$EXT/THIRD-PARTY-LICENSES.txt"

# ---- the guides, with this build's names filled in
DEB_NAME="php${PKG_PHP_MM}-systempay_${PKG_VERSION}_$(pkg_deb_arch).deb"
FILE_LIST="$PKG_WORK/module-files.txt"
(cd "$STAGE/shopfiles" && find . -type f -printf '%P\n' | LC_ALL=C sort) > "$FILE_LIST"
for lang in de en fr; do
    src="$PKG_DIR/guide/INSTALL.$lang.md"
    [ -f "$src" ] || die "missing guide $src"
    # A line "@FILE_LIST@" becomes the list of the module's files, as a code block in the list item.
    sed -e "s|@VERSION@|$PKG_VERSION|g" -e "s|@ZIP@|$ZIP_NAME|g" -e "s|@EXT@|$PKG_BUILD_ID|g" \
        -e "s|@PHP_MM@|$PKG_PHP_MM|g" -e "s|@PHP_API@|$PKG_PHP_API|g" -e "s|@GLIBC@|${GLIBC:-2.34}|g" \
        -e "s|@DEB@|$DEB_NAME|g" "$src" \
        | awk -v list="$FILE_LIST" '$0 == "@FILE_LIST@" { print "   ```"; while ((getline f < list) > 0) print "   " f; close(list); print "   ```"; next } { print }' \
        > "$STAGE/INSTALL.$lang.md"
    if grep -n '@[A-Z_]*@' "$STAGE/INSTALL.$lang.md" >&2; then die "unfilled placeholder in $src"; fi
done

# ---- the modified Module Loader Client's description (MMLC copies sourceDir = shopfiles/ into the shop)
sed -e "s|@VERSION@|$PKG_VERSION|g" -e "s|@EXT@|$PKG_BUILD_ID|g" -e "s|@PHP_MM@|$PKG_PHP_MM|g" -e "s|@DEB@|$DEB_NAME|g" \
    "$PKG_DIR/moduleinfo.json.in" > "$STAGE/moduleinfo.json"
if grep -n '@[A-Z_]*@' "$STAGE/moduleinfo.json" >&2; then die "unfilled placeholder in moduleinfo.json"; fi
"$PKG_PHP_BIN" -n -r 'exit(is_array(json_decode(file_get_contents($argv[1]), true)) ? 0 : 1);' "$STAGE/moduleinfo.json" || die "moduleinfo.json is not valid JSON"

# ---- checksums, fixed times and permissions, then the zip in byte order
(cd "$STAGE" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n' sha256sum > SHA256SUMS)
pkg_normalise_tree "$STAGE"
tmp_zip="$PKG_WORK/$ZIP_NAME.tmp"
rm -f "$tmp_zip"
(cd "$STAGE" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | TZ=UTC zip -q -X -D -9 "$tmp_zip" -@)
mv -f "$tmp_zip" "$DIST_DIR/$ZIP_NAME"

files="$(unzip -Z1 "$DIST_DIR/$ZIP_NAME" | wc -l)"
log "dist/$ZIP_NAME: $files files ($count module files, extension/$PKG_BUILD_ID), $(du -k "$DIST_DIR/$ZIP_NAME" | cut -f1) KiB"
echo "$DIST_DIR/$ZIP_NAME"
