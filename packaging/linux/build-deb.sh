#!/bin/sh
# Builds the .deb of 年报助手 from a PyInstaller bundle (see packaging/README.md).
#   packaging/linux/build-deb.sh BUNDLE_DIR VERSION OUT.deb
# BUNDLE_DIR is dist/nianbao (make bundle); the package installs it to /opt/nianbao.
set -eu
bundle=$1 version=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
icons="$here/../../resources/icons"
arch=$(dpkg --print-architecture)
root=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-deb.XXXXXX")
trap 'rm -rf "$root"' EXIT

install -d "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/DEBIAN"
cp -a "$bundle" "$root/opt/nianbao"
install -m 755 "$here/nianbao.sh" "$root/usr/bin/nianbao"
install -m 644 "$here/nianbao.desktop" "$root/usr/share/applications/nianbao.desktop"
install -D -m 644 "$icons/nianbao.svg" "$root/usr/share/icons/hicolor/scalable/apps/nianbao.svg"
for size in 16 24 32 48 64 128 256; do
    install -D -m 644 "$icons/nianbao-$size.png" \
        "$root/usr/share/icons/hicolor/${size}x${size}/apps/nianbao.png"
done
install -D -m 644 /dev/null "$root/usr/share/doc/nianbao/README"
printf '%s\n' "年报助手 $version: /opt/nianbao, 命令 nianbao (nianbao --self-test 自检)." \
    > "$root/usr/share/doc/nianbao/README"
install -m 644 "$here/copyright" "$root/usr/share/doc/nianbao/copyright"
install -m 755 "$here/postinst" "$here/postrm" "$root/DEBIAN/"
# Files are root-owned in the package (--root-owner-group); modes as built.
chmod -R u+rwX,go+rX,go-w "$root/opt/nianbao"

# Depends: the C and C++ runtime the bundled files ask for — libc6 (>= the highest
# GLIBC_ symbol version), libstdc++6 (>= the GCC whose libstdc++ has the highest
# GLIBCXX_/CXXABI_ version), libgcc — computed by floor.py from the files (objdump -T),
# then what the bundle takes from the system (nianbao.spec, SYSTEM_LIBRARY_PREFIXES)
# plus what Qt's xcb plugin loads; names valid on Debian 10+, UOS 20, Kylin V10, Ubuntu 20.04+
# (libxcb-cursor0 and libxcb-util1, which Debian 10 / UOS 20 lack, are bundled instead).
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
runtime=$(python3 "$here/floor.py" --depends "$root/opt/nianbao")
cat > "$root/DEBIAN/control" <<CONTROL
Package: nianbao
Version: $version
Architecture: $arch
Maintainer: nianbao maintainers <nianbao@localhost>
Installed-Size: $installed_size
Section: misc
Priority: optional
Depends: $runtime, libglib2.0-0, libdbus-1-3, libzstd1, libgssapi-krb5-2, fontconfig, libfontconfig1, libfreetype6, libx11-6, libx11-xcb1, libxcb1, libxcb-glx0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-render0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, libegl1, libgl1
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei, libwayland-client0, libwayland-cursor0, libwayland-egl1
Description: 年报助手：政府信息公开工作年度报告的填报、核对与 Word 导出
 An offline desktop program for filling in, checking and exporting the yearly
 government information disclosure report (政府信息公开工作年度报告) in the
 official format. Start it from the applications menu (信息公开年报) or with
 the command nianbao; nianbao --self-test checks the installation.
CONTROL

mkdir -p "$(dirname "$out")"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "built $out ($(du -h "$out" | cut -f1)); Depends: $runtime, …"
