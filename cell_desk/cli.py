"""The command line: the same services as the GUI, for scripting, tests and benchmarks."""
from __future__ import annotations

import argparse
import sys

from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:  # the GUI path imports this module for its parser only; keep that cheap
    from .domain.plan import ChecklistItem, PlanTree

EXIT_USER_ERROR = 2

# argparse's own words, which it looks up through argparse._ (gettext) each time it speaks.
ARGPARSE_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "expected one argument": "cần một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ (cần %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s không rõ: có thể là %(matches)s",
}


def _vietnamese(message: str) -> str:
    return ARGPARSE_VI.get(message, message)


def build_parser() -> argparse.ArgumentParser:
    from .domain.document_kinds import DOCUMENT_KINDS  # names only: nothing else loads

    argparse._ = _vietnamese  # Python ships no Vietnamese catalogue for argparse
    parser = argparse.ArgumentParser(
        prog="cell-desk",
        description="Cell Desk – sổ tay công tác tuyên truyền của chi bộ. Không có lệnh thì mở cửa sổ chương trình.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng)")
    parser.add_argument(
        "--database", metavar="URL",
        help="dữ liệu trên máy chủ PostgreSQL thay cho tệp SQLite trong thư mục dữ liệu, ví dụ "
             "postgresql://nguoidung:matkhau@may-chu:5432/cell_desk (hoặc biến môi trường CELL_DESK_DATABASE, "
             "hoặc dòng đầu của tệp may-chu-postgresql.txt trong thư mục dữ liệu)",
    )
    parser.add_argument("--version", action="version", version=f"Cell Desk {__version__}")
    parser.add_argument(
        "--smoke", action="store_true",
        help="mở cửa sổ chính và dữ liệu, thoát khi dữ liệu đã sẵn sàng và in thời gian khởi động (ms)",
    )
    parser.add_argument(
        "--first-paint", action="store_true",
        help="như --smoke nhưng thoát ngay khi cửa sổ vẽ lần đầu, trước khi mở dữ liệu (để đo khởi động)",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    plan = commands.add_parser("plan", help="xem các kế hoạch")
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="LỆNH", required=True)
    plan_commands.add_parser("list", help="liệt kê các kế hoạch")
    show = plan_commands.add_parser("show", help="in cây kế hoạch: đợt, giai đoạn, nội dung, trạng thái")
    show.add_argument("plan_id", nargs="?", type=int, metavar="ID", help="số của kế hoạch (mặc định: văn bản đang áp dụng mới nhất)")
    plan_import = plan_commands.add_parser(
        "import", help="nhập văn bản cấp trên (kế hoạch, định hướng, hướng dẫn, khẩu hiệu…) từ tệp .docx, .doc, "
                       ".txt, .pdf, ảnh chụp hoặc .json")
    plan_import.add_argument("file", metavar="FILE")
    plan_import.add_argument("--dry-run", action="store_true", help="chỉ in cây đọc được, không lưu")
    plan_import.add_argument("--json", action="store_true",
                             help="in văn bản theo định dạng trao đổi (JSON); dòng chưa xếp được, đợt cần xem lại "
                                  "thời gian và đợt chưa có ngày dưới khóa review")
    plan_import.add_argument("--kind", choices=list(DOCUMENT_KINDS), metavar="KIND",
                             help="đọc văn bản theo loại đã chọn thay vì tự nhận ra: "
                                  + ", ".join(f"{kind} ({label})" for kind, label in DOCUMENT_KINDS.items()))
    plan_import.add_argument("--activate", action="store_true", help="đưa văn bản vừa nhập vào danh sách đang áp dụng (các văn bản khác vẫn áp dụng)")
    plan_import.add_argument("--again", action="store_true", help="lưu thêm bản nữa dù kế hoạch cùng số, cùng ngày đã có")
    plan_export = plan_commands.add_parser("export", help="xuất kế hoạch ra tệp JSON để gửi cho đơn vị khác")
    plan_export.add_argument("plan_id", type=int, metavar="ID")
    plan_export.add_argument("--out", required=True, metavar="FILE", help="tệp .json")

    server = commands.add_parser("server", help="dữ liệu dùng chung trên máy chủ PostgreSQL")
    server_commands = server.add_subparsers(dest="server_command", metavar="LỆNH", required=True)
    server_copy = server_commands.add_parser(
        "copy", help="chép toàn bộ dữ liệu của tệp SQLite lên một cơ sở dữ liệu PostgreSQL còn trống, rồi từ lần "
                     "mở sau dùng dữ liệu trên máy chủ (tệp trên máy giữ nguyên)")
    server_copy.add_argument("url", metavar="URL", help="ví dụ postgresql://nguoidung:matkhau@may-chu:5432/cell_desk")
    demo = commands.add_parser("demo-data", help="điền dữ liệu mẫu (trạng thái các nội dung) vào cơ sở dữ liệu")
    demo.add_argument("--activities", type=int, default=0, metavar="N",
                      help="thêm N hoạt động mẫu rải theo các đợt của kế hoạch")

    backup = commands.add_parser("backup", help="sao lưu toàn bộ dữ liệu ra một tệp")
    backup.add_argument("--out", required=True, metavar="FILE",
                        help="tệp sao lưu: .zip kèm ảnh, pa-nô, tệp đính kèm; .sqlite3 chỉ tệp dữ liệu")
    restore = commands.add_parser("restore", help="khôi phục dữ liệu từ tệp sao lưu (dữ liệu hiện tại được sao lưu trước)")
    restore.add_argument("backup_file", metavar="FILE", help="tệp .zip hoặc .sqlite3 đã sao lưu")
    commands.add_parser("check", help="kiểm tra tệp dữ liệu có nguyên vẹn không (không sửa gì)")

    slogan = commands.add_parser("slogan", help="khẩu hiệu của các văn bản đang áp dụng")
    slogan_commands = slogan.add_subparsers(dest="slogan_command", metavar="LỆNH", required=True)
    slogan_commands.add_parser("list", help="in số và toàn văn từng khẩu hiệu")

    export = commands.add_parser("export", help="xuất tệp")
    export_commands = export.add_subparsers(dest="export_command", metavar="LOẠI", required=True)
    banner = export_commands.add_parser("banner", help="băng rôn khẩu hiệu dạng PDF (hoặc .docx theo đuôi tệp)")
    banner.add_argument("--slogan", type=int, required=True, metavar="N", help="số của khẩu hiệu")
    banner.add_argument("--out", required=True, metavar="FILE", help="tệp .pdf hoặc .docx")
    banner.add_argument("--paper", choices=["A4", "A3"], default="A4", help="khổ giấy, nằm ngang (mặc định A4)")
    banner.add_argument("--size", metavar="RỘNGxCAO", help="kích thước riêng theo cm, ví dụ 300x80 (thay cho --paper)")
    banner.add_argument("--tile", action="store_true", help="in ghép trên nhiều tờ A4 (với --size)")
    banner.add_argument("--scheme", choices=["red", "white"], default="red",
                        help="red: chữ vàng nền đỏ; white: chữ đỏ nền trắng")
    activities = export_commands.add_parser("activities", help="nhật ký hoạt động ra tệp Excel (.xlsx)")
    activities.add_argument("--out", required=True, metavar="FILE", help="tệp .xlsx")
    activities.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                            help="từ ngày (mặc định: từ đầu nhật ký)")
    activities.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                            help="đến ngày (mặc định: đến hết nhật ký)")

    report = export_commands.add_parser("report", help="báo cáo tháng ra tệp Word theo thể thức văn bản của Đảng")
    report.add_argument("--month", required=True, type=_year_month, metavar="YYYY-MM",
                        help="tháng của báo cáo (kỳ từ ngày 21 tháng trước đến ngày 20)")
    report.add_argument("--out", required=True, metavar="FILE", help="tệp .docx")
    package = export_commands.add_parser(
        "package", help="gói báo cáo tháng gửi đảng ủy (.zip): báo cáo Word, số liệu theo hình thức, nhiệm vụ, sinh hoạt chi bộ")
    package.add_argument("--month", required=True, type=_year_month, metavar="YYYY-MM", help="tháng của báo cáo")
    package.add_argument("--out", required=True, metavar="FILE", help="tệp .zip")
    cell_plan = export_commands.add_parser("plan", help="kế hoạch của chi bộ thực hiện kế hoạch cấp trên, ra tệp Word")
    cell_plan.add_argument("--out", required=True, metavar="FILE", help="tệp .docx")

    package_parser = commands.add_parser("package", help="đọc gói báo cáo của chi bộ")
    package_commands = package_parser.add_subparsers(dest="package_command", metavar="LỆNH", required=True)
    package_show = package_commands.add_parser("show", help="kiểm tra một gói báo cáo và in nội dung chính")
    package_show.add_argument("file", metavar="FILE")

    import_parser = commands.add_parser("import", help="nhập dữ liệu từ tệp")
    import_commands = import_parser.add_subparsers(dest="import_command", metavar="LOẠI", required=True)
    activities_in = import_commands.add_parser(
        "activities", help="nhập nhật ký hoạt động từ tệp Excel (.xlsx); dòng lỗi được báo kèm số dòng")
    activities_in.add_argument("file", metavar="FILE")
    activities_in.add_argument("--dry-run", action="store_true", help="chỉ báo những gì sẽ nhập, không lưu")
    activities_in.add_argument("--skip-bad-rows", action="store_true",
                               help="nhập các dòng hợp lệ dù có dòng lỗi (mặc định: không nhập gì khi có lỗi)")
    from .cli_meetings import add_meeting_commands

    add_meeting_commands(commands, export_commands, _year_month)
    return parser


