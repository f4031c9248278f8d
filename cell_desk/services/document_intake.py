"""Bringing a document from the upper level in: a file read into the exchange format for review;
nothing is saved here."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.plan_document import check_document
from ..domain.validation import ValidationError

if TYPE_CHECKING:
    from ..domain.plan_parser import ParsedPlan


class NoPlanStructure(ValidationError):
    pass


def read_plan_file(path: Path) -> ParsedPlan:
    """A .docx, .txt or exchange .json file as a parsed plan; nothing is saved."""
    from ..domain.plan_parser import ParsedPlan, parse_plan

    path = Path(path)
    if path.suffix.lower() == ".json":
        return ParsedPlan(load_exchange(path))
    from ..imports.plan_files import read_plan_lines

    lines = read_plan_lines(path)
    parsed = parse_plan(lines)
    if not parsed.found_structure:
        seen = [line.text.strip() for line in lines if line.text.strip()][:3]
        shown = "; ".join(f"“{text[:60]}”" for text in seen) or "không có chữ nào"
        raise NoPlanStructure(
            f"Không tìm thấy cấu trúc kế hoạch (các đợt, nội dung, khẩu hiệu) trong “{path.name}”. "
            f"Đã đọc {len([l for l in lines if l.text.strip()])} dòng; mở đầu là: {shown}.")
    return parsed


def load_exchange(path: Path) -> dict:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValidationError(f"“{Path(path).name}” không phải tệp JSON (không đọc được chữ).") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(f"“{Path(path).name}” không phải tệp JSON hợp lệ (dòng {exc.lineno}: {exc.msg}).") from None
    return check_document(document)
