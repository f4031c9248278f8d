"""Writing the monthly report of 200 activities as Word in the Party's format.

Budget (issue 4): under 0.3 s, and at most 2x the time python-docx needs to write the same
paragraphs with no formatting, measured in the same run.
Usage: python benchmarks/report_export.py [--activities 200] [--runs 7]
Prints a markdown table; exits 0 when it could measure.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2020, 8, 19)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--activities", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from docx import Document

    from cell_desk.app import open_services
    from cell_desk.domain.activity import ActivityDraft
    from cell_desk.services.clock import fixed_clock
    from cell_desk.services.demo import fill_checklist

    with tempfile.TemporaryDirectory() as folder:
        services = open_services(folder, clock=fixed_clock(TODAY))
        fill_checklist(services.database, services.clock)
        forms = services.activities.forms()
        services.activities.add_many([
            ActivityDraft(dt.date(2020, 7, 21) + dt.timedelta(days=n % 30), forms[n % len(forms)],
                          f"Hoạt động tuyên truyền số {n} về Đại hội Đảng bộ Khối lần thứ IX", place="Hội trường",
                          party_members=10 + n % 20).cleaned(TODAY)
            for n in range(args.activities)])
        report = services.reports.open_report(2020, 8)
        import docx  # noqa: F401  (loaded before timing, as the app has it loaded after the first export)

        print(f"## Monthly report of {args.activities} activities as Word (median of {args.runs})")
        print()
        print("| measure | result | budget | verdict |")
        print("|---|---|---|---|")
        for annexed in (False, True):  # figures and examples only; then with every activity in the Phụ lục
            services.reports.set_annex_wanted(annexed)
            party = services.reports.party_document(report)
            paragraphs = [block.text for block in party.blocks + party.annex]
            ours, plain = [], []
            for run in range(args.runs):
                started = time.perf_counter()
                services.reports.export_docx(report.id, Path(folder) / f"bao-cao-{run}.docx")
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                document = Document()
                for text in paragraphs:
                    document.add_paragraph(text)
                document.save(str(Path(folder) / f"plain-{run}.docx"))
                plain.append(time.perf_counter() - started)
            best, base = statistics.median(ours), statistics.median(plain)
            ratio = best / base
            what = "with the Phụ lục of every activity" if annexed else "figures and examples"
            print(f"| Cell Desk, Party format, {what} ({len(paragraphs)} paragraphs) | {best * 1000:.0f} ms | "
                  f"< 300 ms | {'OK' if best < 0.3 else 'OVER BUDGET'} |")
            print(f"| python-docx, same paragraphs, no formatting | {base * 1000:.0f} ms | | |")
            print(f"| ratio | {ratio:.2f}x | ≤ 2x | {'OK' if ratio <= 2 else 'OVER BUDGET'} |")
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
