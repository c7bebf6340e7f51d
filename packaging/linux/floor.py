#!/usr/bin/env python3
"""The oldest Linux a bundle runs on: the symbol versions its ELF files ask for.

    floor.py BUNDLE_DIR                 lists every ELF file with the highest GLIBC_,
                                        GLIBCXX_ and CXXABI_ version it needs; exit 1
                                        when one is above the floor (or libstdc++ /
                                        libgcc_s is bundled, or GLIBC_PRIVATE is used)
    floor.py --depends BUNDLE_DIR       prints the Depends entries these versions
                                        mean: libc6 (>= …), libstdc++6 (>= …), libgcc

The floor defaults to 统信UOS 20 (glibc 2.28, GCC 8's libstdc++: GLIBCXX_3.4.25,
CXXABI_1.3.11); 银河麒麟 V10 (glibc 2.31, GCC 9) has more. Versions are read with
`objdump -T` (the undefined dynamic symbols and the version each asks for) and
`objdump -p` (NEEDED). Standard library only: build-deb.sh runs it with any python3.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

FAMILIES = ("GLIBC", "GLIBCXX", "CXXABI")
FLOOR = {"GLIBC": "2.28", "GLIBCXX": "3.4.25", "CXXABI": "1.3.11"}
# Left to the system: libstdc++6 from the distribution's own GCC (Depends), never a
# copy from the build machine, whose newer one would need a newer glibc.
NOT_BUNDLED = ("libstdc++.so", "libgcc_s.so")
# First GCC release whose libstdc++ defines the version (libstdc++ manual, "ABI
# Policy and Guidelines"); Debian's libstdc++6 is versioned like its GCC.
GCC_OF_GLIBCXX = {
    "3.4.20": "4.9", "3.4.21": "5", "3.4.22": "6", "3.4.23": "7", "3.4.24": "7.2",
    "3.4.25": "8", "3.4.26": "9", "3.4.27": "9.2", "3.4.28": "9.3", "3.4.29": "11",
    "3.4.30": "12", "3.4.31": "13", "3.4.32": "13.2", "3.4.33": "14",
}  # fmt: skip
GCC_OF_CXXABI = {
    "1.3.8": "4.9", "1.3.9": "5", "1.3.10": "6", "1.3.11": "7", "1.3.12": "9",
    "1.3.13": "11", "1.3.14": "13", "1.3.15": "14",
}  # fmt: skip
# objdump -T: "0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.2.5) free"
# (older binutils print the version without parentheses).
UNDEFINED = re.compile(
    r"\*UND\*\s+[0-9a-fA-F]+\s+\(?(GLIBC|GLIBCXX|CXXABI)_([0-9][0-9.]*|PRIVATE)\)?"
)
NEEDED = re.compile(r"^\s+NEEDED\s+(\S+)", re.MULTILINE)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass
class ElfFile:
    path: Path
    highest: dict[str, str] = field(default_factory=dict)  # family -> version
    needed: list[str] = field(default_factory=list)
    private: bool = False

    def problems(self, floor: dict[str, str]) -> list[str]:
        found = [
            f"{family}_{version} > {family}_{floor[family]}"
            for family, version in self.highest.items()
            if version_key(version) > version_key(floor[family])
        ]
        if self.private:
            found.append("GLIBC_PRIVATE (tied to one glibc build)")
        if self.path.name.startswith(NOT_BUNDLED):
            found.append("bundled; must come from the system (Depends)")
        return found


def is_elf(path: Path) -> bool:
    """Return True for an ELF executable or shared library (not an object file)."""
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        header = handle.read(18)
    if len(header) < 18 or header[:4] != b"\x7fELF":
        return False
    e_type = int.from_bytes(header[16:18], "little" if header[5] == 1 else "big")
    return e_type in (2, 3)  # ET_EXEC, ET_DYN


def read_elf(path: Path) -> ElfFile:
    result = subprocess.run(
        ["objdump", "-T", "-p", str(path)], capture_output=True, text=True, check=True
    )
    elf = ElfFile(path)
    for family, version in UNDEFINED.findall(result.stdout):
        if version == "PRIVATE":
            elf.private = True
        elif family not in elf.highest or version_key(version) > version_key(elf.highest[family]):
            elf.highest[family] = version
    elf.needed = NEEDED.findall(result.stdout)
    return elf


def scan(bundle: Path) -> list[ElfFile]:
    return [read_elf(path) for path in sorted(bundle.rglob("*")) if is_elf(path)]


def highest(files: list[ElfFile], family: str) -> tuple[str, Path] | None:
    found = [(f.highest[family], f.path) for f in files if family in f.highest]
    return max(found, key=lambda item: version_key(item[0])) if found else None


def gcc_for(table: dict[str, str], version: str) -> str:
    """Return the first GCC whose libstdc++ has `version` (the newest known if beyond)."""
    known = sorted(table, key=version_key)
    for candidate in known:
        if version_key(candidate) >= version_key(version):
            return table[candidate]
    raise SystemExit(f"floor.py: no GCC known for version {version}; extend the table")


def depends(files: list[ElfFile]) -> list[str]:
    """Return the Depends entries for the system libraries the bundle's files need."""
    entries = []
    glibc = highest(files, "GLIBC")
    if glibc:
        entries.append(f"libc6 (>= {glibc[0]})")
    gccs = [gcc_for(table, found[0])
            for family, table in (("GLIBCXX", GCC_OF_GLIBCXX), ("CXXABI", GCC_OF_CXXABI))
            if (found := highest(files, family))]  # fmt: skip
    needs_libstdcxx = any(n.startswith("libstdc++.so") for f in files for n in f.needed)
    if gccs or needs_libstdcxx:
        gcc = max(gccs, key=version_key) if gccs else "4.9"
        entries.append(f"libstdc++6 (>= {gcc})")
    if any(n.startswith("libgcc_s.so") for f in files for n in f.needed):
        # Debian 11+ / Kylin V10 name it libgcc-s1; Debian 10 / UOS 20 libgcc1.
        entries.append("libgcc-s1 | libgcc1")
    return entries


