import os
import subprocess
import sys

import pytest

from cell_desk.__main__ import main
from cell_desk.storage.location import DATABASE_FILENAME


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("Cell Desk ")


def test_plan_list_and_show_print_the_whole_active_plan(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "list")
    assert code == 0
    assert "* " in out and "Kế hoạch theo đợt: Kế hoạch 20-KH/ĐUK" in out and "73 nội dung" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "show")
    assert code == 0
    assert "1.3. Tuyên truyền Đại hội Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh: Từ tháng 7/2020 đến 31/8/2020 (01/07/2020 – 31/08/2020)" in out
    assert "    * Trước khai mạc Đại hội đại biểu Đảng bộ Khối" in out
    assert "            + [Chưa thực hiện] Quy chế bầu cử trong Đảng." in out
    # items are printed whole, one per line
    assert ("- [Chưa thực hiện] Những thành tựu nổi bật của đất nước sau 35 năm thực hiện đường lối đổi mới, 30 năm"
            " thực hiện Cương lĩnh xây dựng đất nước") in out
    assert out.count("[Chưa thực hiện]") == 73


def test_demo_data_then_show(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "demo-data")
    assert code == 0 and "73" in out
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "show")
    assert "[Đã hoàn thành]" in out and "hoàn thành " in out


def test_an_unknown_plan_and_a_bad_data_file_exit_non_zero_with_a_message(capsys, data_dir):
    code, _, err = run(capsys, "--data-dir", str(data_dir), "plan", "show", "42")
    assert code == 2 and "Không có kế hoạch số 42" in err
    other = data_dir / "other"
    other.mkdir()
    (other / DATABASE_FILENAME).write_text("hello")
    code, _, err = run(capsys, "--data-dir", str(other), "plan", "list")
    assert code == 2 and "không phải là cơ sở dữ liệu" in err


def test_the_environment_variable_chooses_the_data_folder(capsys, data_dir, monkeypatch):
    monkeypatch.setenv("CELL_DESK_DATA_DIR", str(data_dir / "from-env"))
    assert run(capsys, "plan", "list")[0] == 0
    assert (data_dir / "from-env" / DATABASE_FILENAME).exists()


def test_smoke_opens_the_window_paints_and_exits(data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "--smoke"],
        capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "Khởi động xong sau" in done.stdout and " ms" in done.stdout
    assert (data_dir / DATABASE_FILENAME).exists()


def test_smoke_prints_the_error_and_exits_non_zero_on_a_bad_file(data_dir):
    (data_dir / DATABASE_FILENAME).write_bytes(b"not sqlite at all")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "--smoke"],
        capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "không phải là cơ sở dữ liệu" in done.stderr


def test_backup_check_and_restore(capsys, data_dir, tmp_path):
    target = tmp_path / "sao-luu.sqlite3"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backup", "--out", str(target))
    assert code == 0 and target.exists()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0 and "nguyên vẹn: 1 kế hoạch, 0 hoạt động, 0 văn bản, 16 khẩu hiệu" in out
    run(capsys, "--data-dir", str(data_dir), "demo-data")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", str(target))
    assert code == 0 and "Dữ liệu trước đó được giữ ở" in out
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "show")
    assert out.count("[Chưa thực hiện]") == 73


def test_check_reports_a_damaged_file_and_leaves_it(capsys, data_dir):
    from tests.storage.test_database import damage

    run(capsys, "--data-dir", str(data_dir), "plan", "list")
    path = data_dir / DATABASE_FILENAME
    damage(path)
    before = path.read_bytes()
    code, _, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 2 and "đã bị hỏng" in err
    assert path.read_bytes() == before
    code, _, err = run(capsys, "--data-dir", str(data_dir), "plan", "list")
    assert code == 2 and "đã bị hỏng" in err


def test_smoke_on_a_damaged_file_prints_and_exits_without_asking(data_dir):
    from tests.storage.test_database import damage

    assert subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "plan", "list"],
                          capture_output=True, timeout=120).returncode == 0
    damage(data_dir / DATABASE_FILENAME)
    damaged = (data_dir / DATABASE_FILENAME).read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "--smoke"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ), stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2 and "đã bị hỏng" in done.stderr
    # the window painted its first look from the file, and still not a byte of it was written
    assert (data_dir / DATABASE_FILENAME).read_bytes() == damaged
    assert not (data_dir / f"{DATABASE_FILENAME}-wal").exists()


