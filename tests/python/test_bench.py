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


def test_quick_run_writes_json_and_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    out_json, out_png = tmp_path / "r.json", tmp_path / "r.png"
    assert bench.main(["--quick", "--json", str(out_json), "--plot", str(out_png)]) == 0

    table = capsys.readouterr().out
    assert "| operation | contender | ns/call |" in table
    assert "| uuid4 | oruuid |" in table

    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["python"] and data["cpu"]
    assert "oruuid" in data["contenders"] and "stdlib" in data["contenders"]
    assert data["rows"], "no rows"
    for row in data["rows"]:
        assert row["contender"] in data["contenders"] or row["operation"] == bench.FLOOR
        for key in ("ns", "q1", "q3", "min", "max"):
            assert isinstance(row[key], float) and math.isfinite(row[key]) and row[key] > 0, row
        assert row["q1"] <= row["ns"] <= row["q3"]
    cells = {(r["operation"], r["contender"]) for r in data["rows"]}
    assert ("uuid4", "oruuid") in cells and ("uuid4", "stdlib") in cells
    assert ("floor", "object()") in cells

    png = out_png.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


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
    assert "uuid7" in ops and all(op == "floor" or op.startswith("uuid7") for op in ops)


def test_bad_arguments_exit_2() -> None:
    with pytest.raises(SystemExit) as exc:
        bench.main(["--batch", "0"])
    assert exc.value.code == 2
