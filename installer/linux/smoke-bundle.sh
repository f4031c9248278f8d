#!/bin/sh
# Builds the PyInstaller bundle and proves it works as a user would get it: it starts (--smoke,
# offscreen), upgrades a database of the oldest schema (Alembic's scripts travel as files), and
# writes the monthly report and the activity log from the bundled program. A resource or a hidden
# import the bundle lacks fails here. Usage: sh installer/linux/smoke-bundle.sh [PYTHON]
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
QT_QPA_PLATFORM=offscreen "$PROGRAM" --data-dir "$DATA" --smoke
"$PROGRAM" --data-dir "$DATA" demo-data --activities 50
"$PROGRAM" --data-dir "$DATA" export report --month 2020-08 --out "$WORK/bao-cao.docx"
"$PROGRAM" --data-dir "$DATA" export activities --out "$WORK/nhat-ky.xlsx"
"$PYTHON" - "$WORK/bao-cao.docx" "$WORK/nhat-ky.xlsx" <<'PY'
import sys
from docx import Document
from openpyxl import load_workbook

report = Document(sys.argv[1])
assert report.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 01-BC/CB", "report number"
assert "BÁO CÁO" in [p.text for p in report.paragraphs], "report title"
log = load_workbook(sys.argv[2], read_only=True)
assert log.sheetnames == ["Nhật ký", "Tổng hợp", "Tiến độ"], log.sheetnames
print("Bundle smoke test: started, migrated, wrote the report and the log.")
PY
