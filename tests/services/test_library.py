import pytest

from cell_desk.domain.validation import ValidationError


def test_search_ignores_diacritics_and_filters_by_occasion(services):
    found = services.slogans.slogans("dang cong san viet nam")
    assert [s.number for s in found] == [5, 11, 14]
    assert [s.number for s in services.slogans.slogans(tag="Tết")] == [1]
    assert "Đại hội" in services.slogans.tags()


def test_add_edit_favourite_and_retire(services):
    added = services.slogans.add("  Mừng   Xuân Bính Ngọ! ", ["Tết", "Tết", " "])
    assert (added.number, added.text, added.tags) == (17, "Mừng Xuân Bính Ngọ!", ["Tết"])
    before, after = services.slogans.update(added.id, is_favourite=True, is_retired=True)
    assert not before.is_favourite and after.is_favourite and after.is_retired
    assert added.id not in [s.id for s in services.slogans.slogans()]
    assert [s.id for s in services.slogans.slogans(favourites_only=True, include_retired=True)] == [added.id]
    with pytest.raises(ValidationError, match="Chưa nhập nội dung"):
        services.slogans.update(added.id, text="   ")
    with pytest.raises(ValidationError, match="dài quá"):
        services.slogans.add("x" * 401, [])