def _year_month(text: str) -> tuple[int, int]:
    import re

    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"tháng “{text}” không đúng dạng YYYY-MM (ví dụ 2026-01)")
    return int(match.group(1)), int(match.group(2))


def _iso_date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày “{text}” không đúng dạng YYYY-MM-DD (ví dụ 2026-01-05)") from None


def run_command(args: argparse.Namespace) -> int:
    from .app import open_services
    from .domain.validation import ValidationError
    from .exports.atomic import ExportError
    from .domain.party_document import FormatProfileError
    from .imports.activities_xlsx import ActivityFileError
    from .imports.plan_files import PlanFileError
    from .storage.errors import StorageError

    if args.command in ("check", "restore"):
        try:
            return _check(args) if args.command == "check" else _restore(args)
        except StorageError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_USER_ERROR
    try:
        services = open_services(args.data_dir, database_url=args.database)
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    try:
        if args.command == "plan":
            if args.plan_command == "list":
                return _plan_list(services)
            if args.plan_command == "import":
                return _plan_import(services, args)
            if args.plan_command == "export":
                from pathlib import Path

                written = services.exchange.export(args.plan_id, Path(args.out))
                print(f"Đã xuất kế hoạch số {args.plan_id} ra {written}")
                return 0
            return _plan_show(services, args.plan_id)
        if args.command == "backup":
            from pathlib import Path

            written = services.backups.backup_to(Path(args.out))
            print(f"Đã sao lưu vào {written}")
            return 0
        if args.command == "slogan":
            for slogan in services.slogans.slogans(include_retired=True):
                retired = " (thôi dùng)" if slogan.is_retired else ""
                print(f"{slogan.number}. {slogan.text}{retired}")
            return 0
        if args.command == "export" and args.export_command == "banner":
            return _export_banner(services, args)
        if args.command == "export" and args.export_command == "activities":
            return _export_activities(services, args)
        if args.command == "export" and args.export_command == "package":
            from pathlib import Path

            written = services.packages.export(*args.month, Path(args.out))
            print(f"Đã xuất gói báo cáo tháng {args.month[1]:02d}/{args.month[0]} ra {written}")
            return 0
        if args.command == "package":
            return _package_show(services, args)
        if args.command == "export" and args.export_command in ("report", "plan"):
            return _export_document(services, args)
        if args.command == "import" and args.import_command == "activities":
            return _import_activities(services, args)
        from .cli_meetings import is_meeting_command

        if is_meeting_command(args):
            from .cli_meetings import run_meeting_command

            return run_meeting_command(services, args)
        if args.command == "server":
            return _server_copy(services, args)
        if args.command == "demo-data":
            from .services.demo import fill_checklist

            if args.activities < 0:
                raise ValidationError("Số hoạt động mẫu phải từ 0 trở lên.")
            changed = fill_checklist(services.database, services.clock)
            print(f"Đã điền trạng thái mẫu cho {changed} nội dung của các văn bản đang áp dụng.")
            if args.activities:
                from .services.demo import fill_activities

                added = fill_activities(services.database, args.activities, services.clock)
                print(f"Đã thêm {added} hoạt động mẫu vào nhật ký.")
            return 0
    except (ValidationError, LookupError, ValueError, ExportError, PlanFileError, ActivityFileError,
            FormatProfileError, StorageError) as exc:
        print(exc.args[0] if exc.args else str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    finally:
        services.close()
    return 0


def _refuse_on_server(args, what: str) -> None:
    from .storage.errors import StorageError
    from .storage.location import resolve_data_dir, resolve_database_url

    if resolve_database_url(args.database, resolve_data_dir(args.data_dir)):
        raise StorageError(f"Dữ liệu đang ở máy chủ PostgreSQL: {what}")


def _server_copy(services, args) -> int:
    from .storage.location import SERVER_SETTING_FILENAME
    from .storage.transfer import move_to_server

    copied = move_to_server(services.database, args.url)
    print(f"Đã chép {copied.total} dòng dữ liệu, kể cả ảnh, pa-nô và tệp đính kèm, lên {copied.location}. "
          f"Tệp {services.database.path} giữ nguyên.")
    print(f"Từ lần mở sau, thư mục dữ liệu này dùng dữ liệu trên máy chủ (ghi ở "
          f"{services.data_dir / SERVER_SETTING_FILENAME}; xóa tệp đó để dùng lại tệp trên máy).")
    return 0


def _check(args) -> int:
    """Reads the data file without opening it for writing; a damaged file stays as it is."""
    from .storage.backups import read_backup
    from .storage.location import DATABASE_FILENAME, resolve_data_dir

    _refuse_on_server(args, "máy chủ tự kiểm tra dữ liệu của nó; lệnh check chỉ dành cho tệp SQLite.")
    path = resolve_data_dir(args.data_dir) / DATABASE_FILENAME
    summary = read_backup(path, is_backup=False)
    print(f"Tệp dữ liệu {path} nguyên vẹn: {summary.describe()}.")
    return 0


def _restore(args) -> int:
    from pathlib import Path

    from .app import open_services, restore_backup

    _refuse_on_server(args, "khôi phục bằng pg_restore từ bản pg_dump; lệnh restore chỉ dành cho tệp SQLite.")
    kept = restore_backup(args.data_dir, Path(args.backup_file))
    services = open_services(args.data_dir)  # upgrades a backup from an older version
    services.close()
    print(f"Đã khôi phục từ {args.backup_file}.")
    if kept:
        print(f"Dữ liệu trước đó được giữ ở {kept}")
    return 0


def _export_banner(services, args) -> int:
    from pathlib import Path

    from .domain.banner import PAPERS_MM, SCHEMES, check_custom_size

    slogan = services.slogans.by_number(args.slogan)
    scheme = SCHEMES[args.scheme]
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".docx"):
        raise ValueError(f"Tên tệp “{out.name}” phải có đuôi .pdf hoặc .docx.")
    if args.tile and not args.size:
        raise ValueError("--tile chỉ dùng cùng --size (băng rôn khổ riêng in ghép nhiều tờ A4).")
    if args.size:
        try:
            width_cm, height_cm = (float(part.replace(",", ".")) for part in args.size.lower().split("x"))
        except ValueError:
            raise ValueError(f"Kích thước “{args.size}” không đúng dạng RỘNGxCAO theo cm, ví dụ 300x80.") from None
        check_custom_size(width_cm, height_cm)
        size_mm = (width_cm * 10, height_cm * 10)
    else:
        size_mm = PAPERS_MM[args.paper]
    if out.suffix.lower() == ".docx":
        from .exports.banner_docx import write_banner_docx

        write_banner_docx(slogan.text, out, size_mm, scheme)
    else:
        import os

        # QPdfWriter needs fonts, which need an application object; no window is shown, so the
        # command works on a machine without a display too.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .ui.launcher import make_application
        from .ui.library.banner import BannerRequest, write_banner_pdf

        make_application()
        write_banner_pdf(BannerRequest(slogan.text, *size_mm, scheme, tiled=args.tile), out)
    print(f"Đã ghi {out}")
    return 0


