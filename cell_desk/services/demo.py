"""Believable sample data, for trying the program and for benchmarks."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, select

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


# --- activities -------------------------------------------------------------------------------
# A chi bộ has 10 to 40 members; without a member list the demo cell has this many.
CELL_MEMBERS = (14, 32)
# What a cell does under each kind of form, the place it happens and who takes part. An online
# post happens on the site itself and counts views (in its content), not people in a room.
ONLINE_PLACES = {
    "portal": ("Cổng thông tin điện tử Đảng bộ Khối",),
    "website": ("Trang thông tin điện tử của cơ quan",),
    "social": ("Trang Facebook (fanpage) của cơ quan", "Nhóm Zalo của chi bộ"),
}
DOINGS = {
    "portal": ("Đưa tin về {topic} trên Cổng thông tin điện tử Đảng bộ Khối",
               "Viết bài tuyên truyền về {topic} gửi Cổng thông tin điện tử Đảng bộ Khối"),
    "website": ("Đăng bài tuyên truyền về {topic} trên trang thông tin điện tử của cơ quan",
                "Mở chuyên mục về {topic} trên trang thông tin điện tử của cơ quan"),
    "social": ("Chia sẻ bài viết về {topic} trên mạng xã hội", "Đăng ảnh, video tuyên truyền về {topic}"),
    "oral": ("Sinh hoạt chi bộ chuyên đề về {topic}", "Hội nghị quán triệt, tuyên truyền về {topic}",
             "Tọa đàm về {topic}"),
    "visual": ("Treo băng rôn, khẩu hiệu tuyên truyền {topic}", "Thay pa-nô tại cổng cơ quan tuyên truyền {topic}",
               "Trưng bày ảnh tư liệu về {topic}"),
    "print": ("Biên soạn tài liệu sinh hoạt chi bộ về {topic}", "Phát hành bản tin nội bộ về {topic}"),
    "emulation": ("Phát động thi đua lập thành tích chào mừng {occasion}",
                  "Biểu dương tập thể, cá nhân tiêu biểu chào mừng {occasion}"),
}
OCCASION_DOINGS = {  # for an anniversary in the coming month
    "oral": ("Sinh hoạt chi bộ tuyên truyền kỷ niệm {occasion}", "Nói chuyện chuyên đề kỷ niệm {occasion}"),
    "visual": ("Treo băng rôn, cờ, khẩu hiệu chào mừng kỷ niệm {occasion}",),
    "portal": ("Đưa tin về các hoạt động kỷ niệm {occasion} trên Cổng thông tin điện tử Đảng bộ Khối",),
    "website": ("Đăng bài tuyên truyền kỷ niệm {occasion} trên trang thông tin điện tử của cơ quan",),
    "social": ("Chia sẻ bài viết tuyên truyền kỷ niệm {occasion} trên mạng xã hội",),
    "emulation": ("Phát động thi đua lập thành tích chào mừng kỷ niệm {occasion}",),
}
# commemorated every year; the others in their round years (năm chẵn) only
GREAT_DAYS = {(3, 2), (30, 4), (19, 5), (19, 8), (2, 9)}
HALLS = ("Hội trường cơ quan", "Phòng họp của cơ quan")
VISUAL_PLACES = ("Cổng cơ quan", "Sảnh trụ sở cơ quan", "Khuôn viên cơ quan")
ONLINE = ("portal", "website", "social")
# First words of a plan's line that are common nouns, lower-cased inside a title; any other
# first word (Đại hội, Đảng, Nghị quyết, Chỉ thị, a name) keeps its capital.
COMMON_FIRST_WORDS = {"các", "những", "công", "tình", "ý", "chủ", "trách", "quy", "không", "thông", "dư",
                      "phản", "cổ", "việc", "vai", "kết", "lịch", "vị", "truyền"}


def form_kind(form: str) -> str:
    """What sort of form a plan's form is, by the words its title holds."""
    lowered = form.lower()
    for kind, words in (("portal", ("cổng thông tin điện tử đảng bộ",)),
                        ("website", ("website", "trang thông tin", "cổng thông tin")),
                        ("social", ("mạng xã hội", "internet", "zalo", "facebook")),
                        ("visual", ("trực quan", "pa-nô", "băng rôn", "khẩu hiệu")),
                        ("print", ("ấn phẩm", "biên soạn", "bản tin", "tài liệu")),
                        ("emulation", ("thi đua", "gắn biển")),
                        ("oral", ("miệng", "hội nghị", "sinh hoạt", "nói chuyện"))):
        if any(word in lowered for word in words):
            return kind
    return "oral"


