"""Finding bundled resources alike from a source checkout, an installed wheel and a bundle."""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_root() -> Path:
    try:
        from importlib.resources import files

        root = Path(str(files("cell_desk.resources")))
        if (root / "plans").is_dir():
            return root
    except (ModuleNotFoundError, TypeError):
        pass
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root and (Path(frozen_root) / "resources").is_dir():
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def bundled_plan_files() -> list[Path]:
    return sorted(resource_path("plans").glob("*.json"))


def bundled_format_files() -> list[Path]:
    """Format profiles for Party documents (the 2018 guide first)."""
    return sorted(resource_path("formats").glob("*.json"))
