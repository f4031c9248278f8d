from cell_desk.domain.profile import CellProfile


def test_the_default_profile_can_be_saved_as_it_is():
    assert CellProfile().problems() == {}


def test_empty_and_overlong_fields_are_refused_with_messages():
    problems = CellProfile(cell_name="   ", place_name="x" * 61, issuer_code="cb-1").normalized().problems()
    assert problems["cell_name"] == "Chưa nhập “Tên chi bộ”."
    assert "dài quá 60" in problems["place_name"]
    assert "chữ in hoa" in problems["issuer_code"]


def test_normalising_trims_spaces_and_drops_empty_recipient_lines():
    profile = CellProfile(cell_name="  Chi bộ   Văn phòng ", recipients=["- Lưu.", "  ", ""]).normalized()
    assert profile.cell_name == "Chi bộ Văn phòng"
    assert profile.recipients == ["- Lưu."]
