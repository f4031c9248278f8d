import re
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPdfWriter

from cell_desk.domain.banner import SCHEMES
from cell_desk.domain.validation import ValidationError
from cell_desk.services.library import POSTER_FOLDER, THUMB_FOLDER
from cell_desk.storage.models import PosterRow
from cell_desk.ui.library.banner import BannerRequest, layout_for, write_banner_pdf
from cell_desk.ui.library.banner_dialog import BannerDialog, render_preview

from tests.services.test_fuzz import odd_text

LONGEST = 12  # "Cán bộ, đảng viên, người lao động trong Đảng bộ Khối … Đại hội XIII của Đảng!"


@pytest.fixture
def library(make_window, services):
    window = make_window(services)
    window.show_page(window.library_page)
    return window.library_page


def png(path: Path, width=320, height=200, colour="#c8102e") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims a size, with no pixels behind it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16))
                     + chunk(b"IEND", b""))
    return path


def test_slogan_search_and_copy(library, qtbot):
    tab = library.slogans
    assert tab.model.rowCount() == 16
    tab.search.setText("DANG CONG SAN VIET NAM")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=2000)
    assert [s.number for s in tab.model.rows] == [5, 11, 14]
    tab.table.selectRow(2)
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Đảng Cộng sản Việt Nam quang vinh muôn năm!"
    assert "Đã chép khẩu hiệu số 14" in tab.message.text()


def test_favourite_and_retire_from_the_tab_and_undo(library, services, make_window):
    tab = library.slogans
    tab.select_number(8)
    tab.favourite_button.click()
    assert services.slogans.by_number(8).is_favourite
    tab.retire_button.click()
    assert services.slogans.by_number(8).is_retired
    assert 8 not in [s.number for s in tab.model.rows]
    assert "Đã thôi dùng khẩu hiệu số 8" in tab.message.text()
    assert tab.selected().number == 9  # the next one is selected
    library.window().undo_stack.undo()
    assert not services.slogans.by_number(8).is_retired
    assert 8 in [s.number for s in tab.model.rows]


def test_the_longest_slogan_fits_an_a4_banner_pdf(tmp_path, qapp, services):
    slogan = services.slogans.by_number(LONGEST)
    request = BannerRequest.on_paper(slogan.text, "A4", SCHEMES["red"])
    target = write_banner_pdf(request, tmp_path / "bang-ron.pdf")
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(boxes) == 1
    width_pt, height_pt = (float(v) for v in boxes[0])
    assert (round(width_pt), round(height_pt)) == (842, 595)  # A4 landscape
    layout, area = layout_for(request, QPdfWriter(str(tmp_path / "measure.pdf")))
    assert " ".join(layout.lines) == slogan.text.upper()
    assert max(layout.widths_mm) <= area.width() + 1e-6 and layout.text_height_mm <= area.height() + 1e-6
    assert not list(tmp_path.glob("*.partial"))


def test_the_drawn_banner_keeps_its_text_off_the_edges(services):
    slogan = services.slogans.by_number(LONGEST)
    for paper in ("A4", "A3"):
        image = render_preview(BannerRequest.on_paper(slogan.text, paper, SCHEMES["white"]), QImage(900, 700, QImage.Format.Format_RGB32).size())
        background = QColor(SCHEMES["white"].background).rgb()
        edge = [image.pixel(x, y) for x in range(image.width()) for y in (0, 1, image.height() - 2, image.height() - 1)]
        edge += [image.pixel(x, y) for y in range(image.height()) for x in (0, 1, image.width() - 2, image.width() - 1)]
        assert set(edge) == {background}
        # the text is there: every pixel is looked at (a sampling grid could fall between the strokes)
        pixels = image.convertToFormat(QImage.Format.Format_RGB32)
        plain = QImage(pixels.size(), QImage.Format.Format_RGB32)
        plain.fill(QColor(SCHEMES["white"].background))
        assert pixels != plain, f"nothing drawn on the {paper} banner"


def test_a_large_banner_tiles_over_a4_sheets(tmp_path, qapp, services):
    slogan = services.slogans.by_number(4)
    target = write_banner_pdf(BannerRequest(slogan.text, 3000, 800, SCHEMES["red"], tiled=True), tmp_path / "lon.pdf")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", target.read_bytes())
    assert len(boxes) > 1
    assert {tuple(round(float(v)) for v in box) for box in boxes} <= {(595, 842), (842, 595)}


def test_the_banner_dialog_exports_pdf_and_word(tmp_path, qtbot, services):
    dialog = BannerDialog(services.slogans.by_number(7))
    qtbot.addWidget(dialog)
    dialog.paper_a3.setChecked(True)
    assert dialog.preview.pixmap().width() > 0
    assert dialog.export(tmp_path / "b.pdf")
    assert dialog.export(tmp_path / "b.docx")
    from docx import Document

    document = Document(str(tmp_path / "b.docx"))
    text = " ".join(p.text for p in document.tables[0].cell(0, 0).paragraphs)
    assert text == services.slogans.by_number(7).text.upper()
    section = document.sections[0]
    assert round(section.page_width.mm) == 420 and round(section.page_height.mm) == 297
    # the colour prints: a shaded cell, not Word's page colour (which Word does not print)
    fill = document.tables[0].cell(0, 0)._tc.tcPr.xpath("./w:shd/@w:fill")
    assert fill == [SCHEMES["red"].background.lstrip("#")]
    dialog.paper_custom.setChecked(True)
    dialog.width_cm.setValue(300)
    assert not dialog.docx_button.isEnabled()


