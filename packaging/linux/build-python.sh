#!/bin/sh
# Builds the CPython 3.11 the Linux bundle is made from, so that every ELF file of the
# bundle needs at most glibc 2.28 (统信UOS 20; 银河麒麟 V10 has 2.31) whatever glibc the
# build machine has. See packaging/README.md ("How the interpreter is built").
#
#   packaging/linux/build-python.sh            prints the interpreter's path, building
#                                              it first unless the cache has it
#
# - Compiler: `zig cc -target ARCH-linux-gnu.2.28` (PyPI package ziglang): it links
#   against glibc 2.28's symbol versions, so nothing newer can be asked for.
# - Sources: the .orig tarballs of Debian 12's source packages (python3.11, sqlite3,
#   libffi, zlib, xz-utils, bzip2), checked against the sha256 below. Expat and
#   libmpdec are the copies inside CPython. No OpenSSL (no network in the program),
#   no readline/curses/tk/gdbm/uuid (not used).
# - The C libraries are static (-fPIC) inside the extension modules; CPython is shared
#   (PyInstaller bundles libpython3.11.so).
# - Cache: ${NIANBAO_CACHE:-~/.cache/nianbao}/python-KEY, KEY = hash of this script
#   (which holds every version, checksum and flag), outside the clone, so a fresh clone
#   and a second `make deb` reuse it. First build: see packaging/README.md.
set -eu

ZIGLANG=0.17.1
GLIBC=2.28
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org}
# url-path sha256 (Debian 12 "bookworm" source packages, .orig tarballs)
SOURCES="
debian-security/pool/updates/main/p/python3.11/python3.11_3.11.2.orig.tar.gz 2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
debian/pool/main/s/sqlite3/sqlite3_3.40.1.orig.tar.xz aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655
debian/pool/main/libf/libffi/libffi_3.4.4.orig.tar.gz d66c56ad259a82cf2a9dfc408b32bf5da52371500b84745f7fb8b645712df676
debian/pool/main/z/zlib/zlib_1.2.13.dfsg.orig.tar.bz2 71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1
debian-security/pool/updates/main/x/xz-utils/xz-utils_5.4.1.orig.tar.xz 5d9827aa1875b21c288f78864bb26d2650b436ea8d2cad364e4921eb6266a5a5
debian/pool/main/b/bzip2/bzip2_1.0.8.orig.tar.gz ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269
"

cache=${NIANBAO_CACHE:-$HOME/.cache/nianbao}
key=$(cksum < "$0" | cut -d' ' -f1)
arch=$(uname -m)
prefix="$cache/python-$arch-$key"
if [ -f "$prefix/.complete" ]; then
    echo "$prefix/bin/python3.11"
    exit 0
fi
log() { echo "build-python: $*" >&2; }
started=$(date +%s)
jobs=$(nproc 2>/dev/null || echo 2)

# ── the compiler ────────────────────────────────────────────────────────────────
zigenv="$cache/ziglang-$ZIGLANG"
if [ ! -x "$zigenv/bin/python" ] || ! "$zigenv/bin/python" -m ziglang version >/dev/null 2>&1; then
    log "installing ziglang $ZIGLANG into $zigenv"
    rm -rf "$zigenv"
    python3 -m venv "$zigenv"
    "$zigenv/bin/python" -m pip install -q "ziglang==$ZIGLANG" >&2
fi
zig=$(dirname "$("$zigenv/bin/python" -c 'import ziglang, sys; print(ziglang.__file__)')")/zig
export ZIG_GLOBAL_CACHE_DIR="$cache/zig-cache" ZIG_LOCAL_CACHE_DIR="$cache/zig-cache"

