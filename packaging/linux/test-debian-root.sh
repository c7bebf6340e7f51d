#!/bin/sh
# Installs the .deb into a fresh Debian 11 root (debian-root.sh) with apt, as a clerk's
# package installer would, and uses it there:
#
#   packaging/linux/test-debian-root.sh NIANBAO.deb SAMPLE.json OUT_DIR
#
# apt-get install ./NIANBAO.deb (Depends and Recommends resolved from Debian 11 alone, as a
# double-click in the package installer does), then, with only
# those packages: nianbao --self-test, check, convert; then Xvfb + x11-utils are added
# and the window is opened on a real X server (OUT_DIR/window.xwd is the screen);
# then apt-get remove must leave none of the package's files, and purging it and
# autoremoving what it pulled in must leave no file that no package owns. Prints "ok  STEP" per step; exit 1 on
# the first failure. Needs root (chroot, mount); run in its own mount namespace.
set -eu
deb=$1 sample=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${NIANBAO_IN_NAMESPACE:-}" ]; then
    NIANBAO_IN_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi
tarball=$("$here/debian-root.sh")
cache=${NIANBAO_CACHE:-$HOME/.cache/nianbao}
archives="$cache/debian-bullseye-archives"  # downloaded .debs, kept between runs
mkdir -p "$out" "$archives/partial"
root=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-root.XXXXXX")
cleanup() {
    umount -l "$root/proc" "$root/dev" "$root/var/cache/apt/archives" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$tarball"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$archives" "$root/var/cache/apt/archives"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp "$deb" "$root/tmp/nianbao.deb"
cp "$sample" "$root/tmp/sample.json"

in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
fail() { echo "FAIL $*"; exit 1; }
# Every path of the root except state, caches, logs and temporary files.
listing() {
    in_root sh -c 'find / -xdev \( -path /proc -o -path /dev -o -path /tmp -o -path /var/cache \
        -o -path /var/log -o -path /var/lib/apt -o -path /var/lib/dpkg -o -path /root \
        -o -path /run -o -path /etc/ld.so.cache -o -path /var/lib/systemd \) -prune -o -print' \
        | sort
}

in_root apt-get update -qq >"$out/apt-update.log" 2>&1 || { cat "$out/apt-update.log"; fail "apt-get update"; }
in_root cat /etc/debian_version | sed 's/^/debian_version /'
in_root ldd --version | head -n 1
listing > "$out/before.txt"

in_root apt-get install -y /tmp/nianbao.deb >"$out/install.log" 2>&1 \
    || { tail -30 "$out/install.log"; fail "apt-get install ./nianbao.deb"; }
in_root dpkg-query -W -f='${Status} ${Version}\n' nianbao | grep -q "install ok installed" \
    || fail "nianbao not installed"
echo "ok  apt-get install ./$(basename "$deb") ($(grep -c '^Setting up' "$out/install.log") packages set up)"
in_root dpkg -L nianbao > "$out/files.txt"

cd_tmp() { in_root sh -c "cd /tmp && QT_QPA_PLATFORM=offscreen $*"; }
cd_tmp nianbao --self-test >"$out/self-test.txt" 2>&1 || { cat "$out/self-test.txt"; fail "nianbao --self-test"; }
grep -q "self-test passed" "$out/self-test.txt" || { cat "$out/self-test.txt"; fail "self-test output"; }
echo "ok  nianbao --self-test"
cd_tmp nianbao check sample.json >"$out/check.txt" 2>&1 || { cat "$out/check.txt"; fail "nianbao check"; }
grep -q "没有发现问题" "$out/check.txt" || { cat "$out/check.txt"; fail "check output"; }
echo "ok  nianbao check sample.json"
cd_tmp nianbao convert sample.json out.docx >"$out/convert.txt" 2>&1 || { cat "$out/convert.txt"; fail "nianbao convert"; }
cp "$root/tmp/out.docx" "$out/out.docx" || fail "no out.docx"
echo "ok  nianbao convert sample.json out.docx"

# The window on a real X server: Xvfb writes its screen to /tmp/fb/Xvfb_screen0 (XWD).
in_root apt-get install -y --no-install-recommends xvfb x11-utils >"$out/install-x.log" 2>&1 \
    || { tail -20 "$out/install-x.log"; fail "apt-get install xvfb"; }
mkdir -p "$root/tmp/fb"
in_root sh -c 'Xvfb :57 -screen 0 1280x800x24 -fbdir /tmp/fb -nolisten tcp >/tmp/xvfb.log 2>&1 &
    xvfb=$!
    sleep 2
    cd /tmp && DISPLAY=:57 nianbao >/tmp/window.log 2>&1 &
    program=$!
    for i in $(seq 1 60); do
        if xwininfo -display :57 -root -tree 2>/dev/null | grep -q "年报助手\": (\"nianbao\""; then break; fi
        sleep 1
    done
    sleep 3
    xwininfo -display :57 -root -tree > /tmp/windows.txt 2>&1
    cp /tmp/fb/Xvfb_screen0 /tmp/window.xwd
    kill $program; sleep 1; kill $xvfb; wait; true'
cp "$root/tmp/windows.txt" "$root/tmp/window.log" "$root/tmp/window.xwd" "$out/"
# The main window: title 年报助手, class nianbao (Qt's 1x1 leader window has the title too).
grep '年报助手": ("nianbao"' "$out/windows.txt" | head -n 1 | sed 's/^ */window /'
grep -q '年报助手": ("nianbao"' "$out/windows.txt" \
    || { cat "$out/window.log"; fail "no window 年报助手 of class nianbao on the X server"; }
echo "ok  window shown under Xvfb ($out/window.xwd)"

in_root apt-get remove -y nianbao >"$out/remove.log" 2>&1 || { tail -20 "$out/remove.log"; fail "apt-get remove"; }
left=""
while read -r path; do
    if [ -e "$root$path" ] && [ ! -d "$root$path" ]; then left="$left $path"; fi
done < "$out/files.txt"
[ -z "$left" ] || fail "left after apt-get remove:$left"
[ ! -e "$root/opt/nianbao" ] || fail "/opt/nianbao left after apt-get remove"
echo "ok  apt-get remove nianbao: none of its $(wc -l < "$out/files.txt") paths left"
in_root dpkg --purge nianbao >>"$out/remove.log" 2>&1 || fail "dpkg --purge nianbao"
in_root apt-get purge -y xvfb x11-utils >>"$out/remove.log" 2>&1 || fail "apt-get purge xvfb"
in_root apt-get autoremove --purge -y >>"$out/remove.log" 2>&1 || fail "apt-get autoremove"
listing > "$out/after.txt"
# Nothing of the root may be gone (but an empty /opt, which dpkg removes with the last
# package that has files there), and everything new must belong to an installed
# package: apt's autoremove keeps packages of priority "required" that Xvfb or a
# dependency pulled in (sensible-utils), which is apt's choice, not a leftover.
comm -23 "$out/before.txt" "$out/after.txt" | grep -vx /opt > "$out/gone.txt" || true
comm -13 "$out/before.txt" "$out/after.txt" > "$out/new.txt"
[ ! -s "$out/gone.txt" ] || { cat "$out/gone.txt"; fail "paths of the root gone after purging"; }
: > "$out/unowned.txt"
while read -r path; do
    [ -d "$root$path" ] && continue
    case $path in
        # fc-cache's ids of font folders, and the backups adduser/groupadd keep of
        # /etc/group, /etc/gshadow… when a dependency's postinst adds a system user.
        */.uuid | /etc/*-) continue ;;
    esac
    in_root dpkg -S "$path" >/dev/null 2>&1 || echo "$path" >> "$out/unowned.txt"
done < "$out/new.txt"
[ ! -s "$out/unowned.txt" ] || { cat "$out/unowned.txt"; fail "files no package owns left after purging"; }
echo "ok  purge + autoremove: nothing gone, nothing left that no package owns ($(wc -l < "$out/new.txt") new paths, all from packages apt keeps)"
