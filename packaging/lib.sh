# Shared helpers of the packaging scripts (sourced by packaging/package.sh, packaging/deb.sh and
# tests/packaging/run.sh; not run on its own). Builds on scripts/lib.sh (ROOT, log, ensure_packages).
#
# Which PHP the extension is built for: the machine's `php-config` / `php`, or PHP_CONFIG and PHP
# (the same variables ext-php-rs reads), e.g. PHP=/usr/bin/php8.3 PHP_CONFIG=/usr/bin/php-config8.3.
# SYSTEMPAY_SO=/path/to/systempay.so packages an extension built elsewhere; it is checked like a fresh one.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

PKG_DIR="$ROOT/packaging"
DIST_DIR="$ROOT/dist"
PKG_WORK="$BUILD_DIR/packaging"

die() { printf 'packaging: %s\n' "$*" >&2; exit 1; }

# ---- the version: Cargo.toml and SystempayConfig::MODULE_VERSION must agree
pkg_cargo_version() {
    awk '/^\[/ { in_pkg = ($0 == "[package]") } in_pkg && /^version *=/ { gsub(/.*= *"|".*/, ""); print; exit }' "$ROOT/Cargo.toml"
}
pkg_module_version() {
    sed -n "s/^ *const MODULE_VERSION *= *'\([^']*\)'.*/\1/p" \
        "$ROOT/php-module/includes/external/systempay/SystempayConfig.php" | head -n 1
}
# Sets PKG_VERSION, or stops when the two disagree.
pkg_version() {
    local cargo module
    cargo="$(pkg_cargo_version)"
    module="$(pkg_module_version)"
    [ -n "$cargo" ] || die "no version found in Cargo.toml ([package] version)"
    [ -n "$module" ] || die "no MODULE_VERSION found in php-module/includes/external/systempay/SystempayConfig.php"
    if [ "$cargo" != "$module" ]; then
        die "version mismatch: Cargo.toml says $cargo, SystempayConfig::MODULE_VERSION says $module.
  The extension (phpversion('systempay'), phpinfo) and the shop module must ship under one version:
  make them equal (Cargo.toml's [package] version, then \`cargo update -p systempay --offline\` so that
  Cargo.lock follows) and run this again."
    fi
    [[ "$cargo" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.~+-][0-9A-Za-z.~+-]*)?$ ]] || die "version '$cargo' is not of the form X.Y.Z"
    PKG_VERSION="$cargo"
}

# Fixed timestamp for every file in the archives: SOURCE_DATE_EPOCH, else the last commit's time.
pkg_epoch() {
    if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
        PKG_EPOCH="$SOURCE_DATE_EPOCH"
    else
        PKG_EPOCH="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || true)"
        [ -n "$PKG_EPOCH" ] || PKG_EPOCH=315532800   # 1980-01-01, the zip format's first day
    fi
    export SOURCE_DATE_EPOCH="$PKG_EPOCH"
}

# Debian packages the packaging needs on a bare machine (the build ones only for the machine's own PHP).
pkg_prepare() {
    local packages=(zip unzip binutils)
    if [ -z "${SYSTEMPAY_SO:-}" ] && pkg_default_php; then packages+=("${BASE_PACKAGES[@]}"); fi
    ensure_packages "${packages[@]}" "$@"
}

# ---- the PHP the extension is built for
# Architecture of an ELF file (a PHP binary or an extension), read from its header by PHP itself.
pkg_elf_arch() {
    "$PKG_PHP_BIN" -n -r '
        $h = @file_get_contents($argv[1], false, null, 0, 20);
        if ($h === false || strlen($h) < 20 || substr($h, 0, 4) !== "\x7fELF") { exit(1); }
        $class = ord($h[4]);                       // 1: 32-bit, 2: 64-bit
        $m = unpack(ord($h[5]) === 2 ? "n" : "v", substr($h, 18, 2))[1];
        $names = [3 => "i386", 62 => "x86_64", 183 => "aarch64", 40 => "arm", 243 => "riscv64", 21 => $class === 2 ? "ppc64" : "ppc", 22 => "s390x"];
        echo isset($names[$m]) ? $names[$m] : "elf$m";' "$1"
}