work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-python.XXXXXX")
# The work folder (sources, logs) is removed after a build, kept after a failure.
trap 'if [ -f "$prefix/.complete" ]; then rm -rf "$work"; else log "failed; logs in $work"; fi' EXIT
tools="$work/tools"
mkdir -p "$tools"
# -fno-sanitize: zig cc turns UBSan on when no -O is given (configure's test programs);
# -Wno-error=date-time: zig makes __DATE__ an error, CPython's getbuildinfo.c uses it;
# zig's linker knows -soname but not its short form (CPython links -Wl,-hNAME); and zig
# cannot link a shared library from other shared libraries alone (libpython3.so, the
# stable-ABI forwarder): an empty C file is added then. -print-multiarch answers the
# zig target, so CPython's setup.py does not add the build machine's
# /usr/include/x86_64-linux-gnu (glibc 2.36 headers) to the extension modules.
cat > "$tools/cc" <<EOF
#!/bin/sh
zig="$zig" target="$arch-linux-gnu.$GLIBC" empty="$tools/empty.c"
EOF
cat >> "$tools/cc" <<'EOF'
[ "$*" = -print-multiarch ] && { echo "$target"; exit 0; }
shared="" objects=""
for arg do
    shift
    case $arg in
        -Wl,-h*) arg="-Wl,-soname,${arg#-Wl,-h}" ;;
        -shared) shared=1 ;;
        *.o | *.c | *.a | *.S | *.s) objects=1 ;;
    esac
    set -- "$@" "$arg"
done
[ -n "$shared" ] && [ -z "$objects" ] && set -- "$@" "$empty"
exec "$zig" cc -target "$target" -mcpu=baseline -fno-sanitize=all -Wno-error=date-time "$@"
EOF
echo 'static int nianbao_empty;' > "$tools/empty.c"
for t in ar ranlib; do
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$zig" "$t" > "$tools/$t"
done
chmod +x "$tools"/*
export PATH="$tools:$PATH" CC="$tools/cc" AR="$tools/ar" RANLIB="$tools/ranlib"
deps="$work/deps"
mkdir -p "$deps/include" "$deps/lib"

# ── the sources ─────────────────────────────────────────────────────────────────
sources="$cache/sources"
mkdir -p "$sources"
echo "$SOURCES" | while read -r path sum; do
    [ -n "$path" ] || continue
    file="$sources/$(basename "$path")"
    if [ ! -f "$file" ] || ! echo "$sum  $file" | sha256sum -c --quiet - 2>/dev/null; then
        log "downloading $MIRROR/$path"
        curl -fsSL -o "$file.part" "$MIRROR/$path"
        echo "$sum  $file.part" | sha256sum -c --quiet -
        mv "$file.part" "$file"
    fi
    tar -xf "$file" -C "$work"
done

# ── the C libraries, static and position-independent ────────────────────────────
# step NAME COMMAND...: runs COMMAND with its output in $work/NAME.log, shown on failure.
step() {
    name=$1
    shift
    "$@" >>"$work/$name.log" 2>&1 || { tail -40 "$work/$name.log" >&2; log "$name failed"; exit 1; }
}
export CFLAGS="-O2 -g0 -fPIC"
cd "$work"/zlib-*/
log "zlib"
step zlib ./configure --static --prefix="$deps"
step zlib make -j"$jobs" libz.a
step zlib make install

cd "$work"/bzip2-*/
log "bzip2"
step bzip2 make -j"$jobs" libbz2.a CC="$CC" AR="$AR" RANLIB="$RANLIB" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64"
cp bzlib.h "$deps/include/" && cp libbz2.a "$deps/lib/"

cd "$work"/xz-*/
log "xz"
step xz ./configure --prefix="$deps" --disable-shared --enable-static --with-pic \
    --disable-xz --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-lzma-links \
    --disable-scripts --disable-doc --disable-nls
step xz make -j"$jobs"
step xz make install

cd "$work"/libffi-*/
log "libffi"
# Static trampolines off: 3.4.4's tramp.c does not compile with clang >= 16 (an
# undeclared function), and the classic closures need no executable temp file here.
step libffi ./configure --prefix="$deps" --disable-shared --enable-static \
    --with-pic --disable-docs --disable-multi-os-directory --disable-exec-static-tramp