def _export_activities(services, args) -> int:
    from pathlib import Path

    from .domain.activity import ActivityFilter
    from .domain.validation import ValidationError

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ValidationError(f"Ngày bắt đầu {args.date_from:%d/%m/%Y} sau ngày kết thúc {args.date_to:%d/%m/%Y}.")
    activity_filter = ActivityFilter(date_from=args.date_from, date_to=args.date_to)
    count = services.activity_excel.export(Path(args.out), activity_filter)
    print(f"Đã xuất {count} hoạt động ({activity_filter.describe_period().lower()}) ra {args.out}")
    return 0


def _package_show(services, args) -> int:
    from pathlib import Path

    from .imports.report_package import read_report_package

    package = read_report_package(Path(args.file), services.clock()).package
    print(f"{package.cell_name}: báo cáo tháng {package.month:02d}/{package.year}, số {package.number:02d}, "
          f"ngày {package.issued_on:%d/%m/%Y} ({'đã gửi' if package.status == 'sent' else 'chưa gửi'})")
    print(f"{package.activities} hoạt động, {package.people} lượt người tham gia")
    for figure in package.figures:
        print(f"  {figure.form}: {figure.activities} hoạt động, {figure.party_members} đảng viên, {figure.others} người ngoài Đảng")
    done = sum(1 for task in package.tasks if task.done)
    print(f"Nhiệm vụ: {done} đã hoàn thành trong kỳ, {len(package.tasks) - done} chưa xong")
    if package.meeting:
        held = f"ngày {package.meeting.held_on:%d/%m/%Y}" if package.meeting.held_on else "chưa ghi ngày"
        print(f"Sinh hoạt chi bộ {package.meeting.kind}: {held}, có mặt {package.meeting.present}/{package.meeting.member_count}")
    else:
        print("Không có biên bản sinh hoạt chi bộ trong tháng")
    return 0


