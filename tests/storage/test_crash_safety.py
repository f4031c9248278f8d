"""A writer killed at random moments loses nothing it reported as committed."""
import random
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest

# Activities: each save writes the activity and its task links in one transaction.
WRITER = """
import datetime as dt, sys
from cell_desk.app import open_services
from cell_desk.domain.activity import ActivityDraft
from cell_desk.services.clock import fixed_clock
services = open_services(sys.argv[1], clock=fixed_clock(dt.date(2020, 8, 15)))
n = int(sys.argv[2])
while True:
    services.activities.add(ActivityDraft(dt.date(2020, 8, 1), "Tuyên truyền miệng", f"Hoạt động thử số {n}",
                                          item_ids=(3, 4)))
    print(n, flush=True)
    n += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killing_the_writer_never_loses_a_committed_transaction(tmp_path, data_dir):
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(7)
    committed: set[int] = set()
    next_number = 0
    for _round in range(8):
        child = subprocess.Popen([sys.executable, str(script), str(data_dir), str(next_number)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        first = child.stdout.readline()  # wait until it writes, then let it run a random while
        assert first, child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.3))
        child.kill()  # SIGKILL: no cleanup, no final commit
        rest, _ = child.communicate(timeout=max(1, deadline - time.monotonic()))
        reported = [int(line) for line in (first + rest).split()]
        committed.update(reported)
        next_number = max(reported) + 1
    with closing(sqlite3.connect(data_dir / "cell_desk.sqlite3")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {int(title.rsplit(" ", 1)[1]) for (title,) in
                  conn.execute("SELECT title FROM activities WHERE title LIKE 'Hoạt động thử số %'")}
        half_written = conn.execute("SELECT count(*) FROM activities WHERE id NOT IN "
                                    "(SELECT activity_id FROM activity_items)").fetchone()[0]
    assert committed <= stored
    assert half_written == 0  # never an activity without the links saved with it
    assert len(committed) > 8
