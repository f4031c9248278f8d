"""Killed at random moments (SIGKILL: no cleanup, no last commit), the program loses nothing it
reported as saved, and its data file is always whole: activity writes, checklist edits, an Excel
import, a backup and a restore.

One helper process per scenario imports the program once and forks a worker for every round; the
test kills the worker after a random while (seeded), then checks the data file itself. Normal runs
kill CELL_DESK_CRASH_KILLS times (30 by default); CI sets 200 (.ci/run)."""
import hashlib
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("activities", "checklist", "excel_import", "backup", "restore")
# a random moment within this many seconds after the worker is ready
WINDOWS = {"activities": 0.25, "checklist": 0.25, "excel_import": 0.6, "backup": 0.4, "restore": 0.5}
IMPORT_ROWS = 120


def kill_count() -> int:
    configured = os.environ.get("CELL_DESK_CRASH_KILLS")
    if configured:
        return int(configured)
    return 200 if os.environ.get("CI") == "true" else 30


HELPER = r'''
import datetime as dt, os, sys, traceback
from pathlib import Path
from cell_desk.app import open_services, restore_backup
from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.plan import ItemStatus
from cell_desk.services.clock import fixed_clock
import cell_desk.imports.activities_xlsx, cell_desk.exports.activities_xlsx, cell_desk.storage.backups  # noqa
from openpyxl import Workbook

data = Path(sys.argv[1])
clock = fixed_clock(dt.date(2020, 8, 15))


def say(*words):
    os.write(1, (" ".join(map(str, words)) + "\n").encode())  # one write: whole lines, even when killed


def activities(services, n, _arg):
    while True:
        services.activities.add(ActivityDraft(dt.date(2020, 8, 1), "Tuyên truyền miệng", f"Hoạt động thử số {n}",
                                              item_ids=(3, 4)))
        say("done", n)
        n += 1


def checklist(services, n, arg):
    items = [int(part) for part in arg.split(",")]
    statuses = (ItemStatus.IN_PROGRESS, ItemStatus.DONE, ItemStatus.NOT_STARTED)
    while True:
        item = items[n % len(items)]
        services.checklist.update_item(item, status=statuses[n % 3], evidence=f"lần {n}")
        say("done", n, item)
        n += 1


def excel_import(services, n, _arg):
    while True:
        book = Workbook()
        sheet = book.active
        sheet.append(["Ngày", "Hình thức", "Tên hoạt động", "Nội dung"])
        for row in range(''' + str(IMPORT_ROWS) + r'''):
            sheet.append(["2020-08-03", "Tuyên truyền miệng", f"Nhập {n} dòng {row}", "nội dung " * 20])
        path = data.parent / f"nhap-{os.getpid()}.xlsx"
        book.save(path)
        preview = services.activity_excel.preview(path)
        assert preview.ready == ''' + str(IMPORT_ROWS) + r''', (preview.ready, preview.errors)
        say("begin", n)
        services.activity_excel.commit(preview)
        say("done", n)
        n += 1


def backup(services, n, arg):
    while True:
        say("begin", n)
        services.backups.backup_to(Path(arg))
        say("done", n)
        n += 1


def restore(_services, n, arg):
    sources = arg.split(",")
    while True:
        say("begin", n)
        restore_backup(data, Path(sources[n % 2]))
        say("done", n)
        n += 1


for line in sys.stdin:
    scenario, start, arg = line.split()
    pid = os.fork()
    if pid == 0:
        try:
            services = None if scenario == "restore" else open_services(data, clock=clock)
            say("ready")
            globals()[scenario](services, int(start), arg)
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
        os._exit(1)
    say("pid", pid)
    _pid, status = os.waitpid(pid, 0)
    say("reaped", os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1)
'''


