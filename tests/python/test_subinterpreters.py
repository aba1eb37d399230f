"""oruuid in sub-interpreters: legacy ones (the main GIL shared, as mod_wsgi's application
groups use) and isolated ones (a GIL of their own, CPython 3.12+).

In every interpreter, whichever imported oruuid first and whichever have gone since:

- every public function returns exactly *that* interpreter's ``uuid.UUID``, which
  behaves (str, hex, ==, hash, pickle) and holds the stdlib's value;
- ``install()`` and ``uninstall()`` change only that interpreter's ``uuid`` module and
  class, and the ``ORUUID_INSTALL=1`` start-up hook installs in each interpreter
  that runs ``site``, without a traceback;
- ``uuid7()`` is one process-wide strictly increasing sequence, and nothing repeats
  when isolated interpreters generate in parallel;
- nothing crashes: threads in one legacy sub-interpreter while another has oruuid
  loaded once ended in SIGSEGV on 3.14.

Each test runs a script in a fresh child process (``python -W error``: a warning
fails it), since a crashing sub-interpreter would take pytest down, and checks that
it exits with 0 and prints nothing on stderr. The child's PYTHONPATH is this folder:
it and its sub-interpreters use subinterp.py, which makes sub-interpreters with
whatever API this CPython has and holds the checks run in them.
"""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

import subinterp
from support import needs_wheel_layout

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture(params=subinterp.KINDS)
def kind(request):
    reason = subinterp.unavailable(request.param)
    if reason:
        pytest.skip(reason)
    return request.param


@pytest.fixture
def isolated():
    reason = subinterp.unavailable("isolated")
    if reason:
        pytest.skip(reason)
    return "isolated"


# A child that hangs dumps every thread's stack and exits after this many seconds.
WATCHDOG = 30


def run_child(script, tmp_path, *, kind=None, env_extra=None):
    """Runs ``script`` in a fresh interpreter; returns its stdout once it has exited 0
    with nothing on stderr. A first line ``SKIP: reason`` skips the test."""
    env = {k: v for k, v in os.environ.items() if k not in ("ORUUID_INSTALL", "PYTHONPATH")}
    env["PYTHONPATH"] = HERE
    env.update(env_extra or {})
    code = (
        f"import faulthandler\nfaulthandler.dump_traceback_later({WATCHDOG}, exit=True)\n"
        f"KIND = {kind!r}\n" + textwrap.dedent(script)
    )
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-X", "faulthandler", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=WATCHDOG + 60,
        check=False,
    )
    status = proc.returncode
    if status < 0:
        status = f"killed by {signal.Signals(-status).name}"
    assert proc.returncode == 0, f"child exited with {status}:\n{proc.stderr}"
    assert proc.stderr == "", proc.stderr
    if proc.stdout.startswith("SKIP: "):
        pytest.skip(proc.stdout.splitlines()[0][6:])
    return proc.stdout


# ------------------------------------------------------------ every function


def test_every_function_in_a_sub_interpreter_that_imports_first(kind, tmp_path):
    # The sub-interpreter imports oruuid before the main interpreter, then the main one
    # does, then both again; then the sub-interpreter is destroyed, the main one checks
    # again, and a new sub-interpreter imports oruuid afresh.
    out = run_child(
        """
        import sys
        import subinterp as d

        CHECK = "import subinterp as d\\nresult = d.check_api()"
        sub = d.Interp(KIND)
        first = sub.run(CHECK)
        assert "oruuid" not in sys.modules
        main = d.check_api()
        d.require_api(first, "the sub-interpreter, importing oruuid before the main one")
        d.require_api(main, "the main interpreter, importing oruuid after a sub-interpreter")
        d.require_same_values(first["values"], main["values"], "sub-interpreter vs main")
        d.require_api(sub.run(CHECK), "the sub-interpreter, once the main one has imported")
        sub.close()
        d.require_api(d.check_api(), "the main interpreter after the sub-interpreter went")
        again = d.Interp(KIND)
        d.require_api(again.run(CHECK), "a new sub-interpreter after the first went")
        d.require_api(d.check_api(), "the main interpreter with the new sub-interpreter")
        again.close()
        d.require_api(d.check_api(), "the main interpreter at the end")
        print("checked", len(main["values"]), "values")
        """,
        tmp_path,
        kind=kind,
    )
    assert out.startswith("checked ")


