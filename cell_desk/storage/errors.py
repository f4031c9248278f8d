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
