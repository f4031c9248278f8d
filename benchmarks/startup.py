"""Start-up of `cell-desk --first-paint` against a bare PySide6 window, measured in the same run.

`--first-paint` ends the program at its first paint, before the data file is opened (its checks,
SQLAlchemy, Alembic and the services come after the paint); `--smoke`, which ends once the data
is open and the window is fully alive, is timed alongside for information.

Each round starts both programs once, alternating which goes first, so that machine
noise (other processes, CPU frequency, disk cache) falls on both sides alike. For each
child process we record:

* wall time of the whole process (perf_counter around Popen .. wait4),
* the time the program reports itself (from its first line of Python to the first paint),
* peak resident memory (ru_maxrss from os.wait4, KiB on Linux).

A second part runs the app once under `python -X importtime` and checks that the
document libraries (docx, openpyxl) are not imported at start-up.

Budgets are reported as OK / OVER BUDGET; the script always exits 0 when it could measure.

Usage: python benchmarks/startup.py [--rounds N]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

WALL_RATIO_BUDGET = 2.5
RSS_RATIO_BUDGET = 1.4
LAZY_MODULES = ("docx", "openpyxl", "sqlalchemy", "alembic")

# A bare QMainWindow measured the way cell_desk/ui/launcher.py measures the main window.
BASELINE_SCRIPT = (Path(__file__).resolve().parent / "bare_window.py").read_text(encoding="utf-8")

SELF_REPORTED = re.compile(r"(\d+(?:\.\d+)?)\s*ms")


def child_env(pycache_dir: str | None) -> dict[str, str]:
    """Offscreen Qt; with pycache_dir, bytecode cached there (outside the repo) as an installed app has it."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("PYTHONIOENCODING", "utf-8")
    if pycache_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache_dir
    return env