# Sets PKG_PHP_CONFIG, PKG_PHP_BIN, PKG_PHP_VERSION (8.2.36), PKG_PHP_MM (8.2), PKG_PHP_API (20220829),
# PKG_PHP_BUILD (API20220829,NTS), PKG_PHP_TS (nts|zts), PKG_PHP_DEBUG (0|1), PKG_PHP_ARCH (x86_64),
# PKG_EXT_DIR and PKG_BUILD_ID (php-8.2-nts-x86_64: the extension's folder in the zip).
pkg_php_identity() {
    PKG_PHP_CONFIG="${PHP_CONFIG:-$(command -v php-config || true)}"
    [ -n "$PKG_PHP_CONFIG" ] && [ -x "$PKG_PHP_CONFIG" ] \
        || die "php-config not found: install php8.2-dev (Debian), or set PHP_CONFIG=/path/to/php-config"
    PKG_PHP_BIN="${PHP:-$("$PKG_PHP_CONFIG" --php-binary)}"
    [ -x "$PKG_PHP_BIN" ] || die "the PHP binary $PKG_PHP_BIN (from ${PHP:+PHP=}${PHP:-php-config --php-binary}) does not exist"
    PKG_PHP_VERSION="$("$PKG_PHP_CONFIG" --version)"
    PKG_PHP_MM="$(printf '%s' "$PKG_PHP_VERSION" | cut -d. -f1,2)"
    PKG_PHP_API="$("$PKG_PHP_CONFIG" --phpapi)"
    PKG_EXT_DIR="$("$PKG_PHP_CONFIG" --extension-dir)"
    local facts
    facts="$("$PKG_PHP_BIN" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION, " ", PHP_ZTS ? "zts" : "nts", " ", PHP_DEBUG ? 1 : 0, " ", PHP_OS_FAMILY;')" \
        || die "$PKG_PHP_BIN does not run"
    local mm ts debug os
    read -r mm ts debug os <<<"$facts"
    [ "$mm" = "$PKG_PHP_MM" ] || die "$PKG_PHP_BIN is PHP $mm but $PKG_PHP_CONFIG is PHP $PKG_PHP_MM: set PHP and PHP_CONFIG to the same PHP"
    [ "$os" = "Linux" ] || die "only Linux builds are packaged (this PHP runs on $os)"
    case "$PKG_PHP_MM" in 8.*) ;; *) die "PHP $PKG_PHP_MM: the extension needs PHP 8.x" ;; esac
    PKG_PHP_TS="$ts"
    PKG_PHP_DEBUG="$debug"
    PKG_PHP_BUILD="$("$PKG_PHP_BIN" -n -i 2>/dev/null | sed -n 's/^PHP Extension Build => //p' | head -n 1)"
    PKG_PHP_ARCH="$(pkg_elf_arch "$(readlink -f "$PKG_PHP_BIN")")" || die "cannot read the architecture of $PKG_PHP_BIN"
    PKG_BUILD_ID="php-$PKG_PHP_MM-$PKG_PHP_TS-$PKG_PHP_ARCH"
    [ "$PKG_PHP_DEBUG" = "0" ] || PKG_BUILD_ID="$PKG_BUILD_ID-debug"
}

# The machine's own PHP (no PHP / PHP_CONFIG given): its build shares target/release with scripts/build.sh.
pkg_default_php() {
    [ -z "${PHP_CONFIG:-}" ] && [ -z "${PHP:-}" ]
}

# Sets PKG_SO: the extension built for the PHP above (or SYSTEMPAY_SO), checked: it loads in that PHP
# with nothing else (-n), it is the package's version and the PHP's architecture.
# build/systempay.so is never written here: running tests load it, and a .so copied over a loaded one
# crashes the processes that mapped it.
pkg_extension() {
    if [ -n "${SYSTEMPAY_SO:-}" ]; then
        PKG_SO="$(readlink -f "$SYSTEMPAY_SO")"
        [ -f "$PKG_SO" ] || die "SYSTEMPAY_SO=$SYSTEMPAY_SO does not exist"
    else
        require_cargo
        local target_dir="$ROOT/target"
        if pkg_default_php; then
            log "building the release extension for PHP $PKG_PHP_VERSION ($PKG_BUILD_ID)"
            (cd "$ROOT" && cargo build --quiet --release --locked --features php)
        else
            # Another PHP: its own target dir, so that the machine's build is not redone each time.
            target_dir="$ROOT/target/$PKG_BUILD_ID"
            log "building the release extension for PHP $PKG_PHP_VERSION ($PKG_BUILD_ID) in target/$PKG_BUILD_ID"
            (cd "$ROOT" && PHP="$PKG_PHP_BIN" PHP_CONFIG="$PKG_PHP_CONFIG" \
                cargo build --quiet --release --locked --features php --target-dir "$target_dir")
        fi
        PKG_SO="$target_dir/release/libsystempay.so"
    fi
    local arch loaded
    arch="$(pkg_elf_arch "$PKG_SO")" || die "$PKG_SO is not an ELF file"
    [ "$arch" = "$PKG_PHP_ARCH" ] || die "$PKG_SO is built for $arch, the PHP for $PKG_PHP_ARCH"
    loaded="$("$PKG_PHP_BIN" -n -d "extension=$PKG_SO" -r 'echo extension_loaded("systempay") ? phpversion("systempay") : "not loaded";' 2>&1)" \
        || die "$PKG_SO does not load in $PKG_PHP_BIN: $loaded"
    [ "$loaded" = "$PKG_VERSION" ] || die "$PKG_SO reports version '$loaded', the package is $PKG_VERSION (a stale build?)"
}

