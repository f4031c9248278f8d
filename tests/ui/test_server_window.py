"""The window on data kept on a PostgreSQL server: where the data is, and backup by pg_dump."""
import pytest

from cell_desk.app import open_services
from cell_desk.services.clock import fixed_clock
from tests.conftest import SEED_TODAY, TEMPLATE
from tests.postgres_server import admin, database_url


@pytest.fixture
def server_services(postgres_server, data_dir, image_codec):
    admin(postgres_server, f"CREATE DATABASE ui_window TEMPLATE {TEMPLATE}")
    services = open_services(data_dir, clock=fixed_clock(SEED_TODAY), image_codec=image_codec,
                             database_url=database_url(postgres_server, "ui_window"))
    yield services
    services.close()
    admin(postgres_server, "DROP DATABASE ui_window WITH (FORCE)")


def test_settings_names_the_server_and_points_backups_to_pg_dump(make_window, server_services, monkeypatch):
    window = make_window(server_services)
    assert window.data_label.text().startswith("Dữ liệu: máy chủ PostgreSQL postgresql://cell_desk@127.0.0.1:")
    page = window.settings_page
    assert page.data_path.text() == server_services.database.location
    assert page.backup_button.text() == "Cách sao lưu…"
    assert not page.restore_button.isEnabled()
    told = []
    monkeypatch.setattr("cell_desk.ui.messages.show_info", lambda parent, title, text: told.append((title, text)))
    window.sidebar.setCurrentRow(window.page_keys.index("settings"))
    page.backup_button.click()
    assert "pg_dump --format=custom" in page.backup_message.text() and told == []
    window.sidebar.setCurrentRow(window.page_keys.index("overview"))  # the Tệp menu's entry, from another page
    next(action for action in window.menuBar().actions()[0].menu().actions()
         if action.text() == "Sao lưu ra tệp…").trigger()
    assert told and told[0][0] == "Sao lưu dữ liệu trên máy chủ" and "pg_dump" in told[0][1]
    assert not (server_services.data_dir / "backups").exists()


def test_the_office_moves_its_file_onto_the_server_and_a_second_pc_joins_it(
        make_window, open_at, postgres_server, tmp_path, monkeypatch):
    from cell_desk.storage.location import resolve_database_url

    told, asked, errors = [], [], []
    monkeypatch.setattr("cell_desk.ui.messages.show_info", lambda parent, title, text: told.append(text))
    monkeypatch.setattr("cell_desk.ui.messages.ask_yes_no", lambda parent, title, text: asked.append(text) or True)
    monkeypatch.setattr("cell_desk.ui.messages.show_error", lambda parent, title, text: errors.append(text))
    first = open_at()
    first.rollup.register("Chi bộ Phòng Kế toán")
    page = make_window(first).settings_page
    assert page.server_button.isVisibleTo(page)
    assert not page.move_to_server("mysql://vp@may-chu/cell_desk")
    assert "chưa được hỗ trợ" in errors.pop() and resolve_database_url(None, first.data_dir, environ={}) is None
    admin(postgres_server, "CREATE DATABASE office_shared")
    url = database_url(postgres_server, "office_shared")
    try:
        assert page.move_to_server(url)
        assert "Đã chép" in told[-1] and "mở lại Cell Desk" in page.backup_message.text()
        assert resolve_database_url(None, first.data_dir, environ={}) == url
        second = open_services(tmp_path / "may-thu-hai", clock=fixed_clock(SEED_TODAY))
        second_page = make_window(second).settings_page
        assert second_page.move_to_server(url)
        assert asked and "đã có dữ liệu Cell Desk" in asked[0] and errors == []
        second.close()
        shared = open_services(tmp_path / "may-thu-hai", clock=fixed_clock(SEED_TODAY))
        assert shared.database.on_server and [cell.name for cell in shared.rollup.cells()] == ["Chi bộ Phòng Kế toán"]
        shared.close()
    finally:
        admin(postgres_server, "DROP DATABASE office_shared WITH (FORCE)")


def test_a_poster_imported_on_one_pc_is_shown_on_another(server_services, image_codec, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from sqlalchemy import func, select

    from cell_desk.domain.library import PosterDetails
    from cell_desk.storage.models import SharedFileRow

    picture = tmp_path / "pano-tet.png"
    image = QImage(640, 320, QImage.Format.Format_RGB32)
    image.fill(QColor("#c00000"))
    assert image.save(str(picture))
    server_services.posters.import_image(picture, PosterDetails(title="Mừng Đảng, mừng Xuân"))
    other = open_services(tmp_path / "may-khac", clock=fixed_clock(SEED_TODAY), image_codec=image_codec,
                          database_url=server_services.database.server_url)
    try:
        (seen,) = other.posters.posters()
        assert seen.title == "Mừng Đảng, mừng Xuân"
        thumbnail = QImage(str(other.posters.thumbnail_path(seen)))
        assert not thumbnail.isNull() and thumbnail.pixelColor(5, 5) == QColor("#c00000")
        assert other.posters.image_path(seen).read_bytes() == picture.read_bytes()
        with server_services.database.session() as session:
            assert session.scalar(select(func.count()).select_from(SharedFileRow)) == 2  # image, thumbnail
        other.posters.delete(seen.id)  # gone for everyone, the files kept on the server with it
        assert server_services.posters.posters() == []
        with server_services.database.session() as session:
            assert session.scalar(select(func.count()).select_from(SharedFileRow)) == 0
    finally:
        other.close()