step libffi make -j"$jobs"
step libffi make install

cd "$work"/sqlite3-*/
log "sqlite"
# The amalgamation is generated with the build machine's tclsh and cc (a code
# generator only), then compiled with zig. Options as Debian's libsqlite3.
step sqlite ./configure --disable-tcl CC=cc
step sqlite make sqlite3.c
step sqlite "$CC" -O2 -fPIC -c sqlite3.c -o sqlite3.o -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
    -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_JSON1 \
    -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_MATH_FUNCTIONS \
    -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_THREADSAFE=1
step sqlite "$AR" rcs "$deps/lib/libsqlite3.a" sqlite3.o
cp sqlite3.h sqlite3ext.h "$deps/include/"

# ── CPython ─────────────────────────────────────────────────────────────────────
cd "$work"/Python-*/ 2>/dev/null || cd "$work"/python3.11-*/
log "CPython ($(basename "$PWD")), $jobs jobs"
unset CFLAGS
build="$prefix"
rm -rf "$build"
# Installed straight into the cache (.complete marks a finished build); $ORIGIN/../lib
# lets python3.11 and a venv made from it find libpython3.11.so.
# OPT: configure's default without -g (zig would emit DWARF for every object: slower,
# and PyInstaller strips it anyway).
./configure --prefix="$build" --enable-shared OPT="-DNDEBUG -g0 -fwrapv -O3 -Wall" --with-ensurepip=install \
    --without-readline --with-system-expat=no --without-doc-strings \
    CPPFLAGS="-I$deps/include" LDFLAGS="-L$deps/lib -Wl,-rpath,\\\$\$ORIGIN/../lib" \
    LIBFFI_INCLUDEDIR="$deps/include" \
    LIBSQLITE3_CFLAGS="-I$deps/include" LIBSQLITE3_LIBS="-L$deps/lib -lsqlite3 -lm" \
    LIBLZMA_CFLAGS="-I$deps/include" LIBLZMA_LIBS="-L$deps/lib -llzma" \
    BZIP2_CFLAGS="-I$deps/include" BZIP2_LIBS="-L$deps/lib -lbz2" \
    ZLIB_CFLAGS="-I$deps/include" ZLIB_LIBS="-L$deps/lib -lz" \
    LIBFFI_CFLAGS="-I$deps/include" LIBFFI_LIBS="-L$deps/lib -lffi" \
    PKG_CONFIG=false >"$work/configure.log" 2>&1 || { tail -40 "$work/configure.log" >&2; exit 1; }
make -j"$jobs" >"$work/make.log" 2>&1 || { tail -60 "$work/make.log" >&2; exit 1; }
make install >"$work/install.log" 2>&1 || { tail -40 "$work/install.log" >&2; exit 1; }
missing=$("$build/bin/python3.11" -c '
import importlib
for m in ("zlib", "bz2", "lzma", "_sqlite3", "_ctypes", "pyexpat", "_decimal", "_posixsubprocess",
          "select", "math", "_struct", "binascii", "_json", "unicodedata", "_datetime",
          "array", "_socket", "_pickle", "_md5", "_sha1", "_sha256", "_sha512", "_blake2",
          "_sha3", "mmap", "fcntl", "termios", "_queue", "_random", "_bisect", "_heapq",
          "_csv", "_asyncio", "_multiprocessing", "_contextvars", "_zoneinfo", "_elementtree"):
    try:
        importlib.import_module(m)
    except ImportError as e:
        print(m, e)
')
if [ -n "$missing" ]; then
    log "modules missing: $missing"
    exit 1
fi
rm -rf "$build/lib/python3.11/test" "$build/lib/python3.11/idlelib" "$build/lib/python3.11/tkinter"
touch "$prefix/.complete"
log "built $prefix in $(( $(date +%s) - started )) s"
echo "$prefix/bin/python3.11"