# Debian's name for the PHP's architecture.
pkg_deb_arch() {
    case "$PKG_PHP_ARCH" in
        x86_64) echo amd64 ;;
        aarch64) echo arm64 ;;
        i386) echo i386 ;;
        arm) echo armhf ;;
        riscv64) echo riscv64 ;;
        ppc64) echo ppc64el ;;
        s390x) echo s390x ;;
        *) die "no Debian architecture known for $PKG_PHP_ARCH" ;;
    esac
}

# Copies the extension to $1 without its symbol table and notes (as Debian's dh_strip does; the dynamic
# symbols PHP needs stay), then checks again that the copy loads and carries the version.
pkg_install_so() {
    local dest="$1" loaded
    strip --strip-unneeded --remove-section=.comment --remove-section=.note -o "$dest" "$PKG_SO"
    loaded="$("$PKG_PHP_BIN" -n -d "extension=$dest" -r 'echo extension_loaded("systempay") ? phpversion("systempay") : "not loaded";' 2>&1)" \
        || die "the stripped $dest does not load: $loaded"
    [ "$loaded" = "$PKG_VERSION" ] || die "the stripped $dest reports '$loaded', not $PKG_VERSION"
}

# The newest glibc symbol version the extension needs (e.g. 2.34): a host with an older C library
# cannot load it.
pkg_glibc_needed() {
    objdump -T "$1" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1
}

# The crates compiled into the extension (no build-time-only crates), "name version license" per line.
pkg_crates() {
    (cd "$ROOT" && env -u PHP -u PHP_CONFIG cargo tree --quiet --locked --offline -e normal,no-proc-macro \
        --features php --prefix none --format '{p}|{l}') \
        | sed -e 's/ (\*)$//' -e 's/ ([^)]*)|/|/' | sort -u
}

# THIRD-PARTY-LICENSES.txt: every crate linked into systempay.so with its license files (MIT, Apache-2.0,
# BSD-3-Clause … require their notices to travel with a binary). The files come from the crates' sources in
# Cargo's registry cache, which the build has just used.
pkg_third_party() {
    local out="$1" registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
    pkg_crates | "$PKG_PHP_BIN" -n -r '
        echo "Third-party code compiled into systempay.so (Rust crates, from Cargo.lock), with their licenses.\n";
        echo "Listed by `cargo tree -e normal,no-proc-macro --features php`.\n\n";
        $texts = "";
        while (($line = fgets(STDIN)) !== false) {
            [$crate, $license] = explode("|", rtrim($line, "\n"), 2);
            [$name, $version] = explode(" v", $crate, 2);
            if ($name === "systempay") { continue; }
            printf("%-36s %s\n", $crate, $license);
            $dirs = glob($argv[1] . "/*/" . $name . "-" . $version, GLOB_ONLYDIR) ?: [];
            if ($dirs === []) { fwrite(STDERR, "no sources of $crate in " . $argv[1] . "\n"); exit(1); }
            $files = glob($dirs[0] . "/{LICENSE,LICENCE,COPYING,UNLICENSE,NOTICE,COPYRIGHT}*", GLOB_BRACE) ?: [];
            sort($files);
            if ($files === []) { $texts .= "\n\n==== " . $crate . ": no license file in the crate; license: " . $license . " ====\n"; }
            foreach ($files as $f) {
                if (!is_file($f)) { continue; }
                $texts .= "\n\n==== " . $crate . ": " . basename($f) . " ====\n\n" . rtrim(file_get_contents($f)) . "\n";
            }
        }
        echo $texts;' "$registry" > "$out" || die "could not collect the crates' licenses"
}

# The systempay.ini snippet (also Debian's mods-available file; `; priority=20` is read by phpenmod).
pkg_write_ini() {
    cat > "$1" <<'INI'
; Systempay for modified eCommerce: the systempay PHP extension (payment signatures, notifications,
; amounts). Load it in every PHP that runs the shop: web server (mod_php or PHP-FPM) and CLI.
; priority=20
extension=systempay.so
INI
}

# Files and folders get the fixed time and plain permissions (0644 / 0755).
pkg_normalise_tree() {
    local dir="$1"
    find "$dir" -type d -exec chmod 0755 {} +
    find "$dir" -type f -exec chmod 0644 {} +
    find "$dir" -exec touch -h -d "@$PKG_EPOCH" {} +
}

# ---- the module's shop files, one list for the zip (package.sh) and make install (install.sh)
# Files git knows (tracked, or new and not ignored) under php-module, lang and callback; sorted.
list_module_files() {
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$ROOT" ls-files -z -c -o --exclude-standard -- php-module lang callback | tr '\0' '\n'
    else
        (cd "$ROOT" && find php-module lang callback -type f)
    fi | LC_ALL=C sort -u
}
# Editor and merge leftovers never ship.
is_junk() {
    case "${1##*/}" in
        .* | *~ | *.swp | *.swo | *.orig | *.rej | *.bak | *.tmp | *.log | \#*\# | Thumbs.db | desktop.ini) return 0 ;;
    esac
    return 1
}
