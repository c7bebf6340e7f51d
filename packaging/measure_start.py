"""Time start-to-window-shown of a program that prints a line starting with a marker.

    python packaging/measure_start.py [--runs 7] [--marker shown] -- PROGRAM ARGS...

Runs PROGRAM several times (offscreen unless QT_QPA_PLATFORM is set), measures the
wall time from launch to the first stdout line that starts with the marker, and prints
every run and the median in milliseconds. The first run is a warm-up (page cache) and
is reported but left out of the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def time_to_marker(command: list[str], marker: str, env: dict[str, str]) -> float:
    """Return seconds from launch until `command` prints a line starting with `marker`."""
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(marker):
                elapsed = time.perf_counter() - start
                process.stdout.close()
                process.wait(timeout=60)
                return elapsed
        process.wait(timeout=60)
    raise RuntimeError(f"{command[0]} exited ({process.returncode}) without printing {marker!r}")


def main(argv: list[str]) -> int:
    """Measure and print the runs and their median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--marker", default="shown")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    times = [time_to_marker(command, args.marker, env) for _ in range(args.runs + 1)]
    print("runs (ms):", " ".join(f"{t * 1000:.0f}" for t in times), "(first is warm-up)")
    print(f"median (ms): {statistics.median(times[1:]) * 1000:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
