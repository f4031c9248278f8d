import datetime as dt
import json

import pytest

from cell_desk.bundled import resource_path
from cell_desk.domain.anniversaries import (
    CalendarError, anniversaries_between, next_anniversaries, read_calendar,
)


@pytest.fixture(scope="module")
def days():
    path = resource_path("calendar", "ngay-ky-niem.json")
    return read_calendar(json.loads(path.read_text(encoding="utf-8")), path.name)


def find(found, day):
    [one] = [a for a in found if a.on == day]
    return one


def test_the_issue_examples_for_2026_and_2027(days):
    found = anniversaries_between(days, dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    resistance = find(found, dt.date(2026, 12, 19))
    assert resistance.years == 80 and resistance.is_round and resistance.is_major
    assert resistance.title == "80 năm Ngày Toàn quốc kháng chiến (19/12/1946 – 19/12/2026)"
    army = find(found, dt.date(2026, 12, 22))
    assert army.years == 82 and not army.is_round
    party = find(found, dt.date(2027, 2, 3))
    assert party.years == 97 and party.name == "Ngày thành lập Đảng Cộng sản Việt Nam" and not party.is_round
    martyrs = find(found, dt.date(2027, 7, 27))
    assert martyrs.years == 80 and martyrs.is_round and "Thương binh – Liệt sĩ" in martyrs.name


def test_the_fixed_national_days_the_issue_names_are_in_the_calendar(days):
    have = {(d.day, d.month) for d in days}
    for day, month in ((3, 2), (27, 2), (8, 3), (26, 3), (30, 4), (1, 5), (7, 5), (19, 5), (27, 7), (19, 8),
                       (2, 9), (10, 10), (20, 10), (20, 11), (19, 12), (22, 12)):
        assert (day, month) in have


def test_a_round_year_is_a_multiple_of_five(days):
    found = anniversaries_between(days, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert find(found, dt.date(2025, 9, 2)).years == 80
    assert find(found, dt.date(2025, 4, 30)).is_round and find(found, dt.date(2025, 4, 30)).years == 50
    party = find(found, dt.date(2025, 2, 3))
    assert party.years == 95 and party.is_round and not party.is_major
    assert not find(found, dt.date(2025, 12, 22)).is_round  # 81 years of the army


def test_the_next_ones_start_today_in_date_order(days):
    upcoming = next_anniversaries(days, dt.date(2026, 12, 19), count=3)
    assert [a.on for a in upcoming] == [dt.date(2026, 12, 19), dt.date(2026, 12, 22), dt.date(2027, 1, 6)]


def test_a_broken_calendar_entry_is_named():
    with pytest.raises(CalendarError, match="mục thứ 2"):
        read_calendar({"format": "cell-desk-anniversaries",
                       "days": [{"day": 1, "month": 5, "year": 1886, "name": "A"}, {"day": 31, "month": 2, "year": 1, "name": "B"}]})
