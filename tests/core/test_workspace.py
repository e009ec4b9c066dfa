"""The workspace folder: what is created, what is loaded, path safety, where it lives
(checklist items 2, 14, 23, 26-28)."""

from __future__ import annotations

import fnmatch
import os
import unicodedata
from pathlib import Path

import platformdirs
import pytest

from kamtui.plan.codec import dumps_plan
from kamtui.plan.diagnostics import PlanError, Severity
from kamtui.plan.file import read_plan
from kamtui.plan.model import Account, AccountPlan
from kamtui.store import locations
from kamtui.store.locations import WORKSPACE_ENV, default_workspace, resolve_workspace
from kamtui.store.workspace import GITATTRIBUTES, GITIGNORE, Workspace
from kamtui.text.slugs import is_valid_id


def plan_text(name: str, customer_ids: list[str] | None = None, plan_id: str = "x") -> str:
    plan = AccountPlan(id=plan_id, account=Account(name=name, customer_ids=customer_ids or []))
    return dumps_plan(plan)


def snapshot(root: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry under *root* (not following links): its bytes (or link target) and mtime."""
    out: dict[str, tuple[bytes | str, int]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            st = path.lstat()
            if path.is_symlink():
                content: bytes | str = os.readlink(path)
            elif path.is_dir():
                content = "<dir>"
            else:
                content = path.read_bytes()
            out[str(path.relative_to(root))] = (content, st.st_mtime_ns)
    out["."] = ("<dir>", root.stat().st_mtime_ns)
    return out


# -- create ---------------------------------------------------------------------------------


def test_create_writes_git_files(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "deep" / "er" / "ws")
    assert ws.root.is_dir()
    attributes = (ws.root / ".gitattributes").read_text()
    assert "*.toml text eol=lf" in attributes.splitlines()
    ignore = (ws.root / ".gitignore").read_bytes()
    assert b"\r" not in ignore and b"\r" not in (ws.root / ".gitattributes").read_bytes()
    patterns = [line for line in ignore.decode().splitlines() if line and not line.startswith("#")]
    # A temp file a killed save leaves behind, and editor droppings, are ignored by git ...
    for junk in [".acme.toml.kamtui-k2j3h4.tmp", "acme.toml.swp", ".acme.toml.swp", "acme.toml~"]:
        assert any(fnmatch.fnmatch(junk, pat) for pat in patterns), junk
    # ... but plan files are not.
    for plan_file in ["acme.toml", "acme-2.toml"]:
        assert not any(fnmatch.fnmatch(plan_file, pat) for pat in patterns), plan_file


def test_create_never_overwrites_existing_git_files(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / ".gitignore").write_text("mine\n")
    (root / ".gitattributes").write_text("* -text\n")
    os.utime(root / ".gitignore", ns=(10**18, 10**18))
    before = snapshot(root)
    Workspace.create(root)
    Workspace.create(root)
    assert snapshot(root) == before


def test_create_is_idempotent_and_fills_in_a_missing_file(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / ".gitignore").write_text("mine\n")
    Workspace.create(root)
    assert (root / ".gitignore").read_text() == "mine\n"
    assert (root / ".gitattributes").read_text() == GITATTRIBUTES
    before = snapshot(root)
    Workspace.create(root)
    assert snapshot(root) == before
    assert set(os.listdir(root)) == {".gitignore", ".gitattributes"}


def test_git_file_constants_match_what_create_writes(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    assert (ws.root / ".gitignore").read_text() == GITIGNORE
    assert (ws.root / ".gitattributes").read_text() == GITATTRIBUTES


# -- which files are plans ----------------------------------------------------------------------


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "ws")


NOT_PLANS = [
    "acme.toml.swp",
    ".acme.toml.swp",
    ".acme.toml.swx",
    "acme.toml~",
    "acme.toml.tmp",
    "acme.toml.bak",
    ".acme.toml.kamtui-abc123.tmp",
    ".hidden.toml",
    "notes.txt",
    "acme.TOML",
    "acme.json",
    "#acme.toml#",
    "4913",  # vim's write test file
]


def test_only_toml_plan_files_are_loaded(ws: Workspace) -> None:
    good = plan_text("Acme")
    (ws.root / "acme.toml").write_text(good)
    for name in NOT_PLANS:
        (ws.root / name).write_text(plan_text(f"not a plan: {name}"))
    (ws.root / "folder.toml").mkdir()
    (ws.root / "folder.toml" / "inner.toml").write_text(plan_text("inside a folder"))
    (ws.root / "sub").mkdir()
    (ws.root / "sub" / "nested.toml").write_text(plan_text("nested"))

    assert ws.plan_paths() == [ws.root / "acme.toml"]
    assert ws.plan_ids() == {"acme"}
    scan = ws.load_all()
    assert [lp.plan.name for lp in scan.plans if lp.plan] == ["Acme"]
    assert len(scan.plans) == 1
    assert scan.error_count == 0
    # The kamtui temp file and the folder named like a plan are reported (as warnings, never
    # read); other files are not mentioned at all.
    assert [(p.path.name, p.severity) for p in scan.problems] == [
        ("folder.toml", Severity.WARNING),
        (".acme.toml.kamtui-abc123.tmp", Severity.WARNING),
    ]


def test_symlinked_folder_is_not_descended(tmp_path: Path, ws: Workspace) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.toml").write_text(plan_text("Secret"))
    (ws.root / "linked").symlink_to(outside, target_is_directory=True)
    (ws.root / "linked-dir.toml").symlink_to(outside, target_is_directory=True)
    (ws.root / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    (ws.root / "acme.toml").write_text(plan_text("Acme"))

    assert ws.plan_paths() == [ws.root / "acme.toml"]
    scan = ws.load_all()
    # the dangling link and the link out of the workspace are errors of their own, never read
    assert [(lp.id, lp.plan is not None) for lp in scan.plans] == [
        ("acme", True),
        ("dangling", False),
        ("linked-dir", False),
    ]
    assert all("Secret" not in lp.text for lp in scan.plans)


def test_plans_are_listed_in_a_stable_order(ws: Workspace) -> None:
    for name in ["zeta", "acme", "acme-2", "mid", "b"]:
        (ws.root / f"{name}.toml").write_text(plan_text(name))
    assert [p.stem for p in ws.plan_paths()] == ["acme", "acme-2", "b", "mid", "zeta"]


def test_missing_workspace_loads_nothing_and_creates_nothing(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "nope")
    assert ws.plan_paths() == []
    assert ws.load_all().plans == []
    assert not (tmp_path / "nope").exists()


BAD_FILES: dict[str, bytes] = {
    "a-bad-toml": b'schema = 1\n[account]\nname = "Acme\n',
    "b-nul": b'schema = 1\n[account]\nname = "A\x00"\n',
    "c-latin1": 'schema = 1\n[account]\nname = "Société"\n'.encode("latin-1"),
    "d-empty": b"",
    "e-conflict": b'schema = 1\n[account]\n<<<<<<< HEAD\nname = "A"\n=======\nname = "B"\n'
    b">>>>>>> theirs\n",
    "f-wrong-type": b'schema = 1\n[account]\nname = "A"\nreview_every_days = "monthly"\n',
    "g-newer-schema": b'schema = 99\n[account]\nname = "A"\n',
    "h-dup-key": b'schema = 1\n[account]\nname = "A"\nname = "B"\n',
    "i-no-account": b"schema = 1\n",
    "j-datetime": b'schema = 1\n[account]\nname = "A"\nlast_review = 2026-11-30T10:00:00\n',
    "Bad_Name": plan_text("fine content, bad file name").encode(),
}


def test_one_bad_file_never_stops_the_others(ws: Workspace) -> None:
    for stem, data in BAD_FILES.items():
        (ws.root / f"{stem}.toml").write_bytes(data)
    (ws.root / "acme.toml").write_text(plan_text("Acme"))
    (ws.root / "zeta.toml").write_text(plan_text("Zeta"))

    scan = ws.load_all()
    by_id = {lp.id: lp for lp in scan.plans}
    assert set(by_id) == set(BAD_FILES) | {"acme", "zeta"}
    assert by_id["acme"].ok and by_id["zeta"].ok
    for stem in BAD_FILES:
        lp = by_id[stem]
        assert lp.plan is None, stem
        assert lp.errors, stem
        assert all(p.path == ws.root / f"{stem}.toml" for p in lp.problems), stem
        assert all(p.line is not None for p in lp.errors), (stem, lp.errors)
    assert scan.error_count >= len(BAD_FILES)


def test_load_all_and_load_never_write(tmp_path: Path, ws: Workspace) -> None:
    (ws.root / "acme.toml").write_text(plan_text("Acme", ["C1"]))
    (ws.root / "crlf.toml").write_bytes(plan_text("CRLF").replace("\n", "\r\n").encode())
    (ws.root / "bom.toml").write_bytes(b"\xef\xbb\xbf" + plan_text("BOM").encode())
    (ws.root / "commented.toml").write_text("# hello\n" + plan_text("Commented"))
    (ws.root / "broken.toml").write_text("schema = [\n")
    (ws.root / "dup.toml").write_text(plan_text("Dup", ["C1"]))
    (ws.root / "old-schema.toml").write_text('[account]\nname = "No schema key"\n')
    (ws.root / ".acme.toml.kamtui-zz.tmp").write_text("half a fi")
    outside = tmp_path / "outside.toml"
    outside.write_text(plan_text("Outside"))
    (ws.root / "linked.toml").symlink_to(outside)
    for path in [*ws.root.iterdir(), outside]:
        os.utime(path, ns=(10**18, 10**18), follow_symlinks=False)
    before, outside_before = snapshot(ws.root), (outside.read_bytes(), outside.stat().st_mtime_ns)

    scan = ws.load_all()
    assert len(scan.plans) == 8 and scan.problems
    for plan_id in ["acme", "crlf", "bom", "commented", "broken", "linked"]:
        ws.load(plan_id)
    ws.plan_ids()
    ws.temp_files()

    assert snapshot(ws.root) == before
    assert (outside.read_bytes(), outside.stat().st_mtime_ns) == outside_before


def test_cross_file_duplicate_customer_ids(ws: Workspace) -> None:
    (ws.root / "alpha.toml").write_text(plan_text("Alpha", ["C1", "C2"]))
    beta = 'schema = 1\n\n[account]\nname = "Beta"\n\ncustomer_ids = ["C3", "C1"]\n'
    (ws.root / "beta.toml").write_text(beta)
    (ws.root / "gamma.toml").write_text(plan_text("Gamma", ["C2", "C9"]))

    scan = ws.load_all()
    assert all(lp.ok for lp in scan.plans)
    dup = sorted(scan.problems, key=lambda p: p.path.name)
    assert [(p.path.name, p.severity) for p in dup] == [
        ("beta.toml", Severity.ERROR),
        ("gamma.toml", Severity.ERROR),
    ]
    beta_problem, gamma_problem = dup
    assert beta_problem.line == 6
    assert beta_problem.column == 1
    assert "'C1'" in beta_problem.message and "alpha.toml" in beta_problem.message
    gamma_line = plan_text("Gamma", ["C2", "C9"]).splitlines().index("customer_ids = [") + 1
    assert gamma_problem.line == gamma_line
    assert "'C2'" in gamma_problem.message and "alpha.toml" in gamma_problem.message
    assert scan.error_count == 2


def test_customer_ids_of_broken_files_do_not_count(ws: Workspace) -> None:
    (ws.root / "alpha.toml").write_text(plan_text("Alpha", ["C1"]))
    (ws.root / "beta.toml").write_text(
        'schema = 1\n[account]\nname = "B"\ncustomer_ids = ["C1"]\nsegment = "Z"\n'
    )
    scan = ws.load_all()
    assert all("customer id" not in p.message for p in scan.all_problems)


# -- path safety -----------------------------------------------------------------------------

HOSTILE_IDS = [
    "../x",
    "/etc/passwd",
    "a/b",
    "a\\b",
    "..",
    ".",
    "",
    "CON",
    "con",
    "nul",
    "com1",
    "lpt9",
    "-rf",
    "acme-",
    ".hidden",
    "Acme",
    "acme.toml",
    "acme\x00",
    "a b",
    "é",
    "a" * 65,
    "~",
    "~root",
]


@pytest.mark.parametrize("plan_id", HOSTILE_IDS)
def test_path_for_rejects_unsafe_ids(ws: Workspace, plan_id: str) -> None:
    with pytest.raises(PlanError):
        ws.path_for(plan_id)
    with pytest.raises(PlanError):
        ws.load(plan_id)


@pytest.mark.parametrize("plan_id", ["acme", "acme-2", "a", "3m", "a" * 64, "con-account"])
def test_path_for_accepts_slugs(ws: Workspace, plan_id: str) -> None:
    path = ws.path_for(plan_id)
    assert path.parent == ws.root
    assert path.name == f"{plan_id}.toml"


HOSTILE_NAMES = [
    "../../x",
    "/etc/passwd",
    "a/b",
    "..",
    ".",
    "CON",
    "con",
    "-rf",
    "--workspace=/tmp",
    "~",
    "$(touch pwned)",
    "a" * 300,
    "é" * 150,  # 300 bytes
    "\U0001f600" * 75,  # 300 bytes, no letters at all
    "Acme",
    "acme",
    "ACME",
    " Acme ",
    unicodedata.normalize("NFC", "Café Müller"),
    unicodedata.normalize("NFD", "Café Müller"),
    "C:\\Windows\\System32",
    ".git",
    "\u202eevil\u202c",
]


def test_new_plan_with_hostile_names_stays_inside_and_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    parent = tmp_path.parent
    parent_before = set(os.listdir(parent))
    etc_passwd = Path("/etc/passwd")
    passwd_before = (etc_passwd.stat().st_mtime_ns, etc_passwd.stat().st_size)
    ws = Workspace.create(root)

    created: list[Path] = []
    for name in HOSTILE_NAMES:
        lp = ws.new_plan(name)
        assert lp.path.parent == root, name
        assert is_valid_id(lp.id), name
        assert len(lp.path.name.encode()) <= 64 + len(".toml"), name
        assert lp.path not in created, f"{name!r} overwrote {lp.path}"
        created.append(lp.path)
        # The display name lives inside the file, exactly as given (trimmed).
        back = read_plan(lp.path)
        assert back.ok, (name, back.problems)
        assert back.plan is not None and back.plan.account.name == name.strip(), name

    # Every file made is still there with its own name inside: nothing was overwritten.
    for path, name in zip(created, HOSTILE_NAMES, strict=True):
        back = read_plan(path).plan
        assert back is not None and back.account.name == name.strip()
    assert {p.name for p in created} | {".gitignore", ".gitattributes"} == set(os.listdir(root))
    assert sorted(os.listdir(tmp_path)) == ["ws"]
    assert set(os.listdir(parent)) == parent_before
    assert (etc_passwd.stat().st_mtime_ns, etc_passwd.stat().st_size) == passwd_before

    ids = [p.stem for p in created]
    for same in (["Acme", "acme", "ACME", " Acme "], ["Café Müller"]):
        assert len({ids[HOSTILE_NAMES.index(n)] for n in same}) == len(same)
    nfc = ids[HOSTILE_NAMES.index(unicodedata.normalize("NFC", "Café Müller"))]
    nfd = ids[HOSTILE_NAMES.index(unicodedata.normalize("NFD", "Café Müller"))]
    assert nfc != nfd
    assert {nfc, nfd} == {"cafe-muller", "cafe-muller-2"}
    assert {ids[HOSTILE_NAMES.index(n)] for n in ["Acme", "acme", "ACME", " Acme "]} == {
        "acme",
        "acme-2",
        "acme-3",
        "acme-4",
    }


@pytest.mark.parametrize("name", ["", "   ", "\t", "Acme\nLtd", "Acme\r"])
def test_new_plan_rejects_empty_and_multiline_names(tmp_path: Path, name: str) -> None:
    root = tmp_path / "ws"
    ws = Workspace(root)
    with pytest.raises(PlanError):
        ws.new_plan(name)
    assert not root.exists() or not any(p.suffix == ".toml" for p in root.iterdir())
    assert os.listdir(tmp_path) in ([], ["ws"])


def test_new_plan_creates_the_workspace(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "fresh")
    lp = ws.new_plan("Acme", owner="Maria")
    assert lp.path == tmp_path / "fresh" / "acme.toml"
    assert (tmp_path / "fresh" / ".gitattributes").read_text() == GITATTRIBUTES
    back = read_plan(lp.path)
    assert back.ok and back.plan == lp.plan
    assert back.plan is not None and back.plan.account.owner == "Maria"
    assert lp.digest == back.digest


# -- where the workspace is --------------------------------------------------------------------


@pytest.fixture
def fake_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """platformdirs points into tmp_path; HOME too, so nothing can touch the real home."""
    data = tmp_path / "data"
    calls: list[str] = []

    def user_data_path(appname: str | None = None, *args: object, **kwargs: object) -> Path:
        calls.append(str(appname))
        return data / str(appname)

    monkeypatch.setattr(platformdirs, "user_data_path", user_data_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(WORKSPACE_ENV, raising=False)
    return data


def test_default_workspace_is_in_the_user_data_dir(fake_data_dir: Path) -> None:
    assert default_workspace() == fake_data_dir / "kamtui" / "workspace"
    assert resolve_workspace(None) == fake_data_dir / "kamtui" / "workspace"
    assert resolve_workspace(None, {}) == fake_data_dir / "kamtui" / "workspace"
    assert not fake_data_dir.exists(), "resolving must not create anything"


def test_env_beats_default(fake_data_dir: Path, tmp_path: Path) -> None:
    env = {WORKSPACE_ENV: str(tmp_path / "from-env")}
    assert resolve_workspace(None, env) == tmp_path / "from-env"
    assert resolve_workspace("", env) == tmp_path / "from-env"


def test_process_environment_is_used(
    fake_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WORKSPACE_ENV, str(tmp_path / "from-env"))
    assert resolve_workspace(None) == tmp_path / "from-env"


def test_option_beats_env(fake_data_dir: Path, tmp_path: Path) -> None:
    env = {WORKSPACE_ENV: str(tmp_path / "from-env")}
    assert resolve_workspace(tmp_path / "opt", env) == tmp_path / "opt"
    assert resolve_workspace(str(tmp_path / "opt"), env) == tmp_path / "opt"
    assert resolve_workspace(str(tmp_path / "opt"), {}) == tmp_path / "opt"


def test_empty_env_falls_back_to_default(fake_data_dir: Path) -> None:
    assert resolve_workspace(None, {WORKSPACE_ENV: ""}) == fake_data_dir / "kamtui" / "workspace"


def test_tilde_is_expanded(fake_data_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert resolve_workspace("~/plans", {}) == home / "plans"
    assert resolve_workspace(None, {WORKSPACE_ENV: "~/env-plans"}) == home / "env-plans"


def test_locations_module_exposes_the_env_name() -> None:
    assert locations.WORKSPACE_ENV == "KAMTUI_WORKSPACE"


@pytest.mark.parametrize("target_folder_exists", [True, False], ids=["folder", "no-folder"])
def test_new_plan_never_writes_through_a_dangling_symlink(
    tmp_path: Path, target_folder_exists: bool
) -> None:
    ws = Workspace.create(tmp_path / "ws")
    outside = tmp_path / "outside"
    if target_folder_exists:
        outside.mkdir()
    (ws.root / "acme.toml").symlink_to(outside / "evil.toml")
    try:
        lp = ws.new_plan("Acme")
    except PlanError:
        lp = None  # refusing is fine too
    assert not (outside / "evil.toml").exists()
    if lp is not None:
        assert lp.path.parent == ws.root and not lp.path.is_symlink()
        assert lp.path.is_file()


def test_new_plan_rejects_unencodable_names_cleanly(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    with pytest.raises(PlanError):
        ws.new_plan("Caf\udce9")
    assert not any(p.suffix == ".toml" for p in ws.root.iterdir())