def test_help_and_errors_are_in_vietnamese(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: cell-desk") and "hiện trợ giúp này rồi thoát" in out
    with pytest.raises(SystemExit) as stopped:
        main(["export", "banner"])
    assert stopped.value.code == 2
    assert "lỗi: thiếu tham số bắt buộc: --slogan, --out" in capsys.readouterr().err


def test_check_leaves_no_files_behind_and_speaks_vietnamese(capsys, data_dir):
    from tests.storage.test_database import damage

    run(capsys, "--data-dir", str(data_dir), "plan", "list")
    before = sorted(p.name for p in data_dir.iterdir())
    assert run(capsys, "--data-dir", str(data_dir), "check")[0] == 0
    assert sorted(p.name for p in data_dir.iterdir()) == before  # no -wal or -shm left by reading
    damage(data_dir / DATABASE_FILENAME)
    _, _, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert "đã bị hỏng (có phần không đọc được)" in err and "btree" not in err.lower()


def test_activities_out_to_excel_and_into_another_cell(capsys, data_dir, tmp_path):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "demo-data", "--activities", "40")
    assert code == 0 and "Đã thêm 40 hoạt động mẫu" in out
    target = tmp_path / "nhat-ky.xlsx"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "activities", "--out", str(target),
                       "--from", "2020-01-01", "--to", "2020-12-31")
    assert code == 0 and "từ ngày 01/01/2020 đến ngày 31/12/2020" in out
    exported = int(out.split()[2])
    assert 0 < exported <= 40

    other = tmp_path / "chi-bo-khac"
    code, out, _ = run(capsys, "--data-dir", str(other), "import", "activities", str(target), "--dry-run")
    assert code == 0 and f"Sẽ nhập {exported} hoạt động" in out
    code, out, _ = run(capsys, "--data-dir", str(other), "import", "activities", str(target))
    assert code == 0 and f"Đã nhập {exported} hoạt động" in out
    code, out, _ = run(capsys, "--data-dir", str(other), "import", "activities", str(target))
    assert f"Bỏ qua {exported} hoạt động đã có" in out


def test_an_import_with_bad_rows_writes_nothing_unless_asked(capsys, data_dir, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "tu-lap.xlsx"
    book = Workbook()
    book.active.append(["Ngày", "Hình thức", "Tên hoạt động"])
    book.active.append(["01/08/2020", "Tuyên truyền miệng", "Họp chi bộ"])
    book.active.append(["31/02/2020", "Tuyên truyền miệng", "Ngày không có"])
    book.save(path)
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "import", "activities", str(path))
    assert code == 2 and "Dòng 3:" in err and "Không nhập gì" in err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", "activities", str(path), "--skip-bad-rows")
    assert code == 0 and "Đã nhập 1 hoạt động" in out


def test_an_activity_export_with_a_wrong_period_or_file_says_why(capsys, data_dir, tmp_path):
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "export", "activities", "--out",
                          str(tmp_path / "a.xlsx"), "--from", "2020-05-01", "--to", "2020-04-01")
    assert code == 2 and "sau ngày kết thúc" in err
    fake = tmp_path / "gia.xlsx"
    fake.write_text("không phải Excel")
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "import", "activities", str(fake))
    assert code == 2 and "không phải tệp Excel" in err


