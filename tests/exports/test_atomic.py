"""Every export is written beside the target and moved into place: a failure leaves the old file
whole, no half file, and a message the user can act on."""
import errno
import os

import pytest

from cell_desk.exports.atomic import ExportError, write_atomically


def test_the_file_appears_only_when_complete(tmp_path):
    target = tmp_path / "bang-ron.pdf"
    target.write_text("bản cũ")

    def fail_halfway(temporary):
        temporary.write_text("một nửa")
        raise OSError(errno.EIO, "I/O error")

    with pytest.raises(ExportError, match="Không ghi được tệp"):
        write_atomically(target, fail_halfway)
    assert target.read_text() == "bản cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["bang-ron.pdf"]


def test_a_target_open_in_another_program_gets_a_message(tmp_path, monkeypatch):
    target = tmp_path / "bao-cao.docx"

    def locked(source, destination):
        raise PermissionError(errno.EACCES, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="đang mở trong chương trình khác"):
        write_atomically(target, lambda temporary: temporary.write_text("x"))
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_gets_a_message(tmp_path):
    def full(temporary):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="đã đầy"):
        write_atomically(tmp_path / "x.pdf", full)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_or_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(ExportError, match="là một thư mục"):
        write_atomically(tmp_path, lambda temporary: None)
    with pytest.raises(ExportError, match="Không có thư mục"):
        write_atomically(tmp_path / "khong-co" / "x.pdf", lambda temporary: None)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_exported_file_is_as_readable_as_any_file_the_user_saves(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    target = write_atomically(tmp_path / "export.txt", lambda temporary: temporary.write_text("x"))
    assert target.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777
