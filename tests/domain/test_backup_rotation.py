import datetime as dt

from cell_desk.domain.backups import KEEP_DAILY, KEEP_MONTHLY, backups_to_keep


def test_rotation_keeps_seven_days_four_weeks_twelve_months():
    start = dt.datetime(2025, 1, 1, 8, 0)
    daily = [(n, start + dt.timedelta(days=n)) for n in range(700)]  # two years, one copy a day
    keep = backups_to_keep(daily)
    newest = max(n for n, _ in daily)
    assert set(range(newest - KEEP_DAILY + 1, newest + 1)) <= keep  # the last seven days
    assert len(keep) <= KEEP_DAILY + 4 + KEEP_MONTHLY
    months = {(moment.year, moment.month) for n, moment in daily if n in keep}
    assert len(months) == KEEP_MONTHLY
    assert 0 not in keep  # two years ago is gone


def test_two_copies_on_one_day_keep_the_newer():
    morning, evening = dt.datetime(2026, 5, 1, 8), dt.datetime(2026, 5, 1, 18)
    assert backups_to_keep([("a", morning), ("b", evening)]) == {"b"}
