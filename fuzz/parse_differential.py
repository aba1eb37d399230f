"""fuzz/parse_differential.py: differential fuzzing of oruuid.parse against uuid.UUID(str).

Each input's bytes are read as text twice (UTF-8 with surrogateescape, so any byte
string is a str, lone surrogates included; and latin-1), and both functions must
agree on each: the same exception type, or equal exact ``uuid.UUID`` results.

    python fuzz/parse_differential.py [libFuzzer flags] [corpus dirs]   # with atheris
    python fuzz/parse_differential.py --hypothesis SECONDS              # without it

``fuzz/run`` runs it with atheris when that installs, else with hypothesis. The
regression test (tests/python/test_reliability_fuzz.py) replays the seed corpus and
every input the fuzzer ever found through ``check``.
"""

import sys
import time
import uuid


def outcome(fn, text):
    """What ``fn(text)`` does: the exception type, or the result's observable state."""
    try:
        u = fn(text)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc))
    return ("returned", type(u), type(u.int), u.int, u.is_safe)


def texts(data):
    """The str forms of one fuzz input."""
    return (data.decode("utf-8", "surrogateescape"), data.decode("latin-1"))


def check(data, parse=None):
    """Raises AssertionError when oruuid.parse and uuid.UUID disagree on ``data``."""
    if parse is None:
        import oruuid

        parse = oruuid.parse
    for text in texts(data):
        ours, theirs = outcome(parse, text), outcome(uuid.UUID, text)
        if ours != theirs:
            raise AssertionError(f"oruuid.parse({text!r}) -> {ours}, uuid.UUID -> {theirs}")


def _near_uuid_strategy():
    """Texts close to a UUID: canonical forms with characters the stdlib treats specially."""
    from hypothesis import strategies as st

    specials = st.sampled_from(
        [
            "-",
            "{",
            "}",
            "urn:",
            "uuid:",
            "urn:uuid:",
            "URN:",
            "+",
            "_",
            " ",
            "\t",
            "0x",
            "\u0663",
            "\uff11",
            "\udcff",
            "\x00",
            "g",
            "G",
            "é",
        ]
    )

    @st.composite
    def mutated(draw):
        u = uuid.UUID(int=draw(st.integers(0, (1 << 128) - 1)))
        text = draw(st.sampled_from([str(u), u.hex, f"{{{u}}}", u.urn, str(u).upper()]))
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(text)))
            op = draw(st.integers(0, 2))
            piece = draw(specials)
            if op == 0:
                text = text[:at] + piece + text[at:]
            elif op == 1:
                text = text[:at] + piece + text[at + 1 :]
            else:
                text = text[:at] + text[at + 1 :]
        return text.encode("utf-8", "surrogateescape")

    return st.one_of(
        st.binary(max_size=64),
        st.text(max_size=64).map(lambda s: s.encode("utf-8", "surrogatepass")),
        mutated(),
    )


def run_hypothesis(seconds):
    """Checks random and near-UUID inputs until ``seconds`` have passed; returns the count."""
    from hypothesis import HealthCheck, Phase, given, settings

    runs = 0

    @settings(
        max_examples=1000,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(_near_uuid_strategy())
    def one_batch(data):
        nonlocal runs
        runs += 1
        check(data)

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        one_batch()
    return runs


def main(argv):
    if len(argv) >= 2 and argv[1] == "--hypothesis":
        seconds = float(argv[2]) if len(argv) > 2 else 60.0
        runs = run_hypothesis(seconds)
        print(f"parse_differential (hypothesis): {runs} inputs in {seconds:.0f} s, no difference")
        return 0

    import atheris

    # Coverage of oruuid's Python layer: _compat, the stdlib-exact slow paths, is
    # otherwise imported lazily from C, after instrumentation would have ended.
    with atheris.instrument_imports():
        import oruuid
        import oruuid._compat
    # The stdlib's side too: its branches (prefixes, braces, length) guide the search.
    atheris.instrument_func(uuid.UUID.__init__)

    parse = oruuid.parse

    def one_input(data):
        check(data, parse)

    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
