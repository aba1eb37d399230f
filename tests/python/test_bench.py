"""The benchmark command runs end to end in --quick mode: table, JSON and PNG (no timing checks)."""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import json
import math
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from oruuid import bench
from oruuid.bench._contenders import describe, semantics

TEXT = "67e55044-10b1-426f-9247-bb680e5fe0c8"


def test_entries_cover_every_issue_row() -> None:
    rows = bench.entries(batch=8)
    ops = {e.operation for e in rows}
    assert {"uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8"} <= ops
    assert {"parse", "from_bytes", "from_int", "str(u)", "u.hex"} <= ops
    floor = {e.contender for e in rows if e.operation == bench.FLOOR}
    assert {"object()", "noop", "uuid4p"} <= floor
    # oruuid is a contender for every operation but the floor.
    for op in ops - {bench.FLOOR}:
        assert any(e.operation == op and e.contender == "oruuid" for e in rows), op


def test_every_entry_runs_once() -> None:
    # Each row's statement must run as written, whatever peers are installed.
    for e in bench.entries(batch=4):
        with bench._context(e):
            e.timer().timeit(1)


@pytest.mark.slow
def test_quick_run_writes_json_and_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    out_json, out_png = tmp_path / "r.json", tmp_path / "r.png"
    assert bench.main(["--quick", "--json", str(out_json), "--plot", str(out_png)]) == 0

    table = capsys.readouterr().out
    assert "| operation | contender | ns/call |" in table
    assert "| uuid4 | oruuid |" in table

    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["python"]
    assert data["cpu"]
    assert "oruuid" in data["contenders"]
    assert "stdlib" in data["contenders"]
    assert data["rows"], "no rows"
    for row in data["rows"]:
        assert row["contender"] in data["contenders"] or row["operation"] == bench.FLOOR
        for key in ("ns", "q1", "q3", "min", "max"):
            assert isinstance(row[key], float), row
            assert math.isfinite(row[key]), row
            assert row[key] > 0, row
        assert row["q1"] <= row["ns"] <= row["q3"]
    cells = {(r["operation"], r["contender"]) for r in data["rows"]}
    assert ("uuid4", "oruuid") in cells
    assert ("uuid4", "stdlib") in cells
    assert ("floor", "object()") in cells

    png = out_png.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000


def test_cli_dispatch_and_only(tmp_path: Path) -> None:
    out_json = tmp_path / "only.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "oruuid",
            "bench",
            "--quick",
            "--only",
            "uuid7",
            "--json",
            str(out_json),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "| uuid7 | oruuid |" in proc.stdout
    ops = {r["operation"] for r in json.loads(out_json.read_text(encoding="utf-8"))["rows"]}
    assert "uuid7" in ops
    assert all(op == "floor" or op.startswith("uuid7") for op in ops)


def test_bad_arguments_exit_2() -> None:
    with pytest.raises(SystemExit) as exc:
        bench.main(["--batch", "0"])
    assert exc.value.code == 2


# --- interpreter build info ---------------------------------------------------


def _fake_sysconfig(
    monkeypatch: pytest.MonkeyPatch, config_args: object, debug: int = 0, debian: bool = False
) -> None:
    values = {"CONFIG_ARGS": config_args, "Py_DEBUG": debug, "Py_GIL_DISABLED": 0}
    monkeypatch.setattr(bench.sysconfig, "get_config_var", values.get)
    schemes = ("deb_system", "posix_prefix") if debian else ("posix_prefix",)
    monkeypatch.setattr(bench.sysconfig, "get_scheme_names", lambda: schemes)
    monkeypatch.setattr(sys, "base_prefix", "/usr" if debian else "/opt/python")
    # A debug interpreter running the tests would otherwise count as a debug build.
    monkeypatch.delattr(sys, "gettotalrefcount", raising=False)