def topic_of(text: str, subject: str = "") -> str:
    """A plan line in its own words, as short as a title takes: its first clause, without a
    leading verb ("Tuyên truyền về", "Phản ánh"…), its first word lower-cased only when a common noun; a bare
    "… của Đại hội" is completed with the phase's subject (the congress the phase is about)."""
    import re

    clause = re.split(r";|\.\s+(?=[A-ZĐÀ-Ỹ])|\.$", " ".join(text.split()))[0].strip(" .,:")
    clause = re.sub(r"^(?:Tuyên truyền(?: về)?|Phản ánh|Cổ vũ, nêu gương|Cổ vũ|Biểu dương)\s+", "", clause)
    if len(clause) > 160:
        cut = clause.rfind(", ", 0, 160)
        clause = clause[:cut] if cut > 40 else clause[:clause.rfind(" ", 0, 160)]
    if subject and re.search(r"\bĐại hội$", clause):
        clause = clause[:-len("Đại hội")] + subject
    first = clause.split(" ", 1)[0]
    if first.lower() in COMMON_FIRST_WORDS:
        clause = clause[0].lower() + clause[1:]
    return clause


def _subject(phase_title: str) -> str:
    """`Tuyên truyền Đại hội Đảng bộ tỉnh lần thứ XX` → `Đại hội Đảng bộ tỉnh lần thứ XX`."""
    import re

    return re.sub(r"^Tuyên truyền\s+", "", phase_title.strip()) if "đại hội" in phase_title.lower() else ""