def run_measured(argv: list[str], env: dict[str, str]) -> dict:
    """Runs one child; returns wall ms, self-reported ms, peak RSS MB and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    # Outputs are tiny (one line); read them after the exit so wait4 gets the rusage.
    _pid, status, rusage = os.wait4(process.pid, 0)
    wall_ms = (time.perf_counter() - started) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    stdout = process.stdout.read().decode("utf-8", "replace")
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stdout.close()
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{argv!r} exited with {process.returncode}:\n{stdout}\n{stderr}")
    match = SELF_REPORTED.search(stdout)
    if match is None:
        raise RuntimeError(f"{argv!r} printed no time:\n{stdout}\n{stderr}")
    return {
        "wall_ms": wall_ms,
        "self_ms": float(match.group(1)),
        "rss_mb": rusage.ru_maxrss / 1024,  # KiB on Linux
        "stdout": stdout.strip(),
    }


def median(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER BUDGET"


def parse_importtime(stderr: str) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module with its indentation) for each `import time:` line."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line.split(":", 1)[1].split("|")
        if len(parts) != 3:
            continue
        self_us, cumulative_us, name = parts
        rows.append((int(self_us), int(cumulative_us), name.rstrip()))
    return rows


def import_check(data_dir: str, env: dict[str, str]) -> tuple[list[str], list[tuple[int, int, str]]]:
    argv = [sys.executable, "-X", "importtime", "-m", "cell_desk", "--data-dir", data_dir, "--first-paint"]
    result = subprocess.run(argv, capture_output=True, env=env, cwd=REPO)
    if result.returncode != 0:
        raise RuntimeError(f"importtime run failed ({result.returncode}):\n{result.stderr.decode(errors='replace')[-3000:]}")
    rows = parse_importtime(result.stderr.decode("utf-8", "replace"))
    offenders = []
    for _self, _cumulative, name in rows:
        module = name.strip()
        if module.split(".")[0] in LAZY_MODULES:
            offenders.append(module)
    return offenders, rows


def _count_activities(data_dir: str) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(os.path.join(data_dir, "cell_desk.sqlite3"))) as conn:
        return conn.execute("SELECT count(*) FROM activities").fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15, help="rounds of (app, baseline) pairs (default 15)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="keep this environment's bytecode settings (by default the children cache .pyc "
                             "files in a temporary PYTHONPYCACHEPREFIX, as an installed app would have them)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cell-desk-bench-") as tmp:
        env = child_env(None if args.no_bytecode_cache else os.path.join(tmp, "pycache"))
        data_dir = os.path.join(tmp, "data")
        baseline_path = os.path.join(tmp, "baseline_window.py")
        Path(baseline_path).write_text(BASELINE_SCRIPT, encoding="utf-8")
        app_argv = [sys.executable, "-m", "cell_desk", "--data-dir", data_dir, "--first-paint"]
        ready_argv = [sys.executable, "-m", "cell_desk", "--data-dir", data_dir, "--smoke"]
        base_argv = [sys.executable, baseline_path]

        # Untimed warm-up: creates and migrates the database, loads the bundled plan,
        # and warms the page cache for both programs.
        # the data folder: the bundled plans and 1,000 activities in the log
        subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", data_dir, "demo-data", "--activities", "1000"],
                       check=True, capture_output=True, env=env, cwd=REPO)
        warm = run_measured(ready_argv, env)
        run_measured(app_argv, env)
        run_measured(base_argv, env)

        rows: dict[str, list[dict]] = {"app": [], "base": [], "ready": []}
        for round_no in range(args.rounds):
            order = [("app", app_argv), ("base", base_argv), ("ready", ready_argv)]
            if round_no % 2:
                order.reverse()
            for name, argv in order:
                rows[name].append(run_measured(argv, env))
        app_rows, base_rows, ready_rows = rows["app"], rows["base"], rows["ready"]
        data_activities = _count_activities(data_dir)

        offenders, import_rows = import_check(data_dir, env)

    app_wall, base_wall = median(app_rows, "wall_ms"), median(base_rows, "wall_ms")
    app_self, base_self = median(app_rows, "self_ms"), median(base_rows, "self_ms")
    app_rss, base_rss = median(app_rows, "rss_mb"), median(base_rows, "rss_mb")
    wall_ratio, self_ratio, rss_ratio = app_wall / base_wall, app_self / base_self, app_rss / base_rss

    print(f"## Start-up: `cell-desk --first-paint` vs bare PySide6 window ({args.rounds} interleaved rounds, medians, "
          f"data folder with {data_activities} activities)")
    print()
    if args.no_bytecode_cache:
        bytecode = ("bytecode as this environment has it"
                    + (" (PYTHONDONTWRITEBYTECODE set: cell_desk compiled at every start)"
                       if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""))
    else:
        bytecode = "bytecode cached by the warm-up run in a temporary PYTHONPYCACHEPREFIX"
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, QT_QPA_PLATFORM=offscreen, {bytecode}. "
          f"Warm-up app output: “{warm['stdout']}”.")
    print()
    print("| measure | cell-desk --first-paint | bare PySide6 | ratio | budget | result |")
    print("|---|---:|---:|---:|---:|---|")
    print(f"| wall time of process (ms) | {app_wall:.0f} | {base_wall:.0f} | {wall_ratio:.2f}× "
          f"| ≤ {WALL_RATIO_BUDGET}× | {verdict(wall_ratio <= WALL_RATIO_BUDGET)} |")
    print(f"| self-reported to first paint (ms) | {app_self:.0f} | {base_self:.0f} | {self_ratio:.2f}× | – | – |")
    print(f"| peak RSS (MB) | {app_rss:.1f} | {base_rss:.1f} | {rss_ratio:.2f}× "
          f"| ≤ {RSS_RATIO_BUDGET}× | {verdict(rss_ratio <= RSS_RATIO_BUDGET)} |")
    ready_wall, ready_rss = median(ready_rows, "wall_ms"), median(ready_rows, "rss_mb")
    print(f"| `--smoke`: data open, window alive (wall ms / peak MB; for information) | {ready_wall:.0f} / {ready_rss:.1f} "
          f"| – | {ready_wall / base_wall:.2f}× / {ready_rss / base_rss:.2f}× | – | – |")
    print()
    print("Spread (min – max): "
          f"app wall {min(r['wall_ms'] for r in app_rows):.0f}–{max(r['wall_ms'] for r in app_rows):.0f} ms, "
          f"baseline wall {min(r['wall_ms'] for r in base_rows):.0f}–{max(r['wall_ms'] for r in base_rows):.0f} ms; "
          f"app RSS {min(r['rss_mb'] for r in app_rows):.1f}–{max(r['rss_mb'] for r in app_rows):.1f} MB, "
          f"baseline RSS {min(r['rss_mb'] for r in base_rows):.1f}–{max(r['rss_mb'] for r in base_rows):.1f} MB.")
    print()

    print("## Lazy imports before the first paint (`python -X importtime -m cell_desk --first-paint`)")
    print()
    print("| check | found | result |")
    print("|---|---|---|")
    for lazy in LAZY_MODULES:
        hits = [m for m in offenders if m.split(".")[0] == lazy]
        shown = ", ".join(hits[:5]) + (" …" if len(hits) > 5 else "") if hits else "none"
        print(f"| `{lazy}` not imported | {shown} | {verdict(not hits)} |")
    print()
    total_us = sum(self_us for self_us, _c, _n in import_rows)
    print(f"{len(import_rows)} modules imported, {total_us / 1000:.0f} ms of import time in total "
          "(inflated by -X importtime itself).")
    print()
    print("10 biggest cumulative imports (nested ones included; for information):")
    print()
    print("| # | module | cumulative (ms) | self (ms) |")
    print("|---:|---|---:|---:|")
    biggest = sorted(import_rows, key=lambda row: row[1], reverse=True)[:10]
    for rank, (self_us, cumulative_us, name) in enumerate(biggest, 1):
        depth = (len(name) - len(name.lstrip())) // 2
        print(f"| {rank} | `{name.strip()}` (depth {depth}) | {cumulative_us / 1000:.1f} | {self_us / 1000:.1f} |")
    print()
    top_level: dict[str, int] = {}
    for self_us, _c, name in import_rows:
        root = name.strip().split(".")[0]
        top_level[root] = top_level.get(root, 0) + self_us
    print("Import time by top-level package (sum of self times; for information):")
    print()
    print("| package | self total (ms) |")
    print("|---|---:|")
    for root, us in sorted(top_level.items(), key=lambda kv: kv[1], reverse=True)[:10]:
        print(f"| `{root}` | {us / 1000:.1f} |")
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
