"""The signature block is never cut from the text it signs: rendered with LibreOffice, the page that
holds the signer's name also holds the recipients, the signing authority and the last body lines,
and no page is left blank."""
import pytest

from cell_desk.domain.party_document import Block

from .rendering import needs_libreoffice, pages_text, to_pdf
from .test_party_docx import profile, sample
from cell_desk.exports.party_docx import write_party_docx

LINE = "Dòng nội dung số {} của báo cáo."


def body(lines: int) -> list[Block]:
    return [Block("section", "I. KẾT QUẢ THỰC HIỆN")] + [Block("paragraph", LINE.format(n)) for n in range(lines)]


def body_lines(page: str) -> int:
    return sum(line.strip().startswith("Dòng nội dung số") for line in page.splitlines())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Calibrates how many one-line paragraphs fill page 1 and page 2, then renders bodies of
    0.5, 0.95, 1.0 and 2 pages."""
    folder = tmp_path_factory.mktemp("keep")
    calibration = folder / "calibration.docx"
    write_party_docx(calibration, sample(blocks=body(150)), profile())
    pages = pages_text(to_pdf([calibration], folder)[0])
    first, second = body_lines(pages[0]), body_lines(pages[1])
    sizes = {"0.5": first // 2, "0.95": round(first * 0.95), "1.0": first, "2": first + second}
    files = []
    for name, lines in sizes.items():
        files.append(folder / f"body-{name}.docx")
        write_party_docx(files[-1], sample(blocks=body(lines)), profile())
    return {name: pages_text(pdf) for name, pdf in zip(sizes, to_pdf(files, folder))}


@needs_libreoffice
@pytest.mark.parametrize("size, page_count", [("0.5", 1), ("0.95", 2), ("1.0", 2), ("2", 3)])
def test_the_signature_block_stays_whole_with_the_last_lines_of_the_body(rendered, size, page_count):
    pages = rendered[size]
    assert len(pages) == page_count
    for number, page in enumerate(pages, 1):
        assert body_lines(page) or "Nguyễn Văn Hùng" in page, f"page {number} holds no text"
    last = pages[-1]
    for part in ("Nơi nhận:", "- Ban Tuyên giáo Đảng ủy Khối (b/c),", "- Lưu: Chi bộ.", "T/M CHI BỘ", "BÍ THƯ",
                 "Nguyễn Văn Hùng"):
        assert part in last and all(part not in page for page in pages[:-1]), part
    assert body_lines(last) >= (1 if page_count == 1 else 2)  # the block never stands alone


@needs_libreoffice
def test_the_rendered_text_uses_one_serif_font_for_every_vietnamese_letter(tmp_path):
    """No letter falls back to another font (fonts-liberation2 has all of Vietnamese; 1.07 does not)."""
    import subprocess

    target = tmp_path / "bao-cao.docx"
    write_party_docx(target, sample(blocks=body(3) + [Block("paragraph", "Ưu điểm: tuyên truyền, cổ động ỹ ữ ợ ẫ ặ ẻ.")]),
                     profile())
    pdf = to_pdf([target], tmp_path)[0]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts.splitlines()[2:] if line.strip()}
    assert families == {"LiberationSerif"}, fonts
