"""What a name looks like in a terminal: invisible characters made visible, and how many cells
it takes (wide CJK and emoji, zero-width combining marks), to cut and pad table cells by."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from kamtui.text.safety import invisible_characters, one_line, printable
from kamtui.text.width import cell_width, fit

# -- invisible characters ----------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\U000e0041"]


@pytest.mark.parametrize("ch", INVISIBLE)
def test_an_invisible_character_is_shown_by_its_code(ch):
    code = f"U+{ord(ch):04X}"
    assert one_line(f"Ac{ch}me") == f"Ac⟨{code}⟩me"
    assert printable(f"Ac{ch}me\nnext", multiline=True) == f"Ac⟨{code}⟩me\nnext"
    assert invisible_characters(f"Ac{ch}me{ch}") == [ch]


def test_visible_text_is_left_alone():
    for text in ("Café", unicodedata.normalize("NFD", "Café"), "🚀 Rocket", "株式会社", "İş"):
        assert one_line(text) == text
        assert invisible_characters(text) == []


def test_bidi_controls_stay_replacement_characters_and_count_as_invisible():
    assert one_line("a\u202eb") == "a\ufffdb"
    assert invisible_characters("a\u202eb") == ["\u202e"]


# Format characters that are visible: they print a sign over the digits that follow.
PREPENDED_CONCATENATION_MARKS = {*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2}
PREPENDED_CONCATENATION_MARKS |= {0x110BD, 0x110CD}


def test_every_invisible_format_character_of_this_python_is_covered():
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf"
        and code not in PREPENDED_CONCATENATION_MARKS
        and not invisible_characters(chr(code))
    ]
    assert missed == []


# -- cell width --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Acme", 4),
        ("", 0),
        ("Café", 4),
        (unicodedata.normalize("NFD", "Café"), 4),
        ("🚀 Rocket GmbH", 14),
        ("株式会社", 8),
        ("İş Bankası", 10),
        ("ｶﾀｶﾅ", 4),  # half-width katakana
        ("Ｒ＆Ｄ", 6),  # full-width forms
        ("●◐○", 3),
        ("a\u200bb", 2),
        ("e\u0301\u0302", 1),
    ],
)
def test_cell_width(text, width):
    assert cell_width(text) == width


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "é", "e\u0301", "株", "🚀", "ｶ", "Ｒ", " ", "İ", "ş", "●", "…", "\u0308", "ß"]
            + ["한", "\u1100\u1161", "ไ", "\u0e31", "ё", "ــ", "\u200b", "\ufe0f"]
        ),
        max_size=20,
    ).map("".join)
)
def test_cell_width_agrees_with_rich(text):
    # The app measures with rich.cells.cell_len, the command line with cell_width: one answer.
    assert cell_width(text) == cell_len(text)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Acme", 6, "Acme  "),
        ("Acme", 4, "Acme"),
        ("Acme Packaging", 6, "Acme …"),
        ("株式会社", 8, "株式会社"),
        ("株式会社", 7, "株式会…"),
        ("株式会社", 6, "株式… "),  # a wide character does not fit beside the …: a space
        ("🚀 Rocket", 4, "🚀 …"),
        (unicodedata.normalize("NFD", "Cafés"), 4, unicodedata.normalize("NFD", "Caf…")),
        (unicodedata.normalize("NFD", "Café!"), 5, unicodedata.normalize("NFD", "Café!")),
        (unicodedata.normalize("NFD", "Café!!"), 5, unicodedata.normalize("NFD", "Café…")),
        ("Acme", 1, "…"),
        ("Acme", 0, ""),
    ],
)
def test_fit_cuts_with_an_ellipsis_and_pads_to_the_width(text, width, expected):
    assert fit(text, width) == expected
    assert cell_width(fit(text, width)) == width


def test_fit_pads_on_the_left_for_a_right_aligned_column():
    assert fit("株式", 6, right=True) == "  株式"
    assert fit("12", 4, right=True) == "  12"


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(st.sampled_from(["a", "e\u0301", "株", "🚀", " ", "ş"]), max_size=30).map("".join),
    st.integers(0, 40),
)
def test_fit_always_gives_the_width(text, width):
    fitted = fit(text, width)
    assert cell_width(fitted) == width
    if cell_width(text) <= width:
        assert fitted.rstrip(" ") == text.rstrip(" ")
    else:
        assert width == 0 or fitted.rstrip(" ").endswith("…")
