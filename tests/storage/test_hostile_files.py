"""Files made to do harm: a backup that writes outside the data folder or carries a bomb, Office
files that are zip bombs or read local files through XML entities, a sheet of a million rows,
formulas disguised as text, a JSON plan nested 10,000 deep. Each is refused with a Vietnamese
message (or read as plain text), and nothing of the user's data changes."""
import json
import os
import sqlite3
import struct
import subprocess
import sys
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from cell_desk.app import restore_backup
from cell_desk.domain.validation import ValidationError
from cell_desk.imports.activities_xlsx import ActivityFileError, read_activity_sheet
from cell_desk.imports.plan_files import PlanFileError, read_document
from cell_desk.storage import errors
from cell_desk.storage.location import DATABASE_FILENAME
from tests.conftest import SEED_TODAY

ROOT = Path(__file__).resolve().parents[2]


def _files_under(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.is_symlink()}


def _forge_declared_size(archive: Path, name: str, size: int) -> None:
    """Rewrites the uncompressed size an entry declares (local header and central directory), as
    a crafted file would, without making the bytes."""
    data = bytearray(archive.read_bytes())
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at:start + name_at + len(encoded)] == encoded:
                data[start + size_at:start + size_at + 4] = struct.pack("<I", size)
            start += 4
    archive.write_bytes(bytes(data))


@pytest.fixture
def live(open_at, data_dir, tmp_path):
    """A closed data folder and a consistent copy of its data file to put in crafted zips."""
    services = open_at()
    copy = services.backups.backup_to(tmp_path / "ban-sao.sqlite3")
    services.close()
    return data_dir / DATABASE_FILENAME, copy


def _unchanged(data_dir: Path, before: dict[str, bytes]) -> None:
    after = _files_under(data_dir)
    assert after == before, sorted(set(after) ^ set(before))


# --- backups ---------------------------------------------------------------------------------

def test_a_backup_with_paths_out_of_the_folder_or_links_writes_only_inside_it(live, data_dir, tmp_path):
    _live, copy = live
    outside = tmp_path / "ngoai"
    outside.mkdir()
    absolute = outside / "tuyet-doi.txt"
    archive = tmp_path / "doc-hai.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(copy, DATABASE_FILENAME)
        zipped.writestr("attachments/hop-le.jpg", b"ok")
        zipped.writestr("../ngoai/len-tren.txt", b"escape")
        zipped.writestr("attachments/../../ngoai/len-tren-2.txt", b"escape")
        zipped.writestr(str(absolute), b"escape")  # /tmp/.../ngoai/tuyet-doi.txt
        zipped.writestr("attachments/..\\..\\ngoai\\gach-nguoc.txt", b"escape")
        zipped.writestr("posters/C:/ngoai.txt", b"escape")
        link = zipfile.ZipInfo("attachments/lien-ket")
        link.external_attr = (0o120777 << 16)  # a symlink to a file outside
        zipped.writestr(link, str(outside / "dich.txt"))
        link_dir = zipfile.ZipInfo("posters/thu-muc")
        link_dir.external_attr = (0o120777 << 16)
        zipped.writestr(link_dir, str(outside))
        zipped.writestr("posters/thu-muc/qua-lien-ket.txt", b"escape")
    restore_backup(data_dir, archive)
    assert list(outside.iterdir()) == []  # nothing reached the folder outside
    attachments = data_dir / "attachments"
    assert (attachments / "hop-le.jpg").read_bytes() == b"ok"
    assert not (attachments / "lien-ket").exists() and not (attachments / "lien-ket").is_symlink()
    assert not any(path.is_symlink() for path in data_dir.rglob("*"))
    written = {str(path.relative_to(data_dir)) for path in data_dir.rglob("*") if path.is_file()}
    assert {name for name in written if name.startswith(("attachments", "posters"))} == {
        "attachments/hop-le.jpg", "posters/thu-muc/qua-lien-ket.txt"}  # a plain file in a plain folder


