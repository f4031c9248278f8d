"""Laying out a slogan on a banner: the largest font that fits, lines broken between words (never
inside a set phrase, a proper name or a number and its unit), and the A4 sheets a large banner is
tiled over. Pure: text widths come from a function, set phrases from the caller."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

# width of a text at REFERENCE_SIZE points, in millimetres
Measure = Callable[[str], float]
REFERENCE_SIZE = 100.0
LINE_HEIGHT = 1.25  # line pitch as a multiple of the font size
POINT_MM = 25.4 / 72

PAPERS_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape
SHEET_MM = (210.0, 297.0)  # the A4 sheet a large banner is printed on, portrait
SHEET_MARGIN_MM = 8.0  # what office printers cannot print
GLUE_OVERLAP_MM = 15.0
MIN_SIZE_CM, MAX_SIZE_CM = 10.0, 1000.0


@dataclass(frozen=True)
class ColourScheme:
    key: str
    label: str
    background: str
    text: str


SCHEMES = {
    "red": ColourScheme("red", "Chữ vàng trên nền đỏ", "#c8102e", "#ffde00"),
    "white": ColourScheme("white", "Chữ đỏ trên nền trắng", "#ffffff", "#c8102e"),
}


@dataclass(frozen=True)
class BannerLayout:
    lines: tuple[str, ...]
    font_size_pt: float
    line_pitch_mm: float
    widths_mm: tuple[float, ...]  # of each line at font_size_pt

    @property
    def text_height_mm(self) -> float:
        return self.line_pitch_mm * len(self.lines)


Phrases = tuple[tuple[str, ...], ...]


def parse_phrases(text: str) -> Phrases:
    """The set phrases of a list (one a line, `#` starts a note), as lower-case words."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            found.append(tuple(_key(word) for word in line.split()))
    return tuple(found)


def _key(word: str) -> str:
    return word.strip("!?.,;:“”\"'()").casefold()


UNITS = {"năm", "tháng", "ngày", "giờ", "người", "%", "km", "m", "tỷ", "triệu", "nghìn", "đồng", "tuổi", "lần"}
_NUMBER = re.compile(r"^\d+(?:[.,/]\d+)*$")
_ROMAN = re.compile(r"^[IVXLC]+$")
DASHES = {"-", "–", "—"}


def unbreakable(words: tuple[str, ...], phrases: Phrases = ()) -> frozenset[int]:
    """The places (a line may begin before word i) where no line may break: inside a set phrase,
    between two words of a name written with capitals, around a dash, between a number and its
    unit, after "lần thứ", "khóa", "nhiệm kỳ" and before their number."""
    keys = [_key(word) for word in words]
    closed = set()
    for phrase in phrases:
        size = len(phrase)
        for start in range(len(keys) - size + 1):
            if tuple(keys[start:start + size]) == phrase:
                closed.update(range(start + 1, start + size))
    for i in range(1, len(words)):
        before, word = words[i - 1], words[i]
        name = before[:1].isupper() and word[:1].isupper() and not before.endswith((",", "!", ".", ";", ":"))
        dash = word in DASHES or before in DASHES
        unit = _NUMBER.match(_key(before)) and _key(word) in UNITS
        numbered = (_NUMBER.match(_key(word)) or _ROMAN.match(word.strip("!?.,;:"))) and \
            keys[i - 1] in {"thứ", "khóa", "kỳ", "khoá", "năm", "tháng", "ngày", "số"}
        if name or dash or unit or numbered:
            closed.add(i)
    return frozenset(closed)


