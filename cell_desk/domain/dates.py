"""Dates as Vietnamese readers see them, and the monthly reporting deadline."""
from __future__ import annotations

import datetime as dt
import re

UI_DATE_FORMAT = "%d/%m/%Y"


def format_ui_date(day: dt.date | None) -> str:
    """dd/mm/yyyy, the way dates appear on screen; empty for no date."""
    return day.strftime(UI_DATE_FORMAT) if day else ""


_TYPED_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_DIGITS_DATE = re.compile(r"(\d{2})(\d{2})(\d{4})")


def days_in_month(year: int, month: int) -> int:
    # not calendar.monthrange: the calendar module brings locale (1.3 MB) into the first paint
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def parse_ui_date(text: str) -> dt.date:
    """Reads a date as a Vietnamese secretary types it: dd/mm/yyyy, d/m/yyyy (also with '-' or '.')
    or the eight digits ddmmyyyy. Raises ValueError with a Vietnamese message."""
    cleaned = (text or "").strip()
    match = _TYPED_DATE.fullmatch(cleaned) or _DIGITS_DATE.fullmatch(cleaned)
    if not match:
        raise ValueError(f"Ngày “{cleaned}” không đúng dạng ngày/tháng/năm (ví dụ 05/01/2026 hoặc 05012026).")
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"Ngày “{cleaned}” không có trên lịch.") from None


def date_in_range(day: dt.date, earliest: dt.date | None, latest: dt.date | None,
                  earliest_name: str = "", latest_name: str = "") -> str:
    """Why `day` is out of [earliest, latest] in Vietnamese, or "" when it is inside. The names say
    what a bound is ("hôm nay", "ngày bắt đầu"); without one the bound's date is given."""
    if latest is not None and day > latest:
        bound = f"{latest_name} ({format_ui_date(latest)})" if latest_name else format_ui_date(latest)
        return f"Ngày {format_ui_date(day)} sau {bound}."
    if earliest is not None and day < earliest:
        bound = f"{earliest_name} ({format_ui_date(earliest)})" if earliest_name else format_ui_date(earliest)
        return f"Ngày {format_ui_date(day)} trước {bound}."
    return ""


def official_date_words(day: dt.date) -> str:
    """`ngày 05 tháng 01 năm 2026`: days 1-9 and months 1-2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, days_in_month(year, month))


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def next_report_deadline(today: dt.date, day_of_month: int = 20) -> dt.date:
    """The next reporting day on or after today (the plan asks for the 20th)."""
    this_month = report_deadline(today.year, today.month, day_of_month)
    if today <= this_month:
        return this_month
    following = add_months(dt.date(today.year, today.month, 1), 1)
    return report_deadline(following.year, following.month, day_of_month)


def report_period(deadline: dt.date) -> tuple[dt.date, dt.date]:
    """The days a report due on `deadline` covers: from the day after the previous month's
    deadline to the deadline (21/07 – 20/08 for the report of 20/08)."""
    previous = add_months(deadline, -1)
    return previous + dt.timedelta(days=1), deadline


def report_deadline(year: int, month: int, day_of_month: int = 20) -> dt.date:
    """The reporting day of a month (the last day when the month is shorter)."""
    return dt.date(year, month, min(day_of_month, days_in_month(year, month)))
