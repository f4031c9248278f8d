"""How long importing a 30-page kế hoạch PDF takes: read (cell_desk.imports.plan_files) + parse.

Budget (PDF import): a 30-page text PDF is read and parsed in under 3 s. The PDF is made from a
.docx of the seed plan's text (or a built-in plan) by `soffice --headless --convert-to pdf`,
repeated until it has 30 pages. Prints a markdown table; exits 0.
Usage: python benchmarks/pdf_import.py [--pages 30] [--runs 3]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cell_desk.domain.plan_parser import parse_plan
from cell_desk.imports.plan_files import read_document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pdf_readers import FALLBACK, SEED, make_pdf, page_count  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed: no PDF to measure on.")
        return 0
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK
    lines = [line for line in text.splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        body = list(lines)
        pdf = make_pdf(folder, body, "ke-hoach")
        while page_count(pdf) < args.pages:
            body += lines
            pdf = make_pdf(folder, body, "ke-hoach")
        if page_count(pdf) > args.pages:  # cut to about the asked length
            body = body[: len(body) * args.pages // page_count(pdf)]
            pdf = make_pdf(folder, body, "ke-hoach")
        reads, parses, items = [], [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            document = read_document(pdf)
            read_at = time.perf_counter()
            parsed = parse_plan(document.lines)
            reads.append(read_at - started)
            parses.append(time.perf_counter() - read_at)
            plan = parsed.document["plan"]
            items = sum(len(s.get("items", [])) for p in plan.get("phases", []) for s in p.get("stages", []))
        read, parse = statistics.median(reads), statistics.median(parses)
        total = statistics.median(r + p for r, p in zip(reads, parses))
        print(f"## Importing a {page_count(pdf)}-page text PDF (median of {args.runs})\n")
        print("| pages | lines | items | read | parse | total | budget | result |")
        print("|---:|---:|---:|---:|---:|---:|---:|---|")
        verdict = "OK" if total < 3 else "OVER BUDGET"
        print(f"| {page_count(pdf)} | {len(document.lines)} | {items} | {read:.2f} s | {parse:.2f} s | "
              f"{total:.2f} s | < 3 s | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
