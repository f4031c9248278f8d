"""Screenshots of every page at 1366×768 (docs/screens/*.png) and the pictures of the user guide
(resources/help/*.jpg), from a fresh data folder as of 15/09/2025: the bundled plan (ended), the
September 2025 orientation of the test corpus brought in and put in force, and demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screens/capture.py

The offscreen screen is the one of the tests (tests/offscreen-screen.json: 1366×768)."""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'offscreen-screen.json'}"
sys.path.insert(0, str(ROOT))

from cell_desk.app import open_services  # noqa: E402
from cell_desk.services.clock import fixed_clock  # noqa: E402
from cell_desk.services.demo import fill_activities, fill_checklist  # noqa: E402

GUIDE_PICTURES = {"overview": "anh-tong-quan.jpg", "checklist": "anh-ke-hoach.jpg", "activities": "anh-nhat-ky.jpg"}


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cell_desk.ui.launcher import make_application
    from cell_desk.ui.library.images import QtImageCodec
    from cell_desk.ui.main_window import MainWindow

    app = make_application()
    out = ROOT / "docs" / "screens"
    with tempfile.TemporaryDirectory() as folder:
        services = open_services(Path(folder), clock=fixed_clock(dt.date(2025, 9, 15)), image_codec=QtImageCodec())
        from cell_desk.services.document_intake import read_incoming

        orientation = ROOT / "tests" / "corpus" / "monthly_orientation-tuyen-truyen-mieng-2025-09-btgdvtw.docx"
        services.exchange.save(read_incoming(orientation).parsed.document, activate=True)
        fill_checklist(services.database, services.clock)
        fill_activities(services.database, 60, services.clock)
        window = MainWindow(services)
        window.show()
        for row, key in enumerate(window.page_keys):
            window.sidebar.setCurrentRow(row)
            for _ in range(5):
                app.processEvents()
            picture = window.grab()
            picture.save(str(out / f"{row + 1}-{key}.png"))
            if key in GUIDE_PICTURES:
                small = picture.scaledToWidth(720, Qt.TransformationMode.SmoothTransformation)
                small.save(str(ROOT / "resources" / "help" / GUIDE_PICTURES[key]), "JPG", 70)
        window.close()
        QApplication.processEvents()
        services.close()
    print(f"Đã lưu ảnh vào {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