def _export_document(services, args) -> int:
    """The month's report (drafted from the data if it was never opened) or the cell's plan."""
    from pathlib import Path

    if args.export_command == "report":
        document = services.reports.open_report(*args.month)
        what = f"báo cáo tháng {args.month[1]:02d}/{args.month[0]}"
    else:
        document = services.reports.open_cell_plan()
        what = "kế hoạch của chi bộ"
    warning = services.reports.defaults_warning()
    if warning:  # the same warning the program shows before an export; the file is still written
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    written = services.reports.export_docx(document.id, Path(args.out))
    number = services.reports.party_document(document).number_text(services.reports.format_profile())
    print(f"Đã xuất {what} ({number}, {document.status_text.lower()}) ra {written}")
    return 0


def _import_activities(services, args) -> int:
    from pathlib import Path

    preview = services.activity_excel.preview(Path(args.file))
    for row_number, reason in preview.errors:
        print(f"Dòng {row_number}: {reason}", file=sys.stderr)
    for row_number, note in preview.notes:
        print(f"Dòng {row_number}: {note}")
    if preview.already_logged:
        print(f"Bỏ qua {len(preview.already_logged)} hoạt động đã có trong nhật ký "
              f"(dòng {', '.join(map(str, preview.already_logged[:20]))}{'…' if len(preview.already_logged) > 20 else ''}).")
    if args.dry_run:
        print(f"Sẽ nhập {preview.ready} hoạt động từ trang “{preview.sheet_name}”; {len(preview.errors)} dòng lỗi. "
              "Chưa lưu gì (--dry-run).")
        return EXIT_USER_ERROR if preview.errors else 0
    if preview.errors and not args.skip_bad_rows:
        print(f"Không nhập gì: {len(preview.errors)} dòng lỗi. Hãy sửa tệp rồi nhập lại, "
              "hoặc thêm --skip-bad-rows để chỉ nhập các dòng hợp lệ.", file=sys.stderr)
        return EXIT_USER_ERROR
    added = services.activity_excel.commit(preview)
    print(f"Đã nhập {added} hoạt động vào nhật ký.")
    return 0