def test_a_files_folder_that_is_a_link_to_elsewhere_is_not_written_through(live, data_dir, tmp_path):
    _live, copy = live
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    (data_dir / "attachments").symlink_to(elsewhere)
    archive = tmp_path / "sao-luu.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(copy, DATABASE_FILENAME)
        zipped.writestr("attachments/passwd", b"root::0:0")
    restore_backup(data_dir, archive)
    assert list(elsewhere.iterdir()) == []


def test_a_backup_whose_database_is_not_sqlite_changes_nothing(live, data_dir, tmp_path):
    before = _files_under(data_dir)
    archive = tmp_path / "gia.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(DATABASE_FILENAME, b"MZ\x90\x00 an executable, not a database" * 100)
        zipped.writestr("attachments/moi.jpg", b"x")
    with pytest.raises(errors.StorageError, match="không phải bản sao lưu dùng được.*Dữ liệu hiện tại vẫn giữ nguyên"):
        restore_backup(data_dir, archive)
    _unchanged(data_dir, before)


def test_a_backup_of_a_newer_version_names_the_backup_and_changes_nothing(live, data_dir, tmp_path):
    _live, copy = live
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_tuong_lai'")
        conn.commit()
    before = _files_under(data_dir)
    archive = tmp_path / "ban-moi.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(copy, DATABASE_FILENAME)
    with pytest.raises(errors.NewerSchema) as refused:
        restore_backup(data_dir, archive)
    message = str(refused.value)
    assert str(archive) in message and "9999_tuong_lai" in message and "Dữ liệu hiện tại vẫn giữ nguyên" in message
    assert "cell-desk-giai-nen" not in message  # the backup is named, not the temporary copy
    _unchanged(data_dir, before)


@pytest.mark.parametrize("entry", [DATABASE_FILENAME, "attachments/phim.mp4"])
def test_a_backup_declaring_a_huge_entry_is_refused_before_unpacking(live, data_dir, tmp_path, entry):
    _live, copy = live
    archive = tmp_path / "bom.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(copy, DATABASE_FILENAME)
        if entry != DATABASE_FILENAME:
            zipped.writestr(entry, b"\x00" * 1024)
    _forge_declared_size(archive, entry, 4_000_000_000)
    before = _files_under(data_dir)
    with pytest.raises(errors.StorageError, match="bom nén.*Dữ liệu hiện tại vẫn giữ nguyên"):
        restore_backup(data_dir, archive)
    _unchanged(data_dir, before)
    assert not list(data_dir.glob(".cell-desk-giai-nen-*"))


def test_listing_backups_skips_a_bomb_and_unpacks_nowhere_else(live, data_dir, tmp_path, monkeypatch):
    from cell_desk.storage.backups import available_backups

    _live, copy = live
    folder = data_dir / "backups"
    folder.mkdir(exist_ok=True)
    bomb = folder / "bom.zip"
    with zipfile.ZipFile(bomb, "w") as zipped:
        zipped.write(copy, DATABASE_FILENAME)
    _forge_declared_size(bomb, DATABASE_FILENAME, 4_000_000_000)
    good = folder / "that.zip"
    with zipfile.ZipFile(good, "w") as zipped:
        zipped.write(copy, DATABASE_FILENAME)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert [summary.path for summary in available_backups(folder)] == [good]
    assert list(temp.iterdir()) == []


# --- Office files ----------------------------------------------------------------------------

def _docx(path: Path, texts=("KẾ HOẠCH", "1. Tuyên truyền")) -> Path:
    from docx import Document

    document = Document()
    for text in texts:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _replace_part(path: Path, part: str, data: bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = data
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return path


def _xlsx(path: Path, rows) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhật ký"
    sheet.append(["Ngày", "Hình thức", "Tên hoạt động", "Nội dung"])
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with "="
    book.save(path)
    return path


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _xxe_document(secret: Path) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
            f'<w:document {W}><w:body><w:p><w:r><w:t>KẾ HOẠCH &xxe;</w:t></w:r></w:p></w:body></w:document>').encode()


def test_a_docx_with_an_external_entity_is_refused_and_reads_no_file(tmp_path):
    secret = tmp_path / "mat-khau.txt"
    secret.write_text("BÍ-MẬT-123", encoding="utf-8")
    path = _replace_part(_docx(tmp_path / "xxe.docx"), "word/document.xml", _xxe_document(secret))
    with pytest.raises(PlanFileError, match="DTD hoặc thực thể XML") as refused:
        read_document(path)
    assert "BÍ-MẬT-123" not in str(refused.value)


