"""The commands of the monthly chi bộ meeting: `meeting list`, `export minutes|resolution --month`
and `members import FILE.xlsx`. Kept beside cli.py so that its parser stays cheap to build."""
from __future__ import annotations

import sys


def add_meeting_commands(commands, export_commands, year_month) -> None:
    meeting = commands.add_parser("meeting", help="các buổi sinh hoạt chi bộ")
    meeting_commands = meeting.add_subparsers(dest="meeting_command", metavar="LỆNH", required=True)
    meeting_commands.add_parser("list", help="liệt kê các buổi sinh hoạt: tháng, loại, ngày, giờ, tỷ lệ dự, số văn bản")
    for name, what in (("minutes", "biên bản"), ("resolution", "nghị quyết")):
        parser = export_commands.add_parser(name, help=f"{what} sinh hoạt chi bộ của tháng ra tệp Word")
        parser.add_argument("--month", required=True, type=year_month, metavar="YYYY-MM", help="tháng của buổi sinh hoạt")
        parser.add_argument("--out", required=True, metavar="FILE", help="tệp .docx")
    members = commands.add_parser("members", help="danh sách đảng viên của chi bộ")
    member_commands = members.add_subparsers(dest="members_command", metavar="LỆNH", required=True)
    member_import = member_commands.add_parser(
        "import", help="nhập danh sách đảng viên từ tệp Excel (.xlsx): cột Họ và tên, Chức vụ, Chính thức/Dự bị, "
                       "Miễn sinh hoạt, Lý do theo thứ tự nào cũng được, có dấu hay không dấu")
    member_import.add_argument("file", metavar="FILE")
    member_import.add_argument("--dry-run", action="store_true", help="chỉ báo những gì sẽ nhập, không lưu")
    member_commands.add_parser("list", help="in danh sách đảng viên")


def is_meeting_command(args) -> bool:
    return args.command in ("meeting", "members") or (
        args.command == "export" and args.export_command in ("minutes", "resolution"))


def run_meeting_command(services, args) -> int:
    from pathlib import Path

    from .domain.dates import format_ui_date

    if args.command == "meeting":
        meetings = services.meetings.meetings()
        if not meetings:
            print("Chưa có biên bản sinh hoạt chi bộ nào.")
        for m in meetings:
            print(f"{m.period}  {m.kind_label:<10} {format_ui_date(m.held_on)} {m.starts_at:%H:%M}–{m.ends_at:%H:%M} "
                  f"({m.minutes} phút)  dự {m.rate_text or '–'}  BB số {m.minutes_number:02d}, NQ số "
                  f"{m.resolution_number:02d}" + (f"  chuyên đề: {m.topic}" if m.topic else ""))
            for warning in m.warnings():
                print(f"    Cảnh báo: {warning}")
        return 0
    if args.command == "members":
        if args.members_command == "list":
            for member in services.members.members():
                exempt = f", miễn sinh hoạt ({member.exempt_reason})" if member.exempt else ""
                print(f"{member.name} – {member.role}, {member.standing_label.lower()}{exempt}")
            return 0
        result = services.members.import_file(Path(args.file), dry_run=args.dry_run)
        for number, reason in result.errors:
            print(f"Dòng {number}: {reason}", file=sys.stderr)
        verb = "Sẽ thêm" if args.dry_run else "Đã thêm"
        print(f"{verb} {len(result.added)} đồng chí, {'sẽ ' if args.dry_run else ''}cập nhật {len(result.updated)} "
              f"đồng chí; {len(result.errors)} dòng bỏ qua.")
        return 0
    year, month = args.month
    written = services.meetings.export_for_month(year, month, args.export_command, Path(args.out))
    what = "biên bản" if args.export_command == "minutes" else "nghị quyết"
    print(f"Đã xuất {what} sinh hoạt chi bộ tháng {month}/{year} ra {written}")
    return 0
