"""Storage problems a user can fix, each with a Vietnamese message naming the file."""
from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """A problem with the data file or folder; `str()` is the message for the user."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


class DataFolderNotWritable(StorageError):
    pass


class NotADatabase(StorageError):
    pass


class DatabaseLocked(StorageError):
    pass


class NewerSchema(StorageError):
    pass


class DamagedDatabase(StorageError):
    pass


class WriteFailed(StorageError):
    """A save that the disk or the file refused; nothing of it was written."""


class ServerUnreachable(StorageError):
    """The PostgreSQL server refused or did not answer."""


class EditConflict(StorageError):
    """Someone else saved the same row after this copy of it was read; nothing of this save was written."""


RESTORABLE = (NotADatabase, DamagedDatabase)  # the GUI offers a backup for these


def folder_not_writable(folder: Path, reason: str) -> DataFolderNotWritable:
    return DataFolderNotWritable(
        f"Không ghi được vào thư mục dữ liệu {folder} ({reason}).\n"
        "Hãy chọn thư mục khác bằng tùy chọn --data-dir, hoặc nhờ người quản trị máy cấp quyền ghi "
        "cho thư mục này.",
        folder,
    )


def not_a_database(path: Path) -> NotADatabase:
    return NotADatabase(
        f"Tệp {path} không phải là cơ sở dữ liệu của Cell Desk (hoặc đã bị hỏng).\n"
        "Chương trình không sửa gì trong tệp này. Hãy chọn thư mục dữ liệu khác bằng --data-dir, "
        "hoặc chuyển tệp này đi nơi khác để chương trình tạo cơ sở dữ liệu mới.",
        path,
    )


def database_locked(path: Path) -> DatabaseLocked:
    return DatabaseLocked(
        f"Tệp dữ liệu {path} đang bị một chương trình khác khóa (có thể Cell Desk đang mở ở cửa sổ "
        "khác, hoặc một chương trình sao lưu đang đọc tệp).\n"
        "Hãy đóng chương trình đó rồi mở lại Cell Desk.",
        path,
    )


def newer_schema(path: Path, revision: str) -> NewerSchema:
    return NewerSchema(
        f"Tệp dữ liệu {path} được tạo bởi một phiên bản Cell Desk mới hơn (lược đồ {revision}).\n"
        "Phiên bản này không đọc được và sẽ không ghi gì vào tệp. Hãy cài phiên bản Cell Desk mới nhất.",
        path,
    )


def damaged(path: Path, detail: str, *, backup: bool = False) -> DamagedDatabase:
    """SQLite's own words (English, technical) go to the log, not to the person."""
    import logging

    logging.getLogger("cell_desk").warning("%s: %s", path, detail)
    if backup:
        return DamagedDatabase(f"Tệp sao lưu {path} đã bị hỏng, không dùng để khôi phục được. Hãy chọn bản khác.", path)
    return DamagedDatabase(
        f"Tệp dữ liệu {path} đã bị hỏng (có phần không đọc được).\n"
        "Có thể khôi phục bản sao lưu gần nhất: tệp hỏng sẽ được giữ lại bên cạnh, không bị ghi đè.",
        path,
    )


def write_failed(path: Path, reason: str, saving: str = "") -> WriteFailed:
    """`saving` names what could not be written ("bản sao lưu"); by default the change just made."""
    lowered = reason.lower()
    what = saving or "thay đổi vừa rồi"
    if "full" in lowered or "no space" in lowered:
        message = (f"Ổ đĩa chứa {path.parent} đã đầy nên chưa lưu được {what}. "
                   "Hãy xóa bớt tệp không cần thiết rồi làm lại.")
    elif "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
        message = (f"Tệp dữ liệu {path} đang chỉ cho đọc nên chưa lưu được {what}. "
                   "Hãy kiểm tra quyền ghi của thư mục (hoặc USB có bị khóa ghi không).")
    elif "locked" in lowered or "busy" in lowered:
        message = (f"Tệp dữ liệu {path} đang bị chương trình khác giữ nên chưa lưu được {what}. "
                   "Hãy đóng chương trình đó rồi làm lại.")
    else:
        message = f"Chưa lưu được {what} vào {path} ({reason}). Hãy thử lại."
    return WriteFailed(message, path)


def unsafe_backup(path: Path, reason: str) -> StorageError:
    return StorageError(f"Không dùng được {path.name} để khôi phục: {reason}. Dữ liệu hiện tại vẫn giữ nguyên.", path)


def edit_conflict(what: str = "mục này") -> EditConflict:
    return EditConflict(
        f"Người khác vừa lưu thay đổi cho {what} trong lúc bạn đang sửa, nên thay đổi của bạn chưa được lưu "
        "(để không ghi đè lên thay đổi của họ). Hãy xem lại bản mới nhất rồi sửa lại."
    )


def server_write_failed(location: str, reason: str) -> WriteFailed:
    import logging

    logging.getLogger("cell_desk").warning("%s: %s", location, reason)
    return WriteFailed(f"Chưa lưu được thay đổi vừa rồi vào {location}: mất kết nối tới máy chủ hoặc máy chủ "
                       "từ chối. Hãy kiểm tra mạng nội bộ rồi làm lại; thay đổi này chưa được ghi.")
