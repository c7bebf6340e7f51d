#!/bin/sh
# A minimal Debian 11 (bullseye, glibc 2.31 — older than this build machine, like
# 银河麒麟 V10) root made with debootstrap, kept as a tarball outside the clone:
#
#   packaging/linux/debian-root.sh      prints the tarball's path, making it first
#                                       unless the cache has it (~3 min, needs root)
#
# Its key is a hash of this script (suite, mirror, variant), so a change makes a new
# one. Only Debian 11 "main" is in its sources.list: what apt installs into it comes
# from Debian 11 alone. Used by packaging/linux/test-debian-root.sh.
set -eu
SUITE=bullseye
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org}/debian
cache=${NIANBAO_CACHE:-$HOME/.cache/nianbao}
key=$(cksum < "$0" | cut -d' ' -f1)
tarball="$cache/debian-$SUITE-$(dpkg --print-architecture)-$key.tar"
if [ -f "$tarball" ]; then
    echo "$tarball"
    exit 0
fi
mkdir -p "$cache"
root=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-$SUITE.XXXXXX")
trap 'rm -rf "$root"' EXIT
started=$(date +%s)
echo "debian-root: debootstrap $SUITE into $root" >&2
debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
echo "deb $MIRROR $SUITE main" > "$root/etc/apt/sources.list"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -cf "$tarball.part" .
mv "$tarball.part" "$tarball"
echo "debian-root: $tarball in $(( $(date +%s) - started )) s" >&2
echo "$tarball"
