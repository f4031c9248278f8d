"""Which PDF library reads Vietnamese PDFs best: pypdf, pdfplumber, pypdfium2 (its own text), and
Cell Desk's reader (pypdfium2's glyph positions, cell_desk/imports/pdf_text.py).

The PDFs are made the way an upper committee makes them: a .docx of the seed plan's text
(../shared/seed/ke-hoach-20-KH-DUK-2019.txt, or a built-in sample) in Times New Roman, turned into
PDF by `soffice --headless --convert-to pdf`; once as it is (10+ pages) and once repeated to
30+ pages for the speed. For each reader it prints:
  words in order  share of the source's words (NFC) given back exactly, in order (difflib);
  marked words    the same for the words with Vietnamese marks only;
  lines in order  share of the source's lines whose first four words come back in order;
  NFC             whether the text came out already NFC;
  time            median seconds to read the long PDF;
  installed size  of the library and what it pulls in (site-packages).
Usage: python benchmarks/pdf_readers.py [--runs 3]   (needs LibreOffice; skips a reader not installed)
"""
from __future__ import annotations

import argparse
import difflib
import importlib.metadata as metadata
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "ke-hoach-20-KH-DUK-2019.txt"
FALLBACK = ("KẾ HOẠCH\nTuyên truyền Đại hội đảng các cấp, Đại hội Đảng bộ tỉnh lần thứ XX nhiệm kỳ 2020 – 2025\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n- Tuyên truyền sâu rộng, tạo sự thống nhất về nhận thức, tư tưởng chính trị.\n"
            "- Cổ vũ, động viên cán bộ, đảng viên và người lao động phát huy lòng yêu nước.\n") * 12


def read_pypdf(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def read_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def read_pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    parts = []
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        parts.append(textpage.get_text_bounded())
        textpage.close()
        page.close()
    pdf.close()
    return "\n".join(parts)


def read_cell_desk(path: Path) -> str:
    from cell_desk.imports.plan_files import read_document

    return "\n".join(line.text for line in read_document(path).lines)


READERS = (
    ("pypdf", "pypdf", read_pypdf, ["pypdf"]),
    ("pdfplumber", "pdfplumber", read_pdfplumber, ["pdfplumber", "pdfminer.six", "pypdfium2", "pillow",
                                                   "charset-normalizer", "cryptography", "cffi"]),
    ("pypdfium2 (get_text_bounded)", "pypdfium2", read_pdfium_text, ["pypdfium2"]),
    ("Cell Desk (pypdfium2 + glyph positions)", "pypdfium2", read_cell_desk, ["pypdfium2"]),
)


def installed_megabytes(distributions: list[str]) -> float:
    total = 0
    for name in distributions:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        for file in files:
            located = Path(file.locate())
            if located.is_file():
                total += located.stat().st_size
    return total / 1e6


def make_pdf(folder: Path, lines: list[str], stem: str) -> Path:
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]  # A4 with the margins of the 2018 guide
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    for line in lines:
        document.add_paragraph(line)
    source = folder / f"{stem}.docx"
    document.save(str(source))
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{stem}.pdf"


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def scores(source_lines: list[str], text: str) -> tuple[float, float, float]:
    want = unicodedata.normalize("NFC", " ".join(source_lines)).split()
    got = unicodedata.normalize("NFC", text).split()
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    matched = [False] * len(want)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            matched[i] = True
    marked = [i for i, word in enumerate(want) if any(ord(c) > 127 for c in word)]
    in_order = sum(matched) / len(want)
    marked_share = sum(matched[i] for i in marked) / max(len(marked), 1)
    # lines: their first four words found in order in the output
    joined, position, placed = " ".join(got), 0, 0
    for line in source_lines:
        head = " ".join(unicodedata.normalize("NFC", line).split()[:4])
        found = joined.find(head, position)
        if head and found >= 0:
            placed += 1
            position = found + len(head)
    return in_order, marked_share, placed / len(source_lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed: no PDF to measure on.")
        return 0
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        short = make_pdf(folder, lines, "ke-hoach")
        long_lines = lines * 2
        long = make_pdf(folder, long_lines, "ke-hoach-dai")
        while page_count(long) < 30:
            long_lines = long_lines + lines
            long = make_pdf(folder, long_lines, "ke-hoach-dai")
        print(f"## Reading Vietnamese PDFs made by LibreOffice ({page_count(short)} and {page_count(long)} pages)\n")
        print(f"Source: {SEED.name if SEED.exists() else 'built-in sample'}; time = median of {args.runs} "
              f"reads of the {page_count(long)}-page PDF.\n")
        print("| reader | words in order | marked words | lines in order | NFC | time | installed size |")
        print("|---|---:|---:|---:|---|---:|---:|")
        for label, module, read, distributions in READERS:
            try:
                __import__(module)
            except ImportError:
                print(f"| {label} | not installed | | | | | |")
                continue
            out = read(short)
            in_order, marked, placed = scores(lines, out)
            nfc = "yes" if unicodedata.is_normalized("NFC", out) else "no"
            samples = []
            for _ in range(args.runs):
                started = time.perf_counter()
                read(long)
                samples.append(time.perf_counter() - started)
            print(f"| {label} | {in_order:.1%} | {marked:.1%} | {placed:.1%} | {nfc} | "
                  f"{statistics.median(samples):.2f} s | {installed_megabytes(distributions):.1f} MB |")
        sample = read_pypdf(short).splitlines()[0] if _has("pypdf") else ""
        if sample:
            print(f"\npypdf's first line, to see why: `{sample}`")
    return 0


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
