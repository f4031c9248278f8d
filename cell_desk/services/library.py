"""The slogan and poster library. Images are read through an ImageCodec that the GUI supplies,
so this module never sees Qt."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Protocol

from sqlalchemy import func, select

from ..domain.library import (
    MAX_POSTER_PIXELS, Poster, PosterDetails, Slogan, clean_slogan,
)
from ..domain.text import matches, search_key
from ..domain.validation import ValidationError
from ..storage.database import Database
from ..storage.models import PlanRow, PosterRow, SloganRow
from ..storage.shared_files import SharedFiles

POSTER_FOLDER = "posters"
THUMB_FOLDER = "thumbs"
THUMB_SIDE = 256
ACCEPTED_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


class ImageCodec(Protocol):
    def inspect(self, path: Path) -> tuple[int, int, str]:
        """(width, height, format name) read from the header; ValidationError if unreadable."""

    def write_thumbnail(self, source: Path, target: Path, max_side: int) -> None:
        """Decodes the whole image and writes a small JPEG; ValidationError if it is damaged."""


class SloganService:
    def __init__(self, database: Database):
        self.database = database

    def slogans(self, query: str = "", tag: str | None = None, favourites_only: bool = False,
                include_retired: bool = False, plan_id: int | None = None) -> list[Slogan]:
        """A plan's slogans (by default those of every document in force, the newest document's
        first), filtered; the search ignores diacritics and case."""
        with self.database.session() as session:
            chosen = select(SloganRow).join(PlanRow, PlanRow.id == SloganRow.plan_id)
            chosen = chosen.where(PlanRow.is_active) if plan_id is None else chosen.where(SloganRow.plan_id == plan_id)
            rows = session.scalars(chosen.order_by(PlanRow.issued_on.desc(), PlanRow.id.desc(), SloganRow.number))
            found = [_slogan(row) for row in rows]
        query_key = search_key(query)
        return [
            slogan for slogan in found
            if (include_retired or not slogan.is_retired)
            and (not favourites_only or slogan.is_favourite)
            and (tag is None or tag in slogan.tags)
            and (not query_key or matches(query_key, slogan.key))
        ]

    def by_number(self, number: int) -> Slogan:
        for slogan in self.slogans(include_retired=True):
            if slogan.number == number:
                return slogan
        raise ValidationError(f"Không có khẩu hiệu số {number} trong các văn bản đang áp dụng.")

    def tags(self) -> list[str]:
        seen: list[str] = []
        for slogan in self.slogans(include_retired=True):
            seen.extend(tag for tag in slogan.tags if tag not in seen)
        return seen

    def add(self, text: str, tags: list[str]) -> Slogan:
        text, tags = clean_slogan(text, tags)
        with self.database.session() as session:
            plan_id = _newest_in_force(session)
            number = (session.scalar(select(func.max(SloganRow.number)).where(SloganRow.plan_id == plan_id)) or 0) + 1
            row = SloganRow(plan_id=plan_id, number=number, text=text, tags=tags, is_favourite=False, is_retired=False)
            session.add(row)
            session.flush()
            return _slogan(row)

    def update(self, slogan_id: int, **changes) -> tuple[Slogan, Slogan]:
        """Changes text, tags, is_favourite or is_retired. Returns (before, after) for undo."""
        with self.database.session() as session:
            row = session.get(SloganRow, slogan_id)
            if row is None:
                raise ValidationError("Khẩu hiệu này không còn trong thư viện.")
            before = _slogan(row)
            text, tags = clean_slogan(changes.get("text", row.text), changes.get("tags", row.tags))
            row.text, row.tags = text, tags
            row.is_favourite = bool(changes.get("is_favourite", row.is_favourite))
            row.is_retired = bool(changes.get("is_retired", row.is_retired))
            return before, _slogan(row)


def _newest_in_force(session) -> int | None:
    """The document a slogan typed by the user joins: the newest in force."""
    return session.scalar(select(PlanRow.id).where(PlanRow.is_active)
                          .order_by(PlanRow.issued_on.desc(), PlanRow.id.desc()).limit(1))


def _slogan(row: SloganRow) -> Slogan:
    return Slogan(row.id, row.number, row.text, list(row.tags or []), row.is_favourite, row.is_retired)


class PosterService:
    def __init__(self, database: Database, codec: ImageCodec | None = None):
        self.database = database
        self.codec = codec
        self.folder = database.folder / POSTER_FOLDER
        self.shared = SharedFiles(database)

    def image_path(self, poster: Poster) -> Path:
        return self.shared.local(self._files(poster)[0])

    def thumbnail_path(self, poster: Poster) -> Path:
        return self.shared.local(self._files(poster)[1])

    def _files(self, poster: Poster) -> tuple[Path, Path]:
        """The image and its thumbnail in this PC's data folder (there or not)."""
        return self.folder / poster.file_name, self.folder / THUMB_FOLDER / (Path(poster.file_name).stem + ".jpg")

    def posters(self, query: str = "") -> list[Poster]:
        with self.database.session() as session:
            found = [_poster(row) for row in session.scalars(select(PosterRow).order_by(PosterRow.id.desc()))]
        query_key = search_key(query)
        return [poster for poster in found if not query_key or matches(query_key, poster.key)]

    def import_image(self, source: Path, details: PosterDetails) -> Poster:
        """Copies the image into the data folder with a thumbnail, or refuses it whole."""
        if self.codec is None:
            raise RuntimeError("PosterService needs an ImageCodec to import images")
        source = Path(source)
        if not source.is_file():
            raise ValidationError(f"Không thấy tệp “{source}”.", "file")
        details = details.cleaned()
        suffix = source.suffix.lower()
        if suffix == ".pdf":
            raise ValidationError(f"“{source.name}” là tệp PDF. Hãy lưu trang cần dùng thành ảnh PNG hoặc JPEG "
                                  "(ví dụ bằng công cụ chụp màn hình) rồi nhập ảnh đó.", "file")
        if suffix not in ACCEPTED_SUFFIXES:
            raise ValidationError(f"Tệp “{source.name}” không phải ảnh PNG hoặc JPEG.", "file")
        width, height, _format = self.codec.inspect(source)
        twin = self._same_image(source, width, height)
        if twin is not None:
            raise ValidationError(f"Ảnh “{source.name}” đã có trong thư viện: “{twin.title}”.", "file")
        if width * height > MAX_POSTER_PIXELS:
            raise ValidationError(
                f"Ảnh “{source.name}” quá lớn ({width} x {height} điểm ảnh, "
                f"{width * height / 1e6:.0f} megapixel; tối đa {MAX_POSTER_PIXELS // 1_000_000}). "
                "Hãy thu nhỏ ảnh rồi nhập lại.", "file")
        (self.folder / THUMB_FOLDER).mkdir(parents=True, exist_ok=True)
        stem = os.urandom(6).hex()
        image, thumb = self.folder / f"{stem}{suffix}", self.folder / THUMB_FOLDER / f"{stem}.jpg"
        try:
            self.codec.write_thumbnail(source, thumb, THUMB_SIDE)  # decodes it all: a damaged file stops here
            partial = image.with_name(image.name + ".partial")
            shutil.copyfile(source, partial)
            os.replace(partial, image)
            with self.database.session() as session:
                row = PosterRow(
                    title=details.title, occasion=details.occasion, size_text=details.size_text,
                    source=details.source, notes=details.notes, file_name=image.name,
                    original_name=source.name, pixel_width=width, pixel_height=height,
                )
                session.add(row)
                self.shared.keep(session, image, thumb)
                session.flush()
                return _poster(row)
        except BaseException:
            for leftover in (image, thumb, image.with_name(image.name + ".partial")):
                leftover.unlink(missing_ok=True)
            raise

    def _same_image(self, source: Path, width: int, height: int) -> Poster | None:
        """A stored poster with exactly these bytes (only same-size images are compared)."""
        size = source.stat().st_size
        with self.database.session() as session:
            rows = session.scalars(select(PosterRow).where(PosterRow.pixel_width == width,
                                                           PosterRow.pixel_height == height))
            candidates = [_poster(row) for row in rows]
        content = None
        for poster in candidates:
            stored = self.image_path(poster)
            if stored.exists() and stored.stat().st_size == size:
                content = content if content is not None else source.read_bytes()
                if stored.read_bytes() == content:
                    return poster
        return None

    def update(self, poster_id: int, details: PosterDetails) -> Poster:
        details = details.cleaned()
        with self.database.session() as session:
            row = self._row(session, poster_id)
            row.title, row.occasion, row.size_text = details.title, details.occasion, details.size_text
            row.source, row.notes = details.source, details.notes
            return _poster(row)

    def delete(self, poster_id: int) -> None:
        with self.database.session() as session:
            row = self._row(session, poster_id)
            poster = _poster(row)
            session.delete(row)
            files = self._files(poster)
            self.shared.forget(session, *files)
        for path in files:
            path.unlink(missing_ok=True)

    def export(self, poster_ids: list[int], folder: Path) -> list[Path]:
        """Copies the chosen images to a folder, named by title; never overwrites a file there."""
        folder = Path(folder)
        chosen = [poster for poster in self.posters() if poster.id in set(poster_ids)]
        written = []
        for poster in chosen:
            target = _free_name(folder, _safe_name(poster.title), Path(poster.file_name).suffix)
            partial = target.with_name(target.name + ".partial")
            shutil.copyfile(self.image_path(poster), partial)
            os.replace(partial, target)
            written.append(target)
        return written

    @staticmethod
    def _row(session, poster_id: int) -> PosterRow:
        row = session.get(PosterRow, poster_id)
        if row is None:
            raise ValidationError("Pa-nô này không còn trong thư viện.")
        return row


def _poster(row: PosterRow) -> Poster:
    return Poster(row.id, row.title, row.occasion, row.size_text, row.source, row.notes, row.file_name,
                  row.original_name, row.pixel_width, row.pixel_height, row.created_at)


def _safe_name(title: str) -> str:
    """A file name Windows accepts: no reserved characters, not too long."""
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', " ", title)
    name = " ".join(name.split()).strip(" .")[:80]
    return name or "pa-no"


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
