"""How long importing a 10 MB kế hoạch takes (.txt, and a .docx of the same text).

Budget (issue 6): a 10 MB document imports in under 3 s. Prints a markdown table; exits 0.
Usage: python benchmarks/plan_import.py [--megabytes 10]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cell_desk.services.document_intake import read_plan_file

BULLET = ("- Tuyên truyền, phổ biến các nghị quyết, chỉ thị của Đảng, chính sách, pháp luật của Nhà nước "
          "đến cán bộ, đảng viên và người lao động trong cơ quan, đơn vị số {n}.")


def plan_text(megabytes: float) -> str:
    head = ("ĐẢNG BỘ TỈNH BẮC NINH\nĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH\n*\nSố 30-KH/ĐUK\n"
            "Bắc Ninh, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\ntuyên truyền dài để đo tốc độ\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n- Đo tốc độ nhập.\nII. NỘI DUNG TUYÊN TRUYỀN\n1. Các đợt tuyên truyền\n")
    parts, size, phase, n = [head], len(head.encode()), 0, 0
    while size < megabytes * 1_000_000:
        phase += 1
        block = [f"1.{phase}. Đợt {phase}: Từ tháng 1/2026 đến tháng 12/2026", "* Trước khai mạc Đại hội, tập trung:"]
        for _ in range(200):
            n += 1
            block.append(BULLET.format(n=n))
            if n % 5 == 0:
                block.append(f"+ Ý nhỏ thứ {n} của nội dung trên.")
        text = "\n".join(block) + "\n"
        parts.append(text)
        size += len(text.encode())
    parts.append("IV. KHẨU HIỆU\n1. Đảng Cộng sản Việt Nam quang vinh muôn năm!\n")
    return "".join(parts)


def timed(path: Path, runs: int) -> tuple[float, int]:
    samples, items = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        parsed = read_plan_file(path)
        samples.append(time.perf_counter() - started)
        items = sum(len(s["items"]) for p in parsed.document["plan"]["phases"] for s in p.get("stages", []))
    return statistics.median(samples), items


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        text = plan_text(args.megabytes)
        txt = Path(folder) / "ke-hoach.txt"
        txt.write_text(text, encoding="utf-8")
        from docx import Document

        document = Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        docx = Path(folder) / "ke-hoach.docx"
        document.save(str(docx))
        print(f"## Importing a {args.megabytes:g} MB plan (median of {args.runs})\n")
        print("| file | size | items | time | budget | result |\n|---|---:|---:|---:|---:|---|")
        for path in (txt, docx):
            seconds, items = timed(path, args.runs)
            size = path.stat().st_size / 1e6
            verdict = "OK" if seconds < 3 else "OVER BUDGET"
            print(f"| {path.suffix} | {size:.1f} MB | {items} | {seconds:.2f} s | < 3 s | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
