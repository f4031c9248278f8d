#!/bin/sh
# Installs what the document checks of the test suite use, only where it is missing:
# LibreOffice Writer and Calc (open the exported .docx and .xlsx, convert them to PDF/CSV) and
# poppler-utils (count PDF pages), fonts-liberation2, Tesseract OCR with its Vietnamese data (the
# import of scanned PDFs and photos), PostgreSQL. Run by `make test`. Without them those checks skip, so a
# machine where nothing can be installed still runs the rest of the suite.
missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
[ -e /usr/lib/libreoffice/program/libsclo.so ] || missing="$missing libreoffice-calc-nogui"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
# Liberation Serif has the metrics of Times New Roman, so pages break where Word breaks them. Version 2
# (fonts-liberation2) has every Vietnamese letter; 1.07 lacks some, and LibreOffice then draws those
# letters in another font, so a rendered line and its page breaks differ from machine to machine.
fc-list :lang=vi family 2>/dev/null | grep -qi 'Liberation Serif' || missing="$missing fonts-liberation2"
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
tesseract --list-langs 2>/dev/null | grep -qx 'vie' || missing="$missing tesseract-ocr-vie"
# PostgreSQL's server: the service tests run on it as well as on SQLite; each run starts its own
# throwaway cluster on a free local port (tests/postgres_server.py), not the package's own service
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
# strace: `make bundle-smoke` proves the built program opens no network socket
command -v strace >/dev/null 2>&1 || missing="$missing strace"
[ -z "$missing" ] && exit 0
echo "Cài các gói dùng cho phép thử văn bản:$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "Không có quyền quản trị: các phép thử cần LibreOffice, Tesseract sẽ bị bỏ qua (apt-get install$missing)." >&2
  exit 0
fi
$SUDO apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing \
  || echo "Không cài được$missing: các phép thử cần LibreOffice, Tesseract sẽ bị bỏ qua." >&2
exit 0
