"""Phase windows in the wordings Vietnamese plans use, read into dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import month_end

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DAY = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_MONTH = r"(\d{1,2})\s*/\s*(\d{4})"


@dataclass(frozen=True)
class Window:
    starts_on: dt.date | None
    ends_on: dt.date | None

    @property
    def dated(self) -> bool:
        return self.starts_on is not None and self.ends_on is not None


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month_start(month: str, year: str) -> dt.date | None:
    return _date("1", month, year)


def _month_last(month: str, year: str) -> dt.date | None:
    try:
        return month_end(int(year), int(month))
    except ValueError:
        return None


def _point(text: str, plan_date: dt.date | None, end: bool) -> dt.date | None:
    """One end of a window: `nay`, `ngày 30/6/2020`, `30/6/2020`, `tháng 3/2020`, `quý I/2026`."""
    text = text.strip().lower()
    if re.fullmatch(r"(bây giờ|nay|hôm nay)", text):
        return plan_date
    match = re.search(r"(?:ngày\s*)?" + _DAY, text)
    if match:
        return _date(*match.groups())
    match = re.search(r"(?:tháng\s*)?" + _MONTH, text)
    if match:
        return (_month_last if end else _month_start)(*match.groups())
    match = re.search(r"quý\s*([ivx]+|\d)\s*/\s*(\d{4})", text)
    if match:
        token = match.group(1)
        quarter = int(token) if token.isdigit() else ROMAN.get(token.upper())
        if quarter not in (1, 2, 3, 4):
            return None
        first_month = 3 * (quarter - 1) + 1
        return _month_last(str(first_month + 2), match.group(2)) if end else _month_start(str(first_month), match.group(2))
    match = re.search(r"năm\s*(\d{4})", text)
    if match:
        year = int(match.group(1))
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    return None


def read_window(text: str, plan_date: dt.date | None) -> Window:
    """The dates of a window; either end is None when the text ties it to an event, not a date."""
    lowered = " ".join(text.lower().split()).rstrip(".")
    match = re.search(r"từ\s+(.+?)\s+(?:đến|tới)\s+(?:hết\s+)?(.+)$", lowered)
    if match:
        return Window(_point(match.group(1), plan_date, end=False), _point(match.group(2), plan_date, end=True))
    match = re.search(r"(?:trước|đến|chậm nhất)\s+(?:ngày\s+)?(.+)$", lowered)
    if match and _point(match.group(1), plan_date, end=True):
        return Window(plan_date, _point(match.group(1), plan_date, end=True))
    match = re.search(r"(quý\s*[ivx\d]+\s*/\s*\d{4}|tháng\s*\d{1,2}\s*/\s*\d{4}|năm\s*\d{4})", lowered)
    if match:
        return Window(_point(match.group(1), plan_date, end=False), _point(match.group(1), plan_date, end=True))
    return Window(None, None)
