"""The command line: the same services as the GUI, for scripting, tests and benchmarks."""
from __future__ import annotations

import argparse
import sys

from . import __version__
from .domain.dates import format_ui_date
from .domain.plan import ChecklistItem, PlanTree
from .domain.validation import ValidationError
from .storage.errors import StorageError

EXIT_USER_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cell-desk",
        description="Cell Desk – sổ tay công tác tuyên truyền của chi bộ. Không có lệnh thì mở cửa sổ chương trình.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng)")
    parser.add_argument("--version", action="version", version=f"Cell Desk {__version__}")
    parser.add_argument(
        "--smoke", action="store_true",
        help="mở cửa sổ chính với dữ liệu, thoát ngay khi đã vẽ xong và in thời gian khởi động (ms)",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    plan = commands.add_parser("plan", help="xem các kế hoạch")
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="LỆNH", required=True)
    plan_commands.add_parser("list", help="liệt kê các kế hoạch")
    show = plan_commands.add_parser("show", help="in cây kế hoạch: đợt, giai đoạn, nội dung, trạng thái")
    show.add_argument("plan_id", nargs="?", type=int, metavar="ID", help="số của kế hoạch (mặc định: kế hoạch đang dùng)")

    commands.add_parser("demo-data", help="điền dữ liệu mẫu (trạng thái các nội dung) vào cơ sở dữ liệu")
    return parser


def run_command(args: argparse.Namespace) -> int:
    from .app import open_services

    try:
        services = open_services(args.data_dir)
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    try:
        if args.command == "plan":
            if args.plan_command == "list":
                return _plan_list(services)
            return _plan_show(services, args.plan_id)
        if args.command == "demo-data":
            from .services.demo import fill_checklist

            changed = fill_checklist(services.database, services.clock)
            print(f"Đã điền trạng thái mẫu cho {changed} nội dung của kế hoạch đang dùng.")
            return 0
    except (ValidationError, LookupError) as exc:
        print(exc.args[0] if exc.args else str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    finally:
        services.close()
    return 0


def _plan_list(services) -> int:
    for plan in services.plans.list_plans():
        marker = "*" if plan.is_active else " "
        print(f"{marker} {plan.id:>3}  {plan.reference}  ({plan.item_count} nội dung)  {plan.title}")
    return 0


def _plan_show(services, plan_id: int | None) -> int:
    tree = services.plans.plan_tree(plan_id)
    print(render_plan_tree(tree))
    return 0


def render_plan_tree(tree: PlanTree) -> str:
    """The whole plan as indented text, every item in full."""
    summary = tree.summary
    lines = [f"{summary.reference}: {summary.title}", f"Tiến độ chung: {tree.progress().percent}%", ""]
    for phase in tree.phases:
        window = f"{format_ui_date(phase.starts_on)} – {format_ui_date(phase.ends_on)}"
        lines.append(f"{phase.display_title} ({window})")
        for item in phase.items:
            lines.extend(_item_lines(item, "    "))
        for stage in phase.stages:
            lines.append(f"    * {stage.heading}")
            for item in stage.items:
                lines.extend(_item_lines(item, "        "))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _item_lines(item: ChecklistItem, indent: str, bullet: str = "-") -> list[str]:
    head = f"{indent}{bullet} [{item.status.label}] "
    extra = []
    if item.completed_on:
        extra.append(f"hoàn thành {format_ui_date(item.completed_on)}")
    if item.assignee:
        extra.append(f"phụ trách: {item.assignee}")
    text = item.text + (f" ({'; '.join(extra)})" if extra else "")
    lines = [head + text]  # one line per item, so scripts can grep for a whole item
    for sub in item.sub_items:
        lines.extend(_item_lines(sub, indent + "    ", "+"))
    return lines
