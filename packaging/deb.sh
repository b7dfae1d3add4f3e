#!/usr/bin/env bash
# make deb: dist/php<major.minor>-systempay_<version>_<arch>.deb for Debian's PHP packages (and those of
# packages.sury.org, which use the same layout), built with dpkg-deb alone:
#   /usr/lib/php/<api>/systempay.so                      (php-config --extension-dir)
#   /etc/php/<major.minor>/mods-available/systempay.ini   (conffile, "; priority=20")
#   /usr/share/doc/<package>/                            copyright, changelog.gz, THIRD-PARTY-LICENSES.txt.gz,
#                                                        systempay.stub.php
# postinst enables it for every SAPI (phpenmod through Debian's php-maintscript-helper), prerm disables
# it on removal, postrm forgets its state on purge. Depends: phpapi-<api> (provided by the PHP SAPI
# packages of exactly that API), php-common (phpenmod) and the C libraries dpkg-shlibdeps finds.
# Options: see packaging/lib.sh (PHP, PHP_CONFIG, SYSTEMPAY_SO); DEB_MAINTAINER="Name <mail>".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pkg_prepare dpkg-dev
pkg_version
pkg_epoch
pkg_php_identity
case "$PKG_EXT_DIR" in
    /usr/lib/php/*) ;;
    *) die "make deb is for Debian's PHP packages: $PKG_PHP_CONFIG puts extensions in $PKG_EXT_DIR, not /usr/lib/php/<api>" ;;
esac
[ "$PKG_PHP_TS" = "nts" ] || die "Debian's PHP is NTS; $PKG_PHP_BIN is $PKG_PHP_TS"
pkg_extension

DEB_ARCH="$(pkg_deb_arch)"
PACKAGE="php${PKG_PHP_MM}-systempay"
# The changelog's and control's maintainer: DEB_MAINTAINER, else the repository's git identity.
MAINTAINER="${DEB_MAINTAINER:-}"
if [ -z "$MAINTAINER" ]; then
    git_name="$(git -C "$ROOT" config user.name 2>/dev/null || true)"
    git_mail="$(git -C "$ROOT" config user.email 2>/dev/null || true)"
    [ -n "$git_name" ] && [ -n "$git_mail" ] || die "set DEB_MAINTAINER=\"Name <mail>\" (no git identity to use)"
    MAINTAINER="$git_name <$git_mail>"
fi
DEB_NAME="${PACKAGE}_${PKG_VERSION}_${DEB_ARCH}.deb"

# dpkg-shlibdeps wants a debian/control and the files inside debian/<package>/: the staging tree is that.
WORK="$PKG_WORK/deb"
STAGE="$WORK/debian/$PACKAGE"
rm -rf "$WORK"
mkdir -p "$STAGE/DEBIAN" "$STAGE$PKG_EXT_DIR" "$STAGE/etc/php/$PKG_PHP_MM/mods-available" "$STAGE/usr/share/doc/$PACKAGE"

pkg_install_so "$STAGE$PKG_EXT_DIR/systempay.so"
pkg_write_ini "$STAGE/etc/php/$PKG_PHP_MM/mods-available/systempay.ini"
DOC="$STAGE/usr/share/doc/$PACKAGE"
cp "$ROOT/systempay.stub.php" "$DOC/systempay.stub.php"
pkg_third_party "$DOC/THIRD-PARTY-LICENSES.txt"
gzip -9n "$DOC/THIRD-PARTY-LICENSES.txt"
{
    printf '%s (%s) stable; urgency=medium\n\n' "$PACKAGE" "$PKG_VERSION"
    printf '  * Systempay for modified eCommerce %s: the systempay extension built for\n' "$PKG_VERSION"
    printf '    PHP %s (API %s, %s, %s).\n\n' "$PKG_PHP_MM" "$PKG_PHP_API" "$PKG_PHP_TS" "$DEB_ARCH"
    printf ' -- %s  %s\n' "$MAINTAINER" "$(LC_ALL=C date -u -R -d "@$PKG_EPOCH")"
} > "$DOC/changelog"
gzip -9n "$DOC/changelog"

fill() {
    sed -e "s|@PACKAGE@|$PACKAGE|g" -e "s|@VERSION@|$PKG_VERSION|g" -e "s|@ARCH@|$DEB_ARCH|g" \
        -e "s|@MAINTAINER@|$MAINTAINER|g" -e "s|@PHP_MM@|$PKG_PHP_MM|g" -e "s|@PHP_API@|$PKG_PHP_API|g" \
        -e "s|@TS@|$(printf '%s' "$PKG_PHP_TS" | tr a-z A-Z)|g" -e "s|@SHLIBS@|${SHLIBS:-}|g" \
        -e "s|@INSTALLED_SIZE@|${INSTALLED_SIZE:-0}|g" -e "s|@YEARS@|$YEARS|g" "$1"
}
# Years of the copyright notice: the first commit's to the packaged one's.
first_year="$(git -C "$ROOT" log --reverse --format=%cd --date=format:%Y 2>/dev/null | head -n 1 || true)"
last_year="$(date -u -d "@$PKG_EPOCH" +%Y)"
YEARS="${first_year:-$last_year}"
[ "$YEARS" = "$last_year" ] || YEARS="$YEARS-$last_year"
fill "$PKG_DIR/deb/copyright" > "$DOC/copyright"
for script in postinst prerm postrm; do
    fill "$PKG_DIR/deb/$script" > "$STAGE/DEBIAN/$script"
done
fill "$PKG_DIR/deb/triggers" > "$STAGE/DEBIAN/triggers"
printf '/etc/php/%s/mods-available/systempay.ini\n' "$PKG_PHP_MM" > "$STAGE/DEBIAN/conffiles"

# The C libraries the .so links against, as Debian's own tooling computes them.
printf 'Source: systempay\n\nPackage: %s\nArchitecture: any\n' "$PACKAGE" > "$WORK/debian/control"
SHLIBS="$(cd "$WORK" && dpkg-shlibdeps -O -e "debian/$PACKAGE$PKG_EXT_DIR/systempay.so" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$SHLIBS" ] || die "dpkg-shlibdeps found no library dependency for systempay.so"
INSTALLED_SIZE="$(find "$STAGE" -path "$STAGE/DEBIAN" -prune -o -type f -printf '%s\n' | awk '{ kib += int(($1 + 1023) / 1024) } END { print kib }')"
fill "$PKG_DIR/deb/control" > "$STAGE/DEBIAN/control"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' md5sum) > "$STAGE/DEBIAN/md5sums"

pkg_normalise_tree "$STAGE"
chmod 0755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/prerm" "$STAGE/DEBIAN/postrm"
mkdir -p "$DIST_DIR"
[ -f "$DIST_DIR/.gitignore" ] || printf '*\n' > "$DIST_DIR/.gitignore"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$PKG_WORK/$DEB_NAME" >/dev/null
mv -f "$PKG_WORK/$DEB_NAME" "$DIST_DIR/$DEB_NAME"

log "dist/$DEB_NAME: $(du -k "$DIST_DIR/$DEB_NAME" | cut -f1) KiB, Depends: $(dpkg-deb -f "$DIST_DIR/$DEB_NAME" Depends)"
if command -v lintian >/dev/null 2>&1 && [ "${LINTIAN:-1}" != "0" ]; then
    lintian_rc=0
    lintian_out="$(lintian --tag-display-limit 0 "$DIST_DIR/$DEB_NAME" 2>&1)" || lintian_rc=$?
    lintian_out="$(printf '%s\n' "$lintian_out" | grep -v 'running with root privileges is not recommended' || true)"
    if [ -n "$lintian_out" ]; then printf '%s\n' "$lintian_out" >&2; fi
    if [ "$lintian_rc" -ne 0 ]; then log "lintian reported errors (above)"; else log "lintian: ${lintian_out:+warnings above, }no errors"; fi
fi
echo "$DIST_DIR/$DEB_NAME"
