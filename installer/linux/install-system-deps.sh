#!/bin/sh
# Installs the Debian libraries that Qt needs (and the venv module), only where
# one is missing. Run by `make` before it creates the virtual environment.
set -e
missing=""
need_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || missing="$missing $2"; }
need_lib 'libGL.so.1' libgl1
need_lib 'libEGL.so.1' libegl1
need_lib 'libxkbcommon.so.0' libxkbcommon0
need_lib 'libxkbcommon-x11.so.0' libxkbcommon-x11-0
need_lib 'libfontconfig.so.1' libfontconfig1
need_lib 'libdbus-1.so.3' libdbus-1-3
need_lib 'libglib-2.0.so.0' libglib2.0-0
need_lib 'libxcb-cursor.so.0' libxcb-cursor0
need_lib 'libxcb-icccm.so.4' libxcb-icccm4
need_lib 'libxcb-keysyms.so.1' libxcb-keysyms1
need_lib 'libxcb-shape.so.0' libxcb-shape0
need_lib 'libxcb-render-util.so.0' libxcb-render-util0
need_lib 'libxcb-image.so.0' libxcb-image0
fc-list 2>/dev/null | grep -qi 'dejavu' || missing="$missing fonts-dejavu-core"
${PYTHON:-python3} -c 'import venv, ensurepip' 2>/dev/null || missing="$missing python3-venv"
# Optional: Tesseract OCR with Vietnamese data reads scanned PDFs and photos (docs/ocr.md). The
# program installs and runs without it, so a failure here is only reported.
optional=""
command -v tesseract >/dev/null 2>&1 || optional="$optional tesseract-ocr"
tesseract --list-langs 2>/dev/null | grep -qx 'vie' || optional="$optional tesseract-ocr-vie"
if [ -n "$optional" ] && [ "${CELL_DESK_NO_OCR:-0}" != 1 ]; then
  if [ "$(id -u)" = 0 ]; then OPT_SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then OPT_SUDO="sudo"; else OPT_SUDO="-"; fi
  if [ "$OPT_SUDO" = "-" ]; then
    echo "Tùy chọn: để đọc bản quét và ảnh chụp, hãy cài$optional (sudo apt-get install$optional)." >&2
  else
    echo "Cài gói tùy chọn (nhận dạng chữ trong bản quét, ảnh chụp):$optional"
    { $OPT_SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $OPT_SUDO apt-get install -y -qq \
        --no-install-recommends $optional; } \
      || echo "Không cài được$optional: Cell Desk vẫn chạy, chỉ chưa đọc được bản quét và ảnh chụp." >&2
  fi
fi
[ -z "$missing" ] && exit 0
echo "Cài các gói hệ thống còn thiếu:$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Cần quyền quản trị để cài:$missing (apt-get install$missing)" >&2; exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
