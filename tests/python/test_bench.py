"""The benchmark command runs end to end in --quick mode: table, JSON and PNG (no timing checks)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from oruuid import bench


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
