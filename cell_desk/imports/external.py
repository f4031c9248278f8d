"""Running the helper programs that reading documents needs (Tesseract, LibreOffice, pdftoppm):
with a time limit, without a console window on Windows, and stoppable by the caller's cancel."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

POLL_SECONDS = 0.05


class Cancelled(Exception):
    """The caller's `cancelled()` said stop while the program ran (it has been killed)."""


class TimedOut(Exception):
    """The program ran past its time limit (it has been killed)."""


def run(argv: Sequence[str], timeout: float, cancelled: Callable[[], bool] | None = None,
        env: dict | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    """Runs `argv` to its end and returns its output as bytes; raises Cancelled, TimedOut or OSError."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    process = subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=cwd, creationflags=flags)
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimedOut(argv[0])
            try:
                # without a cancel to watch, one wait; otherwise look at it every POLL_SECONDS
                out, err = process.communicate(timeout=left if cancelled is None else min(left, POLL_SECONDS))
                return subprocess.CompletedProcess(list(argv), process.returncode, out, err)
            except subprocess.TimeoutExpired:
                if cancelled is not None and cancelled():
                    raise Cancelled(argv[0]) from None
    except BaseException:
        process.kill()
        process.communicate()
        raise


def child_environment(**extra: str) -> dict:
    env = dict(os.environ)
    env.update(extra)
    return env
