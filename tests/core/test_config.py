"""The user's config.toml (kamtui/store/config.py): the owner, the keymap, and problems that
name the file and the line, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.store.config import parse_config, read_config
from kamtui.store.locations import config_file


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_keymap_is_read_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# my keys\n"
        "[keymap]\n"
        '"dashboard.filter" = "f"\n'
        '"app.quit" = "ctrl+x,f10"\n'
        "account.save = 'ctrl+w'  # unquoted: a dotted key, the same id\n"
        "\n"
        "[keymap.abc]\n"
        'run = "f6"\n',
    )
    config = read_config(path)
    assert config.problems == []
    assert config.keymap == {
        "dashboard.filter": "f",
        "app.quit": "ctrl+x,f10",
        "account.save": "ctrl+w",
        "abc.run": "f6",
    }
    assert config.where("dashboard.filter") == f"{path}:3:22"
    assert config.where("abc.run") == f"{path}:8:7"
    assert config.where("not.there") == str(path)


def test_a_missing_file_is_an_empty_config_without_problems(tmp_path: Path) -> None:
    config = read_config(tmp_path / "nowhere" / "config.toml")
    assert config.keymap == {}
    assert config.problems == []


def test_an_empty_file_or_one_without_a_keymap_is_fine(tmp_path: Path) -> None:
    assert read_config(write(tmp_path, "")).problems == []
    assert read_config(write(tmp_path, "# nothing yet\n[keymap]\n")).keymap == {}


def test_broken_toml_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\n"dashboard.filter" = "f"\n"app.quit" = \n')
    config = read_config(path)
    assert config.keymap == {}
    assert config.problems == [f"{path}:3:14: invalid TOML: Invalid value"]


def test_an_unclosed_string_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\n"app.quit" = "ctrl+x\n')
    (problem,) = read_config(path).problems
    assert problem.startswith(f"{path}:2:")
    assert "invalid TOML" in problem


def test_a_binding_given_twice_points_at_the_second(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\n"app.quit" = "x"\n"app.quit" = "y"\n')
    assert read_config(path).problems == [f"{path}:3:1: 'keymap.app.quit' is given twice"]


@pytest.mark.parametrize("value", ["1", "true", '["f"]', "{ key = 'f' }"])
def test_a_value_that_is_not_a_string_is_a_problem_the_rest_is_kept(
    tmp_path: Path, value: str
) -> None:
    path = write(tmp_path, f'[keymap]\n"dashboard.filter" = "f"\n"app.quit" = {value}\n')
    config = read_config(path)
    if value.startswith("{"):  # an inline table is a dotted prefix: app.quit.key
        assert config.problems == []
        assert config.keymap == {"dashboard.filter": "f", "app.quit.key": "f"}
        return
    assert config.keymap == {"dashboard.filter": "f"}
    assert config.problems == [f'{path}:3:14: keymap.app.quit: expected a key like "ctrl+s"']


def test_a_keymap_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, 'keymap = "f"\n')
    (problem,) = read_config(path).problems
    assert problem.startswith(f"{path}:1:1: keymap: expected a table")


def test_an_unknown_setting_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymaps]\n"app.quit" = "x"\n')
    config = read_config(path)
    assert config.keymap == {}
    assert config.problems == [
        f"{path}:1:2: unknown setting 'keymaps' (kamtui reads owner, lang, [keymap])"
    ]


def test_a_file_that_is_not_utf8_or_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[keymap]\n"app.quit" = "\xff"\n')
    assert read_config(path).problems == [f"{path}:2: not UTF-8 text"]
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    (problem,) = read_config(folder).problems
    assert problem.startswith(f"{folder}: cannot read this file")


def test_a_byte_order_mark_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('\ufeff[keymap]\n"app.quit" = "x"\n'.encode())
    config = read_config(path)
    assert (config.keymap, config.problems) == ({"app.quit": "x"}, [])


def test_parse_config_names_the_given_path() -> None:
    config = parse_config("[keymap]\nx = 1\n", Path("somewhere/config.toml"))
    assert config.problems == ['somewhere/config.toml:2:5: keymap.x: expected a key like "ctrl+s"']


def test_the_config_file_is_in_the_user_config_dir(tmp_path: Path) -> None:
    # tests/conftest.py points XDG_CONFIG_HOME at tmp_path / "user" / "xdg_config_home"
    assert config_file() == tmp_path / "user" / "xdg_config_home" / "kamtui" / "config.toml"


@pytest.mark.parametrize(
    "text",
    ["x = " + "[" * 5000, "x = 1" + "0" * 5000, "\x00", "[keymap]\n" + "a." * 3000 + "b = 1"],
    ids=["nested arrays", "huge integer", "NUL", "a deep dotted key"],
)
def test_hostile_text_is_a_problem_never_an_exception(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    config = read_config(path)
    assert config.problems and all(p.startswith(str(path)) for p in config.problems)


def test_a_deep_dotted_key_is_read_as_one_long_id(tmp_path: Path) -> None:
    config = read_config(write(tmp_path, "[keymap]\n" + "a." * 3000 + 'b = "f"\n'))
    assert config.problems == []
    (binding_id,) = config.keymap
    assert binding_id == "a." * 3000 + "b"
    assert config.where(binding_id).endswith(":2:6005")


# -- owner: whose actions are "mine" -------------------------------------------------------------


def test_the_owner_is_read_with_its_spaces_tidied(tmp_path: Path) -> None:
    path = write(tmp_path, 'owner = "  Maria   Rossi "\n\n[keymap]\n"app.quit" = "x"\n')
    config = read_config(path)
    assert config.problems == []
    assert config.owner == "Maria Rossi"
    assert config.keymap == {"app.quit": "x"}


@pytest.mark.parametrize("text", ["", "[keymap]\n", 'owner = ""\n', 'owner = "   "\n'])
def test_no_owner_or_a_blank_one_is_none(tmp_path: Path, text: str) -> None:
    config = read_config(write(tmp_path, text))
    assert (config.owner, config.problems) == (None, [])


@pytest.mark.parametrize(
    ("text", "column"),
    [("owner = 42\n", 9), ("owner = ['Maria']\n", 9), ("owner = true\n", 9)],
)
def test_an_owner_that_is_not_a_string_is_a_problem_the_rest_is_kept(
    tmp_path: Path, text: str, column: int
) -> None:
    path = write(tmp_path, text + '[keymap]\n"app.quit" = "x"\n')
    config = read_config(path)
    assert config.owner is None
    assert config.keymap == {"app.quit": "x"}
    assert config.problems == [
        f'{path}:1:{column}: owner: expected a name in quotes, like owner = "Maria Rossi"'
    ]


def test_an_owner_table_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, '[owner]\nname = "Maria"\n')
    config = read_config(path)
    assert config.owner is None
    (problem,) = config.problems
    assert problem.startswith(f"{path}:") and "owner: expected a name in quotes" in problem


def test_an_owner_with_control_characters_is_kept_as_written(tmp_path: Path) -> None:
    """The owner is compared with the plans' owners, never shown raw: the front ends make it
    printable (kamtui/text/safety.py)."""
    config = read_config(write(tmp_path, 'owner = "Maria\\u001b[2J"\n'))
    assert config.owner == "Maria\x1b[2J"


def test_lang_is_read_as_written_and_a_wrong_type_is_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert parse_config('lang = " it "\n', path).lang == "it"
    assert parse_config('lang = ""\n', path).lang is None
    config = parse_config("lang = 3\n", path)
    assert config.lang is None
    assert config.problems == [f'{path}:1:8: lang: expected a language in quotes, like lang = "it"']
