"""The language kamtui speaks (kamtui/text/i18n.py) and its catalogs (tools/catalogs.py,
docs/italian.md): which language wins, and a test that fails while a marked string has no
Italian translation or the compiled catalog is not what the ``.po`` says."""

from __future__ import annotations

import gettext
import importlib.util
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from kamtui.text import i18n
from kamtui.text.i18n import choose_language, normalize

PO = ROOT / "kamtui" / "locale" / "it" / "LC_MESSAGES" / "kamtui.po"
MO = PO.with_suffix(".mo")


def _catalogs_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "tools" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("asked", "settings", "env", "expected"),
    [
        (None, None, {}, ("en", None)),
        ("it", None, {"KAMTUI_LANG": "en", "LANG": "en_US.UTF-8"}, ("it", None)),
        (None, "en", {"KAMTUI_LANG": "it"}, ("it", None)),
        (None, "it", {"LC_ALL": "en_GB.UTF-8"}, ("it", None)),
        (None, None, {"LC_ALL": "it_IT.UTF-8", "LANG": "en_US.UTF-8"}, ("it", None)),
        (None, None, {"LC_MESSAGES": "it_CH", "LANG": "en_US.UTF-8"}, ("it", None)),
        (None, None, {"LANG": "it_IT.UTF-8"}, ("it", None)),
        (None, None, {"LC_ALL": "C.UTF-8", "LANG": "it_IT.UTF-8"}, ("en", None)),
        (None, None, {"LANG": "de_DE.UTF-8"}, ("en", None)),  # no catalog: English, silently
        ("Italiano", None, {}, ("it", None)),
        ("IT", None, {}, ("it", None)),
        ("  ", None, {"KAMTUI_LANG": "it"}, ("it", None)),
    ],
)
def test_which_language_wins(
    asked: str | None, settings: str | None, env: dict[str, str], expected: tuple[str, None]
) -> None:
    assert choose_language(asked, settings, env) == expected


@pytest.mark.parametrize(
    ("asked", "settings", "env", "source"),
    [
        ("xx", None, {}, "--lang"),
        (None, None, {"KAMTUI_LANG": "klingon"}, "KAMTUI_LANG"),
        (None, "fr", {"LANG": "it_IT.UTF-8"}, "lang in the settings file"),
    ],
)
def test_an_unknown_language_asked_for_is_english_with_one_warning(
    asked: str | None, settings: str | None, env: dict[str, str], source: str
) -> None:
    code, warning = choose_language(asked, settings, env)
    assert code == "en"
    assert warning is not None and "\n" not in warning
    assert f"({source})" in warning and "using English (en, it)" in warning


def test_normalize() -> None:
    assert [normalize(v) for v in ("it_IT.UTF-8", "it-IT", "it@euro", "POSIX", "C", "")] == [
        "it",
        "it",
        "it",
        None,
        None,
        None,
    ]


def test_italian_is_spoken_once_chosen(english_after: None) -> None:
    i18n.set_language("it")
    assert i18n.language() == "it"
    assert i18n.gettext("positional arguments") == "argomenti posizionali"
    i18n.set_language("en")
    assert i18n.gettext("positional arguments") == "positional arguments"
    i18n.set_language("xx")
    assert i18n.language() == "en"


def test_every_marked_string_has_an_italian_translation() -> None:
    """What `make catalogs` extracts from kamtui/ is in the Italian catalog, translated (not
    empty, not fuzzy), with the same placeholders."""
    from babel.messages.pofile import read_po

    tool = _catalogs_tool()
    with PO.open("rb") as f:
        catalog = read_po(f, locale="it")
    missing = []
    for (message, context), _flags in tool.extracted(own_only=True).items():
        entry = catalog.get(message, context)
        texts = (
            []
            if entry is None
            else [entry.string]
            if isinstance(entry.string, str)
            else list(entry.string)
        )
        if entry is None or entry.fuzzy or not texts or not all(texts):
            missing.append(message)
    assert not missing, (
        f"{len(missing)} strings have no Italian translation: run `make catalogs` and translate "
        f"them in {PO.relative_to(ROOT)} (docs/italian.md), first ones: {missing[:5]}"
    )


def test_the_compiled_catalog_is_what_the_po_says() -> None:
    tool = _catalogs_tool()
    built = gettext.GNUTranslations(io.BytesIO(tool.compiled("it", PO.read_text("utf-8"))))
    shipped = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    assert shipped._catalog == built._catalog, "run `make catalogs` to compile the .po"  # type: ignore[attr-defined]


def test_the_catalogs_are_installed_with_the_package() -> None:
    import tomllib

    data = tomllib.loads(Path(ROOT / "pyproject.toml").read_text())
    patterns = data["tool"]["setuptools"]["package-data"]["kamtui"]
    assert "locale/*/LC_MESSAGES/*.mo" in patterns


def test_every_fixed_value_of_a_plan_has_its_words(english_after: None) -> None:
    """Enum values are stored in English and shown in the language in use."""
    from enum import StrEnum

    from kamtui.plan import model
    from kamtui.text.format import VALUE_WORDS, value_words

    enums = [v for v in vars(model).values() if isinstance(v, type) and issubclass(v, StrEnum)]
    values = {m.value for enum in enums for m in enum if enum is not model.Segment}
    assert values <= set(VALUE_WORDS), values - set(VALUE_WORDS)
    assert value_words("in-progress") == "in progress"
    i18n.set_language("it")
    assert [value_words(v) for v in ("in-progress", "economic-buyer", "opponent")] == [
        "in corso",
        "responsabile del budget",
        "oppositore",
    ]