def test_every_function_in_sub_interpreters_after_the_main_one(kind, tmp_path):
    # The usual order: the main interpreter imported oruuid at start-up; then two
    # sub-interpreters at once, each with its own uuid.UUID.
    run_child(
        """
        import subinterp as d

        CHECK = "import subinterp as d\\nresult = d.check_api()"
        main = d.check_api()
        d.require_api(main, "the main interpreter")
        a = d.Interp(KIND)
        ra = a.run(CHECK)
        d.require_api(ra, "the first sub-interpreter")
        b = d.Interp(KIND)
        rb = b.run(CHECK)
        d.require_api(rb, "the second sub-interpreter")
        d.require_api(a.run(CHECK), "the first sub-interpreter, with the second there")
        d.require_same_values(ra["values"], main["values"], "first sub-interpreter vs main")
        d.require_same_values(rb["values"], main["values"], "second sub-interpreter vs main")
        a.close()
        d.require_api(b.run(CHECK), "the second sub-interpreter after the first went")
        b.close()
        d.require_api(d.check_api(), "the main interpreter at the end")
        """,
        tmp_path,
        kind=kind,
    )


# ------------------------------------------------------------ install()


def test_install_and_uninstall_are_per_interpreter(kind, tmp_path):
    run_child(
        """
        import subinterp as d

        d.remember_originals()
        PRELUDE = "import subinterp as d\\nd.remember_originals()\\noruuid = d.import_oruuid()"
        STATE = "result = d.install_state()"
        a = d.Interp(KIND)
        a.exec(PRELUDE)
        b = d.Interp(KIND)
        b.exec(PRELUDE)

        def expect(where, got, want):
            assert got == want, f"{where}: {got} (expected {want})"

        def states(when, main, in_a, in_b):
            expect(f"{when}: main interpreter", d.install_state(), main)
            if in_a is not None:
                expect(f"{when}: sub-interpreter a", a.run(STATE), in_a)
            expect(f"{when}: sub-interpreter b", b.run(STATE), in_b)

        P, I = d.PRISTINE, d.INSTALLED
        a.exec("oruuid.install()")
        import oruuid  # the main interpreter's first import, after a's install()
        states("a installed", P, I, P)
        oruuid.install()
        states("a and main installed", I, I, P)
        b.exec("oruuid.install()")
        states("all installed", I, I, I)
        a.exec("oruuid.uninstall()")
        states("a uninstalled", I, P, I)
        oruuid.uninstall()
        states("main uninstalled", P, P, I)
        a.exec("oruuid.install()")
        a.exec("oruuid.install()")  # idempotent
        states("a installed again", P, I, I)
        a.close()  # while installed
        states("a destroyed while installed", P, None, I)
        d.require_api(d.check_api(), "the main interpreter after a went")
        oruuid.install()
        states("main installed after a went", I, None, I)
        b.exec("oruuid.uninstall()")
        states("b uninstalled", I, None, P)
        c = d.Interp(KIND)
        c.exec(PRELUDE)
        expect("a new sub-interpreter", c.run(STATE), P)
        c.exec("oruuid.install()")
        expect("a new sub-interpreter, installed", c.run(STATE), I)
        b.close()
        c.close()  # installed
        expect("main after every sub-interpreter went", d.install_state(), I)
        oruuid.uninstall()
        expect("main uninstalled at the end", d.install_state(), P)
        d.require_api(d.check_api(), "the main interpreter at the end")
        """,
        tmp_path,
        kind=kind,
    )


@needs_wheel_layout
def test_install_hook_runs_in_every_interpreter(kind, tmp_path):
    # ORUUID_INSTALL=1: the oruuid_install.pth hook installs in each interpreter that
    # runs site, sub-interpreters included, with no "Error processing line" on stderr.
    run_child(
        """
        import sys
        import subinterp as d

        STATE = "import subinterp as d\\nresult = [d.hook_state(), d.check_api()]"
        main = d.hook_state()
        assert main == d.HOOKED, f"main interpreter: {main}"
        a = d.Interp(KIND)
        got, report = a.run(STATE)
        if not got["site"]:
            print(f"SKIP: {KIND} sub-interpreters do not run site on this Python")
            sys.exit(0)
        assert got == d.HOOKED, f"{KIND} sub-interpreter: {got}"
        d.require_api(report, f"{KIND} sub-interpreter, installed by the hook")
        b = d.Interp(KIND)
        got, report = b.run(STATE)
        assert got == d.HOOKED, f"second {KIND} sub-interpreter: {got}"
        d.require_api(report, f"second {KIND} sub-interpreter, installed by the hook")
        d.require_api(d.check_api(), "main interpreter, installed by the hook")
        a.close()
        got, report = b.run(STATE)
        assert got == d.HOOKED, f"second {KIND} sub-interpreter after the first went: {got}"
        d.require_api(report, f"second {KIND} sub-interpreter after the first went")
        b.close()
        assert d.hook_state() == d.HOOKED
        d.require_api(d.check_api(), "main interpreter after the sub-interpreters went")
        """,
        tmp_path,
        kind=kind,
        env_extra={"ORUUID_INSTALL": "1"},
    )


