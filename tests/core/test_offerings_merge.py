"""The merge driver on the workspace's offerings.toml (kamtui/git/merge_file.py): merged by
record (an offering is a table keyed by its id) and field, written back canonically
(dumps_offerings); a real conflict marked around that field only; what it cannot judge goes to
git's line merge. On a real repository with the driver set up as ``kamtui setup-git`` sets it."""

from __future__ import annotations

from pathlib import Path

from git_helpers import commit_all, git, init_repo

from kamtui.git.merge_file import merge_file
from kamtui.plan.model import Offering
from kamtui.store.offerings import dumps_offerings, parse_offerings

BASE = {
    "boxes": Offering(name="Corrugated boxes"),
    "film": Offering(name="Stretch film", notes="Hand and machine rolls"),
}


def text(offerings: dict[str, Offering]) -> str:
    return dumps_offerings(offerings)


def read(path: Path) -> dict[str, Offering]:
    found = parse_offerings(path.read_bytes(), path)
    assert found.problems == [], found.problems
    return found.offerings


def test_two_people_adding_different_offerings_merge_cleanly(tmp_path: Path) -> None:
    """Both add an offering at the end of the file (a line merge conflicts there) and one
    renames another: merged by record, written canonically."""
    repo = init_repo(tmp_path / "repo", driver=True)
    path = repo / "offerings.toml"
    path.write_text(text(BASE))
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "theirs")
    path.write_text(text({**BASE, "trays": Offering(name="Thermoformed trays")}))
    commit_all(repo, "theirs: trays")
    git(repo, "checkout", "-q", "main")
    ours = {**BASE, "lidding": Offering(name="Lidding film")}
    ours["boxes"] = Offering(name="Corrugated boxes (FEFCO 0201)")
    path.write_text(text(ours))
    commit_all(repo, "ours: lidding, boxes renamed")
    merged = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    result = read(path)
    assert list(result) == ["boxes", "film", "lidding", "trays"]
    assert result["boxes"].name == "Corrugated boxes (FEFCO 0201)"
    assert result["film"].notes == "Hand and machine rolls"
    assert path.read_text() == text(result)  # canonical
    # Without the driver, git's line merge would have stopped on the two additions.
    plain = init_repo(tmp_path / "plain")
    (plain / "offerings.toml").write_text(text(BASE))
    commit_all(plain, "base")
    git(plain, "checkout", "-q", "-b", "theirs")
    (plain / "offerings.toml").write_text(text({**BASE, "trays": Offering(name="Trays")}))
    commit_all(plain, "theirs")
    git(plain, "checkout", "-q", "main")
    (plain / "offerings.toml").write_text(text({**BASE, "lidding": Offering(name="Lidding")}))
    commit_all(plain, "ours")
    assert git(plain, "merge", "-q", "--no-edit", "theirs", check=False).returncode != 0


def sides(tmp_path: Path, base: str, ours: str, theirs: str) -> tuple[Path, Path, Path]:
    paths = (tmp_path / "base", tmp_path / "ours", tmp_path / "theirs")
    for p, t in zip(paths, (base, ours, theirs), strict=True):
        p.write_text(t)
    return paths


def test_one_name_changed_two_ways_is_a_conflict_on_that_line_only(tmp_path: Path) -> None:
    base, ours, theirs = sides(
        tmp_path,
        text(BASE),
        text({**BASE, "film": Offering(name="Stretch wrap", notes="Hand and machine rolls")}),
        text({**BASE, "film": Offering(name="Pallet film", notes="Hand and machine rolls")}),
    )
    outcome = merge_file(base, ours, theirs, path="accounts/offerings.toml")
    assert (outcome.conflicts, outcome.fallback) == (1, "")
    assert outcome.conflict_paths == (("offerings", "film", "name"),)
    lines = ours.read_text().splitlines()
    start = lines.index("<<<<<<< ours")
    assert lines[start : start + 5] == [
        "<<<<<<< ours",
        'name = "Stretch wrap"',
        "=======",
        'name = "Pallet film"',
        ">>>>>>> theirs",
    ]
    assert lines[start - 1] == "[offerings.film]"


def test_what_it_cannot_judge_goes_to_the_line_merge(tmp_path: Path) -> None:
    """Broken TOML on one side: git's own line merge, and the reason says where."""
    base, ours, theirs = sides(
        tmp_path,
        text(BASE),
        text(BASE) + "\n[offerings.x\n",
        text({**BASE, "trays": Offering(name="Trays")}),
    )
    outcome = merge_file(base, ours, theirs, path="offerings.toml")
    assert outcome.fallback.startswith("offerings.toml (ours) at line ")
    assert "[offerings.x" in ours.read_text()


def test_a_merged_file_kamtui_would_refuse_goes_to_the_line_merge(tmp_path: Path) -> None:
    """One side removes a name (a required key) that the other leaves alone: each input reads
    as TOML, the merge is not a valid offerings file, so git merges the lines."""
    bad = text(BASE).replace('name = "Corrugated boxes"\n', "")
    base, ours, theirs = sides(
        tmp_path, text(BASE), bad, text({**BASE, "trays": Offering(name="Trays")})
    )
    outcome = merge_file(base, ours, theirs, path="offerings.toml")
    assert outcome.fallback.startswith("the merged offerings.toml is not valid: ")
    assert "missing required key 'name'" in outcome.fallback


def test_only_offerings_toml_is_merged_as_offerings(tmp_path: Path) -> None:
    """The file name decides: the same bytes under a plan's name go through the plan merge,
    which refuses them (what the driver did to offerings.toml before)."""
    base, ours, theirs = sides(
        tmp_path, text(BASE), text(BASE), text({**BASE, "trays": Offering(name="Trays")})
    )
    outcome = merge_file(base, ours, theirs, path="acme.toml")
    assert outcome.fallback == "the merged plan is not valid: missing the [account] table"