def _plan_import(services, args) -> int:
    import json
    from pathlib import Path

    from .domain.document_kinds import kind_label
    from .domain.plan_document import document_tree
    from .services.document_intake import NoPlanStructure, read_plan_file

    try:
        parsed = read_plan_file(Path(args.file), kind=args.kind)
    except NoPlanStructure as refusal:
        print(f"{refusal} Để nhập như danh sách việc, chạy lại với --kind plain_list.", file=sys.stderr)
        return EXIT_USER_ERROR
    if args.kind:
        parsed.document["plan"]["doc_kind"] = args.kind
    if args.json:
        review = {"kind_reason": parsed.kind_reason, "notes": parsed.notes, "review": parsed.review,
                  "undated_phases": parsed.undated_phases}
        print(json.dumps({**parsed.document, "review": review}, ensure_ascii=False, indent=2))
    else:
        print(f"Loại văn bản: {kind_label(parsed.kind)}" + (f" ({parsed.kind_reason})" if parsed.kind_reason else ""))
        print(render_plan_tree(document_tree(parsed.document)), end="")
        for note in parsed.notes:
            where = f"dòng {note['line']}" if note.get("line") else "lưu ý"
            print(f"Chưa xếp được ({where}): {note['text']}")
        if parsed.undated_phases:
            print("Cần nhập ngày cho các đợt gắn với sự kiện: " + ", ".join(parsed.undated_phases), file=sys.stderr)
        for entry in parsed.review:
            print(f"Cần xem lại thời gian của đợt {entry['phase']}: {entry['reason']}", file=sys.stderr)
    if args.dry_run:
        return 0
    from .services.plan_exchange import DuplicatePlan

    try:
        plan_id = services.exchange.save(parsed.document, activate=args.activate, allow_duplicate=args.again)
    except DuplicatePlan as exc:
        raise DuplicatePlan(f"{exc} Không lưu thêm; dùng --again nếu thật sự cần hai bản.") from None
    print(f"Đã lưu kế hoạch số {plan_id}" + (" và đưa vào áp dụng." if args.activate else "."),
          file=sys.stderr if args.json else sys.stdout)
    return 0


def _plan_list(services) -> int:
    for plan in services.plans.list_plans():
        marker = "*" if plan.is_active else " "
        print(f"{marker} {plan.id:>3}  {plan.kind_label}: {plan.reference}  ({plan.item_count} nội dung)  {plan.title}")
    return 0


def _plan_show(services, plan_id: int | None) -> int:
    tree = services.plans.plan_tree(plan_id)
    print(render_plan_tree(tree))
    return 0


def render_plan_tree(tree: PlanTree) -> str:
    """The whole plan as indented text, every item in full."""
    from .domain.dates import format_ui_date

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
    from .domain.dates import format_ui_date

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
