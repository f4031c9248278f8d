"""The year's anniversaries (ngày lễ, kỷ niệm): fixed days with the year of the event, and for a
given year how many years it makes, flagged when round (năm chẵn: a multiple of 5, a major one of
10) as the central guides treat them. The calendar is data (resources/calendar/*.json)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import format_ui_date

CALENDAR_FORMAT = "cell-desk-anniversaries"


class CalendarError(ValueError):
    """The calendar file cannot be used; str() says which entry, in Vietnamese."""


@dataclass(frozen=True)
class NationalDay:
    day: int
    month: int
    year: int  # of the event or the founding
    name: str


@dataclass(frozen=True)
class Anniversary:
    on: dt.date
    name: str
    founded: int

    @property
    def years(self) -> int:
        return self.on.year - self.founded

    @property
    def is_round(self) -> bool:
        """Năm chẵn: a multiple of 5 (the guides commemorate these at a larger scale)."""
        return self.years > 0 and self.years % 5 == 0

    @property
    def is_major(self) -> bool:
        """A multiple of 10."""
        return self.years > 0 and self.years % 10 == 0

    @property
    def title(self) -> str:
        """`80 năm Ngày Toàn quốc kháng chiến (19/12/1946 – 19/12/2026)`."""
        first = dt.date(self.founded, self.on.month, self.on.day)
        return (f"{self.years} năm {self.name} ({self.on.day}/{self.on.month}/{first.year} – "
                f"{self.on.day}/{self.on.month}/{self.on.year})")

    @property
    def label(self) -> str:
        """For a list: the date, the title and the round-year mark."""
        mark = " – năm chẵn" if self.is_round else ""
        return f"{format_ui_date(self.on)}: {self.title}{mark}"


def read_calendar(data: dict, source: str = "") -> list[NationalDay]:
    if not isinstance(data, dict) or data.get("format") != CALENDAR_FORMAT:
        raise CalendarError(f"{source or 'Tệp'} không phải lịch ngày kỷ niệm của Cell Desk.")
    days = []
    for number, entry in enumerate(data.get("days") or [], 1):
        try:
            day = NationalDay(int(entry["day"]), int(entry["month"]), int(entry["year"]), str(entry["name"]).strip())
            dt.date(2024, day.month, day.day)  # a leap year, so 29/2 is a real day
        except (KeyError, TypeError, ValueError):
            raise CalendarError(f"Lịch ngày kỷ niệm {source}: mục thứ {number} thiếu ngày, tháng, năm hoặc tên, "
                                "hoặc ngày không có trên lịch.") from None
        if not day.name:
            raise CalendarError(f"Lịch ngày kỷ niệm {source}: mục thứ {number} chưa có tên.")
        days.append(day)
    return days


def anniversaries_between(days: list[NationalDay], first: dt.date, last: dt.date) -> list[Anniversary]:
    """Every anniversary from `first` to `last` (both included), in date order; a day that falls
    before its own event (the first year or earlier) is not one."""
    found = []
    for year in range(first.year, last.year + 1):
        for day in days:
            if year <= day.year:
                continue
            try:
                on = dt.date(year, day.month, day.day)
            except ValueError:  # 29/2 in a common year
                continue
            if first <= on <= last:
                found.append(Anniversary(on, day.name, day.year))
    return sorted(found, key=lambda a: (a.on, a.name))


def next_anniversaries(days: list[NationalDay], today: dt.date, count: int = 5,
                       horizon_days: int = 400) -> list[Anniversary]:
    """The next `count` anniversaries from today on."""
    return anniversaries_between(days, today, today + dt.timedelta(days=horizon_days))[:count]
