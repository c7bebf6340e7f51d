#!/bin/sh
# Best effort, for `make test`: installs 32-bit Wine (Debian's wine32:i386), which runs
# Inno Setup's compiler for tests/packaging/test_inno_setup.py. Inno Setup 6 is 32-bit.
# Never fails: when Wine cannot be installed (not Debian, not root, a mirror syncing its
# i386 indexes, …) it writes the reason to $1 and exits 0; the test then skips, saying
# why. A failure is not retried for six hours (apt-get update takes a while).
set -u
reason_file="$1"
command -v wine >/dev/null 2>&1 && { rm -f "$reason_file"; exit 0; }
if [ -f "$reason_file" ] && [ -n "$(find "$reason_file" -mmin -360 2>/dev/null)" ]; then
    exit 0
fi
fail() { echo "$*" > "$reason_file"; echo "wine: $*" >&2; exit 0; }
command -v apt-get >/dev/null 2>&1 || fail "no apt-get: install 32-bit Wine by hand"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || fail "not root and no sudo"
    SUDO="sudo -n"
fi
echo "installing 32-bit Wine (wine32:i386) for the Inno Setup test…" >&2
added=""
if ! dpkg --print-foreign-architectures | grep -qx i386; then
    $SUDO dpkg --add-architecture i386 || fail "dpkg --add-architecture i386 failed"
    added=yes
fi
log=$(mktemp)
$SUDO apt-get update -qq >"$log" 2>&1
# Never upgrade what the machine already has (a half-synced mirror can ask for a newer
# libc6 or systemd to match its i386 packages): a test helper is not worth that risk.
upgrades=$($SUDO apt-get install -s --no-install-recommends wine wine32:i386 2>>"$log" \
    | grep -c '^Inst [^ ]* \[')
if [ "${upgrades:-0}" -gt 0 ]; then
    [ -n "$added" ] && $SUDO dpkg --remove-architecture i386 2>/dev/null && $SUDO apt-get update -qq >/dev/null 2>&1
    fail "installing Wine would upgrade $upgrades installed packages; not done"
fi
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        wine wine32:i386 >>"$log" 2>&1; then
    # A half-synced i386 index makes every later `apt-get update` fail (and with it
    # ensure-system-packages.sh): take the architecture away again if we added it.
    [ -n "$added" ] && $SUDO dpkg --remove-architecture i386 2>/dev/null && $SUDO apt-get update -qq >/dev/null 2>&1
    fail "apt-get install wine wine32:i386 failed: $(grep '^E:' "$log" | head -3 | tr '\n' ' ')"
fi
rm -f "$log" "$reason_file"
