#!/bin/sh
# The environment PyInstaller bundles the Linux program from (make bundle):
#
#   packaging/linux/bundle-env.sh VENV REQUIREMENT...
#
# VENV is a venv of the interpreter build-python.sh makes (glibc floor 2.28, cached
# outside the clone). The requirements are installed from wheels whose tags allow at
# most manylinux_2_28, downloaded by the project's .venv (that interpreter has no
# OpenSSL, so it cannot fetch from an https index itself) — a newer manylinux wheel
# would raise the floor again. The project itself is not installed: the spec finds
# forms/ and desktop/ in the source tree.
set -eu
venv=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
python=$("$here/build-python.sh")
arch=$(uname -m)
wheels="$(dirname "$venv")/bundle-wheels"
platforms="--platform manylinux2014_$arch"
minor=17
while [ "$minor" -le 28 ]; do
    platforms="$platforms --platform manylinux_2_${minor}_$arch"
    minor=$((minor + 1))
done
rm -rf "$venv" "$wheels"
# shellcheck disable=SC2086
.venv/bin/python -m pip download -q --dest "$wheels" --only-binary=:all: \
    --implementation cp --python-version 3.11 --abi cp311 --abi abi3 --abi none \
    $platforms "$@"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --no-index --find-links "$wheels" "$@"
"$venv/bin/python" -c 'import sys, sqlite3, lzma, bz2, zlib, ctypes; print("bundle env:", sys.version.split()[0], "sqlite", sqlite3.sqlite_version)'
