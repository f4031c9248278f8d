"""The cell details a document prints, checked for first-run values before it goes out."""
from dataclasses import replace

from cell_desk.domain.profile import CellProfile, defaults_warning, fields_left_at_default


def test_the_first_run_profile_names_the_issuing_body_the_signer_and_the_place():
    assert fields_left_at_default(CellProfile()) == ["cell_name", "upper_body", "secretary_name", "place_name"]
    warning = defaults_warning(CellProfile())
    assert "tên chi bộ (“Chi bộ”)" in warning and "họ tên bí thư (chưa nhập)" in warning
    assert "cấp ủy cấp trên (chưa nhập)" in warning


def test_the_first_run_profile_names_no_body_of_2019():
    """The Đảng bộ Khối and its Ban Tuyên giáo were merged in 2025: a new cell's profile names neither."""
    profile = CellProfile()
    assert (profile.upper_body, profile.place_name, profile.recipients) == ("", "", ["Lưu: Chi bộ."])
    assert profile.problems() == {}  # it can still be saved as it is; documents warn before they go out


def test_a_saved_place_counts_as_chosen_but_a_bare_cell_name_never_does():
    profile = replace(CellProfile(), secretary_name="Nguyễn Văn Hùng", upper_body="Đảng bộ phường Từ Sơn")
    assert fields_left_at_default(replace(profile, place_name="Từ Sơn"), saved=True) == ["cell_name"]
    assert fields_left_at_default(profile, saved=True) == ["cell_name", "place_name"]  # empty is never chosen
    filled = replace(profile, cell_name="Chi bộ Văn phòng", place_name="Từ Sơn")
    assert fields_left_at_default(filled) == [] and defaults_warning(filled) == ""
