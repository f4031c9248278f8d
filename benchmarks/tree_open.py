"""Opening the checklist tree of a big plan (5,000 checklist lines) in the GUI.

Builds a throw-away data folder, inserts a generated plan of 10 phases × 3 stages whose
items and sub-items total 5,000 lines of realistic Vietnamese length, makes it the active
plan, then times in this one process (median of --runs, default 7):

  (a) services.plans.plan_tree()                  – the service read alone
  (b) ChecklistPage(...) + show + events until the tree has painted – what the user waits for
  (c) search "dai hoi": page.search.setText(...) then page._apply_filters()

and, for information, the same start-up as `cell-desk --smoke` on that data folder.

Budgets are reported as OK / OVER BUDGET; the script exits 0 whenever it could measure.

Usage: python benchmarks/tree_open.py [--runs N] [--lines N] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TREE_OPEN_BUDGET_MS = 300.0
PHASES = 10
STAGE_KINDS = ("before", "during", "after")
SEARCH_TEXT = "dai hoi"
SUB_ITEM_PATTERN = (0, 2, 1, 3, 0, 1, 2, 0)  # sub-items per item, repeated
PAINT_TIMEOUT_S = 30.0
SEARCH_TIME_CAP_S = 30.0
NONE_GUARD_REFS = 1_000_000
REPAINTS_FOR_NONE_CHECK = 5

# Pieces of sentences from the register of the bundled plan, combined at random.
OPENINGS = (
    "Tuyên truyền", "Tổ chức tuyên truyền sâu rộng về", "Phổ biến, quán triệt", "Đẩy mạnh tuyên truyền",
    "Chỉ đạo các chi bộ, đảng bộ cơ sở tuyên truyền", "Biên soạn tài liệu và tuyên truyền",
    "Tăng cường công tác thông tin, tuyên truyền về", "Kịp thời phản ánh",
)
SUBJECTS = (
    "kết quả Đại hội Đảng bộ các cấp nhiệm kỳ 2020 – 2025",
    "công tác chuẩn bị Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    "lịch sử vẻ vang của Đảng Cộng sản Việt Nam qua 90 năm xây dựng và phát triển",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "những thành tựu nổi bật về phát triển kinh tế – xã hội của tỉnh Bắc Ninh",
    "công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh",
    "việc góp ý kiến vào dự thảo Văn kiện Đại hội của cán bộ, đảng viên và người lao động",
    "gương người tốt, việc tốt, các điển hình tiên tiến trong các cơ quan, doanh nghiệp",
    "công tác đấu tranh phòng, chống tham nhũng, lãng phí, tiêu cực",
)
PURPOSES = (
    "nhằm nâng cao nhận thức, tinh thần trách nhiệm của cán bộ, đảng viên",
    "tạo sự thống nhất về tư tưởng chính trị và hành động trong toàn Đảng bộ Khối",
    "góp phần tạo không khí phấn khởi, tin tưởng trong cán bộ, đảng viên và quần chúng",
    "đồng thời đấu tranh, phản bác các quan điểm sai trái, thù địch",
    "bảo đảm đúng định hướng, kịp thời, thiết thực và hiệu quả",
)
HEADINGS = {
    "before": "Trước khai mạc Đại hội đợt {n}, tập trung tuyên truyền những nội dung sau:",
    "during": "Trong thời gian diễn ra Đại hội đợt {n}, tập trung tuyên truyền các nội dung:",
    "after": "Sau khi bế mạc Đại hội đợt {n}, tập trung tuyên truyền:",
}


def sentence(rng: random.Random, number: int) -> str:
    """About 150 characters on average (100–210), unique by its number."""
    text = f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)}"
    if rng.random() < 0.6:
        text += f"; {rng.choice(PURPOSES)}"
    return f"{text} (số {number})."


def big_plan_document(total_lines: int, seed: int = 20) -> dict:
    """A plan in the exchange format with `total_lines` items + sub-items in 10 × 3 stages."""
    rng = random.Random(seed)
    stage_count = PHASES * len(STAGE_KINDS)
    per_stage = [total_lines // stage_count + (1 if i < total_lines % stage_count else 0) for i in range(stage_count)]
    today = dt.date.today()
    first_start = today - dt.timedelta(days=300)  # some phases closed (overdue rows), some to come
    number = 0
    pattern = 0
    phases = []
    for phase_no in range(PHASES):
        starts_on = first_start + dt.timedelta(days=60 * phase_no)
        ends_on = starts_on + dt.timedelta(days=59)
        stages = []
        for kind_no, kind in enumerate(STAGE_KINDS):
            budget = per_stage[phase_no * len(STAGE_KINDS) + kind_no]
            items = []
            while budget > 0:
                number += 1
                budget -= 1
                wanted = min(SUB_ITEM_PATTERN[pattern % len(SUB_ITEM_PATTERN)], budget)
                pattern += 1
                subs = []
                for _ in range(wanted):
                    number += 1
                    subs.append(sentence(rng, number))
                budget -= wanted
                item = {"text": sentence(rng, number - wanted)}
                if subs:
                    item["sub_items"] = subs
                items.append(item)
            stages.append({"kind": kind, "heading": HEADINGS[kind].format(n=phase_no + 1), "items": items})
        phases.append({
            "code": f"{phase_no // 3 + 1}.{phase_no % 3 + 1}",
            "title": f"Đợt tuyên truyền cao điểm thứ {phase_no + 1}",
            "window_text": f"Từ {starts_on:%d/%m/%Y} đến {ends_on:%d/%m/%Y}",
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "stages": stages,
        })
    assert number == total_lines, (number, total_lines)
    return {
        "format": "cell-desk-plan",
        "format_version": 1,
        "plan": {
            "key": f"benchmark:{total_lines}-lines",
            "upper_issuer": "ĐẢNG BỘ TỈNH BẮC NINH",
            "issuer": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
            "issuing_body": "Ban Thường vụ Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
            "number": "99-KH/ĐUK",
            "kind": "KẾ HOẠCH",
            "place": "Bắc Ninh",
            "issued_on": first_start.isoformat(),
            "title": f"Kế hoạch thử tải với {total_lines} nội dung tuyên truyền Đại hội đảng các cấp",
            "phases": phases,
            "slogans": [{"number": 1, "text": "Nhiệt liệt chào mừng đại hội đảng bộ các cấp!"}],
            "reporting_rule": {"day_of_month": 20, "recipient": "Ban Thường vụ Đảng ủy Khối"},
        },
    }


def ms(seconds: float) -> float:
    return seconds * 1000


def summary(samples: list[float]) -> tuple[float, float, float]:
    return statistics.median(samples), min(samples), max(samples)


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER BUDGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each measure (default 7)")
    parser.add_argument("--lines", type=int, default=5000, help="checklist lines in the plan (default 5000)")
    parser.add_argument("--search-seconds", type=float, default=SEARCH_TIME_CAP_S,
                        help="stop repeating the search measure after this long, keeping >= 1 run "
                             f"(default {SEARCH_TIME_CAP_S:.0f})")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one tree open (b)")
    args = parser.parse_args()

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QUndoStack

    from cell_desk.app import open_services
    from cell_desk.storage.plan_records import insert_plan
    from cell_desk.ui.checklist.page import ChecklistPage
    from cell_desk.ui.events import AppEvents
    from cell_desk.ui.launcher import make_application

    class PaintWatch(QObject):
        def __init__(self):
            super().__init__()
            self.painted = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    tmp = tempfile.TemporaryDirectory(prefix="cell-desk-tree-")
    data_dir = os.path.join(tmp.name, "data")
    setup_started = time.perf_counter()
    services = open_services(data_dir)
    document = big_plan_document(args.lines)
    with services.database.session() as session:
        row = insert_plan(session, document)
    services.plans.set_active(row.id)
    setup_s = time.perf_counter() - setup_started

    app = make_application()
    font_note = app.font().family()

    # (a) the service read alone
    read_samples = []
    tree = None
    for _ in range(args.runs):
        started = time.perf_counter()
        tree = services.plans.plan_tree()
        read_samples.append(ms(time.perf_counter() - started))
    checked_lines = sum(len(phase.all_items()) for phase in tree.phases)
    mean_length = statistics.mean(len(item.text) for phase in tree.phases for item in phase.all_items())

    def open_page():
        """Builds, shows and paints the page; returns (page, watch, constructor s, total s)."""
        watch = PaintWatch()
        started = time.perf_counter()
        page = ChecklistPage(services, AppEvents(), QUndoStack())
        constructed = time.perf_counter()
        page.tree.viewport().installEventFilter(watch)
        page.resize(1280, 800)
        page.show()
        deadline = started + PAINT_TIMEOUT_S
        while not watch.painted and time.perf_counter() < deadline:
            app.processEvents()
        app.processEvents()  # let the paint that the filter saw starting finish
        finished = time.perf_counter()
        if not watch.painted:
            raise RuntimeError("the checklist tree was never painted")
        return page, watch, constructed - started, finished - started

    def discard(page, watch) -> None:
        page.tree.viewport().removeEventFilter(watch)
        page.search._pause.stop()
        page.close()
        page.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        gc.collect()

    # (b) open the tree: construct + show + paint
    open_samples, construct_samples = [], []
    page = watch = None
    for _ in range(args.runs):
        if page is not None:
            discard(page, watch)
        page, watch, construct_s, total_s = open_page()
        open_samples.append(ms(total_s))
        construct_samples.append(ms(construct_s))
    rows_total = len(page.model.by_item_id)

    # A check of the binding: references to None taken (+) or lost (-) per full repaint of the tree.
    before = sys.getrefcount(None)
    for _ in range(REPAINTS_FOR_NONE_CHECK):
        page.tree.viewport().repaint()
        app.processEvents()
    none_refs_per_repaint = (sys.getrefcount(None) - before) / REPAINTS_FOR_NONE_CHECK
    unfiltered_count_text = page.count.text()

    def filter_to(text: str) -> tuple[float, float]:
        """Types `text` (without waiting for the timer), applies the filters; (apply s, with repaint s)."""
        page.search.setText(text)
        page.search._pause.stop()  # we call the slot ourselves, as the timer would
        started = time.perf_counter()
        page._apply_filters()
        applied = time.perf_counter()
        page.tree.viewport().repaint()
        app.processEvents()
        return applied - started, time.perf_counter() - started

    # (c) search, then clearing the search, alternately; capped in time because they are slow
    filter_samples, filter_paint_samples, clear_samples = [], [], []
    shown_text = ""
    loop_started = time.perf_counter()
    for _ in range(args.runs):
        apply_s, painted_s = filter_to(SEARCH_TEXT)
        filter_samples.append(ms(apply_s))
        filter_paint_samples.append(ms(painted_s))
        shown_text = page.count.text()
        clear_samples.append(ms(filter_to("")[0]))
        if time.perf_counter() - loop_started > args.search_seconds:
            break

    profile_text = ""
    if args.profile:
        discard(page, watch)
        profiler = cProfile.Profile()
        profiler.enable()
        page, watch, _c, _t = open_page()
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(15)
        stats.sort_stats("cumulative").print_stats(25)
        profile_text = out.getvalue()
    discard(page, watch)
    page = watch = None  # frees the Python side of the page (model nodes hold many None)
    gc.collect()
    services.close()

    # For information: the whole app's start-up (MainWindow builds this page too) on this data.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    smoke = subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", data_dir, "--smoke"],
                           capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO)
    smoke_match = re.search(r"(\d+)\s*ms", smoke.stdout)
    smoke_text = (f"{smoke_match.group(1)} ms" if smoke.returncode == 0 and smoke_match
                  else f"failed (exit {smoke.returncode}): {smoke.stderr.strip()[-300:]}")
    tmp.cleanup()

    def row(label: str, samples: list[float], budget: str = "–", result: str = "–") -> str:
        median, low, high = summary(samples)
        return (f"| {label} | {len(samples)} | {median:.1f} | {low:.1f} | {high:.1f} | {samples[0]:.1f} "
                f"| {budget} | {result} |")

    open_median = statistics.median(open_samples)
    print(f"## Opening the checklist tree of a {args.lines:,}-line plan (medians, one process)")
    print()
    print(f"Plan: {PHASES} phases × {len(STAGE_KINDS)} stages, {checked_lines} checklist lines read back "
          f"({rows_total} item rows in the model), {mean_length:.0f} characters on average; built in "
          f"{setup_s:.1f} s. Python {sys.version.split()[0]}, PySide6 {pyside_version}, {os.cpu_count()} CPUs, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}, font “{font_note}”.")
    print()
    print("| measure | runs | median (ms) | min (ms) | max (ms) | first run (ms) | budget | result |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    print(row("(a) `services.plans.plan_tree()`", read_samples))
    print(row("(b) open the tree: `ChecklistPage(...)` + show + painted", open_samples,
              f"< {TREE_OPEN_BUDGET_MS:.0f} ms", verdict(open_median < TREE_OPEN_BUDGET_MS)))
    print(row("(b) of which the constructor alone", construct_samples))
    print(row(f"(c) search “{SEARCH_TEXT}”: `_apply_filters()`", filter_samples))
    print(row("(c) search incl. repaint of the tree", filter_paint_samples))
    print(row("clearing the search: `_apply_filters()`", clear_samples))
    print()
    if len(filter_samples) < args.runs:
        print(f"(c) stopped after {len(filter_samples)} run(s): the search loop passed its "
              f"{args.search_seconds:.0f} s cap (`--search-seconds`).")
        print()
    print(f"Counter after opening: “{unfiltered_count_text}”; after the search: “{shown_text}”.")
    print()
    print(f"For information: `cell-desk --smoke` on this data folder reports {smoke_text}.")
    print()
    if none_refs_per_repaint <= -1:
        print(f"WARNING: each full repaint of the tree lost {-none_refs_per_repaint:.0f} references to None "
              f"(PySide6 {pyside_version} on Python {sys.version.split()[0]}: a call such as `QModelIndex.data()` "
              "that yields None does not take a reference). When the count reaches zero Python aborts with "
              "`Fatal Python error: none_dealloc`; this script holds spare references so that it can finish.")
    else:
        print(f"None references per full repaint of the tree: {none_refs_per_repaint:+.1f} (OK: none lost).")
    print()
    if profile_text:
        print("### cProfile of one tree open (b)")
        print()
        print("```")
        print(profile_text.strip())
        print("```")
        print()
    return 0


if __name__ == "__main__":
    # Extra references to None so that a binding that drops some (see the warning above) cannot
    # bring its count to zero while we measure; os._exit skips the finaliser that would.
    _NONE_GUARD = [None] * NONE_GUARD_REFS
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
