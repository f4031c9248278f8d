"""The file dialogs of every page: Qt's own dialog, in Vietnamese (translations.py), opening in the
folder the user last chose for the same purpose ("nhập văn bản", "sao lưu", "ảnh pa-nô"…).

The folders are kept in the window settings of the data folder (remember_folders_in); before that,
and in tests, in memory. Pages call open_file, open_files, save_file or choose_folder; tests replace
`run_dialog` to answer as a person would."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

_settings: QSettings | None = None
_memory: dict[str, str] = {}


def remember_folders_in(settings: QSettings | None) -> None:
    global _settings
    _settings = settings


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def last_folder(purpose: str) -> Path:
    """Where the dialog for `purpose` opens: the folder chosen last time if it still exists, else Documents."""
    stored = _settings.value(f"thu_muc/{purpose}") if _settings is not None else _memory.get(purpose)
    if stored and Path(str(stored)).is_dir():
        return Path(str(stored))
    return documents_folder()


def _remember(purpose: str, folder: Path) -> None:
    _memory[purpose] = str(folder)
    if _settings is not None:
        _settings.setValue(f"thu_muc/{purpose}", str(folder))
        _settings.sync()


def _places() -> list[QUrl]:
    """The sidebar: the places a secretary keeps files in, then the drives (USB sticks)."""
    from PySide6.QtCore import QDir

    places = []
    for location in (QStandardPaths.StandardLocation.DesktopLocation, QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.DownloadLocation, QStandardPaths.StandardLocation.HomeLocation):
        found = QStandardPaths.writableLocation(location)
        if found and Path(found).is_dir() and QUrl.fromLocalFile(found) not in places:
            places.append(QUrl.fromLocalFile(found))
    places += [QUrl.fromLocalFile(drive.absoluteFilePath()) for drive in QDir.drives()]
    return places


def make_dialog(parent: QWidget | None, title: str, folder: Path, filters: str = "",
                mode=QFileDialog.FileMode.ExistingFile, save: bool = False, name: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, str(folder), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the platform's may be English
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.setSidebarUrls(_places())
    if name:
        dialog.selectFile(str(folder / name))
    from .screen import fit_to_screen

    fit_to_screen(dialog, 900, 560)
    return dialog


def run_dialog(dialog: QFileDialog) -> list[Path]:
    """What the person chose; empty when they pressed Hủy."""
    if not dialog.exec():
        return []
    return [Path(path) for path in dialog.selectedFiles()]


def _chosen(purpose: str, paths: list[Path], folders: bool = False) -> list[Path]:
    if paths:
        _remember(purpose, paths[0] if folders else paths[0].parent)
    return paths


def open_file(parent: QWidget | None, purpose: str, title: str, filters: str) -> Path | None:
    paths = _chosen(purpose, run_dialog(make_dialog(parent, title, last_folder(purpose), filters)))
    return paths[0] if paths else None


def open_files(parent: QWidget | None, purpose: str, title: str, filters: str) -> list[Path]:
    return _chosen(purpose, run_dialog(make_dialog(parent, title, last_folder(purpose), filters,
                                                   QFileDialog.FileMode.ExistingFiles)))


def save_file(parent: QWidget | None, purpose: str, title: str, filters: str, name: str) -> Path | None:
    """A file to write, named `name` unless the person changes it; the suffix of `name` is added when
    the typed name has none of the filters' suffixes."""
    dialog = make_dialog(parent, title, last_folder(purpose), filters, QFileDialog.FileMode.AnyFile, save=True,
                         name=name)
    suffix = Path(name).suffix
    if suffix:
        dialog.setDefaultSuffix(suffix.lstrip("."))
    paths = _chosen(purpose, run_dialog(dialog))
    return paths[0] if paths else None


def choose_folder(parent: QWidget | None, purpose: str, title: str) -> Path | None:
    paths = _chosen(purpose, run_dialog(make_dialog(parent, title, last_folder(purpose), "",
                                                    QFileDialog.FileMode.Directory)), folders=True)
    return paths[0] if paths else None