def report(bundle: Path, files: list[ElfFile], floor: dict[str, str]) -> int:
    width = max((len(str(f.path.relative_to(bundle))) for f in files), default=10)
    print(f"{'file':<{width}}  " + "  ".join(f"{family:<8}" for family in FAMILIES))
    failures = 0
    for elf in files:
        cells = "  ".join(f"{elf.highest.get(family, '-'):<8}" for family in FAMILIES)
        problems = elf.problems(floor)
        failures += bool(problems)
        mark = f"  <-- {'; '.join(problems)}" if problems else ""
        print(f"{elf.path.relative_to(bundle)!s:<{width}}  {cells}{mark}")
    summary = []
    for family in FAMILIES:
        found = highest(files, family)
        if found:
            summary.append(f"{family}_{found[0]} ({found[1].relative_to(bundle)})")
    print(f"{len(files)} ELF files; highest: " + ", ".join(summary))
    print("floor: " + ", ".join(f"{family}_{floor[family]}" for family in FAMILIES))
    if failures:
        print(f"FAIL: {failures} file(s) above the floor or not to be bundled")
        return 1
    print("ok: every file runs on the floor")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--depends", action="store_true", help="print the Depends entries")
    for family in FAMILIES:
        parser.add_argument(f"--{family.lower()}", default=FLOOR[family], metavar="VERSION")
    args = parser.parse_args(argv)
    files = scan(args.bundle)
    if not files:
        print(f"floor.py: no ELF file in {args.bundle}", file=sys.stderr)
        return 2
    if args.depends:
        print(", ".join(depends(files)))
        return 0
    floor = {family: getattr(args, family.lower()) for family in FAMILIES}
    return report(args.bundle, files, floor)


if __name__ == "__main__":
    sys.exit(main())
