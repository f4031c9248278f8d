"""Runs every benchmark of Cell Desk with this interpreter and prints their tables.

Usage: python benchmarks/run_all.py [--quick]
  --quick  fewer rounds/runs (start-up: 5 rounds; tree: 3 runs) for a fast look.

Each benchmark reports its budgets as OK / OVER BUDGET and exits 0 when it could
measure; this script exits non-zero only when a benchmark itself failed to run.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    ("startup.py", [], ["--rounds", "5"]),
    ("startup_breakdown.py", [], ["--rounds", "3"]),
    ("tree_open.py", [], ["--runs", "3"]),
    ("plan_import.py", [], ["--runs", "1"]),
    ("pdf_readers.py", [], ["--runs", "1"]),
    ("pdf_import.py", [], ["--runs", "1"]),
    ("ocr.py", [], ["--runs", "1"]),
    ("activity_log.py", [], ["--runs", "1"]),
    ("report_export.py", [], ["--runs", "3"]),
    ("bundle.py", [], ["--rounds", "3"]),
    ("rollup.py", [], ["--runs", "1"]),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and runs")
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    failures = []
    print("# Cell Desk benchmarks")
    print()
    for script, normal, quick in BENCHMARKS:
        argv = [sys.executable, str(HERE / script), *(quick if args.quick else normal)]
        started = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", errors="replace",
                                env=env, cwd=HERE.parent)
        elapsed = time.perf_counter() - started
        print(result.stdout.rstrip())
        print()
        print(f"_{script}: exit {result.returncode}, {elapsed:.0f} s._")
        print()
        if result.returncode != 0:
            failures.append(script)
            noise = "This plugin does not support propagateSizeHints()"
            errors = "\n".join(line for line in result.stderr.splitlines() if noise not in line)
            print("```")
            print(errors[-4000:])
            print("```")
            print()
    if failures:
        print(f"Failed to run: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