def test_the_libraries_themselves_do_not_expand_entities(tmp_path):
    """What python-docx and openpyxl do without the pre-check: neither reads the file the entity
    names (python-docx parses with resolve_entities=False; openpyxl streams sheets and shared
    strings with the standard library's expat, which fetches no external entity)."""
    from docx import Document
    from openpyxl import load_workbook

    secret = tmp_path / "mat-khau.txt"
    secret.write_text("BÍ-MẬT-123", encoding="utf-8")
    document = Document(str(_replace_part(_docx(tmp_path / "xxe.docx"), "word/document.xml", _xxe_document(secret))))
    assert "BÍ-MẬT-123" not in "".join(p.text for p in document.paragraphs)
    book = _xlsx(tmp_path / "xxe.xlsx", [("2020-08-01", "Tuyên truyền miệng", "Hội nghị", "x")])
    _replace_part(book, SHEET, _with_doctype(book, f'<!ENTITY xxe SYSTEM "file://{secret}">', "&amp; &xxe;"))
    try:
        values = [cell for row in load_workbook(book, read_only=True).active.iter_rows(values_only=True) for cell in row]
    except Exception:  # expat refuses the undefined entity outright: also safe
        values = []
    assert not any("BÍ-MẬT-123" in str(value) for value in values)


SHEET = "xl/worksheets/sheet1.xml"


def _with_doctype(book: Path, entities: str, text: str) -> bytes:
    """The sheet with a DTD after a declaration and a comment, and `text` in place of a cell's."""
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(SHEET).decode()
    xml = f'<?xml version="1.0"?>\n<!-- a comment first -->\n<!DOCTYPE worksheet [{entities}]>\n' + xml
    return xml.replace("Hội nghị", f"Hội nghị {text}").encode()


