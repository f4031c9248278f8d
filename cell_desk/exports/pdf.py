"""PDF through LibreOffice, when the machine has it: Word documents become PDF without Word.
Where it has not, the program prints its own preview instead (ui/reports/preview.py)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from .atomic import ExportError, write_atomically

WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                  r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
HOW_TO_GET_IT = ("Để xuất PDF, máy cần LibreOffice (miễn phí, tải ở libreoffice.org; trên Debian/Ubuntu: "
                 "sudo apt install libreoffice-writer). Cách khác: xuất Word rồi mở bằng Word, chọn "
                 "Lưu thành… PDF.")
TIMEOUT_S = 180
POLL_S = 0.05  # how often a running conversion looks at Hủy


class ExportCancelled(Exception):
    """The user pressed Hủy: nothing was written."""


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        return next((place for place in WINDOWS_PLACES if os.path.exists(place)), None)
    return None


def convert_to_pdf(docx: Path, target: Path, cancelled: Callable[[], bool] | None = None) -> Path:
    """Converts a .docx with LibreOffice in its own profile folder (a LibreOffice the user has
    open is not disturbed), then moves the PDF into place. When `cancelled()` turns true the
    LibreOffice it started is stopped, its folder removed and ExportCancelled raised."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(HOW_TO_GET_IT)
    with tempfile.TemporaryDirectory(prefix="cell-desk-pdf-", ignore_cleanup_errors=True) as work:
        work_path = Path(work)
        profile = (work_path / "profile").as_uri()
        returncode, stderr = _run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(work_path), str(docx)], cancelled or (lambda: False))
        produced = work_path / (Path(docx).stem + ".pdf")
        if returncode != 0 or not produced.exists():
            raise ExportError(f"LibreOffice không chuyển được tệp sang PDF ({(stderr or '').strip()[:200]}).")
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        return write_atomically(Path(target), lambda temporary: shutil.copyfile(produced, temporary))


def _run(command: list[str], cancelled: Callable[[], bool]) -> tuple[int, str]:
    """Runs LibreOffice in a process group of its own, so that Hủy or the time limit stops it
    and whatever it started (soffice.bin behind the soffice launcher), and nothing else."""
    options: dict = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        options["start_new_session"] = True
    process = subprocess.Popen(command, **options)
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while True:
            try:
                _out, stderr = process.communicate(timeout=POLL_S)
                return process.returncode, (stderr or b"").decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                pass
            if cancelled():
                _stop(process)
                raise ExportCancelled()
            if time.monotonic() > deadline:
                _stop(process)
                raise ExportError(f"LibreOffice không chuyển xong sau {TIMEOUT_S} giây; hãy thử lại.")
    except BaseException:
        if process.poll() is None:
            _stop(process)
        raise


def _stop(process: subprocess.Popen) -> None:
    """Ends the LibreOffice this module started (by its process id and group: the launcher and
    what it started) and waits for it, so that its temporary folder can go."""
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/PID", str(process.pid), "/T", "/F"], capture_output=True, timeout=15)
        else:
            os.killpg(process.pid, signal.SIGTERM)  # LibreOffice ends at once on SIGTERM
    except (OSError, subprocess.SubprocessError):
        process.kill()
    try:
        process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


def write_party_pdf(target: Path, document, profile, cancelled: Callable[[], bool] | None = None) -> Path:
    """A Party document as PDF through LibreOffice: written as Word in a temporary folder, then
    converted. Domain values in, file out; `cancelled` as for convert_to_pdf."""
    from .party_docx import write_party_docx

    with tempfile.TemporaryDirectory(prefix="cell-desk-", ignore_cleanup_errors=True) as work:
        docx = write_party_docx(Path(work) / (Path(target).stem + ".docx"), document, profile)
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        return convert_to_pdf(docx, Path(target), cancelled)
