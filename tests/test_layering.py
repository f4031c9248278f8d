"""The layers of docs/architecture.md, checked on the source."""
import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "cell_desk"
QT_FREE = ["domain", "storage", "services", "exports"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).exists() else []


@pytest.mark.parametrize("layer", QT_FREE)
def test_only_the_ui_imports_pyside6(layer):
    offenders = [
        str(path.relative_to(PACKAGE)) for path in python_files(layer)
        if any(name.split(".")[0] == "PySide6" for name in imported_modules(path))
    ]
    assert offenders == []


def test_the_domain_needs_neither_qt_nor_sqlalchemy():
    for path in python_files("domain"):
        roots = {name.split(".")[0] for name in imported_modules(path)}
        assert not roots & {"PySide6", "sqlalchemy", "alembic"}, path


def test_start_up_does_not_load_word_or_excel_libraries(tmp_path):
    probe = (
        "import sys\n"
        "from cell_desk.app import open_services\n"
        "from cell_desk.ui.launcher import make_application\n"
        "from cell_desk.ui.main_window import MainWindow\n"
        "app = make_application()\n"
        f"services = open_services({str(tmp_path)!r})\n"
        "window = MainWindow(services)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'openpyxl', 'alembic')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    # alembic is loaded on the first run (it creates the schema), never docx or openpyxl
    assert "docx" not in done.stdout and "openpyxl" not in done.stdout
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.stdout.strip() == "[]"  # the second start needs no migration
