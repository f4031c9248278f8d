"""A second upper-level document for tests of several documents in force: the orientation of
March 2026 (one phase, the month; numbered topics with the paragraphs under them)."""
import copy
import datetime as dt

TODAY_IN_MARCH = dt.date(2026, 3, 10)  # the seed plan has ended, the orientation runs
TOPICS = ("Tuyên truyền kỷ niệm 96 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 – 26/3/2027)",
          "Tuyên truyền kết quả Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
          "Tuyên truyền bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp")
ORIENTATION = {
    "format": "cell-desk-plan", "format_version": 1,
    "plan": {
        "doc_kind": "monthly_orientation", "kind": "ĐỊNH HƯỚNG", "number": "45-ĐH/BTGĐUK",
        "title": "Định hướng công tác tuyên truyền tháng 3/2026", "issued_on": "2026-02-25",
        "phases": [{"code": "", "title": "Tháng 3/2026", "window_text": "", "starts_on": "2026-03-01",
                    "ends_on": "2026-03-31",
                    "items": [{"text": TOPICS[0], "detail": "Nêu bật truyền thống của Đoàn.\nBiểu dương đoàn viên tiêu biểu."},
                              {"text": TOPICS[1], "detail": "Quán triệt các văn kiện Đại hội."},
                              {"text": TOPICS[2]}]}],
        "reporting_rule": {"day_of_month": 25, "text": "Báo cáo kết quả trước ngày 25 hằng tháng."},
    },
}


def orientation() -> dict:
    return copy.deepcopy(ORIENTATION)


def add_orientation(services, document: dict | None = None) -> int:
    """Saves the orientation and puts it in force beside the seed plan; returns its id."""
    return services.exchange.save(document or orientation(), activate=True)
