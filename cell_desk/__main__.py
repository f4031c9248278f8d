"""Entry point: `cell-desk` and `python -m cell_desk`."""
from __future__ import annotations

import time

STARTED = time.perf_counter()

import sys  # noqa: E402


def _utf8_streams() -> None:
    # The windowed Windows program has no console: its streams are None, and a message printed
    # (argparse's, a command's) would raise. They go nowhere instead.
    import os

    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    # A Windows console defaults to a legacy code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    from .cli import build_parser, run_command

    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    # Qt only: SQLAlchemy, Alembic and the services load after the first paint (ui/launcher.py).
    from .ui.launcher import run_gui

    code = run_gui(data_dir=args.data_dir, database_url=args.database, smoke=args.smoke or args.first_paint,
                   first_paint_only=args.first_paint, started=STARTED)
    _exit_now(code)
    return code  # not reached


def _exit_now(code: int) -> None:
    """Ends the GUI process at once. By now the database is closed and the window settings are
    synced; tearing Qt and SQLAlchemy down module by module would only keep a closed window's
    process alive for another 150 ms."""
    import logging
    import os

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
