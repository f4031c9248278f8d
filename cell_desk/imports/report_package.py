"""Reading a Gói báo cáo on the upper committee's side: a damaged or hostile zip, a manifest of a
newer version, a period in the future are refused with a message, before anything is stored."""
from __future__ import annotations

import datetime as dt
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..domain.report_package import (
    MANIFEST_NAME, MAX_MANIFEST_BYTES, REPORT_NAME, PackageError, ReportPackage, read_manifest,
)

MAX_REPORT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ReceivedPackage:
    path: Path
    package: ReportPackage
    report_docx: bytes


def read_report_package(path: Path, today: dt.date) -> ReceivedPackage:
    path = Path(path)
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = {entry.filename: entry for entry in archive.infolist()}
            manifest_entry = entries.get(MANIFEST_NAME)
            if manifest_entry is None:
                raise PackageError(f"{name} không phải gói báo cáo của Cell Desk (thiếu phần thông tin của gói).")
            if manifest_entry.file_size > MAX_MANIFEST_BYTES:
                raise PackageError(f"{name}: {MANIFEST_NAME} lớn bất thường; gói không được nhập.")
            manifest = _read_bounded(archive, manifest_entry, MAX_MANIFEST_BYTES, name)
            report_entry = entries.get(REPORT_NAME)
            report = b""
            if report_entry is not None:
                if report_entry.file_size > MAX_REPORT_BYTES:
                    raise PackageError(f"{name}: tệp Word trong gói lớn bất thường; gói không được nhập.")
                report = _read_bounded(archive, report_entry, MAX_REPORT_BYTES, name)
    except FileNotFoundError:
        raise PackageError(f"Không có tệp {path}.") from None
    except OSError as exc:
        raise PackageError(f"Không đọc được {name} ({exc.strerror or exc}).") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise PackageError(f"{name} bị hỏng hoặc không phải tệp .zip (có thể tải về chưa hết). "
                           "Hãy xin chi bộ gửi lại; tệp này chưa được nhập.") from exc
    try:
        data = json.loads(manifest.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PackageError(f"{name}: {MANIFEST_NAME} không đọc được ({exc.__class__.__name__}); "
                           "gói có thể đã bị hỏng.") from exc
    return ReceivedPackage(path, read_manifest(data, name, today), report)


def _read_bounded(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """The entry's bytes, stopping at the limit whatever its header claims (a zip bomb lies)."""
    with archive.open(entry) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise PackageError(f"{name}: {entry.filename} lớn bất thường; gói không được nhập.")
    return data
