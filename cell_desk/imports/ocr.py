"""Reading the text of an image (a photo of a page, a page of a scanned PDF) with Tesseract OCR
and its Vietnamese data (`vie`), run as the `tesseract` command. See docs/ocr.md.

Where the command is looked for, first found wins:
1. the path given to `set_tesseract_path()` (a setting of the program), then the environment
   variable CELL_DESK_TESSERACT (the program itself, or the folder that holds it);
2. beside the program: a `Tesseract-OCR` (or `tesseract`) folder next to the bundle's executable
   or inside the bundle;
3. `tesseract` on PATH;
4. on Windows, the folders the UB Mannheim installer uses (Program Files, Program Files (x86),
   %LOCALAPPDATA%\\Programs).
"""
from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from . import external

ENVIRONMENT_VARIABLE = "CELL_DESK_TESSERACT"
LANGUAGE = "vie"
OCR_TIMEOUT_SECONDS = 300  # one page; a 300 dpi A4 page takes a few seconds
LIST_TIMEOUT_SECONDS = 20
EXECUTABLE = "tesseract.exe" if sys.platform == "win32" else "tesseract"
FOLDER_NAMES = ("Tesseract-OCR", "tesseract")

INSTALL_HELP = (
    "Cách cài: trên Windows, cài Tesseract OCR bản của UB Mannheim và đánh dấu thêm dữ liệu tiếng Việt "
    "(Vietnamese) khi cài (vào C:\\Program Files\\Tesseract-OCR), hoặc chép thư mục Tesseract-OCR vào cạnh "
    "chương trình Cell Desk; trên Debian/Ubuntu: sudo apt install tesseract-ocr tesseract-ocr-vie. "
    "Cài xong, mở lại Cell Desk rồi nhập lại tệp.")

_configured: Path | None = None


class OcrUnavailable(Exception):
    """No Tesseract, or one without Vietnamese; `str()` says what to install (Vietnamese)."""


def set_tesseract_path(path: str | Path | None) -> None:
    """The program's setting: where tesseract(.exe) is, or the folder that holds it; None forgets it."""
    global _configured
    _configured = Path(path) if path else None
    find_tesseract.cache_clear()


def _as_executable(candidate: Path) -> Path | None:
    if candidate.is_dir():
        candidate = candidate / EXECUTABLE
    if candidate.is_file() and (sys.platform == "win32" or os.access(candidate, os.X_OK)):
        return candidate
    return None


def candidate_locations() -> list[Path]:
    places: list[Path] = []
    if _configured is not None:
        places.append(_configured)
    if os.environ.get(ENVIRONMENT_VARIABLE):
        places.append(Path(os.environ[ENVIRONMENT_VARIABLE]))
    roots = []
    if getattr(sys, "frozen", False):
        roots.append(Path(sys.executable).resolve().parent)
    if getattr(sys, "_MEIPASS", None):
        roots.append(Path(sys._MEIPASS))
    for root in roots:
        places.extend(root / name for name in FOLDER_NAMES)
    on_path = shutil.which("tesseract")
    if on_path:
        places.append(Path(on_path))
    if sys.platform == "win32":
        for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            if os.environ.get(variable):
                places.append(Path(os.environ[variable]) / "Tesseract-OCR")
        if os.environ.get("LOCALAPPDATA"):
            places.append(Path(os.environ["LOCALAPPDATA"]) / "Programs" / "Tesseract-OCR")
        places.append(Path("C:/Program Files/Tesseract-OCR"))
    return places


@lru_cache(maxsize=1)
def find_tesseract() -> Path | None:
    for place in candidate_locations():
        found = _as_executable(place)
        if found is not None:
            return found
    return None


def _environment(executable: Path) -> dict:
    extra = {}
    tessdata = executable.parent / "tessdata"
    if tessdata.is_dir() and not os.environ.get("TESSDATA_PREFIX"):
        extra["TESSDATA_PREFIX"] = str(tessdata)  # a copy put beside the program carries its own data
    return external.child_environment(**extra)


@lru_cache(maxsize=8)
def languages(executable: Path) -> frozenset[str]:
    try:
        done = external.run([str(executable), "--list-langs"], LIST_TIMEOUT_SECONDS, env=_environment(executable))
    except (OSError, external.TimedOut):
        return frozenset()
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    # the first line is "List of available languages in "…" (n):"
    return frozenset(line.strip() for line in text.splitlines()[1:] if line.strip() and " " not in line.strip())


def require_tesseract() -> Path:
    """The tesseract that can read Vietnamese, or OcrUnavailable saying what to install."""
    executable = find_tesseract()
    if executable is None:
        raise OcrUnavailable("Máy chưa có chương trình nhận dạng chữ Tesseract OCR. " + INSTALL_HELP)
    if LANGUAGE not in languages(executable):
        raise OcrUnavailable(
            f"Tesseract OCR ({executable}) chưa có dữ liệu tiếng Việt (vie). " + INSTALL_HELP)
    return executable


def ocr_available() -> bool:
    try:
        require_tesseract()
    except OcrUnavailable:
        return False
    return True


def image_text(image: Path, cancelled: Callable[[], bool] | None = None, executable: Path | None = None) -> str:
    """The text Tesseract reads in `image`, NFC; raises OcrUnavailable, external.Cancelled, RuntimeError."""
    executable = executable or require_tesseract()
    argv = [str(executable), str(image), "stdout", "-l", LANGUAGE]
    try:
        done = external.run(argv, OCR_TIMEOUT_SECONDS, cancelled, env=_environment(executable))
    except external.TimedOut:
        raise RuntimeError(f"Tesseract chạy quá {OCR_TIMEOUT_SECONDS} giây với ảnh này nên đã bị dừng.") from None
    except OSError as exc:
        raise OcrUnavailable(f"Không chạy được Tesseract ({executable}): {exc}. " + INSTALL_HELP) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError("Tesseract không đọc được ảnh" + (f": {detail[-1]}" if detail else "."))
    return unicodedata.normalize("NFC", done.stdout.decode("utf-8", "replace"))
