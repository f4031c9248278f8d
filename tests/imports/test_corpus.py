"""The public corpus (tests/corpus): documents cells really received, read as a careful reader
would. Each document's kind, number, date, windows, tasks and slogans are checked against
tests/corpus/expected.json, and no line of any of them is lost."""
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from cell_desk.domain.plan_parser import parse_plan
from cell_desk.imports.plan_files import read_document

CORPUS = Path(__file__).parents[1] / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
OCR = shutil.which("tesseract") is not None

# What the parser does not read yet, each for a reason a reader can check in the file. Strict:
# a document that starts to pass must leave this list.
KNOWN_LIMITS = {
    "monthly_orientation-tuyen-truyen-mieng-2025-02-btgtw.txt":
        "a web copy with neither title nor date: nothing in the text names the month",
    "event_guide-96-nam-thanh-lap-dang-2026-laichau.txt": "begins at '1. Nội dung tuyên truyền', no title",
    "event_guide-100-nam-ngay-sinh-vo-van-kiet-2022-btgtw.txt": "no issue date, the event is read from the issue year",
    "study_plan-nghi-quyet-dai-hoi-xx-quang-ngai-2020.txt": "a news report: steps are sentences inside paragraphs",
    "plain_list-ket-luan-ban-bi-thu-sau-tet-binh-ngo-2026-vptw.txt": "a news report read as its lead",
    "slogan_list-mung-dang-mung-xuan-binh-ngo-2026.txt": "banner words without '!' are not told from headings",
    "slogan_list-dai-hoi-dang-bo-cac-cap-2025-2030-btgtw.png":
        "its number stands in a 'Căn cứ theo … Công văn 9743-CV/BTGTW' line, read as a citation",
    "slogan_list-30-4-va-1-5-2023-dongnai.jpg": "OCR slips in the slogans' letters, and no issue date",
    "study_plan-chi-thi-01-ct-tw-nghi-quyet-dai-hoi-xiv-2026-bct.pdf":
        "the PDF breaks the sentence giving number and date across lines that start with capitals",
}


def read(entry: dict):
    path = CORPUS / entry["file"]
    if entry["ocr"] and not OCR:
        pytest.skip("Tesseract is not installed (installer/linux/install-test-deps.sh installs it)")
    text = read_document(path)
    try:
        return text, parse_plan(text.lines)
    finally:
        text.cleanup()


def findings(entry: dict, parsed) -> list[str]:
    plan = parsed.document["plan"]
    wrong = []
    if parsed.kind != entry["kind"]:
        wrong.append(f"kind {parsed.kind} ({parsed.kind_reason})")
    if plan["number"] != entry["number"]:
        wrong.append(f"number {plan['number']!r}")
    if entry["issued_on"] and plan["issued_on"] != entry["issued_on"]:
        wrong.append(f"issued {plan['issued_on']}")
    windows = [(phase["starts_on"], phase["ends_on"]) for phase in plan["phases"]]
    if len(windows) != len(entry["windows"]) or any(
            want is not None and want != got for pair, expected in zip(windows, entry["windows"])
            for got, want in zip(pair, expected)):
        wrong.append(f"windows {windows}")
    tasks = [item["text"] for phase in plan["phases"] for item in phase.get("items", []) if not item.get("generated")]
    if entry["tasks"] and (len(tasks) != len(entry["tasks"]) or not all(
            want[:15].lower() in got.lower() for got, want in zip(tasks, entry["tasks"]))):
        wrong.append(f"tasks {[task[:30] for task in tasks]}")
    slogans = [slogan["text"] for slogan in plan["slogans"]]
    if slogans != entry["slogans"]:
        wrong.append(f"slogans {[slogan[:30] for slogan in slogans]}")
    return wrong


@pytest.mark.parametrize("entry", EXPECTED, ids=[entry["file"] for entry in EXPECTED])
def test_a_corpus_document_reads_as_its_reader_expects(entry, request):
    if entry["file"] in KNOWN_LIMITS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_LIMITS[entry["file"]], strict=True))
    _, parsed = read(entry)
    assert findings(entry, parsed) == []


@pytest.mark.parametrize("entry", EXPECTED, ids=[entry["file"] for entry in EXPECTED])
def test_no_line_of_a_corpus_document_is_lost(entry):
    text, parsed = read(entry)
    lines = {line.number for line in text.lines if line.text.strip()}
    assert parsed.unaccounted == []
    assert lines <= parsed.placed_lines | parsed.consumed_lines | parsed.noted_lines
    assert {note["line"] for note in parsed.notes} <= lines | {0}


def test_the_corpus_is_what_the_issue_asks_for():
    files = [entry["file"] for entry in EXPECTED]
    assert len(files) >= 25 and all((CORPUS / name).is_file() for name in files)
    assert sum(name.endswith(".docx") for name in files) >= 3
    assert sum(name.endswith(".pdf") and not entry["ocr"] for name, entry in zip(files, EXPECTED)) >= 2
    assert sum(entry["ocr"] for entry in EXPECTED) >= 2
    recent = [entry for entry in EXPECTED if any(year in entry["file"] for year in ("2025", "2026"))]
    assert len(recent) >= 8
    sources = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(name in sources for name in files)
