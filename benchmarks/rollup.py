"""Roll-up mode at 300 cells: taking in a month's packages, and writing what goes up.

Budget (issue 17): importing 300 cells' packages for a month and writing the consolidated report
(Word) and the summary (Excel) takes under 10 s; the same on PostgreSQL on this machine takes at
most 2x SQLite. Each run starts from a fresh desk (a new data folder; on PostgreSQL a new
database, dropped after) with the profile saved and the 300 cells registered, untimed; the
packages are written once, each with the same real .docx as the cell's own report.

PostgreSQL is measured on --database-url (a server whose user may CREATE DATABASE; each run makes
its own rollup_bench_<n> there and drops it after), or else on a throwaway server started here
with PostgreSQL's default (durable) settings (tests/postgres_server.py); with neither, the table
says it was not measured.

Usage: python benchmarks/rollup.py [--cells 300] [--runs 3] [--database-url postgresql+psycopg://...]
Prints a markdown table; exits 0 when it could measure.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/rollup_packages.py writes the packages with the project's writer

TODAY = dt.date(2026, 11, 25)
PERIOD = "2026-11"
BUDGET_S = 10.0
RATIO_BUDGET = 2.0
PARTS = ("import", "Word", "Excel", "total")


def _profile():
    from cell_desk.domain.profile import CellProfile

    return CellProfile(cell_name="Đảng ủy Cơ quan Sở Tài chính", upper_body="Đảng bộ Khối các cơ quan tỉnh",
                       place_name="Bắc Ninh", secretary_name="Nguyễn Thị Hoa", signing_authority="T/M ĐẢNG ỦY",
                       issuer_code="ĐU")


def cell_names(count: int) -> list[str]:
    return [f"Chi bộ số {n}" for n in range(1, count + 1)]


def sample_docx(folder: Path) -> bytes:
    """A real Word report to stand for each cell's own: the consolidated report of an empty desk,
    written by the project's exporter (in a throwaway folder, so no desk measured is touched)."""
    from cell_desk.app import open_services
    from cell_desk.services.clock import fixed_clock

    services = open_services(folder / "mau", clock=fixed_clock(TODAY))
    try:
        services.settings.save_profile(_profile())
        target = services.rollup.export_consolidated(PERIOD, folder / "mau.docx")
    finally:
        services.close()
    return Path(target).read_bytes()


def write_packages(folder: Path, count: int, report_docx: bytes) -> None:
    from tests.rollup_packages import make_package, write_package

    for n, name in enumerate(cell_names(count)):
        package = make_package(name, PERIOD, made_on=dt.date(2026, 11, 10 + n % 14), activities=1 + n % 5, seed=n,
                               results=f"- {name} tổ chức {1 + n % 5} hoạt động tuyên truyền về Nghị quyết Đại hội "
                                       "XIV; quán triệt đến toàn thể đảng viên.",
                               proposals="Đề nghị cấp thêm tài liệu học tập." if n % 3 == 0 else "",
                               meeting=n % 7 != 0)
        write_package(folder, package, f"goi-{n + 1:03d}-{PERIOD}.zip", report_docx=report_docx)


def one_run(open_desk: Callable[[], object], packages: Path, out: Path, count: int) -> dict[str, float]:
    """Seconds of each part on a fresh desk (the setup before them untimed)."""
    services = open_desk()
    try:
        services.settings.save_profile(_profile())
        services.rollup.set_enabled(True)
        services.rollup.register_many("\n".join(cell_names(count)))
        out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        result = services.rollup.import_paths([packages])
        imported = time.perf_counter()
        services.rollup.export_consolidated(PERIOD, out / "tong-hop.docx")
        worded = time.perf_counter()
        services.rollup.export_summary([PERIOD], out / "tong-hop.xlsx")
        done = time.perf_counter()
        if result.added != count:
            raise SystemExit(f"expected {count} packages taken in, got: {result.summary()}")
    finally:
        services.close()
    return {"import": imported - started, "Word": worded - imported, "Excel": done - worded, "total": done - started}


