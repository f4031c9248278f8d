"""What Tổng quan shows at the first paint, read with plain sqlite3 on a read-only connection.

Start-up paints this before SQLAlchemy, Alembic and the integrity check are loaded, and opens the
data file properly right after. Nothing here writes, so a damaged file is left exactly as it was;
a file this cannot read as it expects (absent, of another schema revision, damaged) gives None,
and the window waits for the full opening, which says what is wrong.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from ..domain.overview import Overview
from ..domain.plan import PlanTree, report_day_of
from ..domain.profile import PROFILE_KEY, CellProfile
from ..domain.cell_document import REPORT, DueReport, due_report, period_key
from .domain_rows import ITEM_COLUMNS, PHASE_COLUMNS, PLAN_COLUMNS, STAGE_COLUMNS, build_trees, cell_document
from .location import DATABASE_FILENAME
from .schema import HEAD_REVISION
from .sqlite_file import SQLITE_HEADER, read_only

DOCUMENT_COLUMNS = ("id", "kind", "period", "number", "issued_on", "subtitle", "sections", "status", "sent_on")
DATE_COLUMNS = {"issued_on", "starts_on", "ends_on", "completed_on", "sent_on"}


@dataclass(frozen=True)
class FirstLook:
    today: dt.date
    trees: list[PlanTree]
    cell_name: str
    overview: Overview
    due: DueReport


def read_first_look(folder: Path, today: dt.date) -> FirstLook | None:
    path = Path(folder) / DATABASE_FILENAME
    try:
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        with read_only(path, timeout_s=0.5) as conn:
            if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (HEAD_REVISION,):
                return None  # an upgrade comes first
            return _read(conn, today)
    except (OSError, sqlite3.Error, ValueError, KeyError, TypeError):
        return None  # the full opening reports it, with the words for the user


def _read(conn: sqlite3.Connection, today: dt.date) -> FirstLook:
    ids = [row[0] for row in conn.execute("SELECT id FROM plans WHERE is_active ORDER BY issued_on, id")]
    plans = _rows(conn, "plans", PLAN_COLUMNS, "id", ids)
    phases = _rows(conn, "phases", PHASE_COLUMNS, "plan_id", ids, "plan_id, position")
    phase_ids = [row.id for row in phases]
    stages = _rows(conn, "stages", STAGE_COLUMNS, "phase_id", phase_ids, "phase_id, position")
    items = _rows(conn, "checklist_items", ITEM_COLUMNS, "phase_id", phase_ids,
                  "parent_id IS NOT NULL, position")
    trees = build_trees(ids, plans, phases, stages, items)
    summaries = [tree.summary for tree in trees]
    report_day = report_day_of(summaries)
    stored_profile = conn.execute("SELECT value FROM settings WHERE key = ?", (PROFILE_KEY,)).fetchone()
    profile = CellProfile.from_dict(json.loads(stored_profile[0])) if stored_profile else CellProfile()

    def first_use() -> dt.date:
        (first,) = conn.execute("SELECT min(created_at) FROM plans").fetchone()
        return dt.datetime.fromisoformat(first).date() if first else today

    def report_for(year: int, month: int):
        found = _rows(conn, "documents", DOCUMENT_COLUMNS, "kind", [REPORT],
                      extra=("period = ?", period_key(year, month)))
        return cell_document(found[0], dict(json.loads(found[0].sections or "{}"))) if found else None

    plan_start = min((summary.issued_on for summary in summaries), default=dt.date.max)
    return FirstLook(today=today, trees=trees, cell_name=profile.cell_name,
                     overview=Overview.compute(trees, today, report_day),
                     due=due_report(today, report_day, plan_start, first_use, report_for))


def _rows(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], key: str, values: list,
          order: str = "id", extra: tuple[str, object] | None = None) -> list[SimpleNamespace]:
    """Rows whose `key` is one of `values`, as objects with the columns for attributes and the
    dates as dates (SQLAlchemy keeps them as ISO text in SQLite)."""
    if not values:
        return []
    where = f"{key} IN ({', '.join('?' * len(values))})"
    params = list(values)
    if extra is not None:
        where += f" AND {extra[0]}"
        params.append(extra[1])
    found = []
    for values_row in conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY {order}", params):
        row = dict(zip(columns, values_row))
        for name in DATE_COLUMNS.intersection(row):
            if row[name] is not None:
                row[name] = dt.date.fromisoformat(row[name])
        found.append(SimpleNamespace(**row))
    return found
