"""Today's date, injectable so tests can stand on a phase boundary."""
from __future__ import annotations

import datetime as dt
from typing import Callable

Clock = Callable[[], dt.date]


def system_clock() -> dt.date:
    return dt.date.today()


def fixed_clock(day: dt.date) -> Clock:
    return lambda: day
