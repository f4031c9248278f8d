"""Which automatic backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, TypeVar

T = TypeVar("T")

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


def backups_to_keep(backups: Iterable[tuple[T, dt.datetime]]) -> set[T]:
    """Grandfather-father-son rotation: for each bucket (day, ISO week, month) the newest copy
    is kept, for the most recent KEEP_* buckets of each kind."""
    newest_first = sorted(backups, key=lambda pair: pair[1], reverse=True)
    keep: set[T] = set()
    for bucket_of, limit in (
        (lambda moment: moment.date(), KEEP_DAILY),
        (lambda moment: moment.isocalendar()[:2], KEEP_WEEKLY),
        (lambda moment: (moment.year, moment.month), KEEP_MONTHLY),
    ):
        seen = []
        for item, moment in newest_first:
            bucket = bucket_of(moment)
            if bucket in seen:
                continue
            seen.append(bucket)
            if len(seen) > limit:
                break
            keep.add(item)
    return keep
