"""Entry point: `cell-desk` and `python -m cell_desk`."""
from __future__ import annotations

import time

STARTED = time.perf_counter()

import sys  # noqa: E402


def _utf8_streams() -> None:
    # A Windows console defaults to a legacy code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    from .cli import build_parser, run_command

    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    from .ui.launcher import run_gui

    return run_gui(data_dir=args.data_dir, smoke=args.smoke, started=STARTED)


if __name__ == "__main__":
    sys.exit(main())
