"""The bundled plan against the seed text: every bullet, verbatim (only obvious slips fixed)."""
import datetime as dt
import re
from pathlib import Path

import pytest

from cell_desk.domain.plan import StageKind
from cell_desk.domain.text import normalize_text

SEED_TEXT = Path(__file__).parents[3] / "shared" / "seed" / "ke-hoach-20-KH-DUK-2019.txt"
SLIPS = {"Khôi": "Khối", "Dur luận": "Dư luận", " cô vũ cán bộ": " cổ vũ cán bộ"}


def seed_text() -> str:
    if not SEED_TEXT.exists():
        pytest.skip("the seed text is not beside the checkout (../shared/seed)")
    text = SEED_TEXT.read_text(encoding="utf-8")
    for slip, fix in SLIPS.items():
        text = text.replace(slip, fix)
    return normalize_text(text)


def seed_bullets() -> list[str]:
    """The `-` and `+` lines of section II.1, without their marks and emphasis."""
    text = seed_text()
    section = text[text.index("1. Các đợt tuyên truyền"):text.index("2. Các hoạt động tuyên truyền chủ yếu")]
    bullets = []
    for line in section.splitlines():
        line = line.strip()
        if not re.match(r"^[-+]", line) or re.match(r"^-\s*\*", line):
            continue
        bullets.append(" ".join(re.sub(r"^(-\s*)?\+?\s*", "", line).replace("*", "").split()))
    return bullets


def test_the_plan_has_five_phases_with_their_windows_and_the_standing_task(services):
    tree = services.plans.plan_tree()
    assert tree.summary.number == "20-KH/ĐUK"
    assert tree.summary.issued_on == dt.date(2019, 12, 30)
    phases = [phase for phase in tree.phases if not phase.is_standing]
    windows = [(p.code, p.starts_on, p.ends_on) for p in phases]
    assert windows == [
        ("1.1", dt.date(2019, 12, 30), dt.date(2020, 3, 31)),
        ("1.2", dt.date(2020, 2, 1), dt.date(2020, 6, 30)),
        ("1.3", dt.date(2020, 7, 1), dt.date(2020, 8, 31)),
        ("1.4", dt.date(2020, 9, 1), dt.date(2020, 10, 31)),
        ("1.5", dt.date(2020, 11, 1), dt.date(2021, 2, 28)),
    ]
    assert [stage.kind for stage in phases[2].stages] == [StageKind.BEFORE, StageKind.DURING, StageKind.AFTER]
    standing = [phase for phase in tree.phases if phase.is_standing]
    assert len(standing) == 1
    assert standing[0].items[0].text.startswith("Bên cạnh các nội dung theo các đợt cao điểm trên")


def test_every_item_and_sub_item_of_the_seed_is_in_the_checklist_verbatim(services):
    tree = services.plans.plan_tree()
    texts = [item.text for phase in tree.phases if not phase.is_standing for item in phase.all_items()]
    bullets = seed_bullets()
    assert len(texts) == len(bullets) == 72
    for bullet, text in zip(bullets, texts):
        # one seed bullet is broken across a page; its item holds both halves
        assert text.startswith(bullet), (bullet, text)


def test_sub_items_hang_under_their_items(services):
    phase = services.plans.plan_tree().phases[2]
    during = phase.stages[1]
    topic = next(item for item in during.items if item.text == "Chủ đề, phương châm của Đại hội.")
    assert [sub.text for sub in topic.sub_items] == ["Trách nhiệm của đại biểu dự Đại hội.", "Quy chế bầu cử."]


def test_the_sixteen_slogans_verbatim(services):
    text = seed_text()
    section = text[text.index("IV. MỘT SỐ KHẨU HIỆU"):text.index("Trên cơ sở Kế hoạch này")]
    expected = [(int(n), t.strip()) for n, t in re.findall(r"^(\d+)\. (.+)$", section, re.M)]
    assert len(expected) == 16
    assert [(s.number, s.text) for s in services.slogans.slogans(include_retired=True)] == expected


def test_the_reporting_rule_is_the_20th(services):
    assert services.plans.plan_tree().summary.report_day == 20
