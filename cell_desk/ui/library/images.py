"""Reading poster images with Qt, for the poster service (which never imports Qt)."""
from __future__ import annotations

import os
from pathlib import Path

from ...domain.validation import ValidationError

ACCEPTED_FORMATS = {"png": "PNG", "jpeg": "JPEG", "jpg": "JPEG"}


class QtImageCodec:
    """Made at start-up, used when posters are imported: Qt's image classes load on first use."""

    def inspect(self, path: Path) -> tuple[int, int, str]:
        from PySide6.QtGui import QImageReader

        reader = QImageReader(str(path))
        reader.setDecideFormatFromContent(True)
        name = Path(path).name
        format_name = bytes(reader.format().data()).decode().lower() if reader.canRead() else ""
        if format_name not in ACCEPTED_FORMATS:
            raise ValidationError(f"Tệp “{name}” không phải ảnh PNG hoặc JPEG (hoặc đã hỏng).", "file")
        size = reader.size()
        if not size.isValid() or size.isEmpty():
            raise ValidationError(f"Ảnh “{name}” bị hỏng: không đọc được kích thước.", "file")
        return size.width(), size.height(), ACCEPTED_FORMATS[format_name]

    def write_thumbnail(self, source: Path, target: Path, max_side: int) -> None:
        from PySide6.QtCore import QSize, Qt
        from PySide6.QtGui import QImageReader

        reader = QImageReader(str(source))
        reader.setDecideFormatFromContent(True)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            # JPEG decodes straight to the small size, which keeps big photos cheap
            reader.setScaledSize(size.scaled(QSize(max_side, max_side), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            raise ValidationError(f"Ảnh “{Path(source).name}” bị hỏng: {reader.errorString()}.", "file")
        partial = target.with_name(target.name + ".partial")
        if not image.save(str(partial), "JPG", 85):
            partial.unlink(missing_ok=True)
            raise ValidationError(f"Không ghi được ảnh thu nhỏ vào {target.parent}.", "file")
        os.replace(partial, target)