def fit_text(text: str, measure: Measure, width_mm: float, height_mm: float, max_lines: int = 8,
             phrases: Phrases = (), written: str | None = None) -> BannerLayout:
    """The layout with the largest font: for each line count, the most balanced break that keeps
    every set phrase whole, then the size at which its widest line fills the width and all lines
    fit the height. `written` is the slogan as written when `text` is it in capitals: its names
    are found by their capitals there."""
    words = text.split()
    if not words:
        raise ValueError("Khẩu hiệu trống.")
    source = (written or "").split()
    closed = unbreakable(tuple(source if len(source) == len(words) else words), phrases)
    best: BannerLayout | None = None
    for count in range(1, min(max_lines, len(words) - len(closed)) + 1):
        lines = _balanced_break(tuple(words), count, measure, closed)
        if not lines:
            continue
        widest = max(max(measure(line) for line in lines), 1e-6)  # zero-width characters measure 0
        size = REFERENCE_SIZE * width_mm / widest
        size = min(size, height_mm / (count * LINE_HEIGHT * POINT_MM))
        if best is None or size > best.font_size_pt:
            scale = size / REFERENCE_SIZE
            best = BannerLayout(
                lines=lines,
                font_size_pt=size,
                line_pitch_mm=size * LINE_HEIGHT * POINT_MM,
                widths_mm=tuple(measure(line) * scale for line in lines),
            )
    assert best is not None
    return best


def _balanced_break(words: tuple[str, ...], count: int, measure: Measure,
                    closed: frozenset[int] = frozenset()) -> tuple[str, ...]:
    """Splits words into `count` lines so that the widest line is as narrow as possible, never
    beginning a line at a closed place; empty when no such split exists."""

    @lru_cache(maxsize=None)
    def width(start: int, end: int) -> float:
        return measure(" ".join(words[start:end]))

    @lru_cache(maxsize=None)
    def best(start: int, lines_left: int) -> tuple[float, tuple[int, ...]]:
        if lines_left == 1:
            return width(start, len(words)), (len(words),)
        choice = (math.inf, ())
        for end in range(start + 1, len(words) - lines_left + 2):
            if end in closed:
                continue
            rest_width, rest_cuts = best(end, lines_left - 1)
            candidate = (max(width(start, end), rest_width), (end, *rest_cuts))
            if candidate[0] < choice[0]:
                choice = candidate
        return choice

    widest, cuts = best(0, count)
    if widest == math.inf:
        return ()
    starts = (0, *cuts[:-1])
    return tuple(" ".join(words[a:b]) for a, b in zip(starts, cuts))


@dataclass(frozen=True)
class Tile:
    """One printed sheet: the part of the banner it carries, in banner millimetres."""

    column: int
    row: int
    sheet_width_mm: float
    sheet_height_mm: float
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float


def tiles(banner_width_mm: float, banner_height_mm: float) -> list[Tile]:
    """Covers the banner with A4 sheets whose printable areas overlap by GLUE_OVERLAP_MM,
    landscape or portrait, whichever needs fewer sheets."""
    best: list[Tile] | None = None
    for sheet_w, sheet_h in (SHEET_MM, SHEET_MM[::-1]):
        area_w, area_h = sheet_w - 2 * SHEET_MARGIN_MM, sheet_h - 2 * SHEET_MARGIN_MM
        columns = _count(banner_width_mm, area_w)
        rows = _count(banner_height_mm, area_h)
        layout = [
            Tile(c, r, sheet_w, sheet_h, c * (area_w - GLUE_OVERLAP_MM), r * (area_h - GLUE_OVERLAP_MM),
                 min(area_w, banner_width_mm - c * (area_w - GLUE_OVERLAP_MM)),
                 min(area_h, banner_height_mm - r * (area_h - GLUE_OVERLAP_MM)))
            for r in range(rows) for c in range(columns)
        ]
        if best is None or len(layout) < len(best):
            best = layout
    return best or []


def _count(length: float, area: float) -> int:
    if length <= area:
        return 1
    return math.ceil((length - GLUE_OVERLAP_MM) / (area - GLUE_OVERLAP_MM))


def check_custom_size(width_cm: float, height_cm: float) -> None:
    for value, name in ((width_cm, "Chiều rộng"), (height_cm, "Chiều cao")):
        if not MIN_SIZE_CM <= value <= MAX_SIZE_CM:
            raise ValueError(f"{name} phải từ {MIN_SIZE_CM:g} đến {MAX_SIZE_CM:g} cm.")
