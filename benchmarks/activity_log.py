"""The activity log at 100,000 activities: the Excel export against XlsxWriter, and the page.

Budgets (issues 3 and 16):
- exporting 100,000 activities, the database read included, takes at most 1.5x the time
  XlsxWriter in constant_memory mode needs to write the same cells (values and date formats) from
  a list in memory, measured in the same run; peak memory under 250 MB (measured in a child
  process, from start to the written file). The export itself writes with XlsxWriter since issue
  16; the processor time of both is printed too, as it moves less than the wall time when other
  work shares the machine;
- the page opens a database of 100,000 activities in under 0.5 s and re-filters in under 0.2 s
  per keystroke.

Usage: python benchmarks/activity_log.py [--activities 100000] [--runs 2]
Prints a markdown table; exits 0 when it could measure.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2021, 6, 30)


def make_database(folder: Path, count: int) -> None:
    from cell_desk.app import open_services
    from cell_desk.services.clock import fixed_clock
    from cell_desk.services.demo import fill_activities, fill_checklist

    services = open_services(folder, clock=fixed_clock(TODAY))
    fill_checklist(services.database, services.clock)
    fill_activities(services.database, count, services.clock)
    services.close()


def export_in_child(folder: Path, target: Path) -> tuple[float, float, float]:
    """Seconds and peak MB of one export, in a fresh process (so memory is the export's own: the
    peak is read from VmHWM, because ru_maxrss would carry over this big parent's across exec)."""
    code = f"""
import json, resource, time, datetime as dt
from cell_desk.app import open_services
from cell_desk.services.clock import fixed_clock
services = open_services({str(folder)!r}, clock=fixed_clock(dt.date{TODAY.timetuple()[:3]!r}))
started, cpu = time.perf_counter(), time.process_time()
services.activity_excel.export({str(target)!r})
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
try:
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([elapsed, cpu, peak]))
"""
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    elapsed, cpu, peak = json.loads(output.strip().splitlines()[-1])
    return elapsed, cpu, peak


def xlsxwriter_baseline(folder: Path, target: Path) -> tuple[float, float]:
    """XlsxWriter, constant_memory, writing the same cells: the values and the date formats."""
    import xlsxwriter

    from cell_desk.app import open_services

    services = open_services(folder, clock=lambda: TODAY)
    from cell_desk.domain.activity import ActivityFilter

    activities = list(services.activity_excel._exported(ActivityFilter()))
    services.close()
    started, cpu = time.perf_counter(), time.process_time()
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = workbook.add_worksheet("Nhật ký")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for row, activity in enumerate(activities, 5):
        sheet.write_number(row, 0, row - 4)
        sheet.write_datetime(row, 1, dt.datetime.combine(activity.occurred_on, dt.time()), date_format)
        if activity.ends_on:
            sheet.write_datetime(row, 2, dt.datetime.combine(activity.ends_on, dt.time()), date_format)
        for column, text in ((3, activity.form), (4, activity.title), (5, activity.content), (6, activity.place),
                             (7, activity.organiser), (11, "\n".join(f"• {i}" for i in activity.items)),
                             (12, "\n".join(activity.attachments)), (13, ", ".join(activity.tags))):
            if text:
                sheet.write_string(row, column, text)
        for column, number in ((8, activity.party_members), (9, activity.others),
                               (10, activity.party_members + activity.others)):
            sheet.write_number(row, column, number)
    workbook.close()
    return time.perf_counter() - started, time.process_time() - cpu


def page_timings(folder: Path) -> tuple[float, list[float]]:
    """Seconds from nothing to a filled table, and per keystroke of a search typed letter by letter."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cell_desk.app import open_services
    from cell_desk.ui.activities.page import ActivityPage
    from cell_desk.ui.events import AppEvents
    from PySide6.QtGui import QUndoStack

    app = QApplication.instance() or QApplication([])
    services = open_services(folder, clock=lambda: TODAY)
    events, undo = AppEvents(), QUndoStack()
    started = time.perf_counter()
    page = ActivityPage(services, events, undo)
    page.resize(1400, 800)
    page.show()
    app.processEvents()
    opened = time.perf_counter() - started
    keystrokes = []
    typed = ""
    for letter in "dai hoi chi bo":
        typed += letter
        started = time.perf_counter()
        page.search.blockSignals(True)  # the pause timer would filter a second time
        page.search.setText(typed)
        page.search.blockSignals(False)
        page.apply_filter()  # what the search box calls once the typing pauses
        app.processEvents()
        keystrokes.append(time.perf_counter() - started)
    page.close()
    services.close()
    return opened, keystrokes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        make_database(folder, args.activities)
        ours, ours_cpu, peaks, theirs, theirs_cpu = [], [], [], [], []
        for run in range(args.runs):
            elapsed, cpu = xlsxwriter_baseline(folder, folder / f"baseline-{run}.xlsx")
            theirs.append(elapsed)
            theirs_cpu.append(cpu)
            elapsed, cpu, peak = export_in_child(folder, folder / f"cell-desk-{run}.xlsx")
            ours.append(elapsed)
            ours_cpu.append(cpu)
            peaks.append(peak)
        opened, keystrokes = page_timings(folder)
    ratio = min(ours) / min(theirs)
    cpu_ratio = min(ours_cpu) / min(theirs_cpu)
    print(f"## Activity log, {args.activities:,} activities ({args.runs} runs, best of each)")
    print()
    print("| measure | result | budget | verdict |")
    print("|---|---|---|---|")
    print(f"| Excel export, Cell Desk (XlsxWriter, from the database, three sheets, chart) | {min(ours):.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in ours)}; processor {min(ours_cpu):.1f} s) | | |")
    print(f"| same cells, XlsxWriter constant_memory, from a list | {min(theirs):.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in theirs)}; processor {min(theirs_cpu):.1f} s) | | |")
    print(f"| export / XlsxWriter | {ratio:.2f}x (processor time {cpu_ratio:.2f}x) | ≤ 1.5x | "
          f"{'OK' if ratio <= 1.5 else 'OVER BUDGET'} |")
    print(f"| export peak memory (whole process) | {max(peaks):.0f} MB | < 250 MB | "
          f"{'OK' if max(peaks) < 250 else 'OVER BUDGET'} |")
    print(f"| page opens with the table filled | {opened * 1000:.0f} ms | < 500 ms | "
          f"{'OK' if opened < 0.5 else 'OVER BUDGET'} |")
    worst = max(keystrokes)
    print(f"| search keystroke re-filters (median / worst of {len(keystrokes)}) | "
          f"{statistics.median(keystrokes) * 1000:.0f} / {worst * 1000:.0f} ms | < 200 ms | "
          f"{'OK' if worst < 0.2 else 'OVER BUDGET'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