def test_an_xlsx_with_entities_is_refused(tmp_path):
    secret = tmp_path / "mat-khau.txt"
    secret.write_text("BÍ-MẬT-123", encoding="utf-8")
    book = _xlsx(tmp_path / "xxe.xlsx", [("2020-08-01", "Tuyên truyền miệng", "Hội nghị", "x")])
    laughs = "".join(f'<!ENTITY l{n} "{("&l%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    _replace_part(book, SHEET, _with_doctype(book, f'<!ENTITY l0 "ha">{laughs}', "&l9;"))
    with pytest.raises(ActivityFileError, match="DTD hoặc thực thể XML"):
        read_activity_sheet(book, SEED_TODAY)


def test_office_zip_bombs_are_refused_from_the_zip_directory(tmp_path):
    docx = _docx(tmp_path / "bom.docx")
    _forge_declared_size(docx, "word/document.xml", 3_000_000_000)
    with pytest.raises(PlanFileError, match="bom nén"):
        read_document(docx)
    many = _replace_part(_docx(tmp_path / "nhieu.docx"), "word/document.xml", _docx_xml("KẾ HOẠCH"),
                         {f"word/media/m{n}.bin": b"" for n in range(6000)})
    with pytest.raises(PlanFileError, match="6.017 phần"):
        read_document(many)
    sheet = _xlsx(tmp_path / "bom.xlsx", [("2020-08-01", "Tuyên truyền miệng", "Hội nghị", "x")])
    _replace_part(sheet, "xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                  b'main" count="1" uniqueCount="1"><si><t>x</t></si></sst>')
    _forge_declared_size(sheet, "xl/sharedStrings.xml", 1_000_000_000)  # a shared-strings table of 1 GB
    with pytest.raises(ActivityFileError, match="bom nén"):
        read_activity_sheet(sheet, SEED_TODAY)


def _docx_xml(text: str) -> bytes:
    return f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'.encode()


BOUNDED = """
import resource, sys, zipfile
resource.setrlimit(resource.RLIMIT_AS, (900 * 1024 * 1024, 900 * 1024 * 1024))
from cell_desk.imports.plan_files import PlanFileError, read_document
from cell_desk.imports.activities_xlsx import ActivityFileError, read_activity_sheet
import datetime as dt
for reader, path in ((read_document, sys.argv[1]), (lambda p: read_activity_sheet(p, dt.date(2020, 8, 15)), sys.argv[2])):
    try:
        reader(path)
    except (PlanFileError, ActivityFileError) as exc:
        print("REFUSED", exc)
    else:
        print("READ")
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS")
def test_real_zip_bombs_are_refused_within_a_bounded_memory(tmp_path):
    """Parts that really unpack to 1.2 GB (a few MB on disk): read in a process limited to 900 MB
    of address space, each is refused with the message, not a MemoryError."""
    def bomb(path: Path, part: str, head: bytes, tail: bytes) -> None:
        with zipfile.ZipFile(path) as source:
            parts = {info.filename: source.read(info) for info in source.infolist() if info.filename != part}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, content in parts.items():
                target.writestr(name, content)
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w", force_zip64=True) as sink:
                sink.write(head)
                block = b" " * (16 * 1024 * 1024)
                for _ in range(75):
                    sink.write(block)
                sink.write(tail)

    docx = _docx(tmp_path / "bom.docx")
    bomb(docx, "word/document.xml", f'<?xml version="1.0"?><w:document {W}><w:body>'.encode(), b"</w:body></w:document>")
    sheet = _xlsx(tmp_path / "bom.xlsx", [("2020-08-01", "Tuyên truyền miệng", "Hội nghị", "x")])
    bomb(sheet, SHEET, b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
         b'2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>', b"</t></is></c></row></sheetData></worksheet>")
    assert docx.stat().st_size < 10_000_000 and sheet.stat().st_size < 10_000_000
    done = subprocess.run([sys.executable, "-c", BOUNDED, str(docx), str(sheet)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(lines) == 2 and all(line.startswith("REFUSED") and "bom nén" in line for line in lines), lines


ROW = ('<row><c t="inlineStr"><is><t>2020-08-01</t></is></c><c t="inlineStr"><is><t>Tuyên truyền miệng</t></is></c>'
       '<c t="inlineStr"><is><t>Hoạt động {n}</t></is></c></row>')


def test_a_sheet_of_a_million_rows_is_refused_without_holding_them(tmp_path, monkeypatch):
    """Rows are streamed: the refusal comes once the limit is passed, not after reading them all.
    (Without a <dimension>, openpyxl itself scans the whole sheet once at opening, in constant memory.)"""
    import cell_desk.imports.activities_xlsx as reader

    path = tmp_path / "trieu-dong.xlsx"
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Ngày</t></is></c><c r="B1" t="inlineStr"><is><t>Hình thức</t>' \
             '</is></c><c r="C1" t="inlineStr"><is><t>Tên hoạt động</t></is></c></row>'
    book = tmp_path / "mau.xlsx"
    _xlsx(book, [])
    with zipfile.ZipFile(book) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                target.writestr(name, content)
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sink:
            sink.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                       b'main"><dimension ref="A1:C1000001"/><sheetData>' + header.encode())
            # rows without numbers follow each other (openpyxl counts them), so one block repeats
            block = "".join(ROW.format(n=n) for n in range(10_000)).encode()
            for _ in range(100):
                sink.write(block)
            sink.write(b"</sheetData></worksheet>")
    monkeypatch.setattr(reader, "MAX_ROWS", 20_000)  # the real limit, 150,000, takes longer to reach
    with pytest.raises(ActivityFileError, match="nhiều hơn số hoạt động một lần nhập nhận được.*20.000 dòng"):
        read_activity_sheet(path, SEED_TODAY)


FORMULAS = ['=HYPERLINK("http://example.invalid/x","Bấm vào đây")', "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|'/C calc'!A0",
            "+1+cmd|' /C calc'!A0", "-2+3", "=1+1"]


def test_formula_looking_text_comes_in_and_goes_out_as_text(services, tmp_path):
    rows = [("2020-08-0%d" % (n + 1), "Tuyên truyền miệng", text, FORMULAS[-1 - n]) for n, text in enumerate(FORMULAS)]
    preview = services.activity_excel.preview(_xlsx(tmp_path / "cong-thuc.xlsx", rows))
    assert not preview.errors
    assert services.activity_excel.commit(preview) == len(FORMULAS)
    stored = {row.title: services.activities.get(row.id).draft.content for row in services.activities.rows()}
    assert {title: stored[title] for title in FORMULAS} == {title: FORMULAS[-1 - n] for n, title in enumerate(FORMULAS)}
    out = services.activity_excel.export(tmp_path / "xuat.xlsx") and tmp_path / "xuat.xlsx"
    with zipfile.ZipFile(out) as archive:
        sheets = {name: archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")}
    assert not any("<f>" in xml or "<f " in xml for name, xml in sheets.items() if "cmd|" in xml or "HYPERLINK" in xml)
    from openpyxl import load_workbook

    values = {cell.value: cell.data_type for row in load_workbook(out)["Nhật ký"].iter_rows() for cell in row
              if isinstance(cell.value, str)}
    for text in FORMULAS:
        assert values.get(text) == "s", (text, values.get(text))


# --- JSON plans ------------------------------------------------------------------------------

def _plan(**extra) -> dict:
    return {"format": "cell-desk-plan", "format_version": 1,
            "plan": {"number": "01-KH", "title": "Kế hoạch", "issued_on": "2026-01-05",
                     "phases": [{"starts_on": "2026-01-05", "ends_on": "2026-12-31", "items": [{"text": "Việc"}]}],
                     **extra}}


def test_a_plan_nested_ten_thousand_deep_is_refused_with_a_message(tmp_path):
    from cell_desk.domain.plan_document import check_document
    from cell_desk.services.document_intake import read_incoming

    path = tmp_path / "sau.json"
    text = json.dumps(_plan(notes="X"))
    path.write_text(text.replace('"X"', "[" * 10_000 + "]" * 10_000), encoding="utf-8")
    with pytest.raises(ValidationError, match="lồng nhau quá sâu"):
        read_incoming(path)
    path.write_text(text.replace('"X"', "[" * 500 + "]" * 500), encoding="utf-8")  # parses, still refused
    with pytest.raises(ValidationError, match="lồng nhau quá 32 tầng"):
        read_incoming(path)
    deep: list = []
    document = _plan(notes=deep)
    for _ in range(10_000):  # built in Python: the check itself must not recurse
        deep.append([])
        deep = deep[0]
    with pytest.raises(ValidationError, match="lồng nhau quá 32 tầng"):
        check_document(document)


@pytest.mark.parametrize("shape", ["items", "sub_items", "slogans"])
def test_a_plan_of_a_million_items_is_refused_with_a_message(tmp_path, shape):
    from cell_desk.services.document_intake import read_incoming

    document = _plan()
    phase = document["plan"]["phases"][0]
    if shape == "items":
        phase["items"] = [{"text": "Việc"}] * 1_000_000
    elif shape == "sub_items":
        phase["items"][0]["sub_items"] = ["Ý nhỏ"] * 1_000_000
    else:
        document["plan"]["slogans"] = [1] * 1_000_000
    path = tmp_path / "lon.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ValidationError, match="quá nhiều mục|hơn 1.000.000|quá giới hạn") as refused:
        read_incoming(path)
    assert "Cell Desk" in str(refused.value) or "nội dung" in str(refused.value)


def test_the_plan_command_refuses_a_deep_file_with_exit_2(tmp_path, data_dir):
    path = tmp_path / "sau.json"
    path.write_text(json.dumps(_plan(notes="X")).replace('"X"', "[" * 10_000 + "]" * 10_000), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "plan", "import", str(path),
                           "--dry-run"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 2, done.stderr
    assert "lồng nhau quá sâu" in done.stderr and "Traceback" not in done.stderr


def test_a_real_plan_passes_the_size_checks():
    from cell_desk.domain.plan_document import check_document

    document = _plan()
    document["plan"]["phases"][0]["items"] = [{"text": f"Việc {n}", "sub_items": ["a", "b"]} for n in range(45_000)]
    assert check_document(document) is document

