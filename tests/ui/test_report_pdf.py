"""Xuất PDF on the Báo cáo page, driven through the editor: through LibreOffice where the machine
has it, else the preview printed by the program; on a worker thread with a progress dialog whose
Hủy stops LibreOffice and leaves no file. Each PDF is opened again: A4, its text with diacritics,
a sensible number of pages."""
import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

import cell_desk.exports.pdf as pdf
from cell_desk.domain.activity import ActivityDraft
from tests.exports.rendering import needs_libreoffice, pages_text

A4_PT = (595.3, 841.9)
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture
def editor(services, make_window, monkeypatch):
    services.settings.update_profile({"cell_name": "Chi bộ Văn phòng", "upper_body": "Đảng bộ xã Hòa Bình",
                                      "place_name": "Hòa Bình", "secretary_name": "Nguyễn Thị Hương",
                                      "recipients": ["Đảng ủy xã (b/c),", "Lưu: Chi bộ."]})
    for day, title in ((3, "Hội nghị quán triệt Nghị quyết Đại hội Đảng bộ Khối lần thứ IX"),
                       (10, "Sinh hoạt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
                       (12, "Treo băng rôn chào mừng 75 năm Ngày Cách mạng tháng Tám và Quốc khánh 2/9")):
        services.activities.add(ActivityDraft(dt.date(2020, 8, day), "Tuyên truyền miệng", title, party_members=18))
    window = make_window(services)
    window.show_page(window.report_page)
    window.report_page.create_button.click()
    monkeypatch.setattr("cell_desk.ui.messages.ask_yes_no", lambda *args: False)  # do not open the file
    return window.report_page.report_editor


def out_folder(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def reopened(path):
    """(pages, sizes in points) of a PDF read again from disk."""
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document), [tuple(round(v, 1) for v in document[n].get_size()) for n in range(len(document))]
    finally:
        document.close()


def threads_of(monkeypatch, module, name):
    """Records the thread each call of module.name runs on, calling it through."""
    seen = []
    original = getattr(module, name)

    def recording(*args, **kwargs):
        seen.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, recording)
    return seen


def check_the_report(path):
    pages, sizes = reopened(path)
    assert all(abs(w - A4_PT[0]) < 1 and abs(h - A4_PT[1]) < 1 for w, h in sizes), sizes
    text = pages_text(path)
    whole = " ".join(" ".join(page.split()) for page in text)
    for expected in ("ĐẢNG BỘ XÃ HÒA BÌNH", "CHI BỘ VĂN PHÒNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO",
                     "Số 01-BC/CB", "Hòa Bình, ngày 15 tháng 8 năm 2020",
                     "Thực hiện Kế hoạch số 20-KH/ĐUK", "I. KẾT QUẢ THỰC HIỆN", "Hội nghị quán triệt Nghị quyết",
                     "Nơi nhận:", "- Đảng ủy xã (b/c),", "T/M CHI BỘ", "BÍ THƯ", "Nguyễn Thị Hương", "./."):
        assert expected in whole, expected
    return pages, text


@needs_libreoffice
def test_pdf_goes_through_libreoffice_on_a_worker_thread(editor, tmp_path, monkeypatch):
    threads = threads_of(monkeypatch, pdf, "write_party_pdf")
    written = editor.export(out_folder(tmp_path) / "bao-cao.pdf")
    assert written == tmp_path / "out" / "bao-cao.pdf" and written.exists()
    assert threads and threads[0] is not threading.main_thread()
    assert editor.saved_note.text() == "Đã xuất bao-cao.pdf qua LibreOffice"
    pages, _text = check_the_report(written)
    assert 1 <= pages <= 4
    assert sorted(p.name for p in written.parent.iterdir()) == ["bao-cao.pdf"]  # no temporary file beside it


@needs_pdftotext
def test_without_libreoffice_the_preview_is_printed_to_pdf(editor, tmp_path, monkeypatch):
    from cell_desk.ui.reports import preview

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    threads = threads_of(monkeypatch, preview, "print_preview_pdf")
    shown = []
    monkeypatch.setattr("cell_desk.ui.reports.editor.offer_to_open",
                        lambda parent, title, text, path: shown.append(text))
    written = editor.export(out_folder(tmp_path) / "bao-cao.pdf")
    assert written is not None and written.exists()
    assert threads and threads[0] is not threading.main_thread()
    assert editor.saved_note.text() == "Đã xuất bao-cao.pdf từ bản xem trước của chương trình"
    assert "từ bản xem trước của chương trình" in shown[0] and "LibreOffice" in shown[0]
    pages, text = check_the_report(written)
    assert 2 <= pages <= 4  # this report is two or three pages in Word
    assert text[1].split()[0] == "2"  # page numbers from page 2, in the header
    assert text[0].split()[0] != "1"
    # the signature block is never alone: the last body lines sit on its page
    last = next(number for number, page in enumerate(text) if "T/M CHI BỘ" in page)
    assert "./." in text[last]
    assert sorted(p.name for p in written.parent.iterdir()) == ["bao-cao.pdf"]


@needs_libreoffice
@needs_pdftotext
def test_both_routes_give_about_the_same_pages(editor, tmp_path, monkeypatch):
    through_libreoffice = editor.export(tmp_path / "lo.pdf")
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    from_preview = editor.export(tmp_path / "preview.pdf")
    assert abs(reopened(through_libreoffice)[0] - reopened(from_preview)[0]) <= 1


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for LibreOffice")
def test_hu_stops_libreoffice_and_leaves_no_file(editor, tmp_path, monkeypatch, qtbot):
    """A LibreOffice that never finishes (a script that starts a child and waits): Hủy ends it and
    its child, its temporary folder goes, no PDF is written, and the window kept running meanwhile."""
    record = tmp_path / "record"
    record.mkdir()
    fake = tmp_path / "soffice"
    fake.write_text(f"""#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = "--outdir" ] && echo "$2" > {record}/outdir; shift; done
echo $$ > {record}/pid
sleep 60 &
echo $! > {record}/child
wait
""")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(fake))
    out = tmp_path / "out"
    out.mkdir()
    ticks, seen = [], []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))

    def press_cancel():
        dialog = editor._task.dialog if editor._task is not None else None
        if dialog is None or not dialog.isVisible() or not (record / "child").exists():
            QTimer.singleShot(50, press_cancel)
            return
        seen.append(dialog.windowTitle())
        seen.append(dialog.labelText())
        next(button for button in dialog.findChildren(QPushButton) if button.text() == "Hủy").click()

    QTimer.singleShot(0, press_cancel)
    ticker.start(50)
    started = time.monotonic()
    assert editor.export(out / "bao-cao.pdf") is None
    took = time.monotonic() - started
    ticker.stop()
    assert seen == ["Xuất PDF", "Đang chuyển văn bản sang PDF qua LibreOffice…"]
    assert took < 10
    assert len(ticks) >= took / 0.05 * 0.5  # the event loop kept turning while LibreOffice ran
    assert list(out.iterdir()) == []  # neither the PDF nor a temporary file
    assert not os.path.exists((record / "outdir").read_text().strip())  # LibreOffice's folder is gone
    for name in ("pid", "child"):
        pid = int((record / name).read_text())
        assert not _alive(pid), name
    assert editor.saved_note.text() == "Đã hủy xuất PDF."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie child of init is gone for every purpose
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")
