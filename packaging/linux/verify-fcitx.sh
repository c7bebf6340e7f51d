#!/bin/sh
# Checks that the bundled program reaches fcitx5 in a session that asks for fcitx, as on
# 统信UOS / 银河麒麟: Xvfb + a private D-Bus session + fcitx5 (ibusfrontend), then the
# program with QT_IM_MODULE=fcitx on an empty temporary data file. The runtime hook must
# switch it to Qt's ibus plugin over fcitx5's IBus portal: passes when the program asks
# fcitx5 for an input context (CreateInputContext on org.freedesktop.portal.IBus).
#   packaging/linux/verify-fcitx.sh dist/nianbao/nianbao
# Needs Xvfb, fcitx5, dbus-run-session, dbus-monitor (apt: xvfb fcitx5 dbus-bin).
set -eu
if [ "${1:-}" != "--inside" ]; then
    program=$(realpath "$1")
    work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-fcitx.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    display=:$(( 90 + $$ % 100 ))
    Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    status=0
    DISPLAY=$display HOME=$work dbus-run-session -- "$0" --inside "$program" "$work" || status=$?
    kill "$xvfb"
    exit $status
fi
program=$2 work=$3
dbus-monitor --session "member='CreateInputContext'" > "$work/monitor.log" 2>&1 &
monitor=$!
fcitx5 --disable=all --enable=ibusfrontend,dbus,xcb,keyboard > "$work/fcitx5.log" 2>&1 &
fcitx=$!
sleep 2
QT_QPA_PLATFORM=xcb QT_IM_MODULE=fcitx XMODIFIERS=@im=fcitx NIANBAO_DB="$work/n.db" \
    "$program" > "$work/program.log" 2>&1 &
app=$!
sleep 6
kill "$app" "$fcitx" "$monitor" 2>/dev/null || true
wait "$app" 2>/dev/null || true
if grep -q "destination=org.freedesktop.portal.IBus.*member=CreateInputContext" "$work/monitor.log"; then
    echo "ok: the program created an input context in fcitx5 (IBus portal)"
else
    echo "FAILED: no input context in fcitx5; program log:" >&2
    cat "$work/program.log" >&2
    exit 1
fi