# ------------------------------------------------------------ one sequence, no repeats


def test_uuid7_and_uuid6_are_one_sequence_across_interpreters(kind, tmp_path):
    # Two sub-interpreters and the main one take turns from one thread, many times in
    # the same millisecond: the merged sequence strictly increases (uuid7 and uuid6
    # order is process-wide, not per interpreter).
    run_child(
        """
        import subinterp as d

        subs = [d.Interp(KIND), d.Interp(KIND)]
        for s in subs:
            s.exec("import subinterp as d\\noruuid = d.import_oruuid()\\nV7 = []\\nV6 = []")
        import oruuid
        mine = [[], []]
        turns = []
        for i in range(600):
            who = i % 3 if i < 300 else (i * 7) % 3
            if who < 2:
                subs[who].exec("V7.append(oruuid.uuid7().hex)\\nV6.append(oruuid.uuid6().hex)")
            else:
                mine[0].append(oruuid.uuid7().hex)
                mine[1].append(oruuid.uuid6().hex)
            turns.append(who)
        made = [s.run("result = [V7, V6]") for s in subs] + [mine]
        for kind_index, name in ((0, "uuid7"), (1, "uuid6")):
            positions = [0, 0, 0]
            merged = []
            for who in turns:
                merged.append((who, made[who][kind_index][positions[who]]))
                positions[who] += 1
            assert positions == [len(m[kind_index]) for m in made]
            for (w1, x), (w2, y) in zip(merged, merged[1:]):
                assert x < y, f"{name}: {x} (interpreter {w1}) then {y} (interpreter {w2})"
        for s in subs:
            s.close()
        """,
        tmp_path,
        kind=kind,
    )


N_PER_INTERP = 20_000


def test_isolated_interpreters_in_parallel_repeat_nothing(isolated, tmp_path):
    # Four isolated interpreters, each on its own thread with its own GIL, and the main
    # one, all generating at once. (Each thread makes, runs and destroys its own
    # interpreter: CPython 3.12.1 hangs destroying one that another thread ran.)
    run_child(
        f"""
        import threading
        import subinterp as d

        N = {N_PER_INTERP}
        IMPORT = "import subinterp as d, uuid\\noruuid = d.import_oruuid()"
        first = d.Interp("isolated")  # any failure to import, alone
        first.exec(IMPORT)
        first.close()
        barrier = threading.Barrier(5)
        results = [None] * 5
        errors = []

        def work(i):
            try:
                sub = d.Interp("isolated")
                try:
                    sub.exec(IMPORT)
                    barrier.wait()
                    results[i] = sub.run(f"result = d.generate_hex({{N}})")
                finally:
                    sub.close()
            except BaseException as e:
                errors.append(e)
                barrier.abort()

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        import oruuid
        try:
            barrier.wait()
            results[4] = d.generate_hex(N)
        except threading.BrokenBarrierError:
            pass
        for t in threads:
            t.join()
        real = [e for e in errors if not isinstance(e, threading.BrokenBarrierError)]
        assert not errors, "\\n".join(map(str, real or errors))
        ids = [r[0] for r in results]
        assert len(set(ids)) == 5 and ids[4] == 0, ids
        seen = set()
        for ident, v7, v4, wrong in results:
            assert wrong == 0, f"interpreter {{ident}}: {{wrong}} results not its uuid.UUID"
            v7, v4 = d.split16(bytes.fromhex(v7)), d.split16(bytes.fromhex(v4))
            assert len(v7) == len(v4) == N
            assert all(b[6] >> 4 == 7 for b in v7) and all(b[6] >> 4 == 4 for b in v4)
            assert all(x < y for x, y in zip(v7, v7[1:])), (
                f"interpreter {{ident}}: uuid7 not increasing")
            seen.update(v7)
            seen.update(v4)
        assert len(seen) == 5 * 2 * N, f"{{5 * 2 * N - len(seen)}} duplicates"
        """,
        tmp_path,
    )


