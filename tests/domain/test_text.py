import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cell_desk.domain.text import matches, normalize_text, search_key


def test_search_ignores_diacritics_and_case():
    target = search_key("Tuyên truyền kết quả Đại hội đảng bộ")
    for query in ("dai hoi", "ĐẠI HỘI", "Đại hội", "ket qua dai"):
        assert matches(search_key(query), target), query
    assert not matches(search_key("bầu cử"), target)


def test_decomposed_input_is_found_like_composed_input():
    composed = "Quy chế bầu cử"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert search_key(decomposed) == search_key(composed) == "quy che bau cu"
    assert normalize_text(decomposed) == composed


@given(st.text())
def test_search_keys_do_not_depend_on_the_unicode_form(text):
    assert search_key(unicodedata.normalize("NFD", text)) == search_key(unicodedata.normalize("NFC", text))


def test_shorten_cuts_between_words():
    from cell_desk.domain.text import shorten

    assert shorten("Trách nhiệm của đại biểu dự Đại hội.", 20) == "Trách nhiệm của đại…"
    assert shorten("Ngắn", 20) == "Ngắn"
