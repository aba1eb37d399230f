"""Replays the differential fuzzer's seeds and every input it ever found through its own check.

The check (fuzz/parse_differential.py) compares ``oruuid.parse`` with ``uuid.UUID`` on
an input's bytes read as UTF-8 (surrogateescape) and as latin-1. Inputs a fuzzer
found go to fuzz/regressions/<target>/ and are replayed here for ever; the C++
parser's seeds too, since every text is fair input for the Python side.
tests/cpp/test_reliability_fuzz_regressions.cpp replays the C++ target's.
"""

import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FUZZ = ROOT / "fuzz"


def _load_differential():
    spec = importlib.util.spec_from_file_location(
        "parse_differential", FUZZ / "parse_differential.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


differential = _load_differential()


def _inputs():
    paths = []
    for kind in ("corpus", "regressions"):
        for target in ("parse_differential", "parse"):
            folder = FUZZ / kind / target
            if folder.is_dir():
                paths += sorted(
                    p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                )
    return paths


INPUTS = _inputs()


def test_the_seed_corpus_is_there():
    assert len([p for p in INPUTS if p.parent.name == "parse_differential"]) >= 20


@pytest.mark.parametrize(
    "path", INPUTS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}"
)
def test_replay(path):
    differential.check(path.read_bytes())


def test_the_check_catches_a_difference():
    """The oracle is not vacuous: a parse that is wrong in one case is caught."""
    import oruuid

    def off_by_one(text):
        u = oruuid.parse(text)
        return oruuid.from_int(u.int ^ 1) if text.startswith("0") else u

    with pytest.raises(AssertionError):
        differential.check(b"00000000-0000-0000-0000-000000000000", parse=off_by_one)
    with pytest.raises(AssertionError):  # accepting what the stdlib rejects
        differential.check(b"x" * 32, parse=lambda text: oruuid.NIL)