def test_importing_posters_and_refusing_bad_files(library, services, tmp_path):
    tab = library.posters
    good = png(tmp_path / "pa-no_dai_hoi.png")
    not_image = tmp_path / "bao-cao.png"
    not_image.write_text("đây là văn bản, không phải ảnh")
    damaged = tmp_path / "hong.png"
    damaged.write_bytes(good.read_bytes()[:120])
    too_big = png_header_only(tmp_path / "khong-lo.png", 8000, 7000)
    added = tab.import_files([good, not_image, damaged, too_big])
    assert len(added) == 1 and added[0].title == "pa-no dai hoi"
    message = tab.message.text()
    assert "Không nhập 3 tệp" in message
    assert "“bao-cao.png” không phải ảnh PNG hoặc JPEG" in message
    assert "“hong.png” bị hỏng" in message
    assert "quá lớn (8000 x 7000" in message
    folder = services.data_dir / POSTER_FOLDER
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [added[0].file_name]
    assert len(list((folder / THUMB_FOLDER).iterdir())) == 1
    assert tab.model.rowCount() == 1
    tab.grid.setCurrentIndex(tab.model.index(0))
    assert tab.preview.pixmap().width() > 0
    assert "320 x 200" in tab.details.text()


def test_exporting_chosen_posters_to_a_folder(library, tmp_path):
    tab = library.posters
    added = tab.import_files([png(tmp_path / "a.png"), png(tmp_path / "b.png", colour="#ffde00")])
    assert len(added) == 2
    again = tab.import_files([tmp_path / "a.png"])
    assert again == [] and "“a.png” đã có trong thư viện: “a”" in tab.message.text()
    tab.grid.selectAll()
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.png").write_text("already here")
    written = tab.export_selected(out)
    assert sorted(p.name for p in written) == ["a (2).png", "b.png"]
    assert (out / "a.png").read_text() == "already here"
    assert QImage(str(out / "b.png")).pixelColor(0, 0) == QColor("#ffde00")


def test_the_grid_reads_only_the_thumbnails_it_shows(library, services, tmp_path, qtbot):
    tab = library.posters
    first = tab.import_files([png(tmp_path / "mau.png")])[0]
    with services.database.session() as session:
        session.add_all(PosterRow(title=f"Pa-nô {n}", occasion="", size_text="", source="", notes="",
                                  file_name=first.file_name, original_name="mau.png", pixel_width=320,
                                  pixel_height=200) for n in range(2000))
    tab.reload()
    library.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.thumbnails_read > 0, timeout=3000)
    assert tab.model.rowCount() == 2001
    assert 0 < tab.model.thumbnails_read < 200


def test_cli_lists_slogans_and_exports_a_banner(capsys, data_dir, tmp_path):
    from cell_desk.__main__ import main

    assert main(["--data-dir", str(data_dir), "slogan", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 16 and out[15] == "16. Chủ tịch Hồ Chí Minh vĩ đại sống mãi trong sự nghiệp của chúng ta!"
    target = tmp_path / "khau-hieu-3.pdf"
    assert main(["--data-dir", str(data_dir), "export", "banner", "--slogan", "3", "--out", str(target),
                 "--paper", "A3", "--scheme", "white"]) == 0
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", target.read_bytes())
    assert [tuple(round(float(v)) for v in box) for box in boxes] == [(1191, 842)]
    assert main(["--data-dir", str(data_dir), "export", "banner", "--slogan", "3", "--out", str(target),
                 "--size", "5x2"]) == 2
    assert "phải từ 10 đến 1000 cm" in capsys.readouterr().err


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=odd_text)
def test_odd_slogans_make_a_pdf_banner(services, tmp_path_factory, text):
    try:
        slogan = services.slogans.add(text, [])
    except ValidationError:
        return
    target = write_banner_pdf(BannerRequest.on_paper(slogan.text, "A4", SCHEMES["red"]),
                              tmp_path_factory.mktemp("pdf") / "b.pdf")
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("size", [(1366, 768), (1024, 536)])  # 1280×720 at 125%, less a taskbar
def test_the_size_caption_never_lies_over_the_banner_preview(qtbot, services, size):
    longest = max(services.slogans.slogans(), key=lambda slogan: len(slogan.text))
    dialog = BannerDialog(longest)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.paper_custom.setChecked(True)
    dialog.tiled.setChecked(True)  # the longest caption: size, sheet count and how to glue them
    dialog.resize(640, 480)  # Qt's size for a window that never asked for one: smaller than the dialog needs
    qtbot.wait(10)
    assert dialog.summary.text().startswith("Băng rôn 300 x 80 cm, in trên")
    assert not dialog.summary.geometry().intersects(dialog.preview.geometry())
    assert dialog.summary.geometry().bottom() <= dialog.pdf_button.geometry().top()
    assert dialog.minimumSizeHint().height() <= size[1]
