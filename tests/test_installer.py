"""The installer files agree with the spec and with what the program needs: names, icons, paths,
Vietnamese wording. The bundle itself is built and run by `make bundle-smoke` (CI)."""
import configparser
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
SPEC = (ROOT / "installer" / "cell_desk.spec").read_text(encoding="utf-8")
ISS = (ROOT / "installer" / "windows" / "cell_desk.iss").read_text(encoding="utf-8")


def iss_section(name: str) -> list[str]:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.M | re.S)
    assert match, name
    return [line for line in match.group(1).splitlines() if line.strip() and not line.startswith(";")]


def test_the_spec_reads_the_version_that_pyproject_declares():
    namespace = {"SPECPATH": str(ROOT / "installer"), "__name__": "spec"}
    source = SPEC.split("VERSION = project_version()")[0]
    exec(compile(source.replace("from PyInstaller.utils.hooks import collect_data_files", ""), "spec", "exec"),
         namespace)
    from cell_desk import __version__

    assert namespace["project_version"]() == __version__
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dynamic"] == ["version"]


def test_the_spec_bundles_what_the_program_reads_at_run_time():
    for needed in ('"resources" / "plans"', '"resources" / "formats"', '"cell_desk.png"',
                   '"cell_desk" / "storage" / "migrations"', 'collect_data_files("docx")', '"docx/parts"'):
        assert needed in SPEC
    for path in ("resources/icons/cell_desk.ico", "resources/icons/cell_desk.png", "installer/cell_desk_entry.py",
                 "installer/docx-parts-folder.txt"):
        assert (ROOT / path).is_file(), path
    assert "console=False" in SPEC  # windowed


def test_every_resource_folder_travels_in_the_bundle():
    """A folder of resources/ the program reads but the spec leaves out works from source and fails
    only in the user's bundle (as the anniversaries calendar once did)."""
    folders = [path.name for path in (ROOT / "resources").iterdir() if path.is_dir() and path.name != "__pycache__"]
    for name in folders:
        if name == "icons":
            continue  # the .png travels on its own; the .ico is built into the Windows program
        assert f'(str(ROOT / "resources" / "{name}"), "resources/{name}")' in SPEC, name


def test_the_windows_icon_holds_the_sizes_windows_asks_for():
    data = (ROOT / "resources" / "icons" / "cell_desk.ico").read_bytes()
    reserved, kind, count = int.from_bytes(data[0:2], "little"), int.from_bytes(data[2:4], "little"), \
        int.from_bytes(data[4:6], "little")
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * n] or 256 for n in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_the_installer_installs_the_folder_the_spec_makes_per_user_with_vietnamese_wording():
    setup = dict(line.split("=", 1) for line in iss_section("Setup"))
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert (ROOT / "installer" / "windows" / setup["SetupIconFile"].replace("\\", "/")).resolve().is_file()
    files = " ".join(iss_section("Files"))
    assert 'Source: "..\\..\\dist\\CellDesk\\*"' in files and "recursesubdirs" in files
    assert 'name = "BareWindow" if BARE else "CellDesk"' in SPEC  # the folder and the program's name
    assert '#define AppExe "CellDesk.exe"' in ISS
    icons = " ".join(iss_section("Icons"))
    assert "{autoprograms}" in icons and "{autodesktop}" in icons
    messages = dict(line.split("=", 1) for line in iss_section("Messages"))
    assert messages["ButtonNext"] == "&Tiếp >" and messages["ButtonCancel"] == "Hủy"
    assert "Dữ liệu của chi bộ" in messages["ConfirmUninstall"]
    assert "[UninstallDelete]" not in ISS.split("; Nothing under")[0]  # the data folder is never removed


def test_the_linux_desktop_entry_starts_the_program():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "installer" / "linux" / "cell-desk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "CellDesk"
    assert desktop["Terminal"] == "false" and desktop["Name"] == "Cell Desk"
    assert "tuyên truyền" in desktop["GenericName"]


def test_the_code_makes_no_posix_only_calls():
    offenders = []
    for path in (ROOT / "cell_desk").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("import fcntl", "os.fork(", "os.getuid(", "os.setsid(", "signal.SIGKILL", "import pwd",
                     "import grp", "/proc/"):
            if call in text:
                offenders.append(f"{path.relative_to(ROOT)}: {call}")
    assert offenders == []
