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


@pytest.mark.parametrize("text, start, end", [
    ("Từ nay đến tháng 3/2020", "2019-12-30", "2020-03-31"),
    ("Từ tháng 02/2020 đến 30/6/2020", "2020-02-01", "2020-06-30"),
    ("Từ tháng 11/2020 đến tháng 2/2021", "2020-11-01", "2021-02-28"),
    ("Quý I/2026", "2026-01-01", "2026-03-31"),
    ("Quý 2/2026", "2026-04-01", "2026-06-30"),
    ("quý II năm 2026", "2026-04-01", "2026-06-30"),
    ("Trong tháng 3 năm 2026", "2026-03-01", "2026-03-31"),
    ("tháng 5 năm 2026", "2026-05-01", "2026-05-31"),
    ("6 tháng đầu năm 2026", "2026-01-01", "2026-06-30"),
    ("6 tháng cuối năm 2026", "2026-07-01", "2026-12-31"),
    ("Từ 01/3/2026 - 30/4/2026", "2026-03-01", "2026-04-30"),
    ("01/5/2026 – 30/6/2026", "2026-05-01", "2026-06-30"),
    ("Từ ngày 01/4 đến 30/6/2026", "2026-04-01", "2026-06-30"),
    ("trước ngày 15/01/2026", "2019-12-30", "2026-01-15"),
])
def test_phase_windows_in_the_wordings_plans_use(text, start, end):
    from cell_desk.domain.plan_windows import read_window

    window = read_window(text, dt.date(2019, 12, 30))
    assert (window.starts_on.isoformat(), window.ends_on.isoformat()) == (start, end)


def test_a_window_tied_to_events_has_no_dates():
    from cell_desk.domain.plan_windows import read_window

    assert not read_window("từ sau đại hội cấp huyện đến Đại hội tỉnh", dt.date(2026, 1, 5)).dated


@pytest.mark.parametrize("text, day", [
    ("15/11/2026", dt.date(2026, 11, 15)), ("5/3/2026", dt.date(2026, 3, 5)), ("15032027", dt.date(2027, 3, 15)),
    (" 01-02-2026 ", dt.date(2026, 2, 1)), ("1.2.2026", dt.date(2026, 2, 1)), ("05 / 01 / 2026", dt.date(2026, 1, 5)),
])
def test_dates_are_read_as_typed(text, day):
    assert parse_ui_date(text) == day


@pytest.mark.parametrize("text", ["1511202", "150320270", "31022026", "15/11/26"])
def test_a_typed_date_that_is_not_whole_is_refused(text):
    with pytest.raises(ValueError, match="Ngày"):
        parse_ui_date(text)


def test_a_date_out_of_range_is_explained_by_the_bound():
    from cell_desk.domain.dates import date_in_range

    today = dt.date(2026, 11, 20)
    assert date_in_range(dt.date(2026, 11, 15), None, today, latest_name="hôm nay") == ""
    assert date_in_range(dt.date(2027, 3, 15), None, today, latest_name="hôm nay") == \
        "Ngày 15/03/2027 sau hôm nay (20/11/2026)."
    assert date_in_range(dt.date(2019, 1, 1), dt.date(2020, 1, 1), None) == "Ngày 01/01/2019 trước 01/01/2020."
