"""Gói báo cáo as a file: a .zip holding the manifest (JSON) and the report as Word, written to a
temporary file and moved into place."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ..domain.report_package import MANIFEST_NAME, REPORT_NAME
from .atomic import write_atomically


def write_report_package(target: Path, manifest: dict, report_docx: bytes) -> Path:
    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.writestr(REPORT_NAME, report_docx)

    return write_atomically(Path(target), write)