@pytest.mark.parametrize(
    ("config_args", "debug", "debian", "pgo", "lto", "optimized"),
    [
        ("'--enable-optimizations' '--with-lto' '--prefix=/x'", 0, False, True, True, True),
        ("'--enable-optimizations' '--with-lto=thin'", 0, False, True, True, True),
        ("'--with-lto=no' '--prefix=/x'", 0, False, False, False, False),
        ("'--enable-optimizations' '--with-lto'", 1, False, True, True, False),
        # Debian's packaging builds with PGO and LTO but keeps the flags out of sysconfig.
        ("'--enable-shared' '--prefix=/usr'", 0, True, False, False, True),
        (None, 0, False, None, None, None),  # not recorded (Windows)
    ],
)
def test_build_info(
    monkeypatch: pytest.MonkeyPatch,
    config_args: object,
    debug: int,
    debian: bool,
    pgo: object,
    lto: object,
    optimized: object,
) -> None:
    _fake_sysconfig(monkeypatch, config_args, debug, debian)
    info = bench.build_info()
    assert info["enable_optimizations"] is pgo
    assert info["with_lto"] is lto
    assert info["py_debug"] is bool(debug)
    assert info["optimized"] is optimized
    if optimized is False:
        assert "not comparable" in info["warning"]
    else:
        assert info["warning"] is None


def test_unoptimized_run_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_sysconfig(monkeypatch, "'--prefix=/x'")
    out_json = tmp_path / "r.json"
    assert bench.main(["--install", "--quick", "--only", "hash", "--json", str(out_json)]) == 0
    captured = capsys.readouterr()
    assert "WARNING" in captured.err
    assert "not comparable" in captured.err
    assert "**WARNING" in captured.out
    assert "build: NOT optimized" in captured.out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["build"]["optimized"] is False
    assert "not comparable" in data["build"]["warning"]


# --- --install ------------------------------------------------------------------


@pytest.mark.slow
def test_install_run_has_every_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import uuid

    from oruuid import _install

    slower, verified = _install._SLOWER, _install._verified
    out_json = tmp_path / "install.json"
    assert bench.main(["--install", "--quick", "--json", str(out_json)]) == 0
    # The forced run puts back install()'s own state.
    assert _install._SLOWER is slower
    assert _install._verified is verified
    assert not _install.installed()

    table = capsys.readouterr().out
    assert "| operation | path | stdlib ns |" in table
    assert "Suggested `_SLOWER` entry" in table
    data = json.loads(out_json.read_text(encoding="utf-8"))
    build = data["build"]
    for key in ("enable_optimizations", "with_lto", "py_debug", "free_threading", "optimized"):
        assert key in build
    assert build["version"]
    assert build["implementation"]

    rows = {r["operation"]: r for r in data["install"]["rows"]}
    props = bench._patched_properties()
    expected = {f"u.{p}": p for p in props}
    expected.update({f"u.time ({v})": "time" for v in ("v1", "v6", "v7")})
    expected.update(
        {
            "UUID(text)": "call",
            "UUID(bytes=...)": "call",
            "UUID(int=...)": "call",
            "str(u)": "str",
            "hash(u)": "hash",
            "u == w": "compare",
            "u < w": "compare",
        }
    )
    for name in ("uuid1", "uuid4", "uuid6", "uuid7", "uuid8"):
        expected[f"uuid.{name}()"] = name
    for name in ("uuid3", "uuid5"):
        expected[f'uuid.{name}(uuid.NAMESPACE_DNS, "python.org")'] = name
    assert set(rows) == set(expected)
    for op, path in expected.items():
        row = rows[op]
        assert row["path"] == path, op
        assert f"| {op} | {path} |" in table
        assert row["after_ns"] > 0
        assert row["installed_here"].startswith(("yes", "no"))
        function = path.startswith("uuid")
        if function and not hasattr(uuid, path):  # added by install(): nothing to compare
            assert row["before_ns"] is None
            assert row["verdict"] == "new"
        else:
            assert row["before_ns"] > 0
            assert row["speedup"] > 0
            assert row["speedup_q1"] <= row["speedup"] <= row["speedup_q3"]
            assert row["verdict"] in ("slower", "faster", "noise", "not native")
    # Both contenders appear in the plain rows too, each tagged with its path.
    cells = {(r["operation"], r["contender"]) for r in data["rows"]}
    assert ("hash(u)", "stdlib") in cells
    assert ("hash(u)", "oruuid.install()") in cells
    assert all("path" in r for r in data["rows"])
    suggested = set(data["install"]["suggested_slower"])
    assert suggested <= set(props) | {"call", "str", "hash", "compare"}

    # The saved run prints the same table again.
    assert bench.main(["--from-json", str(out_json)]) == 0
    again = capsys.readouterr().out
    assert "| u.time (v7) | time |" in again
    assert "Suggested `_SLOWER` entry" in again


