"""Believable sample data, for trying the program and for benchmarks."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from ..domain.plan import ItemStatus
from ..storage.database import Database
from ..storage.models import ChecklistItemRow, PhaseRow, PlanRow
from .clock import Clock, system_clock

IN_FORCE = select(PlanRow.id).where(PlanRow.is_active)  # the documents in force
PEOPLE = (
    "Đ/c Nguyễn Văn Hùng", "Đ/c Trần Thị Lan", "Đ/c Lê Minh Tuấn", "Đ/c Phạm Thu Hà",
    "Đ/c Hoàng Đức Anh", "Đ/c Vũ Thị Hồng", "Đoàn Thanh niên", "Công đoàn cơ sở",
)
EVIDENCE = (
    "Biên bản sinh hoạt chi bộ",
    "Ảnh chụp pa-nô tại cổng cơ quan",
    "Bài đăng trên trang thông tin điện tử của cơ quan",
    "Danh sách đảng viên dự hội nghị",
    "Thông báo trên hệ thống truyền thanh nội bộ",
    "Báo cáo kết quả gửi Ban Tuyên giáo",
)


def fill_checklist(database: Database, clock: Clock = system_clock, seed: int = 2020) -> int:
    """Gives the items of the documents in force statuses that fit today's date. Returns how many changed."""
    today = clock()
    rng = random.Random(seed)
    changed = 0
    with database.session() as session:
        rows = session.execute(
            select(ChecklistItemRow, PhaseRow.starts_on, PhaseRow.ends_on)
            .join(PhaseRow, PhaseRow.id == ChecklistItemRow.phase_id)
            .where(PhaseRow.plan_id.in_(IN_FORCE))
            .order_by(PhaseRow.plan_id, ChecklistItemRow.id)
        ).all()
        for item, starts_on, ends_on in rows:
            status, completed_on = _believable_status(rng, today, starts_on, ends_on)
            item.status = status.value
            item.completed_on = completed_on
            if status is not ItemStatus.NOT_STARTED:
                item.assignee = rng.choice(PEOPLE)
            if status is ItemStatus.DONE:
                item.evidence = rng.choice(EVIDENCE)
            item.updated_at = dt.datetime.now()
            changed += 1
    return changed


def _believable_status(rng: random.Random, today: dt.date, starts_on: dt.date, ends_on: dt.date):
    if today < starts_on:
        return ItemStatus.NOT_STARTED, None
    elapsed = min(1.0, (today - starts_on).days / max(1, (ends_on - starts_on).days))
    roll = rng.random()
    if roll < 0.05:
        return ItemStatus.NOT_APPLICABLE, None
    if roll < 0.05 + 0.85 * elapsed:
        last = min(today, ends_on)
        span = max(0, (last - starts_on).days)
        return ItemStatus.DONE, starts_on + dt.timedelta(days=rng.randint(0, span))
    if roll < 0.95:
        return ItemStatus.IN_PROGRESS, None
    return ItemStatus.NOT_STARTED, None


TOPICS = (
    "Đại hội chi bộ nhiệm kỳ 2020 – 2025",
    "Đại hội đại biểu Đảng bộ Khối lần thứ IV",
    "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    "ngày thành lập Đảng Cộng sản Việt Nam 3/2",
    "Chỉ thị 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng",
    "ngày Quốc khánh 2/9",
    "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái",
    "kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh 19/5",
)
# What a cell does under each form of the plan, by a word its title holds.
DOINGS = (
    ("cổng thông tin", ("Đăng tin về {topic} trên Cổng thông tin Đảng bộ Khối",)),
    ("website", ("Đăng bài về {topic} trên trang thông tin của cơ quan",)),
    ("mạng xã hội", ("Chia sẻ bài viết về {topic} trên nhóm Zalo của chi bộ",
                     "Đăng ảnh hoạt động {topic} lên trang Facebook của đơn vị")),
    ("miệng", ("Sinh hoạt chi bộ: quán triệt {topic}", "Hội nghị báo cáo viên về {topic}",
               "Phát thanh nội bộ chào mừng {topic}")),
    ("trực quan", ("Treo băng rôn, khẩu hiệu chào mừng {topic}", "Thay pa-nô tại cổng cơ quan về {topic}",
                   "Trưng bày ảnh tư liệu về {topic}")),
    ("ấn phẩm", ("Phát hành bản tin nội bộ về {topic}", "Sưu tầm, biên soạn tài liệu về {topic}")),
    ("thi đua", ("Phát động thi đua lập thành tích chào mừng {topic}", "Gắn biển công trình chào mừng {topic}")),
)
PLACES = ("Hội trường cơ quan", "Phòng họp tầng 2", "Cổng cơ quan", "Nhà văn hóa khu phố", "Trực tuyến")


def fill_activities(database: Database, count: int, clock: Clock = system_clock, seed: int = 2020) -> int:
    """Adds `count` activities spread over the phases of the documents in force, each under one of
    their forms and linked to an item of a phase running that day."""
    from ..domain.activity import ActivityDraft
    from .activities import ActivityService

    rng = random.Random(seed)
    service = ActivityService(database, clock)
    forms = service.forms() or ["Tuyên truyền miệng"]
    with database.session() as session:
        phases = session.execute(select(PhaseRow.id, PhaseRow.starts_on, PhaseRow.ends_on)
                                 .where(PhaseRow.plan_id.in_(IN_FORCE), PhaseRow.is_standing.is_(False))
                                 .order_by(PhaseRow.plan_id, PhaseRow.position)).all()
        items_by_phase: dict[int, list[int]] = {}
        for item_id, phase_id in session.execute(select(ChecklistItemRow.id, ChecklistItemRow.phase_id)
                                                 .join(PhaseRow).where(PhaseRow.plan_id.in_(IN_FORCE))
                                                 .order_by(ChecklistItemRow.id)):
            items_by_phase.setdefault(phase_id, []).append(item_id)
    today = clock()
    first = min((p.starts_on for p in phases), default=today - dt.timedelta(days=365))
    last = min(max((p.ends_on for p in phases), default=today), today)
    span = max(0, (last - first).days)
    drafts = []
    for _ in range(count):
        day = first + dt.timedelta(days=rng.randint(0, span))
        form = rng.choice(forms)
        templates = next((doings for word, doings in DOINGS if word in form.lower()), DOINGS[3][1])
        running = [p.id for p in phases if p.starts_on <= day <= p.ends_on]
        candidates = [i for phase_id in running for i in items_by_phase.get(phase_id, [])]
        members = rng.randint(5, 40)
        drafts.append(ActivityDraft(
            occurred_on=day, form=form,
            title=rng.choice(templates).format(topic=rng.choice(TOPICS)),
            content=rng.choice(EVIDENCE) + ".",
            place=rng.choice(PLACES), organiser=rng.choice(PEOPLE),
            party_members=members, others=rng.choice((0, 0, rng.randint(1, 60))),
            item_ids=tuple(rng.sample(candidates, min(len(candidates), rng.randint(0, 2)))),
        ).cleaned(today))
    return service.add_many(drafts)
