import datetime as dt

import pytest

from cell_desk.domain.dates import format_ui_date, next_report_deadline, official_date_words, parse_ui_date


@pytest.mark.parametrize(
    "day, words",
    [
        (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (dt.date(2020, 2, 20), "ngày 20 tháng 02 năm 2020"),
        (dt.date(2020, 3, 20), "ngày 20 tháng 3 năm 2020"),
        (dt.date(2019, 12, 30), "ngày 30 tháng 12 năm 2019"),
    ],
)
def test_official_date_wording_uses_leading_zeros_for_days_and_the_first_two_months(day, words):
    assert official_date_words(day) == words


def test_ui_dates_are_day_month_year():
    assert format_ui_date(dt.date(2026, 1, 5)) == "05/01/2026"
    assert format_ui_date(None) == ""
    assert parse_ui_date("5/1/2026") == dt.date(2026, 1, 5)


@pytest.mark.parametrize("text", ["2026-01-05", "31/02/2026", "", "05/13/2026"])
def test_a_wrong_date_is_refused_with_a_vietnamese_message(text):
    with pytest.raises(ValueError, match="Ngày"):
        parse_ui_date(text)


@pytest.mark.parametrize(
    "today, deadline",
    [
        (dt.date(2020, 8, 15), dt.date(2020, 8, 20)),
        (dt.date(2020, 8, 20), dt.date(2020, 8, 20)),
        (dt.date(2020, 8, 21), dt.date(2020, 9, 20)),
        (dt.date(2020, 12, 25), dt.date(2021, 1, 20)),
    ],
)
def test_the_report_deadline_is_the_next_20th(today, deadline):
    assert next_report_deadline(today) == deadline


def test_a_reporting_day_past_the_month_end_falls_on_the_last_day():
    assert next_report_deadline(dt.date(2021, 2, 1), 31) == dt.date(2021, 2, 28)
