#!/bin/sh
# Builds the PyInstaller bundle and proves it works as a user would get it: it starts (--smoke,
# offscreen), upgrades a database of the oldest schema (Alembic's scripts travel as files), and
# writes the monthly report and the activity log from the bundled program. A resource or a hidden
# import the bundle lacks fails here. The start and the Excel export run under strace: no socket of
# the network families is opened. Usage: sh installer/linux/smoke-bundle.sh [PYTHON]
set -eu
PYTHON=${1:-.venv/bin/python}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" \
  installer/cell_desk.spec
PROGRAM="$WORK/dist/CellDesk/CellDesk"
DATA="$WORK/data"
mkdir -p "$DATA"
cp tests/storage/fixtures/schema_0001.sqlite3 "$DATA/cell_desk.sqlite3"
# No network, proven on the bundle: the start and an export run under strace, and any socket of
# the Internet families (or a connection to one) fails the smoke test. Local sockets (AF_UNIX: the
# single-instance channel) are allowed.
if ! command -v strace >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq --no-install-recommends strace >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends strace >/dev/null; } || true
fi
if ! command -v strace >/dev/null 2>&1; then
  echo "Cần strace để chứng minh gói chạy không dùng mạng: sudo apt-get install strace" >&2
  exit 1
fi
offline() {
  log="$WORK/strace-$1.log"
  shift
  strace -f -qq -e trace=socket,connect,sendto,sendmsg,bind -o "$log" "$@"
  if grep -E 'AF_INET6?|AF_PACKET|sin6?_port' "$log"; then
    echo "Gói đã dùng mạng (xem các dòng trên, từ strace)." >&2
    exit 1
  fi
}
QT_QPA_PLATFORM=offscreen offline smoke "$PROGRAM" --data-dir "$DATA" --smoke
"$PROGRAM" --data-dir "$DATA" demo-data --activities 50
offline export "$PROGRAM" --data-dir "$DATA" export activities --out "$WORK/nhat-ky.xlsx"
"$PROGRAM" --data-dir "$DATA" export report --month 2020-08 --out "$WORK/bao-cao.docx"
"$PYTHON" - "$WORK/bao-cao.docx" "$WORK/nhat-ky.xlsx" <<'PY'
import sys
from docx import Document
from openpyxl import load_workbook

report = Document(sys.argv[1])
assert report.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 01-BC/CB", "report number"
assert "BÁO CÁO" in [p.text for p in report.paragraphs], "report title"
log = load_workbook(sys.argv[2], read_only=True)
assert log.sheetnames == ["Nhật ký", "Tổng hợp", "Tiến độ"], log.sheetnames
print("Bundle smoke test: started, migrated, wrote the report and the log; no network socket (strace).")
PY
