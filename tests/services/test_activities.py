"""The activity log through its service: validation, links, attachments, undo, filters."""
import datetime as dt

import pytest

from cell_desk.domain.activity import ActivityDraft, ActivityFilter
from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.validation import ValidationError

from ..conftest import SEED_TODAY

MEETING = ActivityDraft(occurred_on=dt.date(2020, 8, 3), form="Tuyên truyền miệng",
                        title="Hội nghị quán triệt Chỉ thị 35-CT/TW", content="Toàn thể đảng viên dự.",
                        place="Hội trường", organiser="Đ/c Bí thư", party_members=18, others=4,
                        tags=("Đại hội",), item_ids=(3, 4))


def test_an_activity_is_stored_with_its_links_and_read_back(services):
    added = services.activities.add(MEETING)
    again = services.activities.get(added.id)
    assert again.draft == MEETING
    assert [row.title for row in services.activities.rows()] == [MEETING.title]
    row = services.activities.rows()[0]
    assert (row.participants, row.item_count, row.attachment_count) == (22, 2, 0)
    assert [item_id for item_id, _text in services.activities.linked_items(added.id)] == [3, 4]


@pytest.mark.parametrize("change, field", [
    (dict(title="   "), "title"),
    (dict(form=""), "form"),
    (dict(occurred_on=dt.date(1999, 12, 31)), "occurred_on"),
    (dict(occurred_on=SEED_TODAY + dt.timedelta(days=400)), "occurred_on"),
    (dict(ends_on=dt.date(2020, 8, 1)), "ends_on"),
    (dict(party_members=-1), "party_members"),
    (dict(others=10_000_000), "others"),
    (dict(title="x" * 501), "title"),
])
def test_bad_entries_are_refused_with_the_field_and_nothing_is_stored(services, change, field):
    from dataclasses import replace

    with pytest.raises(ValidationError) as refused:
        services.activities.add(replace(MEETING, **change))
    assert refused.value.field == field
    assert str(refused.value)  # a Vietnamese sentence for the form
    assert services.activities.rows() == []


def test_text_is_cleaned_on_the_way_in(services):
    from dataclasses import replace

    messy = replace(MEETING, title="  Hội   nghị\x07 ", content="a\r\nb\x00", tags=("Tết", "Tết", " "))
    stored = services.activities.get(services.activities.add(messy).id).draft
    assert (stored.title, stored.content, stored.tags) == ("Hội nghị", "a\nb", ("Tết",))


def test_an_edit_keeps_or_drops_attachments_and_undo_puts_everything_back(services, tmp_path):
    photo = tmp_path / "anh.png"
    photo.write_bytes(b"\x89PNG not decoded without a codec")
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    added = services.activities.add(MEETING, files=[photo, scan])
    assert [a.original_name for a in added.attachments] == ["anh.png", "bien-ban.pdf"]
    assert all(services.activities.attachment_path(a).read_bytes() for a in added.attachments)

    from dataclasses import replace
    before, after = services.activities.update(added.id, replace(MEETING, title="Đã sửa", item_ids=(5,)),
                                               keep=[added.attachments[1]])
    assert [a.original_name for a in after.attachments] == ["bien-ban.pdf"]
    assert services.activities.get(added.id).draft.item_ids == (5,)
    services.activities.restore(before)
    restored = services.activities.get(added.id)
    assert restored.draft == MEETING
    assert [a.original_name for a in restored.attachments] == ["anh.png", "bien-ban.pdf"]
    assert all(services.activities.attachment_path(a).exists() for a in restored.attachments)


def test_delete_then_undo_brings_the_activity_back_under_its_id(services):
    added = services.activities.add(MEETING)
    removed = services.activities.delete(added.id)
    assert services.activities.rows() == []
    services.activities.add(MEETING)  # takes a new id: ids are never reused
    services.activities.restore(removed)
    assert sorted(row.id for row in services.activities.rows())[0] == added.id
    assert len(services.activities.rows()) == 2


