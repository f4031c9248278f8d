"""The desktop bundle: its size against a bare PySide6 QMainWindow built the same way (the same
spec, CELL_DESK_BARE_BUNDLE=1), and its --smoke start against running from source.

Budgets (issue 8): the bundle folder at most 1.10x the bare bundle; --smoke from the bundle within
1.3x of --smoke from source. Sizes count bytes of files (symbolic links as links, as `du -sb`).
Usage: python benchmarks/bundle.py [--rounds 7]
Builds both bundles in a temporary folder (about a minute each); prints a markdown table; exits 0
when it could measure.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE_BUDGET = 1.10
START_BUDGET = 1.3


def build(work: Path, bare: bool) -> Path:
    env = dict(os.environ, CELL_DESK_BARE_BUNDLE="1" if bare else "0")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                    str(ROOT / "installer" / "cell_desk.spec")], check=True, env=env, cwd=ROOT)
    return work / "dist" / ("BareWindow" if bare else "CellDesk")


def folder_bytes(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        total += path.lstat().st_size if path.is_symlink() or path.is_file() else 0
    return total


def smoke_seconds(argv: list[str], data_dir: Path, rounds: int) -> list[float]:
    """Wall time of whole `--smoke` processes, from spawn to exit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run([*argv, "--data-dir", str(data_dir), "--smoke"], check=True, env=env,
                       capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        bare = build(work / "bare", bare=True)
        bundle = build(work / "app", bare=False)
        bare_size, bundle_size = folder_bytes(bare), folder_bytes(bundle)
        data_dir = work / "data"
        smoke_seconds([str(bundle / "CellDesk")], data_dir, 1)  # first run creates the database
        from_bundle, from_source = [], []
        for _ in range(args.rounds):  # interleaved, so both see the same machine load
            from_bundle += smoke_seconds([str(bundle / "CellDesk")], data_dir, 1)
            from_source += smoke_seconds([sys.executable, "-m", "cell_desk"], data_dir, 1)
    size_ratio = bundle_size / bare_size
    start_ratio = statistics.median(from_bundle) / statistics.median(from_source)
    print(f"## Desktop bundle (PyInstaller, one folder; --smoke median of {args.rounds})")
    print()
    print("| measure | result | budget | verdict |")
    print("|---|---|---|---|")
    print(f"| bundle folder | {bundle_size / 1e6:.1f} MB vs {bare_size / 1e6:.1f} MB bare QMainWindow = "
          f"{size_ratio:.3f}x | ≤ {SIZE_BUDGET}x | {'OK' if size_ratio <= SIZE_BUDGET else 'OVER BUDGET'} |")
    print(f"| `--smoke`, whole process | {statistics.median(from_bundle) * 1000:.0f} ms from the bundle vs "
          f"{statistics.median(from_source) * 1000:.0f} ms from source = {start_ratio:.2f}x | ≤ {START_BUDGET}x | "
          f"{'OK' if start_ratio <= START_BUDGET else 'OVER BUDGET'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