def test_install_forces_paths_left_out_by_slower(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import oruuid
    from oruuid import _install

    here = sys.version_info[:2]
    monkeypatch.setattr(_install, "_SLOWER", {here: frozenset({"hash", "hex"})})
    # A cached check made under that _SLOWER leaves hash and hex out of _verified.
    monkeypatch.setattr(_install, "_verified", None)
    oruuid.install()
    oruuid.uninstall()
    assert _install._verified is not None
    assert "hash" not in _install._verified[1]

    with bench._every_native_path() as paths:
        assert paths.here is not None
        assert paths.forced is not None
        assert "hash" not in paths.here
        assert "hex" not in paths.here
        assert {"hash", "hex"} <= paths.forced
        assert paths.slower == {"hash", "hex"}
    assert {here: frozenset({"hash", "hex"})} == _install._SLOWER

    out_json = tmp_path / "forced.json"
    argv = ["--install-only", "--quick", "--only", "hash,hex,str", "--json", str(out_json)]
    assert bench.main(argv) == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    rows = {r["operation"]: r for r in data["install"]["rows"]}
    assert set(rows) == {"hash(u)", "u.hex", "str(u)"}
    assert rows["hash(u)"]["installed_here"] == "no (_SLOWER)"
    assert rows["u.hex"]["installed_here"] == "no (_SLOWER)"
    assert rows["str(u)"]["installed_here"] == "yes"
    assert all(r["native_when_forced"] for r in rows.values())
    assert data["install"]["slower_now"] == ["hash", "hex"]


def test_false_slower_chance() -> None:
    # The sign test behind "slower": under 1% with a full run's 25 rounds.
    assert bench._false_slower_chance(25) < 0.01
    assert bench._false_slower_chance(5) == pytest.approx(6 / 32)


# --- what each row returns, checked at run time -------------------------------------


class _OwnUUID:
    """A peer's own UUID class: not a uuid.UUID, with an ``int`` attribute."""

    def __init__(self, value: int) -> None:
        self.int = value


class _SubUUID(uuid.UUID):
    pass


def _v7(ms: int, counter: int) -> int:
    """A version-7 value at ``ms`` with ``counter`` in rand_a and rand_b's top bits."""
    return (
        (ms << 80)
        | (7 << 76)
        | ((counter >> 30) << 64)
        | (2 << 62)
        | ((counter & (2**30 - 1)) << 32)
    )


def _sequence(values: list[Any]) -> Callable[[], Any]:
    it = itertools.cycle(values)
    return lambda: next(it)


def _checks(*rows: bench.Entry, sample: int = 50) -> dict[tuple[str, str], Any]:
    return semantics(rows, sample)


def test_semantics_type_of_each_kind() -> None:
    value = uuid.UUID(int=_v7(1, 1))
    fakes = {
        "exact": lambda: uuid.UUID(int=value.int),
        "sub": lambda: _SubUUID(int=value.int),
        "own": lambda: _OwnUUID(value.int),
        "text": lambda: str(value),
        "raw": lambda: value.bytes,
    }
    checks = _checks(*(bench.Entry("parse", k, fn) for k, fn in fakes.items()))
    assert checks[("parse", "exact")]["returns"] == "exact"
    assert checks[("parse", "sub")]["returns"] == "subclass"
    assert checks[("parse", "sub")]["type"].endswith("_SubUUID")
    assert checks[("parse", "own")]["returns"] == "own"
    assert checks[("parse", "own")]["type"].endswith("_OwnUUID")
    assert checks[("parse", "text")]["returns"] == "str"
    assert checks[("parse", "raw")]["returns"] == "bytes"
    # Each read as its 128 bits: none is the parsed text, so every value is wrong.
    assert all(c["value_ok"] is False for c in checks.values())
    assert describe(checks[("parse", "exact")]) == "exact uuid.UUID; WRONG VALUE"
    assert describe(checks[("parse", "own")], short=True) == "own; WRONG VALUE"


def test_semantics_of_the_real_contenders() -> None:
    rows = [e for e in bench.entries(batch=4) if e.operation in ("uuid4", "uuid7", "parse")]
    checks = semantics(rows, 200)
    for op in ("uuid4", "uuid7", "parse"):
        assert checks[(op, "oruuid")]["returns"] == "exact", op
    assert checks[("parse", "oruuid")]["value_ok"] is True
    assert checks[("parse", "stdlib")]["value_ok"] is True
    assert checks[("uuid4", "oruuid")]["version_ok"] is True
    assert checks[("uuid4", "oruuid")]["duplicates"] == 0
    assert checks[("uuid4", "oruuid")]["sample"] == 200
    assert "monotonic" not in checks[("uuid4", "oruuid")]  # not a time-ordered version
    assert checks[("uuid7", "oruuid")]["monotonic"] is True
    assert checks[("uuid7", "oruuid")]["decreases"] == 0
    if importlib.util.find_spec("uuid_utils") is not None:
        assert checks[("uuid4", "uuid_utils")]["returns"] == "own"
        assert checks[("uuid4", "uuid_utils.compat")]["returns"] == "exact"
    # Rows that are statements or batches are not checked.
    assert all(e.fn is not None for e in rows if (e.operation, e.contender) in checks)


def test_semantics_catches_a_generator_that_is_not_monotonic() -> None:
    # Half the steps go down, as a uuid7 whose tail is random within a millisecond.
    down = [uuid.UUID(int=_v7(5, c)) for c in (10, 3, 12, 1, 40, 2)]
    steady = [uuid.UUID(int=_v7(5, c)) for c in range(6)]
    stays = [uuid.UUID(int=_v7(5, c)) for c in (1, 1, 2, 3, 4, 5)]
    checks = _checks(
        bench.Entry("uuid7", "down", _sequence(down)),
        bench.Entry("uuid7", "steady", _sequence(steady)),
        bench.Entry("uuid7", "stays", _sequence(stays)),
        sample=6,
    )
    bad = checks[("uuid7", "down")]
    assert bad["monotonic"] is False
    assert (bad["decreases"], bad["repeats"], bad["sample"]) == (3, 0, 6)
    assert bad["version_ok"] is True
    assert "NOT monotonic: 3 of 5 steps down (60%)" in describe(bad)
    assert describe(bad, short=True) == "NOT monotonic"
    good = checks[("uuid7", "steady")]
    assert good["monotonic"] is True
    assert (good["decreases"], good["repeats"], good["duplicates"]) == (0, 0, 0)
    assert describe(good) == "exact uuid.UUID; monotonic (5 steps)"
    assert describe(good, short=True) == ""
    # A value repeated is no step up either, and a duplicate.
    same = checks[("uuid7", "stays")]
    assert (same["monotonic"], same["repeats"], same["duplicates"]) == (False, 1, 1)
    assert describe(same).endswith("1 duplicates")


def test_semantics_catches_wrong_versions_duplicates_and_errors() -> None:
    v4 = [uuid.UUID(int=(2**128 - 1) & ~(0xF << 76) & ~(3 << 62) | (4 << 76) | (2 << 62))] * 2
    v7_as_v4 = [uuid.UUID(int=_v7(1, c)) for c in range(4)]
    own_v4 = [_OwnUUID(u.int) for u in v4]

    def boom() -> uuid.UUID:
        raise RuntimeError("no entropy")

    checks = _checks(
        bench.Entry("uuid4", "repeats", _sequence(v4)),
        bench.Entry("uuid4", "wrong", _sequence(v7_as_v4)),
        bench.Entry("uuid4", "own", _sequence(own_v4)),
        bench.Entry("uuid4", "boom", boom),
        bench.Entry("uuid4", "unreadable", object),
        sample=8,
    )
    assert checks[("uuid4", "repeats")]["duplicates"] == 7
    assert checks[("uuid4", "repeats")]["version_ok"] is True
    assert checks[("uuid4", "wrong")]["version_ok"] is False
    assert "WRONG VERSION/VARIANT" in describe(checks[("uuid4", "wrong")])
    assert checks[("uuid4", "own")]["returns"] == "own"
    assert checks[("uuid4", "own")]["duplicates"] == 7
    assert checks[("uuid4", "boom")] == {
        "returns": "error",
        "error": "RuntimeError: no entropy",
    }
    assert checks[("uuid4", "unreadable")]["error"] == "results not readable as 128 bits"


def test_semantics_run_under_the_rows_context() -> None:
    # The patched rows (oruuid.install(), uuideal.install()) are checked as they are timed.
    seen: list[bool] = []

    @contextlib.contextmanager
    def flag() -> Iterator[None]:
        seen.append(True)
        yield

    checks = _checks(bench.Entry("parse", "patched", uuid.UUID, ("{" + TEXT + "}",), context=flag))
    assert seen == [True]
    assert checks[("parse", "patched")]["value_ok"] is True


def test_report_puts_semantics_beside_the_speed() -> None:
    down = [uuid.UUID(int=_v7(5, c)) for c in (10, 3, 12, 1)]
    rows = [
        bench.Entry("uuid7", "oruuid", _sequence([uuid.UUID(int=_v7(5, c)) for c in range(4)])),
        bench.Entry("uuid7", "fake_peer", _sequence([_OwnUUID(u.int) for u in down])),
    ]
    checks = semantics(rows, 4)
    results = [bench.Result(e, 1, [10.0 + i]) for i, e in enumerate(rows)]
    data = bench.report(results, 0, checks)
    assert data["rows"][1]["semantics"]["monotonic"] is False
    table = bench.markdown(data)
    assert "| returns, as checked |" in table
    assert "| uuid7 | oruuid | 10.0 | 10.0–10.0 | exact uuid.UUID; monotonic (3 steps) |" in table
    assert (
        "own type tests.python.test_bench._OwnUUID" in table
        or "own type test_bench._OwnUUID" in table
    )
    assert "NOT monotonic: 2 of 3 steps down (67%)" in table
    grid = bench.markdown(json.loads(json.dumps(data)), "grid")  # as --from-json reads it
    assert "| uuid7 | 10.0 | 11.0 [own; NOT monotonic] |" in grid
    assert "cells with no mark return exact" in grid


def test_run_reports_semantics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_json = tmp_path / "sem.json"
    argv = ["--quick", "--only", "uuid7,parse", "--sample", "300", "--json", str(out_json)]
    assert bench.main(argv) == 0
    table = capsys.readouterr().out
    assert "| uuid7 | oruuid |" in table
    assert "exact uuid.UUID; monotonic (299 steps)" in table
    data = json.loads(out_json.read_text(encoding="utf-8"))
    cells = {(r["operation"], r["contender"]): r for r in data["rows"]}
    assert cells[("uuid7", "oruuid")]["semantics"]["sample"] == 300
    assert cells[("parse", "oruuid")]["semantics"]["value_ok"] is True
    assert "semantics" not in cells[("floor", "object()")]
    with pytest.raises(SystemExit) as exc:
        bench.main(["--sample", "1"])
    assert exc.value.code == 2


# The peers added by issue 24, each where installed: (contender, module, its uuid7).
_PEERS = [
    ("uuideal", "uuideal", "uuid7"),
    ("hyperuuid", "hyperuuid", "new_v7"),
    ("lastuuid", "lastuuid", "uuid7"),
    ("uuid7_standard", "uuid7", "create"),
    ("c_uuid_v7", "c_uuid_v7", "uuid7"),
    ("c_uuid_v7.compat", "c_uuid_v7.compat", "uuid7"),
    ("uuid7_rs", "uuid7_rs", "uuid7"),
    ("uuid7_rs.compat", "uuid7_rs.compat", "uuid7"),
    ("fastuuid7", "fastuuid7", "uuid7"),
    ("fastuuidv7", "fastuuidv7", "uuid7"),
]


@pytest.mark.parametrize(("key", "module", "name"), _PEERS)
def test_each_installed_peer_is_a_uuid7_contender(key: str, module: str, name: str) -> None:
    peer = pytest.importorskip(module)
    fn = getattr(peer, name, None)
    if fn is None:
        pytest.skip(f"`{module}` here has no {name}: another package's module")
    assert key in bench.CONTENDERS
    rows = [e for e in bench.entries(batch=4) if e.contender == key and e.operation == "uuid7"]
    assert len(rows) == 1
    check = semantics(rows, 5_000)[("uuid7", key)]
    assert check["version_ok"] is True
    assert check["duplicates"] == 0
    # Against the peer's own function, called here: the same class, and the same order.
    # (As measured in December 2026: fastuuidv7's uuid7() and uuid7-standard's create()
    # go down at about half of the steps; c-uuid-v7, uuid7-rs and fastuuidv7 return their
    # own types, fastuuid7 a subclass, the others exact uuid.UUID.)
    values = [fn() for _ in range(5_000)]
    cls = type(values[0])
    kind = "exact" if cls is uuid.UUID else "subclass" if issubclass(cls, uuid.UUID) else "own"
    assert check["returns"] == kind
    bits = [v.int for v in values]
    assert check["monotonic"] == all(a < b for a, b in itertools.pairwise(bits))
