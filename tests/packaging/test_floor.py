"""The glibc floor of the Linux bundle: packaging/linux/floor.py on the bundle `make deb`
builds, and on files made to break it (so the check can fail)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT

FLOOR_PY = ROOT / "packaging" / "linux" / "floor.py"
_spec = importlib.util.spec_from_file_location("floor", FLOOR_PY)
floor = importlib.util.module_from_spec(_spec)
sys.modules["floor"] = floor  # dataclasses look their module up there
_spec.loader.exec_module(floor)

needs_objdump = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("objdump") is None,
    reason="needs Linux and objdump (apt: binutils)",
)


def _run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(FLOOR_PY), *map(str, args)], capture_output=True, text=True
    )


def _elf(name: str, **highest: str) -> floor.ElfFile:
    return floor.ElfFile(Path(name), highest=highest, needed=["libc.so.6"])


def test_depends_from_the_highest_versions() -> None:
    files = [
        _elf("libpython3.11.so.1.0", GLIBC="2.17"),
        _elf("libQt6Core.so.6", GLIBC="2.28", GLIBCXX="3.4.22", CXXABI="1.3.11"),
        _elf("libicuuc.so.73", GLIBC="2.14", GLIBCXX="3.4.25"),
    ]
    files[1].needed += ["libstdc++.so.6", "libgcc_s.so.1"]
    assert floor.depends(files) == [
        "libc6 (>= 2.28)", "libstdc++6 (>= 8)", "libgcc-s1 | libgcc1",
    ]  # fmt: skip


def test_depends_of_a_c_only_bundle_names_no_cxx_runtime() -> None:
    assert floor.depends([_elf("python", GLIBC="2.9")]) == ["libc6 (>= 2.9)"]


def test_gcc_of_a_version_between_the_table_entries() -> None:
    assert floor.gcc_for(floor.GCC_OF_GLIBCXX, "3.4.25") == "8"
    assert floor.gcc_for(floor.GCC_OF_GLIBCXX, "3.4.30") == "12"
    assert floor.gcc_for(floor.GCC_OF_CXXABI, "1.3.12") == "9"


def test_problems_above_the_floor_private_and_bundled_runtime() -> None:
    assert _elf("ok.so", GLIBC="2.28", GLIBCXX="3.4.25").problems(floor.FLOOR) == []
    assert _elf("new.so", GLIBC="2.34").problems(floor.FLOOR) == ["GLIBC_2.34 > GLIBC_2.28"]
    assert _elf("cxx.so", GLIBCXX="3.4.30").problems(floor.FLOOR) == [
        "GLIBCXX_3.4.30 > GLIBCXX_3.4.25"
    ]
    private = _elf("p.so", GLIBC="2.2.5")
    private.private = True
    assert private.problems(floor.FLOOR) == ["GLIBC_PRIVATE (tied to one glibc build)"]
    assert _elf("libstdc++.so.6", GLIBC="2.17").problems(floor.FLOOR) == [
        "bundled; must come from the system (Depends)"
    ]


@needs_objdump
def test_fails_on_this_machines_libstdcxx(tmp_path: Path) -> None:
    """A copy of the build machine's libstdc++ (Debian 12: GLIBC_2.36) is caught twice:
    above the floor and not to be bundled."""
    found = sorted(Path("/usr/lib").rglob("libstdc++.so.6.*"))
    if not found:
        pytest.skip("no libstdc++.so.6 on this machine")
    shutil.copy(found[0], tmp_path / "libstdc++.so.6")
    result = _run(tmp_path)
    assert result.returncode == 1, result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("libstdc++.so.6"))
    assert "bundled; must come from the system" in line
    assert "FAIL: 1 file(s)" in result.stdout


@pytest.mark.slow
@needs_objdump
def test_bundle_runs_on_glibc_2_28(deb: Path, tmp_path: Path) -> None:
    """Every ELF file of the .deb's bundle needs at most GLIBC_2.28, GLIBCXX_3.4.25,
    CXXABI_1.3.11 (统信UOS 20), and its Depends are what the files ask for."""
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    bundle = tmp_path / "opt" / "nianbao"
    result = _run(bundle)
    print(result.stdout)  # the table, kept in the test log (pytest -rA / -s)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: every file runs on the floor" in result.stdout
    elf_count = int(result.stdout.splitlines()[-3].split()[0])
    assert elf_count > 50  # libpython, Qt, PySide6, lxml, lib-dynload, the executable
    assert not list(bundle.rglob("libstdc++.so*")) and not list(bundle.rglob("libgcc_s.so*"))

    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout.strip()
    computed = _run("--depends", bundle).stdout.strip()
    assert fields.startswith(computed + ", ")
    depends = dict(
        entry.rstrip(")").split(" (>= ") for entry in computed.split(", ") if "(>= " in entry
    )  # fmt: skip
    assert floor.version_key(depends["libc6"]) <= (2, 28)
    assert floor.version_key(depends["libstdc++6"]) <= (8,)
