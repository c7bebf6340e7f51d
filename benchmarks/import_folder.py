"""Importing a folder of published Word reports beside python-docx alone opening the
same files (issue 11: at most 1.5×). Self-contained: `import_figure(folder, count)`.

Half the files are the program's own exports, half hand-filled official templates
with one quirk each (tests/forms/template_docs.py), as a 政务公开办 receives them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.run import Figure


def import_figure(folder: Path, count: int = 200, runs: int = 3) -> Figure:
    """Return the time to import `count` Word reports beside python-docx opening them."""
    from docx import Document

    from forms.files.docx_writer import document_bytes
    from forms.files.formats import read_file
    from tests.forms.template_docs import QUIRKS, sample_report, template_docx

    reports = folder / "import-folder"
    reports.mkdir(exist_ok=True)
    exported = document_bytes(sample_report())
    paths = []
    for n in range(count):
        path = reports / f"report-{n:03}.docx"
        if n % 2:
            template_docx(sample_report(), path, {QUIRKS[n % len(QUIRKS)]})
        else:
            path.write_bytes(exported)
        paths.append(path)
    read_file(paths[0]), Document(str(paths[0]))  # modules loaded before either is timed
    opened = _best(lambda: [Document(str(p)) for p in paths], runs)
    imported = _best(lambda: [read_file(p) for p in paths], runs)
    return Figure(
        f"import {count} Word reports (vs python-docx opening)", "s", imported, opened, 1.5
    )


def _best(work: Callable[[], object], runs: int) -> float:
    """Return the best of `runs` timings of `work` in seconds (the machine is shared)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as name:
        print(import_figure(Path(name)).line())