def test_interpreter_pool_executor(tmp_path):
    # CPython 3.14's public way: concurrent.futures.InterpreterPoolExecutor, whose workers
    # are isolated interpreters that receive subinterp.generate by name.
    import concurrent.futures

    if not hasattr(concurrent.futures, "InterpreterPoolExecutor"):
        pytest.skip("concurrent.futures.InterpreterPoolExecutor needs CPython 3.14+")
    run_child(
        f"""
        from concurrent.futures import InterpreterPoolExecutor
        import subinterp as d

        N = {N_PER_INTERP}
        with InterpreterPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(d.generate, N) for _ in range(8)]
            results = [f.result() for f in futures]
        seen = set()
        for ident, v7, v4, wrong in results:
            assert ident != 0, "ran in the main interpreter"
            assert wrong == 0, f"interpreter {{ident}}: {{wrong}} results not its uuid.UUID"
            v7 = d.split16(v7)
            assert all(x < y for x, y in zip(v7, v7[1:])), (
                f"interpreter {{ident}}: uuid7 not increasing")
            seen.update(v7)
            seen.update(d.split16(v4))
        assert len(seen) == 8 * 2 * N, f"{{8 * 2 * N - len(seen)}} duplicates"
        """,
        tmp_path,
    )


# ------------------------------------------------------------ crashes


THREADS_IN_SUB = """
import threading, uuid, oruuid
bad = []
def work():
    try:
        ctx = oruuid.ContextV7()
        for _ in range(2000):
            for u in (oruuid.uuid4(), oruuid.uuid7(), ctx.uuid7(), oruuid.uuid1(),
                      oruuid.parse(str(oruuid.uuid4())),
                      oruuid.from_ulid(oruuid.to_ulid(oruuid.uuid6()))):
                if type(u) is not uuid.UUID:
                    bad.append(f"{type(u)!r} is not {uuid.UUID!r}")
                    return
        if len(set(oruuid.uuid4_many(1000, format="str"))) != 1000:
            bad.append("uuid4_many repeated itself")
    except BaseException as e:
        bad.append(repr(e))
threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
result = bad
"""


def test_threads_in_two_legacy_sub_interpreters_do_not_crash(tmp_path):
    # Legacy sub-interpreters a and b both have oruuid loaded; threads use it in a
    # (made, run and destroyed on a second thread) while threads use it in b, and in
    # the main interpreter later. (This once ended in SIGSEGV on 3.14.)
    reason = subinterp.unavailable("legacy")
    if reason:
        pytest.skip(reason)
    run_child(
        f"""
        import threading
        import subinterp as d

        CODE = {THREADS_IN_SUB!r}
        found = {{}}
        a_ready, b_done = threading.Event(), threading.Event()
        errors = []

        def in_a():
            try:
                a = d.Interp("legacy")
                try:
                    a.exec("import uuid, oruuid")
                    a_ready.set()
                    found["a"] = a.run(CODE)
                    b_done.wait(30)
                    found["a again"] = a.run(CODE)
                finally:
                    a.close()
            except BaseException as e:
                errors.append(e)
            finally:
                a_ready.set()

        b = d.Interp("legacy")
        other = threading.Thread(target=in_a)
        other.start()
        a_ready.wait(30)
        b.exec("import uuid, oruuid")
        found["b"] = b.run(CODE)
        b_done.set()
        other.join()
        assert not errors, errors[0]
        import uuid, oruuid
        u = oruuid.uuid7()
        assert type(u) is uuid.UUID, (
            f"main interpreter: {{d.describe_type(type(u))}}, not {{d.describe_type(uuid.UUID)}}")
        found["main"] = d.run_here(CODE)
        found["b again"] = b.run(CODE)
        b.close()
        found["main again"] = d.run_here(CODE)
        want = ("a", "a again", "b", "main", "b again", "main again")
        assert found == dict.fromkeys(want, []), found
        """,
        tmp_path,
    )
