"""Every export goes to a temporary file beside the target and is moved into place, so a
failure leaves no half file and an older file stays whole."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable


class ExportError(Exception):
    """A write the user can fix; `str()` is the Vietnamese message."""


def _allow_like_a_new_file(path: Path) -> None:
    """mkstemp makes the file readable by its owner only; an exported document should be as
    readable as any file the user saves (a colleague opens it from a shared folder)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Calls write(temporary_path), then replaces target with it."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"“{target}” là một thư mục; hãy chọn tên tệp.")
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"Không có thư mục {folder}.")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix + ".partial", dir=folder)
    os.close(handle)
    temporary_path = Path(temporary)
    _allow_like_a_new_file(temporary_path)
    try:
        write(temporary_path)
        os.replace(temporary_path, target)
    except PermissionError as exc:
        raise ExportError(
            f"Không ghi được tệp {target}: tệp đang mở trong chương trình khác (Word, Excel, trình đọc PDF) "
            "hoặc thư mục không cho ghi. Hãy đóng tệp đó rồi thử lại, hoặc chọn tên khác."
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise ExportError(f"Ổ đĩa chứa {folder} đã đầy. Hãy giải phóng chỗ trống rồi thử lại.") from exc
        raise ExportError(f"Không ghi được tệp {target} ({exc.strerror or exc}).") from exc
    finally:
        temporary_path.unlink(missing_ok=True)
    return target
