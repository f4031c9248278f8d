"""Where start-up time goes, stage by stage, in the order `cell-desk` runs them: before the first
paint (interpreter, PySide6, the first look, the window, the paint) and after it (SQLAlchemy, the
database checks, the services, the pages coming alive). Each round is a fresh process; medians.

Usage: python benchmarks/startup_breakdown.py [--rounds N] (figures go in the README)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Runs in the child: the launcher's steps, one by one, each timed.
STAGES = r'''
import time, json, sys
marks = [("start", time.perf_counter())]
def mark(name): marks.append((name, time.perf_counter()))
import datetime as dt
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
mark("PySide6")
from cell_desk.ui.launcher import make_application
app = make_application(with_icon=False)
mark("application (Vietnamese texts, screen guard)")
folder = Path(sys.argv[1])
from cell_desk.storage.first_look import read_first_look
look = read_first_look(folder, dt.date.today())
mark("first look (plain sqlite3, read-only)")
from cell_desk.ui.main_window import MainWindow
window = MainWindow(data_dir=folder, first_look=look)
mark("window and Tổng quan built")
class Paint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and len(marks) == 5:
            mark("first paint")
            QTimer.singleShot(0, app.quit)
        return False
watcher = Paint(); window.installEventFilter(watcher); window.show(); app.exec()
import sqlalchemy.orm
mark("after the paint: SQLAlchemy imported")
from cell_desk.storage.database import open_database
open_database(folder).close()
mark("database checks (quick_check, schema, write probe)")
from cell_desk.app import open_services
from cell_desk.ui.library.images import QtImageCodec
services = open_services(folder, image_codec=QtImageCodec())
mark("services (opened again, bundled plans checked)")
window.attach(services)
mark("window alive (menus, Tổng quan refreshed)")
print(json.dumps(marks))
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="cell-desk-breakdown-") as tmp:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        data = os.path.join(tmp, "data")
        subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", data, "demo-data", "--activities", "1000"],
                       check=True, capture_output=True, env=env, cwd=REPO)
        script = os.path.join(tmp, "stages.py")
        Path(script).write_text(STAGES, encoding="utf-8")
        interpreter, stages = [], {}
        for round_no in range(args.rounds + 1):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
            bare = (time.perf_counter() - began) * 1000
            done = subprocess.run([sys.executable, script, data], check=True, capture_output=True, text=True,
                                  env=env, cwd=REPO)
            if round_no == 0:
                continue  # warm-up: bytecode and page cache
            interpreter.append(bare)
            marks = json.loads(done.stdout.strip().splitlines()[-1])
            for (_previous, at), (name, now) in zip(marks, marks[1:]):
                stages.setdefault(name, []).append((now - at) * 1000)
    print(f"## Start-up stage by stage ({args.rounds} fresh processes, medians, ms)")
    print()
    print("| stage | ms |")
    print("|---|---:|")
    print(f"| interpreter start and exit (`python -c pass`) | {statistics.median(interpreter):.0f} |")
    for name, values in stages.items():
        print(f"| {name} | {statistics.median(values):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
