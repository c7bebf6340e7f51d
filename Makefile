# The whole set-up is `make run` and `make test`: each creates .venv and installs
# what it needs (system packages too, via apt-get when run as root) on a fresh machine,
# and does nothing more when everything is already installed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Reinstall the Python packages whenever pyproject.toml changes.
PY_STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# Libraries Qt needs to start (offscreen too); fonts for Chinese; LibreOffice and
# poppler to render exported documents in the tests.
SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 \
	libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
	libxcb-render-util0 libxcb-image0 libdbus-1-3 libglib2.0-0 fontconfig \
	fonts-noto-cjk libreoffice-writer-nogui libreoffice-core-nogui poppler-utils
SYS_STAMP := $(VENV)/.system-$(shell echo $(SYSTEM_PACKAGES) | cksum | cut -d' ' -f1)

export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test lint bench clean

run: $(PY_STAMP) $(SYS_STAMP)
	$(VENV)/bin/nianbao

test: $(PY_STAMP) $(SYS_STAMP) wine-if-possible
	$(VENV)/bin/ruff check forms desktop tests benchmarks
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check forms desktop tests benchmarks
	$(VENV)/bin/ruff format --check forms desktop tests benchmarks

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

$(SYS_STAMP): | $(VENV)/bin/python
	packaging/ensure-system-packages.sh $(SYSTEM_PACKAGES)
	rm -f $(VENV)/.system-*
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info

# ── Installers (issues #5, #12; packaging/README.md) ─────────────────────────
# `make bundle`: the PyInstaller onedir bundle dist/nianbao for this machine.
# `make deb`: dist/nianbao_VERSION_ARCH.deb from it (Linux). Both rebuild only when
# a source, the spec or the installed packages changed.
# On Linux the bundle is made from BUNDLE_VENV, a venv of a CPython built with zig for
# glibc 2.28 (packaging/linux/build-python.sh; cached in ~/.cache/nianbao, so only the
# first build on a machine compiles it), so the .deb runs on 统信UOS 20 / 银河麒麟 V10
# whatever glibc this machine has; packaging/linux/floor.py checks every ELF file.
PYINSTALLER_REQ := pyinstaller>=6.10,<7
BUILD_PACKAGES := binutils curl tcl make debootstrap
BUILD_STAMP := $(VENV)/.build-system-$(shell echo $(BUILD_PACKAGES) | cksum | cut -d' ' -f1)
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
BUNDLE := dist/nianbao/nianbao
DEB := dist/nianbao_$(VERSION)_$(DEB_ARCH).deb
BUNDLE_VENV := build/bundle-venv
BUNDLE_ENV_INPUTS := pyproject.toml packaging/linux/build-python.sh packaging/linux/bundle-env.sh
BUNDLE_ENV_STAMP := $(BUNDLE_VENV)/.installed-$(shell cat $(BUNDLE_ENV_INPUTS) | cksum | cut -d' ' -f1)
BUNDLE_REQS = $(shell $(PY) -c "import tomllib; print(' '.join(repr(d) for d in tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))")
BUNDLE_SOURCES := pyproject.toml packaging/nianbao.spec packaging/nianbao_launcher.py \
	packaging/rth_input_method.py resources/icons/nianbao.ico \
	$(shell find forms desktop resources -type f -not -name '*.pyc' 2>/dev/null)
DEB_SOURCES := $(wildcard packaging/linux/* resources/icons/*)

.PHONY: bundle deb

bundle: $(BUNDLE)

deb: $(DEB)

$(BUILD_STAMP): | $(VENV)/bin/python
	packaging/ensure-system-packages.sh $(BUILD_PACKAGES)
	rm -f $(VENV)/.build-system-*
	touch $@

$(BUNDLE_ENV_STAMP): $(BUNDLE_ENV_INPUTS) $(PY_STAMP) $(BUILD_STAMP)
	packaging/linux/bundle-env.sh $(BUNDLE_VENV) $(BUNDLE_REQS) '$(PYINSTALLER_REQ)'
	touch $@

# PyInstaller's cache of stripped binaries stays in build/: the one in ~/.cache is
# shared by every clone on the machine, and two builds at once corrupted its index.
$(BUNDLE): $(BUNDLE_SOURCES) $(BUNDLE_ENV_STAMP)
	PYINSTALLER_CONFIG_DIR=$(CURDIR)/build/pyinstaller-config $(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/nianbao.spec
	touch $@

$(DEB): $(BUNDLE) $(DEB_SOURCES)
	rm -f dist/nianbao_*.deb
	packaging/linux/build-deb.sh dist/nianbao $(VERSION) $@

# ── Windows installer checks on Linux (issue #16; packaging/README.md) ───────────
# 32-bit Wine runs Inno Setup's compiler in tests/packaging/test_inno_setup.py; when it
# cannot be installed the test skips and says why. Downloads (the win_amd64 wheels,
# Inno Setup, the Wine prefix) are cached outside the clone, in $(CACHE_DIR).
CACHE_DIR := $(or $(NIANBAO_CACHE),$(XDG_CACHE_HOME),$(HOME)/.cache)/nianbao
.PHONY: wine-if-possible
wine-if-possible:
	@mkdir -p $(CACHE_DIR) && packaging/windows/ensure-wine.sh $(CACHE_DIR)/wine-unavailable.txt

# ── Benchmarks (issue #13; benchmarks/README.md) ────────────────────────────────
# Every figure beside its baseline (benchmarks/README.md), the bundled program's start
# beside the bundled bare window's: both bundles are built first.
BARE_BUNDLE := dist/baseline/bare_window/bare_window
bench: $(PY_STAMP) $(SYS_STAMP) $(BUNDLE) $(BARE_BUNDLE)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run --bundle $(BUNDLE) \
		--baseline-bundle $(BARE_BUNDLE)

# Bundled the same way as the program: the same interpreter and PyInstaller.
$(BARE_BUNDLE): packaging/baseline/bare_window.py packaging/baseline/bare_window.spec $(BUNDLE_ENV_STAMP)
	PYINSTALLER_CONFIG_DIR=$(CURDIR)/build/pyinstaller-config $(BUNDLE_VENV)/bin/pyinstaller \
		--noconfirm --log-level WARN --distpath dist/baseline --workpath build/baseline \
		packaging/baseline/bare_window.spec
	touch $@