class Helper:
    """The forking helper of one scenario."""

    def __init__(self, folder: Path, script: Path):
        self.errors = folder.parent / f"{folder.name}-helper.err"
        self.process = subprocess.Popen([sys.executable, str(script), str(folder)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=open(self.errors, "w"), cwd=ROOT,
                                        env=dict(os.environ, PYTHONPATH=str(ROOT)), bufsize=0)
        self.buffer = b""

    def line(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(left, 0))
            chunk = os.read(self.process.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise AssertionError(f"the helper stopped answering: {self.errors.read_text()[-3000:]}")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def round(self, scenario: str, start: int, arg: str, pause: float) -> list[list[str]]:
        """Starts a worker, kills it `pause` seconds after it is ready; the lines it wrote."""
        self.process.stdin.write(f"{scenario} {start} {arg}\n".encode())
        pid, ready, lines = None, False, []
        while pid is None or not ready:
            words = self.line().split()
            if words[0] == "pid":
                pid = int(words[1])
            elif words[0] == "ready":
                ready = True
            elif words[0] == "reaped":
                raise AssertionError(f"the worker ended by itself: {self.errors.read_text()[-3000:]}")
            else:
                lines.append(words)
        time.sleep(pause)
        os.kill(pid, signal.SIGKILL)
        while (words := self.line().split())[0] != "reaped":
            lines.append(words)
        assert words[1] == str(int(signal.SIGKILL)), f"the worker failed: {self.errors.read_text()[-3000:]}"
        return lines

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _integrity(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _content(path: Path) -> str:
    """A digest of every row of every table: two files with the same digest hold the same data."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(path)) as conn:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def _backup_content(path: Path) -> str:
    from cell_desk.storage.backups import opened_backup

    with opened_backup(path) as inside:
        return _content(inside)


def _titles(path: Path, pattern: str) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [title for (title,) in conn.execute("SELECT title FROM activities WHERE title LIKE ?", (pattern,))]


@pytest.fixture(scope="module")
def helper_script(tmp_path_factory):
    script = tmp_path_factory.mktemp("crash") / "helper.py"
    script.write_text(HELPER, encoding="utf-8")
    return script


def _prepare(folder: Path, scenario: str, tmp_path: Path) -> str:
    """The data each scenario starts from; returns the scenario's argument."""
    import datetime as dt

    from cell_desk.app import open_services
    from cell_desk.domain.activity import ActivityDraft
    from cell_desk.services.clock import fixed_clock
    from cell_desk.services.demo import fill_activities

    services = open_services(folder, clock=fixed_clock(dt.date(2020, 8, 15)))
    try:
        if scenario == "checklist":
            return ",".join(str(item.id) for item in services.plans.plan_tree().all_items()[:12])
        if scenario in ("backup", "restore"):
            fill_activities(services.database, 3000, services.clock)  # a file that takes a while to copy
            photo = tmp_path / "anh.jpg"
            photo.write_bytes(os.urandom(2_000_000))
            services.activities.add(ActivityDraft(dt.date(2020, 8, 3), "Tuyên truyền miệng", "Có ảnh"), files=[photo])
        if scenario == "backup":
            return str(tmp_path / "usb" / "sao-luu.zip")
        if scenario == "restore":
            first = services.backups.backup_to(tmp_path / "usb" / "ban-a.sqlite3")
            fill_activities(services.database, 2000, services.clock, seed=7)
            second = services.backups.backup_to(tmp_path / "usb" / "ban-b.zip")
            return f"{first},{second}"
        return "-"
    finally:
        services.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="SIGKILL and fork")
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_kill_at_any_moment_loses_nothing_committed_and_leaves_a_whole_file(tmp_path, helper_script, scenario):
    kills = max(1, kill_count() // len(SCENARIOS) + (SCENARIOS.index(scenario) < kill_count() % len(SCENARIOS)))
    folder = tmp_path / "data"
    folder.mkdir()
    (tmp_path / "usb").mkdir()
    arg = _prepare(folder, scenario, tmp_path)
    live = folder / "cell_desk.sqlite3"
    rng = random.Random(f"crash-{scenario}")
    helper = Helper(folder, helper_script)
    sources = arg.split(",")
    contents = {source: _backup_content(Path(source)) for source in sources} if scenario == "restore" else {}
    before_backup = _content(live) if scenario == "backup" else None
    committed: dict[int, str] = {}  # activities and imports: number; checklist: item -> last reported
    last_evidence: dict[int, int] = {}
    current = _content(live)  # restore: what the live file holds
    killed_mid_way = reported = 0
    next_number = 0
    try:
        for _round in range(kills):
            lines = helper.round(scenario, next_number, arg, rng.uniform(0, WINDOWS[scenario]))
            done = [int(words[1]) for words in lines if words[0] == "done"]
            begun = [int(words[1]) for words in lines if words[0] == "begin"]
            unfinished = [number for number in begun if number not in done]
            killed_mid_way += bool(unfinished)
            reported += len(done)
            numbers = done + begun
            next_number = (max(numbers) + 1 if numbers else next_number) + 1  # never reuse a number
            _integrity(live)

            if scenario == "activities":
                committed.update((number, "") for number in done)
                stored = {int(title.rsplit(" ", 1)[1]) for title in _titles(live, "Hoạt động thử số %")}
                assert set(committed) <= stored
                with closing(sqlite3.connect(live)) as conn:
                    assert conn.execute("SELECT count(*) FROM activities WHERE id NOT IN "
                                        "(SELECT activity_id FROM activity_items)").fetchone()[0] == 0
            elif scenario == "checklist":
                for words in lines:
                    if words[0] == "done":
                        last_evidence[int(words[2])] = int(words[1])
                with closing(sqlite3.connect(live)) as conn:
                    stored = dict(conn.execute("SELECT id, evidence FROM checklist_items"))
                for item, number in last_evidence.items():
                    assert stored[item].startswith("lần ") and int(stored[item][4:]) >= number  # never older
            elif scenario == "excel_import":
                committed.update((number, "") for number in done)
                for number in set(numbers):
                    count = len(_titles(live, f"Nhập {number} dòng %"))
                    assert count in (0, IMPORT_ROWS), f"import {number} half written: {count} rows"
                    if number in committed:
                        assert count == IMPORT_ROWS
            elif scenario == "backup":
                target = Path(arg)
                if done or committed:
                    committed.update((number, "") for number in done)
                    from cell_desk.storage.backups import opened_backup, read_backup

                    assert read_backup(target).counts["hoạt động"] > 3000
                    with opened_backup(target) as inside:
                        _integrity(inside)
                    assert _backup_content(target) == before_backup
                assert _content(live) == before_backup  # a backup never changes the data
            else:
                now = _content(live)
                if done and done[-1] == max(numbers):
                    assert now == contents[sources[done[-1] % 2]]
                else:  # killed during a restore: the file before it, or the one being restored
                    before = contents[sources[done[-1] % 2]] if done else current
                    allowed = {before} | {contents[sources[number % 2]] for number in unfinished}
                    assert now in allowed, "a restore killed half-way left a mixed file"
                current = now
                for copy in (folder / "backups").glob("**/*.sqlite3"):
                    copy.unlink()  # the safety copies each restore takes would fill the disk
    finally:
        helper.close()
    assert reported >= kills // 2, f"only {reported} operations reported done in {kills} rounds"
    if scenario in ("backup", "restore") and kills >= 20:
        assert killed_mid_way >= kills // 4, f"only {killed_mid_way} of {kills} kills fell inside the operation"
