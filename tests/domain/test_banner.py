import pytest

from cell_desk.domain.banner import GLUE_OVERLAP_MM, POINT_MM, SHEET_MARGIN_MM, check_custom_size, fit_text, tiles


def monospace(text: str) -> float:
    return len(text) * 50 * POINT_MM  # 100 pt characters half an em wide


def test_a_short_slogan_takes_one_line_and_fills_the_width():
    layout = fit_text("Mừng Đảng quang vinh", monospace, 270, 180)
    assert len(layout.lines) <= 2
    assert max(layout.widths_mm) == pytest.approx(270, rel=1e-6) or layout.text_height_mm == pytest.approx(180)


def test_lines_break_between_words_and_never_exceed_the_area():
    text = ("Cán bộ, đảng viên, người lao động trong Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh quyết tâm thực "
            "hiện thắng lợi nghị quyết đại hội đảng bộ các cấp và Nghị quyết Đại hội XIII của Đảng!")
    layout = fit_text(text, monospace, 270, 180)
    assert " ".join(layout.lines) == text
    assert all(width <= 270 + 1e-6 for width in layout.widths_mm)
    assert layout.text_height_mm <= 180 + 1e-6
    assert len(layout.lines) > 1


def test_tiles_cover_the_whole_banner_with_glue_overlaps():
    sheets = tiles(3000, 800)
    assert len(sheets) > 1
    right = max(tile.x_mm + tile.width_mm for tile in sheets)
    bottom = max(tile.y_mm + tile.height_mm for tile in sheets)
    assert right == pytest.approx(3000) and bottom == pytest.approx(800)
    first_row = sorted((t for t in sheets if t.row == 0), key=lambda t: t.column)
    for left, nxt in zip(first_row, first_row[1:]):
        assert left.x_mm + left.width_mm - nxt.x_mm == pytest.approx(GLUE_OVERLAP_MM)
    for tile in sheets:
        assert tile.width_mm <= tile.sheet_width_mm - 2 * SHEET_MARGIN_MM + 1e-6


def test_a_banner_that_fits_one_sheet_is_one_tile():
    assert len(tiles(250, 150)) == 1


@pytest.mark.parametrize("width, height", [(5, 80), (300, 2000)])
def test_custom_sizes_out_of_range_are_refused(width, height):
    with pytest.raises(ValueError, match="phải từ"):
        check_custom_size(width, height)
