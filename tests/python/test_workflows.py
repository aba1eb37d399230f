"""The GitHub workflows, checked in the ways that run offline (issue 23, item 5).

- Every workflow validates against GitHub's workflow schema (check-jsonschema's
  vendored copy) and zizmor --offline finds nothing of medium or high severity.
- Every action is pinned to a full commit, with its tag in a comment; every checkout
  drops its credentials; every workflow and every job declares its token's permissions.
- ci.yml's Python job runs every interpreter the package claims (the ``Programming
  Language :: Python :: 3.X`` classifiers, and the free-threaded builds) on every
  operating system it claims (Linux, macOS, Windows), and its C++ job runs on all three.
- The wheel jobs of wheels.yml build, together, exactly what pyproject.toml's
  [tool.cibuildwheel] selects, and that covers every claimed interpreter on manylinux
  and musllinux (x86-64, aarch64), macOS (x86-64, arm64) and Windows (AMD64): the
  platforms of README.md's "Platforms", and musllinux (issue 23).

Each check is a function that returns what it found wrong. The ``planted`` tests run it
on a broken copy as well, so that a check which could never fail fails here. The tools
(check-jsonschema, zizmor, cibuildwheel) are optional: without them those tests skip
and say so. The sdist has no .github, so in a wheel's test run the module skips.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
if not WORKFLOWS.is_dir():
    pytest.skip(
        f"no {WORKFLOWS} (not a git checkout: the sdist leaves .github out)",
        allow_module_level=True,
    )
yaml = pytest.importorskip("yaml", reason="PyYAML, which parses the workflows, is not installed")

Doc = dict[str, Any]

# Always claimed, whatever the classifiers say (issue 23).
FREE_THREADED = {"3.14t", "3.15t"}
OSES = {"Linux", "macOS", "Windows"}
OS_CLASSIFIERS = {
    "Operating System :: POSIX :: Linux": "Linux",
    "Operating System :: MacOS": "macOS",
    "Operating System :: Microsoft :: Windows": "Windows",
}
# Wheel platforms, per cibuildwheel platform: the suffix of each build identifier.
WHEEL_PLATFORMS = {
    "linux": {"manylinux_x86_64", "manylinux_aarch64", "musllinux_x86_64", "musllinux_aarch64"},
    "macos": {"macosx_x86_64", "macosx_arm64"},
    "windows": {"win_amd64"},
}
SHA = re.compile(r"[0-9a-f]{40}")
MATRIX_REF = re.compile(r"\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*(?:\|\|\s*'([^']*)'\s*)?\}\}")
ZIZMOR_FAILS_AT = {"High", "Medium"}
# A step that runs cibuildwheel (not one that installs it).
CIBUILDWHEEL_RUN = re.compile(r"(?m)(-m cibuildwheel|^cibuildwheel)\b(?!=)")


# ------------------------------------------------------------------------ reading


def load(path: Path) -> Doc:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict), f"{path.name}: not a mapping"
    # YAML 1.1 reads the key `on` as True.
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def workflow_paths(directory: Path = WORKFLOWS) -> list[Path]:
    return sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])


def pyproject(root: Path = ROOT) -> Doc:
    with (root / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def claimed_pythons(project: Doc) -> set[str]:
    """The CPython versions of the classifiers (3.X), the free-threaded builds of
    [tool.cibuildwheel] build (cp3XXt-*), and FREE_THREADED."""
    versions = set()
    for c in project["project"]["classifiers"]:
        m = re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c)
        if m:
            versions.add(m.group(1))
    for pattern in project.get("tool", {}).get("cibuildwheel", {}).get("build", []):
        m = re.fullmatch(r"cp3(\d+)t-\*", pattern)
        if m:
            versions.add(f"3.{m.group(1)}t")
    return versions | FREE_THREADED


def claimed_oses(project: Doc) -> set[str]:
    classifiers = project["project"]["classifiers"]
    return {OS_CLASSIFIERS[c] for c in classifiers if c in OS_CLASSIFIERS} | OSES


def runner_os(label: str) -> str | None:
    for prefix, name in (("ubuntu", "Linux"), ("macos", "macOS"), ("windows", "Windows")):
        if label.startswith(prefix):
            return name
    return None


def expand_matrix(strategy: Doc | None) -> list[dict[str, Any]]:
    """The combinations GitHub runs for ``strategy.matrix``: the product of its lists,
    less ``exclude``, then ``include`` (an entry extends the combinations whose original
    values it does not change, or else is a combination of its own)."""
    matrix = dict((strategy or {}).get("matrix") or {})
    include = matrix.pop("include", []) or []
    exclude = matrix.pop("exclude", []) or []
    keys = list(matrix)
    combos: list[dict[str, Any]] = []
    if keys:
        products = itertools.product(*(matrix[k] for k in keys))
        combos = [dict(zip(keys, values, strict=True)) for values in products]
    combos = [
        c for c in combos if not any(all(c.get(k) == v for k, v in e.items()) for e in exclude)
    ]
    originals = [dict(c) for c in combos]
    for entry in include:
        matched = False
        for combo, original in zip(combos[: len(originals)], originals, strict=True):
            if all(original.get(k, v) == v for k, v in entry.items() if k in keys):
                combo.update(entry)
                matched = True
        if not matched:
            combos.append(dict(entry))
    return combos or [{}]


def resolve(value: Any, combo: dict[str, Any]) -> str:
    """``value`` with each ``${{ matrix.NAME }}`` (or ``${{ matrix.NAME || 'x' }}``)
    replaced; anything else in ``${{ }}`` is left for the test to refuse."""

    def sub(m: re.Match[str]) -> str:
        got = combo.get(m.group(1))
        return str(got) if got not in (None, "") else (m.group(2) or "")

    return MATRIX_REF.sub(sub, str(value))


def steps(doc: Doc) -> Iterator[tuple[str, Doc]]:
    for job_id, job in (doc.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_id, step


# ------------------------------------------------------------------------- checks


def python_matrix_problems(ci: Doc, pythons: set[str], oses: set[str]) -> list[str]:
    """Every (interpreter, OS) pair claimed must be a combination of a job whose matrix
    has a ``python`` key."""
    ran: set[tuple[str, str]] = set()
    for job in (ci.get("jobs") or {}).values():
        for combo in expand_matrix(job.get("strategy")):
            if "python" not in combo:
                continue
            os_name = runner_os(resolve(job.get("runs-on", ""), combo))
            if os_name:
                ran.add((str(combo["python"]), os_name))
    if not ran:
        return ["ci.yml: no job has a matrix with a `python` key"]
    return [
        f"ci.yml: Python {py} is not tested on {os_name}"
        for py in sorted(pythons)
        for os_name in sorted(oses)
        if (py, os_name) not in ran
    ]


def job_os_problems(ci: Doc, job_id: str, oses: set[str]) -> list[str]:
    job = (ci.get("jobs") or {}).get(job_id)
    if job is None:
        return [f"ci.yml: no job `{job_id}`"]
    combos = expand_matrix(job.get("strategy"))
    ran = {runner_os(resolve(job.get("runs-on", ""), c)) for c in combos}
    return [f"ci.yml: job `{job_id}` does not run on {o}" for o in sorted(oses - ran)]


def unpinned_uses(name: str, doc: Doc) -> list[str]:
    """Every action and reusable workflow, but the repository's own, is pinned to a
    40-hex commit (a Docker image to a digest)."""
    found = []
    uses = [(j, s["uses"]) for j, s in steps(doc) if "uses" in s]
    uses += [(j, job["uses"]) for j, job in (doc.get("jobs") or {}).items() if "uses" in job]
    for job_id, ref in uses:
        if ref.startswith("./"):
            continue
        if ref.startswith("docker://"):
            if "@sha256:" not in ref:
                found.append(f"{name}: job {job_id}: {ref} is not pinned to a digest")
            continue
        _, _, version = ref.partition("@")
        if not SHA.fullmatch(version):
            found.append(f"{name}: job {job_id}: {ref} is not pinned to a commit")
    return found


def uncommented_pins(name: str, text: str) -> list[str]:
    """A pinned ``uses:`` line names its tag in a comment (``# v7.0.1``)."""
    return [
        f"{name}:{n}: {line.strip()} has no `# vX.Y.Z` comment"
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(r"\buses:\s*\S+@[0-9a-f]{40}", line)
        and not re.search(r"@[0-9a-f]{40}\s+#\s*v\d", line)
    ]


def persisted_credentials(name: str, doc: Doc) -> list[str]:
    return [
        f"{name}: job {job_id}: {step['uses']} keeps its credentials (persist-credentials)"
        for job_id, step in steps(doc)
        if str(step.get("uses", "")).startswith("actions/checkout@")
        and str((step.get("with") or {}).get("persist-credentials")).lower() != "false"
    ]


def permission_problems(name: str, doc: Doc) -> list[str]:
    """Permissions declared at the top (the default for jobs) and by every job; none
    is write-all."""
    found = []
    if "permissions" not in doc:
        found.append(f"{name}: no top-level `permissions`")
    for job_id, job in (doc.get("jobs") or {}).items():
        if "permissions" not in job:
            found.append(f"{name}: job {job_id} does not declare its `permissions`")
    for where, perms in [
        ("top level", doc.get("permissions")),
        *((f"job {j}", job.get("permissions")) for j, job in (doc.get("jobs") or {}).items()),
    ]:
        if perms == "write-all":
            found.append(f"{name}: {where}: permissions write-all")
    return found


# ----------------------------------------------------------------------- the tools


def tool(name: str) -> str | None:
    """An executable of the running interpreter's environment, else from PATH."""
    scripts = Path(sysconfig.get_path("scripts"))
    for candidate in (scripts / name, scripts / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name)


def need_module(module: str, what: str) -> list[str]:
    try:
        __import__(module)
    except ImportError:
        pytest.skip(f"{what} is not installed (the lint extra has it: nox -s lint)")
    return [sys.executable, "-m", module]


def need_tool(name: str) -> str:
    exe = tool(name)
    if exe is None:
        pytest.skip(f"{name} is not installed (the lint extra has it: nox -s lint)")
    return exe


def schema_errors(paths: list[Path]) -> str | None:
    """check-jsonschema's report if a workflow breaks GitHub's schema, else None."""
    cmd = [
        *need_module("check_jsonschema", "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, paths),
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return None if r.returncode == 0 else r.stdout + r.stderr


def zizmor_findings(paths: list[Path]) -> list[str]:
    """zizmor --offline's findings at ZIZMOR_FAILS_AT, one line each."""
    cmd = [need_tool("zizmor"), "--offline", "--format", "json", *map(str, paths)]
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if not r.stdout.strip():
        pytest.fail(f"zizmor printed no report (exit status {r.returncode}): {r.stderr}")
    found = []
    for f in json.loads(r.stdout):
        severity = f["determinations"]["severity"]
        if f.get("ignored") or severity not in ZIZMOR_FAILS_AT:
            continue
        where = [
            loc["concrete"]["location"]["start_point"]["row"] + 1
            for loc in f["locations"]
            if loc.get("symbolic", {}).get("kind") == "Primary"
        ]
        path = f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]
        found.append(f"{Path(path).name}:{where}: {severity} {f['ident']}: {f['desc']}")
    return found


def cibuildwheel_ids(platform: str, project_dir: Path, env: dict[str, str]) -> set[str]:
    """``cibuildwheel --print-build-identifiers`` for ``platform``, with ``env`` as the
    only CIBW_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CIBW_")}
    cmd = [
        *need_module("cibuildwheel", "cibuildwheel"),
        "--print-build-identifiers",
        "--platform",
        platform,
        str(project_dir),
    ]
    r = subprocess.run(
        cmd, capture_output=True, text=True, check=False, env={**clean, **env}, cwd=project_dir
    )
    assert r.returncode == 0, f"{' '.join(cmd)} with {env}: {r.stderr}"
    return set(r.stdout.split())


def wheel_job_ids(wheels: Doc, project_dir: Path) -> dict[str, set[str]]:
    """What each combination of each wheel job builds, by cibuildwheel platform: its
    runner's platform, with the CIBW_* variables of the workflow, job and cibuildwheel
    step resolved for that combination."""
    built: dict[str, set[str]] = {p: set() for p in WHEEL_PLATFORMS}
    for job_id, job in (wheels.get("jobs") or {}).items():
        cibw_steps = [
            s for s in job.get("steps") or [] if CIBUILDWHEEL_RUN.search(str(s.get("run")))
        ]
        if not cibw_steps:
            continue
        for combo in expand_matrix(job.get("strategy")):
            label = resolve(job.get("runs-on", ""), combo)
            platform = {"Linux": "linux", "macOS": "macos", "Windows": "windows"}.get(
                runner_os(label) or ""
            )
            assert platform, f"wheels.yml: job {job_id}: runner {label!r}"
            env: dict[str, str] = {}
            for source in (wheels.get("env"), job.get("env"), *(s.get("env") for s in cibw_steps)):
                for k, v in (source or {}).items():
                    if k.startswith("CIBW_"):
                        env[k] = resolve(v, combo)
            assert not any("${{" in v for v in env.values()), f"wheels.yml: job {job_id}: {env}"
            built[platform] |= cibuildwheel_ids(platform, project_dir, env)
    return built


def wheel_problems(wheels: Doc, project_dir: Path, pythons: set[str]) -> list[str]:
    """The wheel jobs build what pyproject.toml selects, and that covers every claimed
    interpreter on WHEEL_PLATFORMS."""
    found = []
    built = wheel_job_ids(wheels, project_dir)
    tags = {f"cp{p.replace('.', '')}" for p in pythons}
    for platform, suffixes in sorted(WHEEL_PLATFORMS.items()):
        selected = cibuildwheel_ids(platform, project_dir, {})
        found += [
            f"{platform}: wheels.yml builds {ident}, which pyproject.toml leaves out"
            for ident in sorted(built[platform] - selected)
        ]
        found += [
            f"{platform}: pyproject.toml selects {ident}, which no wheel job builds"
            for ident in sorted(selected - built[platform])
        ]
        for tag, suffix in itertools.product(sorted(tags), sorted(suffixes)):
            if f"{tag}-{suffix}" not in built[platform]:
                found.append(f"{platform}: no wheel {tag}-{suffix}")
    return found


# -------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def docs() -> dict[str, Doc]:
    return {p.name: load(p) for p in workflow_paths()}


@pytest.fixture(scope="module")
def project() -> Doc:
    return pyproject()


def test_there_are_the_workflows(docs: dict[str, Doc]) -> None:
    assert {"ci.yml", "wheels.yml"} <= set(docs)


def test_schema() -> None:
    errors = schema_errors(workflow_paths())
    assert errors is None, errors


def test_zizmor() -> None:
    assert zizmor_findings(workflow_paths()) == []


def test_python_matrix_names_every_claimed_interpreter_and_os(
    docs: dict[str, Doc], project: Doc
) -> None:
    pythons, oses = claimed_pythons(project), claimed_oses(project)
    assert {"3.11", "3.14t", "3.15t"} <= pythons  # the classifiers were read
    assert python_matrix_problems(docs["ci.yml"], pythons, oses) == []


def test_cpp_runs_on_every_os(docs: dict[str, Doc], project: Doc) -> None:
    assert job_os_problems(docs["ci.yml"], "cpp", claimed_oses(project)) == []


def test_actions_are_pinned(docs: dict[str, Doc]) -> None:
    found = [p for name, doc in docs.items() for p in unpinned_uses(name, doc)]
    found += [
        p
        for path in workflow_paths()
        for p in uncommented_pins(path.name, path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_checkouts_drop_credentials(docs: dict[str, Doc]) -> None:
    assert [p for name, doc in docs.items() for p in persisted_credentials(name, doc)] == []


def test_permissions_are_declared(docs: dict[str, Doc]) -> None:
    assert [p for name, doc in docs.items() for p in permission_problems(name, doc)] == []


def test_wheels_cover_the_claims(docs: dict[str, Doc], project: Doc) -> None:
    assert wheel_problems(docs["wheels.yml"], ROOT, claimed_pythons(project)) == []


# -------------------------------------------------- each check, on a planted break
#
# Each planted test breaks a copy of the real files in one way and expects the check to
# report that break: new problems, beyond those the real files already have (which the
# tests above report), each naming what was broken.


def without(doc: Doc, value: str) -> Doc:
    """A deep copy of ``doc`` with ``value`` dropped from every list, and every mapping
    that holds it as a value dropped from its list (a matrix ``include`` entry)."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [
                walk(v)
                for v in node
                if v != value and not (isinstance(v, dict) and value in v.values())
            ]
        return node

    result: Doc = walk(copy.deepcopy(doc))
    return result


def new(found: list[str], baseline: list[str]) -> list[str]:
    return [f for f in found if f not in baseline]


def test_planted_missing_interpreter(docs: dict[str, Doc], project: Doc) -> None:
    ci, pythons, oses = docs["ci.yml"], claimed_pythons(project), claimed_oses(project)
    baseline = python_matrix_problems(ci, pythons, oses)
    # The interpreters the matrix has, on one OS at least.
    present = [py for py in sorted(pythons) if sum(f" {py} " in p for p in baseline) < len(oses)]
    assert present, baseline
    for py in {present[0], present[-1]}:
        found = new(python_matrix_problems(without(ci, py), pythons, oses), baseline)
        assert found, py
        assert all(f" {py} " in p for p in found), (py, found)


def test_planted_missing_os(docs: dict[str, Doc], project: Doc) -> None:
    ci, pythons, oses = docs["ci.yml"], claimed_pythons(project), claimed_oses(project)
    labels = {
        resolve(job.get("runs-on", ""), c)
        for job in ci["jobs"].values()
        for c in expand_matrix(job.get("strategy"))
    }
    for os_name in sorted(oses):
        planted = ci
        for label in labels:
            if runner_os(label) == os_name:
                planted = without(planted, label)
        baseline = python_matrix_problems(ci, pythons, oses)
        if sum(p.endswith(f" on {os_name}") for p in baseline) < len(pythons):
            found = new(python_matrix_problems(planted, pythons, oses), baseline)
            assert found, os_name
            assert all(p.endswith(f" on {os_name}") for p in found), (os_name, found)
        found = new(job_os_problems(planted, "cpp", oses), job_os_problems(ci, "cpp", oses))
        assert found == [f"ci.yml: job `cpp` does not run on {os_name}"], found


def test_planted_unpinned_action(docs: dict[str, Doc]) -> None:
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    baseline = unpinned_uses("ci.yml", docs["ci.yml"])
    planted = re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v7", text)
    assert planted != text
    found = new(unpinned_uses("ci.yml", yaml.safe_load(planted)), baseline)
    assert found
    assert all("actions/checkout@v7 is not pinned to a commit" in p for p in found), found
    docker = {"jobs": {"j": {"steps": [{"uses": "docker://alpine:3"}]}}}
    assert unpinned_uses("x.yml", docker) == [
        "x.yml: job j: docker://alpine:3 is not pinned to a digest"
    ]
    reusable = {"jobs": {"j": {"uses": "octo/repo/.github/workflows/w.yml@main"}}}
    assert len(unpinned_uses("x.yml", reusable)) == 1


def test_planted_uncommented_pin() -> None:
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    planted = re.sub(r"(actions/checkout@[0-9a-f]{40})\s*#.*", r"\1", text)
    assert planted != text
    found = new(uncommented_pins("ci.yml", planted), uncommented_pins("ci.yml", text))
    assert found
    assert all("actions/checkout@" in p for p in found), found


def test_planted_persisted_credentials(docs: dict[str, Doc]) -> None:
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    baseline = persisted_credentials("ci.yml", docs["ci.yml"])
    for planted in (
        text.replace("persist-credentials: false", "persist-credentials: true"),
        text.replace("persist-credentials: false", "fetch-depth: 1"),
    ):
        assert planted != text
        found = new(persisted_credentials("ci.yml", yaml.safe_load(planted)), baseline)
        assert found
        assert all("keeps its credentials" in p for p in found), found


def test_planted_permissions(docs: dict[str, Doc]) -> None:
    doc = copy.deepcopy(docs["wheels.yml"])
    baseline = permission_problems("wheels.yml", doc)
    job_ids = list(doc["jobs"])
    doc.pop("permissions", None)
    doc["jobs"][job_ids[0]].pop("permissions", None)
    doc["jobs"][job_ids[-1]]["permissions"] = "write-all"
    assert set(new(permission_problems("wheels.yml", doc), baseline)) >= {
        "wheels.yml: no top-level `permissions`",
        f"wheels.yml: job {job_ids[0]} does not declare its `permissions`",
        f"wheels.yml: job {job_ids[-1]}: permissions write-all",
    }


# A workflow with a schema error (planted below), an expression of the pull request
# in a shell command (template injection), an unpinned action and a checkout that
# keeps its credentials.
PLANTED_WORKFLOW = """\
name: planted
on: pull_request
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


def test_planted_schema_error(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yml", tmp_path / "planted.yml"
    good.write_text(PLANTED_WORKFLOW, encoding="utf-8")
    assert schema_errors([good]) is None
    bad.write_text(
        PLANTED_WORKFLOW.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"),
        encoding="utf-8",
    )
    errors = schema_errors([bad])
    assert errors is not None
    assert "planted.yml" in errors, errors


def test_planted_zizmor_findings(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "planted.yml").write_text(PLANTED_WORKFLOW, encoding="utf-8")
    found = zizmor_findings([workflows])
    for ident in ("template-injection", "unpinned-uses", "artipacked"):
        assert any(f" {ident}: " in f for f in found), (ident, found)


def test_planted_wheel_gaps(tmp_path: Path, docs: dict[str, Doc], project: Doc) -> None:
    # The baseline: pyproject.toml as it is, less any skip list of [tool.cibuildwheel].
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^skip = \[[^]]*\]\n", "", text)
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    wheels, pythons = docs["wheels.yml"], claimed_pythons(project)
    baseline = wheel_problems(wheels, tmp_path, pythons)
    # pyproject.toml skips musllinux: the workflow's musllinux jobs build nothing.
    table = "[tool.cibuildwheel]\n"
    planted = text.replace(table, table + 'skip = ["*-musllinux_*"]\n', 1)
    assert planted != text
    (tmp_path / "pyproject.toml").write_text(planted, encoding="utf-8")
    found = new(wheel_problems(wheels, tmp_path, pythons), baseline)
    assert any(f.startswith("linux: no wheel cp314t-musllinux_") for f in found), found
    assert all("musllinux" in f for f in found), found
    # The Intel macOS job dropped: its wheels are selected, and not built.
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    found = new(wheel_problems(without(wheels, "macos-15-intel"), tmp_path, pythons), baseline)
    assert "macos: pyproject.toml selects cp311-macosx_x86_64, which no wheel job builds" in found
    assert "macos: no wheel cp315t-macosx_x86_64" in found, found
    assert all("macosx_x86_64" in f for f in found), found
