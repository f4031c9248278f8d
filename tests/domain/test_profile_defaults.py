"""The cell details a document prints, checked for first-run values before it goes out."""
from dataclasses import replace

from cell_desk.domain.profile import CellProfile, defaults_warning, fields_left_at_default


def test_the_first_run_profile_names_the_issuing_body_the_signer_and_the_place():
    assert fields_left_at_default(CellProfile()) == ["cell_name", "secretary_name", "place_name"]
    warning = defaults_warning(CellProfile())
    assert "tên chi bộ (“Chi bộ”)" in warning and "họ tên bí thư (chưa nhập)" in warning


def test_a_saved_place_counts_as_chosen_but_a_bare_cell_name_never_does():
    profile = replace(CellProfile(), secretary_name="Nguyễn Văn Hùng")
    assert fields_left_at_default(profile, saved=True) == ["cell_name"]
    filled = replace(profile, cell_name="Chi bộ Văn phòng", place_name="Từ Sơn")
    assert fields_left_at_default(filled) == [] and defaults_warning(filled) == ""