def fill_activities(database: Database, count: int, clock: Clock = system_clock, seed: int = 2020) -> int:
    """Adds `count` activities a chi bộ could have done: each on a day of a phase of a document in
    force (any number may be in force), under one of their forms, about one of that phase's lines
    in the document's own words (linked to it) or an anniversary of the coming month; meetings on
    working days with the cell's members (10–40), online posts on the site with their views and no
    one counted as present, banners with nobody counted."""
    from ..domain.activity import ActivityDraft
    from ..storage.models import ActivityFormRow, MemberRow
    from .activities import ActivityService
    from .anniversaries import AnniversaryService
    from .plans import PlanService

    rng = random.Random(seed)
    service = ActivityService(database, clock)
    plans = PlanService(database)
    trees = plans.trees_in_force()
    with database.session() as session:
        forms = list(dict.fromkeys(session.scalars(
            select(ActivityFormRow.title).join(PlanRow, PlanRow.id == ActivityFormRow.plan_id)
            .where(PlanRow.is_active, ActivityFormRow.is_custom.is_(False))
            .order_by(PlanRow.issued_on.desc(), ActivityFormRow.position))))
        listed = session.scalar(select(func.count(MemberRow.id))) or 0
    forms = forms or service.forms() or ["Tuyên truyền miệng"]
    members = listed if 10 <= listed <= 60 else rng.randint(*CELL_MEMBERS)
    try:
        calendar = AnniversaryService(database, plans, clock).days()
    except ValueError:  # a clerk's calendar that cannot be read: the plans' lines alone
        calendar = []
    from ..domain.anniversaries import anniversaries_between

    today = clock()
    phases = [(phase, _subject(phase.title)) for tree in trees for phase in tree.phases
              if not phase.is_standing and phase.starts_on <= today]
    first = min((phase.starts_on for phase, _ in phases), default=today - dt.timedelta(days=365))
    last = min(max((phase.ends_on for phase, _ in phases), default=today), today)
    span = max(0, (last - first).days)
    drafts = []
    for _ in range(count):
        day = first + dt.timedelta(days=rng.randint(0, span))
        form = rng.choice(forms)
        kind = form_kind(form)
        running = [(phase, subject) for phase, subject in phases if phase.starts_on <= day <= phase.ends_on]
        coming = [a for a in anniversaries_between(calendar, day + dt.timedelta(days=3), day + dt.timedelta(days=30))
                  if a.is_round or (a.on.day, a.on.month) in GREAT_DAYS]
        item_ids: tuple[int, ...] = ()
        if kind in OCCASION_DOINGS and coming and (not running or rng.random() < 0.25):
            title = rng.choice(OCCASION_DOINGS[kind]).format(occasion=rng.choice(coming).title)
        elif running:
            phase, subject = rng.choice(running)
            items = phase.all_items()
            item = rng.choice(items) if items else None
            topic = topic_of(item.text, subject) if item else (subject or phase.title)
            occasion = subject or (f"kỷ niệm {coming[0].title}" if coming else "")
            doings = DOINGS["oral" if kind == "emulation" and not occasion else kind]
            title = rng.choice(doings).format(topic=topic, occasion=occasion)
            item_ids = (item.id,) if item else ()
        else:
            continue
        title = title[0].upper() + title[1:]
        if kind in ("oral", "emulation"):
            while day.weekday() >= 5 and day > first:  # meetings are held on working days
                day -= dt.timedelta(days=1)
        party_members, others, content = _people(rng, kind, members, title)
        drafts.append(ActivityDraft(
            occurred_on=day, form=form, title=title, content=content, place=_place(rng, kind),
            organiser=rng.choice(PEOPLE[:6]) if kind in ONLINE + ("print",) else rng.choice(ORGANISERS),
            party_members=party_members, others=others, item_ids=item_ids,
        ).cleaned(today))
    return service.add_many(drafts)


ORGANISERS = ("Chi ủy chi bộ", "Đ/c Bí thư chi bộ", "Chi bộ phối hợp với Công đoàn cơ sở",
              "Chi bộ phối hợp với Chi đoàn Thanh niên")


def _place(rng: random.Random, kind: str) -> str:
    if kind in ONLINE_PLACES:
        return rng.choice(ONLINE_PLACES[kind])
    if kind == "visual":
        return rng.choice(VISUAL_PLACES)
    if kind == "print":
        return ""
    return rng.choice(HALLS)


def _people(rng: random.Random, kind: str, members: int, title: str) -> tuple[int, int, str]:
    """(party members, others, content): a meeting has most of the cell and perhaps some of the
    staff; an online post or a banner has no one counted, its views or what was hung said instead."""
    if kind in ONLINE:
        views = rng.randint(40, 900)
        return 0, 0, f"Tin, bài có {views} lượt xem, {views // rng.randint(8, 20)} lượt chia sẻ."
    if kind == "visual":
        return 0, 0, rng.choice(("Treo 02 băng rôn tại cổng và sảnh cơ quan.", "Thay 01 pa-nô khổ lớn.",
                                 "Treo cờ Đảng, cờ Tổ quốc và 03 băng rôn khẩu hiệu."))
    if kind == "print":
        return 0, 0, rng.choice(("Phát hành 30 bản cho đảng viên và quần chúng.", "Gửi bản điện tử cho đảng viên."))
    present = max(1, round(members * rng.uniform(0.8, 1.0)))
    if title.startswith("Sinh hoạt chi bộ"):
        return present, 0, "Biên bản sinh hoạt chi bộ."
    return present, rng.choice((0, rng.randint(5, 30))), "Danh sách đảng viên, quần chúng dự; ảnh chụp hội nghị."
