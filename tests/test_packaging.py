"""A wheel built from the repo carries the code and the resources, and runs."""
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "cell_desk").rglob("__init__.py")
    }
    assert found - listed == set()
    assert "cell_desk.resources" in listed


def test_resources_are_found_from_the_source_tree():
    from cell_desk.bundled import bundled_plan_files

    assert [path.name for path in bundled_plan_files()] == ["ke-hoach-20-KH-DUK-2019.json"]


@pytest.mark.slow
def test_a_wheel_built_from_the_repo_runs(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("cell_desk-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "cell_desk/resources/plans/ke-hoach-20-KH-DUK-2019.json" in names
    resources = ROOT / "resources"
    for path in resources.rglob("*"):  # every resource file travels in the wheel too
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
            assert f"cell_desk/resources/{path.relative_to(resources).as_posix()}" in names, path
    assert "cell_desk/storage/migrations/versions/0001_initial.py" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    probe = (
        f"import sys; sys.path.insert(0, {str(unpacked)!r})\n"
        "import cell_desk, cell_desk.bundled as b\n"
        f"assert cell_desk.__file__.startswith({str(unpacked)!r}), cell_desk.__file__\n"
        f"assert str(b.resources_root()).startswith({str(unpacked)!r}), b.resources_root()\n"
        "from cell_desk.__main__ import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'data')!r}, 'plan', 'list']))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert "20-KH/ĐUK" in done.stdout
