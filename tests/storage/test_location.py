from pathlib import Path

from cell_desk.storage import location


def test_an_explicit_folder_wins_over_the_environment(tmp_path):
    env = {location.DATA_DIR_ENV: str(tmp_path / "env")}
    assert location.resolve_data_dir(tmp_path / "cli", env) == (tmp_path / "cli").resolve()
    assert location.resolve_data_dir(None, env) == (tmp_path / "env").resolve()


def test_portable_mode_keeps_data_beside_the_program(tmp_path, monkeypatch):
    monkeypatch.setattr(location, "program_folder", lambda: tmp_path)
    (tmp_path / location.PORTABLE_MARKER).write_text("")
    assert location.resolve_data_dir(None, {}) == tmp_path / "data"


def test_otherwise_the_per_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(location, "program_folder", lambda: tmp_path)
    folder = location.resolve_data_dir(None, {})
    assert folder.name == "CellDesk"
    assert Path.home() in folder.parents