def test_a_program_without_console_streams_still_runs_commands(monkeypatch, data_dir):
    """The windowed Windows program has sys.stdout and sys.stderr set to None."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--data-dir", str(data_dir), "plan", "list"]) == 0
    with pytest.raises(SystemExit) as refused:  # argparse writes its complaint to stderr, then exits
        main(["--data-dir", str(data_dir), "export", "report", "--month", "2020-13", "--out", "x.docx"])
    assert refused.value.code == 2


ORIENTATION = """ĐẢNG BỘ HUYỆN KIM BÔI
ĐẢNG ỦY XÃ HÒA BÌNH
Số 12-HD/ĐU
Hòa Bình, ngày 28 tháng 9 năm 2025
ĐỊNH HƯỚNG
Công tác tuyên truyền tháng 10 năm 2025
1. Tuyên truyền kỷ niệm 95 năm Ngày truyền thống Hội Nông dân Việt Nam
Nêu bật truyền thống vẻ vang của giai cấp nông dân.
Biểu dương các tấm gương nông dân sản xuất giỏi.
2. Tuyên truyền Ngày Phụ nữ Việt Nam 20/10
Tuyên truyền vai trò của phụ nữ trong xây dựng nông thôn mới.
"""


def test_plan_import_json_of_an_orientation_names_its_kind_and_what_to_review(capsys, data_dir, tmp_path):
    import json

    source = tmp_path / "dinh-huong-thang-10.txt"
    source.write_text(ORIENTATION, encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "import", str(source), "--json", "--dry-run")
    assert code == 0
    printed = json.loads(out)
    plan = printed["plan"]
    assert plan["doc_kind"] == "monthly_orientation"
    assert [item["text"] for item in plan["phases"][0]["items"]] == [
        "Tuyên truyền kỷ niệm 95 năm Ngày truyền thống Hội Nông dân Việt Nam", "Tuyên truyền Ngày Phụ nữ Việt Nam 20/10"]
    assert plan["phases"][0]["items"][0]["detail"].startswith("Nêu bật truyền thống")
    assert set(printed["review"]) >= {"notes", "review", "undated_phases"}
    assert "Hòa Bình" in out  # not escaped: ensure_ascii=False

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "import", str(source), "--json", "--dry-run",
                       "--kind", "plain_list")
    assert code == 0 and json.loads(out)["plan"]["doc_kind"] == "plain_list"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "import", str(source), "--dry-run")
    assert out.startswith("Loại văn bản: Định hướng tháng")


def test_plan_import_refuses_a_text_without_structure_and_hints_at_a_plain_list(capsys, data_dir, tmp_path):
    source = tmp_path / "van-phong-pham.txt"
    source.write_text("Danh sách mua văn phòng phẩm\nGiấy A4: 10 ram\nBút bi: 2 hộp\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "plan", "import", str(source))
    assert code == 2 and out == ""
    assert "Không tìm thấy cấu trúc kế hoạch" in err and "0 mục đánh số, 0 dòng khẩu hiệu, 3 dòng chữ" in err
    assert "--kind plain_list" in err


def test_plan_import_knows_only_the_kinds_there_are(capsys, data_dir, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ORIENTATION, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(data_dir), "plan", "import", str(source), "--kind", "novel"])
    assert stopped.value.code == 2 and "plain_list" in capsys.readouterr().err


def test_exporting_a_report_with_the_default_profile_warns_and_still_writes(capsys, data_dir, tmp_path):
    target = tmp_path / "bao-cao.docx"
    code, out, err = run(capsys, "--data-dir", str(data_dir), "export", "report", "--month", "2020-08",
                         "--out", str(target))
    assert code == 0 and target.exists() and "Đã xuất báo cáo tháng 08/2020" in out
    assert err.startswith("Cảnh báo: Thông tin chi bộ còn để mặc định: tên chi bộ (“Chi bộ”); "
                          "cấp ủy cấp trên (chưa nhập); họ tên bí thư (chưa nhập)")


def test_a_report_package_is_exported_and_checked_from_the_command_line(capsys, data_dir, tmp_path):
    folder = ["--data-dir", str(data_dir)]
    assert main([*folder, "demo-data", "--activities", "30"]) == 0
    capsys.readouterr()
    assert main([*folder, "export", "package", "--month", "2020-08", "--out", str(tmp_path / "goi.zip")]) == 0
    assert "Đã xuất gói báo cáo tháng 08/2020" in capsys.readouterr().out
    assert main([*folder, "package", "show", str(tmp_path / "goi.zip")]) == 0
    shown = capsys.readouterr().out
    assert "báo cáo tháng 08/2020, số 01" in shown and "Nhiệm vụ:" in shown
    (tmp_path / "hong.zip").write_bytes(b"PK\x03\x04 cut short")
    assert main([*folder, "package", "show", str(tmp_path / "hong.zip")]) == 2
    assert "hong.zip bị hỏng" in capsys.readouterr().err
