"""Ids and file names: strict slugs that can never escape the workspace or collide."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.text.slugs import MAX_LEN, is_valid_id, slugify, unique_id

# -- is_valid_id -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["acme", "a", "0", "acme-packaging", "a1-b2", "2026-plan", "a--b", "com10", "x" * 64],
)
def test_valid_ids(value):
    assert is_valid_id(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Acme",
        "acme ltd",
        "acme_ltd",
        "acme.toml",
        "-rf",
        "acme-",
        "-",
        "..",
        ".",
        ".hidden",
        "../x",
        "a/b",
        "a\\b",
        "/etc/passwd",
        "con",
        "prn",
        "aux",
        "nul",
        "com1",
        "lpt9",
        "x" * 65,
        "società",
        "acme\n",
        "acme\x00",
        " acme",
    ],
)
def test_invalid_ids(value):
    assert not is_valid_id(value)


@pytest.mark.parametrize("value", [None, 1, b"acme", ["acme"]])
def test_non_strings_are_not_ids(value):
    assert is_valid_id(value) is False


# -- slugify -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Acme Packaging S.p.A.", "acme-packaging-s-p-a"),
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("a\\b", "a-b"),
        ("..", "account"),
        (".hidden", "hidden"),
        ("CON", "con-account"),
        ("con", "con-account"),
        ("nul", "nul-account"),
        ("Com1", "com1-account"),
        ("AUX.txt", "aux-txt"),
        ("-rf", "rf"),
        ("--help", "help"),
        ("", "account"),
        ("   ", "account"),
        ("\t\n", "account"),
        ("Società Ãéü", "societa-aeu"),
        ("Straße & Söhne", "strasse-and-sohne"),
        ("Œuvre Ærø", "oeuvre-aero"),
        ("Łódź Đakovo", "lodz-dakovo"),
        ("R&D", "r-and-d"),
        ("İstanbul", "istanbul"),
        ("ﬁnance", "finance"),
        ("x²", "x2"),
        ("A_B  c", "a-b-c"),
        ("acme\x00\x1b[31m", "acme-31m"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
    assert is_valid_id(slug)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("İş Bankası", "is-bankasi"),
        ("ООО Ромашка", "ooo-romashka"),
        ("Ελληνικά Πετρέλαια", "ellinika-petrelaia"),
        ("株式会社", "zhu-shi-hui-she"),
        ("中文", "zhong-wen"),
        ("トヨタ自動車", "toyota-zi-dong-che"),
        ("삼성전자", "sam-seong-jeon-ja"),
        ("北京 Trading Co.", "bei-jing-trading-co"),
        ("Газпром нефть", "gazprom-neft"),
        ("٣٤", "34"),
        ("ﬁnance", "finance"),
    ],
)
def test_names_in_other_scripts_are_transliterated(name, slug):
    # Not the fallback for every non-Latin name: a readable id, syllable by syllable for
    # Chinese and Korean (which have no spaces between words).
    assert slugify(name) == slug
    assert is_valid_id(slug)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("🚀 Rocket GmbH", "rocket-gmbh"),
        ("Acme™ ©2026", "acme-2026"),
        ("♥ Love ★ Brands", "love-brands"),
    ],
)
def test_emoji_and_symbols_are_left_out_not_spelled(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [("ПРН", "prn-account"), ("Нул", "nul-account"), ("Аукс", "auks"), ("Ком1", "kom1")],
)
def test_a_transliterated_name_is_still_never_a_reserved_device_name(name, slug):
    assert slugify(name) == slug


def test_transliterated_names_get_distinct_ids():
    taken: set[str] = set()
    for name in ("ООО Ромашка", "OOO Romashka", "ооо ромашка"):
        taken.add(unique_id(name, taken))
    assert taken == {"ooo-romashka", "ooo-romashka-2", "ooo-romashka-3"}


@pytest.mark.parametrize("name", ["🙂", "🙂🙂🙂", "!!!", "---", "...", "\u200b", "\u0301"])
def test_names_with_nothing_usable_fall_back(name):
    assert slugify(name) == "account"
    assert slugify(name, fallback="person") == "person"


def test_reserved_name_gets_the_fallback_as_suffix():
    assert slugify("PRN", fallback="person") == "prn-person"


def test_a_300_byte_name_gives_a_valid_slug_of_at_most_64_characters():
    name = "Società Cooperativa " * 15
    assert len(name.encode()) >= 300
    slug = slugify(name)
    assert len(slug) <= MAX_LEN
    assert is_valid_id(slug)
    assert slug.startswith("societa-cooperativa-societa")
    assert not slug.endswith("-")


def test_long_name_is_cut_at_a_word_boundary_when_one_is_close():
    name = "alpha " * 20
    slug = slugify(name)
    assert slug == "-".join(["alpha"] * 10)  # 59 characters; an 11th word would not fit
    assert len(slug) == 59


def test_long_name_without_spaces_is_cut_hard():
    assert slugify("x" * 300) == "x" * 64


def test_nfc_and_nfd_forms_of_one_name_give_the_same_slug():
    name = "Società Ãéü Ångström Ñandú"
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert nfc != nfd
    assert slugify(nfc) == slugify(nfd) == "societa-aeu-angstrom-nandu"


def test_compatibility_forms_of_a_name_give_the_same_slug():
    assert slugify("Ｒ＆Ｄ") == slugify("R&D")


# -- unique_id ---------------------------------------------------------------------------------


def test_names_that_differ_only_in_case_get_distinct_ids():
    taken: set[str] = set()
    ids = []
    for name in ("Acme", "acme", "ACME", "Acme ", "ACME."):
        new = unique_id(name, taken)
        assert is_valid_id(new)
        assert new not in taken
        taken.add(new)
        ids.append(new)
    assert ids == ["acme", "acme-2", "acme-3", "acme-4", "acme-5"]


def test_nfc_and_nfd_names_get_distinct_ids():
    taken: set[str] = set()
    a = unique_id(unicodedata.normalize("NFC", "Società"), taken)
    taken.add(a)
    b = unique_id(unicodedata.normalize("NFD", "Società"), taken)
    assert (a, b) == ("societa", "societa-2")


def test_unique_id_skips_every_taken_suffix():
    assert unique_id("Acme", {"acme", "acme-2", "acme-3", "acme-5"}) == "acme-4"
    assert unique_id("Acme", {"acme-2"}) == "acme"


def test_unique_id_of_a_long_name_stays_within_64_characters():
    base = slugify("x" * 300)
    taken = {base} | {f"{'x' * (MAX_LEN - len(str(n)) - 1)}-{n}" for n in range(2, 12)}
    new = unique_id("x" * 300, taken)
    assert new == "x" * (MAX_LEN - 3) + "-12"
    assert len(new) == MAX_LEN
    assert is_valid_id(new)


def test_unique_id_never_leaves_a_double_hyphen_where_it_cuts():
    name = "a" * 61 + " bb"  # slug: 61 a's, '-', 'bb' = 64 characters
    base = slugify(name)
    assert len(base) == 64
    new = unique_id(name, {base})
    assert new == "a" * 61 + "-2"
    assert is_valid_id(new)


def test_unique_id_of_a_reserved_name():
    assert unique_id("CON", {"con-account"}) == "con-account-2"


def test_unique_id_uses_the_fallback():
    assert unique_id("🙂", {"person"}, fallback="person") == "person-2"


# -- properties --------------------------------------------------------------------------------


@settings(max_examples=examples(500), deadline=None)
@given(st.text())
def test_slugify_of_anything_is_a_valid_id(name):
    slug = slugify(name)
    assert is_valid_id(slug)
    assert len(slug) <= MAX_LEN
    assert slugify(slug) == slug


@settings(max_examples=examples(200), deadline=None)
@given(st.text(), st.sets(st.text(max_size=8).map(slugify), max_size=20))
def test_unique_id_is_valid_and_free(name, taken):
    new = unique_id(name, taken)
    assert is_valid_id(new)
    assert new not in taken


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=30))
def test_nfc_and_nfd_always_agree(name):
    assert slugify(unicodedata.normalize("NFC", name)) == slugify(
        unicodedata.normalize("NFD", name)
    )
