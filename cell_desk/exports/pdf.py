"""PDF through LibreOffice, when the machine has it: Word documents become PDF without Word."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .atomic import ExportError, write_atomically

WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                  r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
HOW_TO_GET_IT = ("Để xuất PDF, máy cần LibreOffice (miễn phí, tải ở libreoffice.org; trên Debian/Ubuntu: "
                 "sudo apt install libreoffice-writer). Cách khác: xuất Word rồi mở bằng Word, chọn "
                 "Lưu thành… PDF.")
TIMEOUT_S = 180


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        return next((place for place in WINDOWS_PLACES if os.path.exists(place)), None)
    return None


def convert_to_pdf(docx: Path, target: Path) -> Path:
    """Converts a .docx with LibreOffice in its own profile folder (a LibreOffice the user has
    open is not disturbed), then moves the PDF into place."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(HOW_TO_GET_IT)
    with tempfile.TemporaryDirectory(prefix="cell-desk-pdf-") as work:
        work_path = Path(work)
        profile = (work_path / "profile").as_uri()
        try:
            result = subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(work_path), str(docx)],
                capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise ExportError(f"LibreOffice không chuyển xong sau {TIMEOUT_S} giây; hãy thử lại.") from exc
        produced = work_path / (Path(docx).stem + ".pdf")
        if result.returncode != 0 or not produced.exists():
            raise ExportError(f"LibreOffice không chuyển được tệp sang PDF ({(result.stderr or '').strip()[:200]}).")
        return write_atomically(Path(target), lambda temporary: shutil.copyfile(produced, temporary))