def measure(open_desk: Callable[[int], contextlib.AbstractContextManager], packages: Path, work: Path,
            count: int, runs: int) -> list[dict[str, float]]:
    timings = []
    for run in range(runs):
        with open_desk(run) as opener:
            timings.append(one_run(opener, packages, work / f"out-{run}", count))
    return timings


def sqlite_desks(work: Path) -> Callable[[int], contextlib.AbstractContextManager]:
    from cell_desk.app import open_services
    from cell_desk.services.clock import fixed_clock

    @contextlib.contextmanager
    def desk(run: int) -> Iterator[Callable[[], object]]:
        yield lambda: open_services(work / f"sqlite-{run}", clock=fixed_clock(TODAY))

    return desk


def postgres_desks(url: str, work: Path) -> Callable[[int], contextlib.AbstractContextManager]:
    """A fresh database per run, made and dropped through the server's maintenance connection."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from cell_desk.app import open_services
    from cell_desk.services.clock import fixed_clock

    from cell_desk.storage.server import server_url

    base = make_url(server_url(url))

    @contextlib.contextmanager
    def desk(run: int) -> Iterator[Callable[[], object]]:
        name = f"rollup_bench_{run}"
        admin = create_engine(base.set(database=base.database or "postgres")).execution_options(
            isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))  # a crashed earlier run's
                connection.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0'))
            try:
                database_url = base.set(database=name).render_as_string(hide_password=False)
                yield lambda: open_services(work / f"pg-{run}", clock=fixed_clock(TODAY), database_url=database_url)
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()

    return desk


def _fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _runs(timings: list[dict[str, float]], part: str) -> str:
    return "" if len(timings) < 2 else f" (runs: {', '.join(f'{t[part]:.2f}' for t in timings)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", help="a PostgreSQL server to measure on as well (postgresql+psycopg://…)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        packages = work / "goi-thang-11"
        write_packages(packages, args.cells, sample_docx(work))
        size = sum(path.stat().st_size for path in packages.iterdir()) / 1e6

        sqlite = measure(sqlite_desks(work), packages, work, args.cells, args.runs)
        with contextlib.ExitStack() as stack:
            url, source = args.database_url, "--database-url"
            if not url:
                from tests.postgres_server import server_programs, throwaway_server

                if server_programs() is not None:
                    url = stack.enter_context(throwaway_server(durable=True))
                    source = "a server started on this machine with PostgreSQL's default settings"
            postgres = measure(postgres_desks(url, work), packages, work, args.cells, args.runs) if url else None

    print(f"## Roll-up, {args.cells} cells' packages for {PERIOD} ({size:.1f} MB of .zip; best of {args.runs})")
    print()
    print("| measure | result | budget | verdict |")
    print("|---|---|---|---|")
    engines = [("SQLite", sqlite)] + ([("PostgreSQL", postgres)] if postgres else [])
    for engine, timings in engines:
        best = {part: min(t[part] for t in timings) for part in PARTS}
        print(f"| {engine}: import {args.cells} packages | {_fmt(best['import'])}{_runs(timings, 'import')} | | |")
        print(f"| {engine}: consolidated report, Word | {_fmt(best['Word'])}{_runs(timings, 'Word')} | | |")
        print(f"| {engine}: summary table, Excel | {_fmt(best['Excel'])}{_runs(timings, 'Excel')} | | |")
        print(f"| {engine}: total | {_fmt(best['total'])}{_runs(timings, 'total')} | < {BUDGET_S:.0f} s | "
              f"{'OK' if best['total'] < BUDGET_S else 'OVER BUDGET'} |")
    if postgres:
        ratio = min(t["total"] for t in postgres) / min(t["total"] for t in sqlite)
        print(f"| PostgreSQL / SQLite, total ({source}) | {ratio:.2f}x | ≤ {RATIO_BUDGET:.0f}x | "
              f"{'OK' if ratio <= RATIO_BUDGET else 'OVER BUDGET'} |")
    else:
        print()
        print("PostgreSQL: not measured (give --database-url, or install the Debian package postgresql)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