def test_a_missing_attachment_file_is_refused_and_nothing_is_stored(services, tmp_path):
    with pytest.raises(ValidationError, match="Không thấy tệp"):
        services.activities.add(MEETING, files=[tmp_path / "khong-co.jpg"])
    assert services.activities.rows() == []
    assert not list((services.data_dir / "attachments").glob("*.*"))


def test_filters_by_period_form_and_words_without_diacritics(services):
    from dataclasses import replace

    services.activities.add(MEETING)
    services.activities.add(replace(MEETING, occurred_on=dt.date(2020, 7, 10), form="Tuyên truyền cổ động trực quan",
                                    title="Treo băng rôn chào mừng Đại hội", item_ids=()))
    services.activities.add(replace(MEETING, occurred_on=dt.date(2020, 6, 28), ends_on=dt.date(2020, 7, 2),
                                    title="Triển lãm ảnh", item_ids=()))

    def titles(**filter_values):
        return [row.title for row in services.activities.rows(ActivityFilter(**filter_values))]

    assert titles() == [MEETING.title, "Treo băng rôn chào mừng Đại hội", "Triển lãm ảnh"]
    assert titles(query="BANG RON dai hoi") == ["Treo băng rôn chào mừng Đại hội"]
    assert titles(query="TRIEN lam") == ["Triển lãm ảnh"]
    assert len(titles(query="đại hội")) == 3  # the tag counts as text
    assert titles(form="Tuyên truyền miệng") == [MEETING.title, "Triển lãm ảnh"]
    # an activity spanning the period's first day belongs to it
    assert titles(date_from=dt.date(2020, 7, 1), date_to=dt.date(2020, 7, 31)) == [
        "Treo băng rôn chào mừng Đại hội", "Triển lãm ảnh"]
    assert titles(query="50%_") == []


def test_sorting_by_a_column_in_both_directions(services):
    from dataclasses import replace

    for title, people in (("B", 5), ("a", 9), ("C", 1)):
        services.activities.add(replace(MEETING, title=title, party_members=people, others=0, item_ids=()))
    ids = services.activities.activity_ids(sort="title", descending=False)
    assert [row.title for row in services.activities.rows_for(ids)] == ["a", "B", "C"]
    ids = services.activities.activity_ids(sort="participants", descending=True)
    assert [row.title for row in services.activities.rows_for(ids)] == ["a", "B", "C"]


def test_completing_linked_items_adds_evidence_and_leaves_done_items_alone(services):
    services.checklist.update_item(4, status=ItemStatus.DONE, completed_on=dt.date(2020, 2, 1))
    changed = services.checklist.complete_items([3, 4], dt.date(2020, 8, 3), "Hoạt động ngày 03/08/2020: Hội nghị")
    assert [item_id for item_id, _before, _after in changed] == [3]
    state = services.checklist.state(3)
    assert (state.status, state.completed_on) == (ItemStatus.DONE, dt.date(2020, 8, 3))
    assert state.evidence.endswith("Hoạt động ngày 03/08/2020: Hội nghị")
    assert services.checklist.state(4).completed_on == dt.date(2020, 2, 1)


def test_forms_come_from_the_plan_and_the_user_can_add_one(services):
    forms = services.activities.forms()
    assert "Tuyên truyền miệng" in forms and "Tuyên truyền cổ động trực quan" in forms
    services.activities.add_form("Sân khấu hóa")
    services.activities.add_form("san khau hoa")  # the same form, typed without diacritics
    assert services.activities.forms().count("Sân khấu hóa") == 1
    assert not any(form.casefold() == "san khau hoa" for form in services.activities.forms())


def test_demo_activities_are_believable(services):
    from cell_desk.services.demo import fill_activities

    assert fill_activities(services.database, 300, services.clock) == 300
    rows = services.activities.rows()
    assert len(rows) == 300
    assert set(row.form for row in rows) <= set(services.activities.forms())
    assert all(dt.date(2019, 12, 1) <= row.occurred_on <= SEED_TODAY for row in rows)
    assert sum(row.item_count for row in rows) > 100
