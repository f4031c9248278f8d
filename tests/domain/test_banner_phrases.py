"""Banner lines break at phrase boundaries: never inside a set phrase, a name or a number and its
unit. Checked on the 16 slogans of the seed plan and the 22 slogans of the 2025-2030 congresses."""
import json
from pathlib import Path

import pytest

from cell_desk.bundled import bundled_plan_files
from cell_desk.domain.banner import fit_text
from cell_desk.exports.banner_docx import banner_phrases

EXPECTED = Path(__file__).parents[1] / "corpus" / "expected.json"
SEED = [s["text"] for s in json.loads(bundled_plan_files()[0].read_text(encoding="utf-8"))["plan"]["slogans"]]
# The 22 slogans of Công văn 9743-CV/BTGTW for the 2025-2030 congresses: the stored page copy holds
# the first 9 of them (tests/corpus/expected.json says so); those are what is checked here.
CONGRESS = next(entry["slogans"] for entry in json.loads(EXPECTED.read_text(encoding="utf-8"))
                if entry["file"] == "slogan_list-dai-hoi-dang-bo-cac-cap-2025-2030-btgtw.png")
# Pairs of words a reader must never see split over two lines (written independently of the rules).
NEVER_SPLIT = {("nhiệt", "liệt"), ("liệt", "chào"), ("chào", "mừng"), ("bắc", "ninh"), ("hồ", "chí"), ("chí", "minh"),
               ("việt", "nam"), ("cộng", "sản"), ("sản", "việt"), ("tổ", "quốc"), ("xã", "hội"), ("hội", "chủ"),
               ("chủ", "nghĩa"), ("muôn", "năm"), ("quang", "vinh"), ("mác", "-"), ("-", "lênin"), ("đại", "hội"),
               ("nhiệm", "kỳ"), ("kỳ", "2020"), ("kỳ", "2025"), ("2020", "-"), ("-", "2025"), ("2025", "-"),
               ("-", "2030"), ("thứ", "ix"), ("thứ", "xx"), ("thứ", "xiii"), ("thứ", "xiv"), ("lần", "thứ"),
               ("cộng", "hòa"), ("canh", "tý"), ("các", "cấp"), ("đảng", "bộ"), ("thi", "đua"), ("yêu", "nước"),
               ("đổi", "mới"), ("cán", "bộ"), ("đảng", "viên"), ("dân", "tộc"), ("văn", "minh"), ("công", "bằng")}


def monospace(text: str) -> float:
    return 6.0 * len(text)


def test_the_lists_are_complete():
    assert len(SEED) == 16 and len(CONGRESS) == 9


@pytest.mark.parametrize("slogan", SEED + CONGRESS)
@pytest.mark.parametrize("width, height", [(270, 180), (180, 270), (400, 90), (120, 250)])
def test_no_line_breaks_inside_a_phrase(slogan, width, height):
    layout = fit_text(slogan.upper(), monospace, width, height, phrases=banner_phrases(), written=slogan)
    words = [line.split() for line in layout.lines]
    assert " ".join(" ".join(w) for w in words) == " ".join(slogan.upper().split())  # nothing lost
    for line, following in zip(words, words[1:]):
        pair = (line[-1].strip("!,").casefold(), following[0].strip("!,").casefold())
        assert pair not in NEVER_SPLIT, (slogan, layout.lines)


def test_a_long_slogan_still_gets_several_lines():
    layout = fit_text(CONGRESS[2].upper(), monospace, 270, 180, phrases=banner_phrases(), written=CONGRESS[2])
    assert len(layout.lines) >= 3
    seed = fit_text("NHIỆT LIỆT CHÀO MỪNG ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH BẮC NINH LẦN THỨ XX!", monospace, 270, 180,
                    phrases=banner_phrases(), written=SEED[3])
    assert seed.lines[0] == "NHIỆT LIỆT CHÀO MỪNG" and any("BẮC NINH" in line for line in seed.lines)
