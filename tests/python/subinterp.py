"""Sub-interpreters and the checks run in them, for test_subinterpreters.py's child processes.

Each test of test_subinterpreters.py runs a script in a fresh ``python`` whose
PYTHONPATH is this folder, so that a sub-interpreter that crashes takes only that
child down. The child's main interpreter and its sub-interpreters import this
module, each its own copy: at the top it imports only the stdlib's ``json``, ``os``,
``sys`` and ``tempfile``, never ``uuid`` or ``oruuid``, so each interpreter imports those
when a check says so.

Kinds of sub-interpreter:

- ``legacy``: shares the main interpreter's GIL and allocator and loads any
  extension (``Py_NewInterpreter()``; what mod_wsgi's application groups are);
- ``isolated``: its own GIL, and only extensions that declare
  ``Py_MOD_PER_INTERPRETER_GIL_SUPPORTED`` load (CPython 3.12+).

Made with ``_xxsubinterpreters`` on 3.11 and 3.12, ``_interpreters`` on 3.13, and from
3.14 with ``concurrent.interpreters`` (isolated) or ``_interpreters`` with the
``"legacy"`` config.
"""

import itertools
import json
import os
import sys
import tempfile

KINDS = ("legacy", "isolated")
# The kind of the interpreter running this copy of the module ("main" in the main one),
# set by Interp.
THIS_KIND = "main"


def _api_module(kind):
    """The module that makes sub-interpreters of that kind on this Python."""
    if sys.version_info >= (3, 14) and kind == "isolated":
        return "concurrent.interpreters"
    if sys.version_info >= (3, 13):
        return "_interpreters"
    return "_xxsubinterpreters"


def unavailable(kind):
    """Why this Python cannot make a sub-interpreter of that kind, or None if it can."""
    import importlib.util

    if kind not in KINDS:
        raise ValueError(kind)
    if kind == "isolated" and sys.version_info < (3, 12):
        return "isolated sub-interpreters (a GIL of their own) need CPython 3.12+"
    name = _api_module(kind)
    try:
        found = importlib.util.find_spec(name) is not None
    except ImportError:
        found = False
    return None if found else f"this CPython has no {name} module"


# uuid.uuid3/uuid5 of NAMESPACE_DNS and these names, from the stdlib, for where its own
# uuid3/uuid5 cannot run (hashlib_unsafe()).
STDLIB_NAMED = {
    (3, "python.org"): "6fa459ea-ee8a-3ca4-894e-db77e160355e",
    (5, "python.org"): "886313e1-3b8a-5372-9b90-0c9aee199e5d",
}


def hashlib_unsafe():
    """Whether importing hashlib here makes the process crash at exit ("double free or
    corruption"): CPython 3.12's isolated sub-interpreters, the plain stdlib included
    (3.13 is fine). oruuid imports it only for a uuid3/uuid5 it cannot hash natively."""
    return THIS_KIND == "isolated" and sys.version_info[:2] == (3, 12)


def datetime_unsafe():
    """Whether importing datetime here could crash the process: in isolated
    sub-interpreters before 3.14, the single-phase _datetime's init function runs before
    the import is refused (CPython gh-117953), and the second interpreter to import
    datetime crashes with a double free (gh-110415); 3.13.0 still does, plain stdlib
    included ("munmap_chunk(): invalid pointer" at exit). 3.14's _datetime is isolated."""
    return THIS_KIND == "isolated" and sys.version_info[:2] < (3, 14)


DATETIME_RULE = (
    "oruuid imported datetime in an isolated sub-interpreter of CPython 3.12/3.13, where the "
    "second interpreter to import datetime crashes the process (_datetime is single-phase "
    "init there; CPython gh-117953, gh-110415): it must import datetime only when a "
    "datetime is asked for"
)


def import_oruuid():
    """``import oruuid``, then (where datetime_unsafe()) a check that it left datetime alone."""
    import oruuid

    if datetime_unsafe():
        assert "datetime" not in sys.modules, DATETIME_RULE
    return oruuid


class SubinterpreterError(Exception):
    """Code run in a sub-interpreter raised; the message is its traceback there."""


# Runs a snippet in the sub-interpreter's __main__ (so names persist from one snippet to
# the next), and writes what it left in ``result``, or its traceback, to a file.
_WRAPPER = """\
import json as _json, traceback as _traceback
result = None
try:
    exec(compile({code!r}, "<in {label}>", "exec"))
    _out = {{"result": result}}
except BaseException:
    _out = {{"error": _traceback.format_exc()}}
with open({path!r}, "w") as _f:
    _json.dump(_out, _f)
del _json, _traceback, _out, _f, result
"""


class Interp:
    """A sub-interpreter of one kind, made now; ``close()`` destroys it."""

    def __init__(self, kind):
        reason = unavailable(kind)
        if reason:
            raise RuntimeError(reason)
        self.kind = kind
        self._public = None
        if sys.version_info >= (3, 14) and kind == "isolated":
            from concurrent import interpreters

            self._public = interpreters.create()
            self.id = int(self._public.id)
        elif sys.version_info >= (3, 13):
            import _interpreters

            self._api = _interpreters
            self._handle = _interpreters.create(kind)
        else:
            import _xxsubinterpreters

            self._api = _xxsubinterpreters
            # An InterpreterID: the interpreter lives while such an object does.
            self._handle = _xxsubinterpreters.create(isolated=kind == "isolated")
        if self._public is None:
            self.id = int(self._handle)
        self.closed = False
        self.exec(
            "import warnings\nwarnings.simplefilter('error')\n"
            f"import subinterp as _d\n_d.THIS_KIND = {kind!r}\ndel _d, warnings\n"
        )

    def __repr__(self):
        return f"<{self.kind} sub-interpreter {self.id}>"

    def exec(self, code):
        """Runs ``code`` in the interpreter's ``__main__``; SubinterpreterError if it raises."""
        if self._public is not None:
            from concurrent.interpreters import ExecutionFailed

            try:
                self._public.exec(code)
            except ExecutionFailed as e:
                raise SubinterpreterError(f"{self!r}: {e}") from None
        elif sys.version_info >= (3, 13):
            info = self._api.exec(self._handle, code)
            if info is not None:  # 3.13+: the exception's snapshot, not raised
                raise SubinterpreterError(f"{self!r}: {info.errdisplay}")
        else:
            try:
                self._api.run_string(self._handle, code)
            except self._api.RunFailedError as e:
                raise SubinterpreterError(f"{self!r}: {e}") from None

    def run(self, code):
        """Runs ``code``, which may set ``result`` to JSON data, and returns that data."""
        fd, path = tempfile.mkstemp(prefix="subinterp-", suffix=".json")
        os.close(fd)
        try:
            self.exec(_WRAPPER.format(code=code, label=repr(self), path=path))
            with open(path) as f:
                out = json.load(f)
        finally:
            os.unlink(path)
        if "error" in out:
            raise SubinterpreterError(f"{self!r}:\n{out['error']}")
        return out["result"]

    def close(self):
        if self.closed:
            return
        self.closed = True
        if self._public is not None:
            self._public.close()
        else:
            self._api.destroy(self._handle)


def run_here(code):
    """``Interp.run`` for the main interpreter: runs ``code`` in ``__main__``; its ``result``."""
    import __main__

    ns = __main__.__dict__
    ns["result"] = None
    exec(compile(code, "<in the main interpreter>", "exec"), ns)
    return ns.pop("result")


def interpreter_id():
    """The running interpreter's id (0 for the main one)."""
    if sys.version_info >= (3, 13):
        import _interpreters

        current = _interpreters.get_current()  # (id, whence)
        return int(current[0] if isinstance(current, tuple) else current)
    import _xxsubinterpreters

    return int(_xxsubinterpreters.get_current())


# --- every public function, in the running interpreter ---------------------------------


class _Checks:
    """Collects failed checks by label instead of stopping at the first."""

    def __init__(self):
        self.failures = []
        self.values = {}

    def __call__(self, label):
        return _Check(self, label)


class _Check:
    def __init__(self, owner, label):
        self.owner, self.label = owner, label

    def __enter__(self):
        return self

    def __exit__(self, tp, exc, tb):
        if exc is not None:
            if not isinstance(exc, Exception):
                return False
            self.owner.failures.append(f"{self.label}: {tp.__name__}: {exc}")
        return True


def describe_type(t):
    return f"{t.__module__}.{t.__qualname__} at {id(t):#x}"


def check_uuid(u, version=None):
    """Raises AssertionError unless ``u`` is exactly this interpreter's uuid.UUID and
    behaves as one: str, hex, repr, ==, hash, bytes, pickle."""
    import pickle
    import uuid

    UUID = uuid.UUID
    assert type(u) is UUID, (
        f"type {describe_type(type(u))}, but this interpreter's uuid.UUID is {describe_type(UUID)}"
    )
    n = u.int
    assert type(n) is int, n
    assert 0 <= n < 1 << 128, n
    s = str(u)
    h = f"{n:032x}"
    assert s == f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}", s
    assert u.hex == h, u.hex
    assert u.bytes == n.to_bytes(16, "big"), u.hex
    assert repr(u) == f"UUID('{s}')", repr(u)
    v = UUID(s)
    assert u == v, s
    assert v == u, s
    assert (u != v) is False, s  # != itself, not the negation of ==
    assert hash(u) == hash(v), s
    assert u != UUID(int=n ^ 1), s
    assert (u < UUID(int=n ^ 1)) == (n < n ^ 1), s
    p = pickle.loads(pickle.dumps(u))
    assert type(p) is UUID, p
    assert p == u, p
    if version is not None:
        assert u.version == version, (s, u.version, u.variant)
        assert u.variant == uuid.RFC_4122, (s, u.version, u.variant)
    return s


def _crockford(n):
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    return "".join(alphabet[(n >> (5 * (25 - i))) & 31] for i in range(26))


def check_api():
    """Calls every public function of oruuid here and checks each result against this
    interpreter's stdlib. Returns ``{"failures": [...], "values": {...}}``: the labels
    of the checks that failed, and the deterministic results as text, for comparing
    interpreters."""
    import pickle
    import uuid

    oruuid = import_oruuid()
    c = _Checks()
    val = c.values
    UUID = uuid.UUID
    ns = uuid.NAMESPACE_DNS
    sample = UUID("a8098c1a-f86e-11da-bd1a-00112444be1e")
    ms = 1_700_000_000_123
    ts = oruuid.Timestamp.from_unix_ms(ms)

    with c("oruuid.UUID is uuid.UUID"):
        assert oruuid.UUID is UUID
        assert oruuid.NAMESPACE_DNS is ns
    with c("NIL, MAX"):
        assert check_uuid(oruuid.NIL) == "00000000-0000-0000-0000-000000000000"
        assert check_uuid(oruuid.MAX) == "ffffffff-ffff-ffff-ffff-ffffffffffff"

    # The generators.
    with c("uuid1()"):
        u = oruuid.uuid1()
        check_uuid(u, 1)
        assert u.node == oruuid.getnode(), (u.node, oruuid.getnode())
    with c("uuid1(node, clock_seq)"):
        u = oruuid.uuid1(0x0123456789AB, 0x1234)
        check_uuid(u, 1)
        assert (u.node, u.clock_seq) == (0x0123456789AB, 0x1234), u
    with c("uuid1(timestamp=)"):
        u = oruuid.uuid1(timestamp=ts)
        check_uuid(u, 1)
        assert u.time == ms * 10_000 + 0x01B21DD213814000, u.time
    with c("uuid3"):
        for name in ("python.org", b"python.org", "\u00e9t\u00e9"):
            u = oruuid.uuid3(ns, name)
            check_uuid(u, 3)
            text = name if isinstance(name, str) else name.decode()
            if hashlib_unsafe():
                assert str(u) == STDLIB_NAMED.get((3, text), str(u)), name
            else:
                assert u == uuid.uuid3(ns, text), name
        val["uuid3"] = str(oruuid.uuid3(ns, "python.org"))
    with c("uuid4()"):
        us = [oruuid.uuid4() for _ in range(100)]
        for u in us:
            check_uuid(u, 4)
        assert len(set(us)) == 100
    with c("uuid5"):
        for name in ("python.org", b"python.org", "\u00e9t\u00e9"):
            u = oruuid.uuid5(ns, name)
            check_uuid(u, 5)
            text = name if isinstance(name, str) else name.decode()
            if hashlib_unsafe():
                assert str(u) == STDLIB_NAMED.get((5, text), str(u)), name
            else:
                assert u == uuid.uuid5(ns, text), name
        val["uuid5"] = str(oruuid.uuid5(ns, "python.org"))
    with c("uuid6()"):
        a, b = oruuid.uuid6(), oruuid.uuid6()
        check_uuid(a, 6)
        check_uuid(b, 6)
        assert a < b, (a, b)
    with c("uuid6(node, clock_seq)"):
        u = oruuid.uuid6(0x0123456789AB, 0x1234)
        check_uuid(u, 6)
        assert u.int & 0xFFFF_FFFF_FFFF == 0x0123456789AB, u
        assert (u.int >> 48) & 0x3FFF == 0x1234, u
    with c("uuid7()"):
        us = [oruuid.uuid7() for _ in range(1000)]
        for u in us[:10]:
            check_uuid(u, 7)
        assert all(type(u) is UUID for u in us)
        assert all(x < y for x, y in itertools.pairwise(us)), "uuid7() not strictly increasing"
    with c("uuid7(timestamp)"):
        u = oruuid.uuid7(ts)
        check_uuid(u, 7)
        assert u.int >> 80 == ms, u
    with c("uuid8(a, b, c)"):
        a, b, cc = 0x123456789ABC, 0xDEF, 0x0123_4567_89AB_CDEF
        u = oruuid.uuid8(a, b, cc)
        check_uuid(u, 8)
        want = (a << 80) | (8 << 76) | (b << 64) | (2 << 62) | (cc & ((1 << 62) - 1))
        assert u.int == want, (u, UUID(int=want))
        val["uuid8"] = str(u)
    with c("uuid8()"):
        check_uuid(oruuid.uuid8(), 8)

    # The constructors, against uuid.UUID.
    with c("parse"):
        s = str(sample)
        for text in (s, s.upper(), "{" + s + "}", "urn:uuid:" + s, sample.hex):
            u = oruuid.parse(text)
            check_uuid(u)
            assert u == UUID(text), text
        try:
            oruuid.parse("not a uuid")
        except ValueError:
            pass
        else:
            raise AssertionError("parse('not a uuid') did not raise ValueError")
        val["parse"] = str(oruuid.parse(s.upper()))
    with c("from_bytes"):
        u = oruuid.from_bytes(sample.bytes)
        check_uuid(u)
        assert u == UUID(bytes=sample.bytes)
    with c("from_bytes_le"):
        u = oruuid.from_bytes_le(sample.bytes)
        check_uuid(u)
        assert u == UUID(bytes_le=sample.bytes)
        val["from_bytes_le"] = str(u)
    with c("from_int"):
        for n in (0, 1, sample.int, (1 << 128) - 1):
            u = oruuid.from_int(n)
            check_uuid(u)
            assert u == UUID(int=n)
    with c("from_fields"):
        u = oruuid.from_fields(sample.fields)
        check_uuid(u)
        assert u == UUID(fields=sample.fields) == sample

    # Ranges, conversions, short text.
    with c("uuid7_min, uuid7_max"):
        lo, hi = oruuid.uuid7_min(ts), oruuid.uuid7_max(ts)
        check_uuid(lo, 7)
        check_uuid(hi, 7)
        base = (ms << 80) | (7 << 76) | (2 << 62)
        assert lo.int == base, lo
        assert hi.int == base | (0xFFF << 64) | ((1 << 62) - 1), hi
        assert lo <= oruuid.uuid7(ts) <= hi
        val["uuid7_min"], val["uuid7_max"] = str(lo), str(hi)
    with c("uuid1_to_uuid6, uuid6_to_uuid1"):
        u1 = oruuid.uuid1(0x0123456789AB, 0x1234, timestamp=ts)
        u6 = oruuid.uuid1_to_uuid6(u1)
        check_uuid(u6, 6)
        t = u1.time
        want = ((t >> 12) << 16) | (6 << 12) | (t & 0xFFF)
        assert u6.int >> 64 == want, u6
        assert u6.int & ((1 << 64) - 1) == u1.int & ((1 << 64) - 1), u6
        back = oruuid.uuid6_to_uuid1(u6)
        check_uuid(back, 1)
        assert back == u1
        val["uuid1_to_uuid6"] = str(u6)
    with c("to_ulid, from_ulid"):
        text = oruuid.to_ulid(sample)
        assert type(text) is str, text
        assert text == _crockford(sample.int), text
        u = oruuid.from_ulid(text)
        check_uuid(u)
        assert u == sample
        u7 = oruuid.from_ulid(text, version=7)
        check_uuid(u7, 7)
        n = sample.int & ~(0xF << 76) & ~(0x3 << 62)
        assert u7.int == n | (7 << 76) | (2 << 62), u7
        val["to_ulid"] = text
    with c("encode, decode"):
        for alphabet, length in (("base32", 26), ("base58", 22), ("base64url", 22)):
            text = oruuid.encode(sample, alphabet)
            assert type(text) is str, (alphabet, text)
            assert len(text) == length, (alphabet, text)
            u = oruuid.decode(text, alphabet)
            check_uuid(u)
            assert u == sample, alphabet
            val["encode " + alphabet] = text
        assert oruuid.encode(sample, "base32") == _crockford(sample.int)

    # Time.
    with c("getnode"):
        node = oruuid.getnode()
        assert type(node) is int, node
        assert 0 <= node < 1 << 48, node
        assert oruuid.getnode() == node
        val["getnode"] = node
    with c("Timestamp"):
        T = oruuid.Timestamp
        assert ts.unix_ms == ms
        assert ts.seconds == ms // 1000
        assert ts.nanos == 123_000_000
        assert T.from_unix(ms // 1000, 123_000_000) == ts
        assert hash(T.from_unix_ms(ms)) == hash(ts)
        if not datetime_unsafe():
            import datetime

            dt = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC)
            assert T.from_datetime(dt).to_datetime() == dt
        assert T.from_gregorian(ts.gregorian_ticks) == ts
        assert T.from_uuid(oruuid.uuid7(ts)).unix_ms == ms
        now = T.now()
        assert type(now) is T
        assert T.from_unix_ms(ms) < now
        assert pickle.loads(pickle.dumps(ts)) == ts
        val["Timestamp"] = repr(ts)
    with c("ContextV7"):
        for kwargs in ({}, {"additional_precision": True}, {"adjust_by_millis": 5}):
            ctx = oruuid.ContextV7(**kwargs)
            us = [ctx.uuid7() for _ in range(200)]
            check_uuid(us[0], 7)
            assert all(type(u) is UUID for u in us)
            assert all(x < y for x, y in itertools.pairwise(us)), kwargs
        check_uuid(oruuid.ContextV7().uuid7(ts), 7)
        check_uuid(oruuid.uuid7(context=oruuid.ContextV7()), 7)

    # Batches, in the formats that need neither numpy nor pyarrow.
    for name, version in (("uuid4_many", 4), ("uuid7_many", 7)):
        fn = getattr(oruuid, name)
        with c(name):
            us = fn(50)
            assert type(us) is list
            assert len(us) == 50
            for u in us:
                check_uuid(u, version)
            strs = fn(5, format="str")
            assert [str(UUID(s)) for s in strs] == strs
            assert all(UUID(s).version == version for s in strs)
            hexes = fn(5, format="hex")
            assert [UUID(h).hex for h in hexes] == hexes
            raw = fn(5, format="bytes")
            assert type(raw) is bytes
            assert len(raw) == 80
            assert all(UUID(bytes=raw[i : i + 16]).version == version for i in range(0, 80, 16))
            if version == 7:
                assert us == sorted(us)
                assert len(set(us)) == 50
    with c("parse_many"):
        texts = [str(sample), str(ns).upper(), "{" + str(uuid.NAMESPACE_URL) + "}"]
        us = oruuid.parse_many(texts)
        for u in us:
            check_uuid(u)
        assert us == [UUID(t) for t in texts]
        assert oruuid.parse_many(texts, format="str") == [str(UUID(t)) for t in texts]
        assert oruuid.parse_many(texts, format="hex") == [UUID(t).hex for t in texts]
        assert oruuid.parse_many(texts, format="bytes") == b"".join(UUID(t).bytes for t in texts)
        short = [oruuid.encode(UUID(t), "base58") for t in texts]
        assert oruuid.parse_many(short, alphabet="base58") == us
        val["parse_many"] = [str(u) for u in us]
    with c("format_many"):
        raw = sample.bytes + ns.bytes
        assert oruuid.format_many(raw) == [str(sample), str(ns)]
        assert oruuid.format_many(raw, format="hex") == [sample.hex, ns.hex]
        short = oruuid.format_many(raw, alphabet="base64url")
        assert short == [oruuid.encode(sample, "base64url"), oruuid.encode(ns, "base64url")]
        val["format_many"] = short
    with c("out="):
        buf = bytearray(16 * 8)
        assert oruuid.uuid4_many(out=buf) is buf
        assert all(UUID(bytes=bytes(buf[i : i + 16])).version == 4 for i in range(0, 128, 16))
        view = memoryview(bytearray(16 * 8))
        assert oruuid.uuid7_many(out=view) is view
        got = [UUID(bytes=bytes(view[i : i + 16])) for i in range(0, 128, 16)]
        assert got == sorted(got)
        assert len(set(got)) == 8
        assert all(u.version == 7 for u in got)
        out = bytearray(32)
        assert oruuid.parse_many([str(sample), str(ns)], out=out) is out
        assert bytes(out) == sample.bytes + ns.bytes
    with c("uuid7_many(timestamps=)"):
        ms = [1_700_000_000_000, 1_700_000_000_001]
        stamps = [oruuid.Timestamp.from_unix_ms(m) for m in ms]
        us = oruuid.uuid7_many(timestamps=stamps)
        assert [oruuid.Timestamp.from_uuid(u).unix_ms for u in us] == ms
        assert all(type(u) is UUID for u in us)
        seq = oruuid.uuid7_many(timestamps=stamps * 3, context=oruuid.ContextV7())
        assert all(x < y for x, y in itertools.pairwise(seq))
    if datetime_unsafe():
        with c("datetime left alone"):
            assert "datetime" not in sys.modules, DATETIME_RULE
    return {"failures": c.failures, "values": c.values}


def require_api(report, where):
    """Raises AssertionError unless ``check_api()``'s report has no failure."""
    assert not report["failures"], f"{where}: failed checks:\n  " + "\n  ".join(report["failures"])


def require_same_values(a, b, where):
    diff = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    assert not diff, f"{where}: results differ: " + "; ".join(
        f"{k}: {a.get(k)!r} != {b.get(k)!r}" for k in diff
    )


# --- install() ---------------------------------------------------------------------------

_FUNCTIONS = ("uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8")
_PROPERTIES = ("hex", "bytes", "int", "fields", "version")
_originals = None


def remember_originals():
    """Notes, for this interpreter, the stdlib's own uuid functions and UUID's class dict
    entries (call before anything installs)."""
    global _originals
    import uuid

    missing = object()
    _originals = (
        {n: uuid.__dict__.get(n, missing) for n in (*_FUNCTIONS, "NIL", "MAX")},
        {n: uuid.UUID.__dict__[n] for n in _PROPERTIES},
        missing,
    )


def install_state():
    """How this interpreter's uuid module looks: ``"stdlib"`` (as remember_originals()
    saw it), ``"oruuid"`` (install()'s), or a description of anything else; each
    part checked separately, and the module's and class's behaviour checked too."""
    import types
    import uuid

    oruuid = import_oruuid()
    functions, props, missing = _originals
    state = {"installed": oruuid.installed()}

    now = {n: uuid.__dict__.get(n, missing) for n in functions}
    if now == functions and all(now[n] is functions[n] for n in now):
        state["module"] = "stdlib"
    elif (
        all(
            now[n] is not functions[n]
            and not isinstance(now[n], types.FunctionType)
            and callable(now[n])
            and getattr(now[n], "__module__", None) == "uuid"
            for n in _FUNCTIONS
        )
        and uuid.NIL is not missing
        and uuid.MAX is not missing
    ):
        state["module"] = "oruuid"
    else:
        state["module"] = "mixed: " + ", ".join(
            f"{n}={now[n]!r}" for n in _FUNCTIONS if now[n] is not functions[n]
        )

    d = uuid.UUID.__dict__
    if all(d[n] is props[n] for n in props):
        state["class"] = "stdlib"
    elif all(
        d[n] is not props[n] and type(d[n]) is not property for n in ("hex", "bytes", "fields")
    ):
        state["class"] = "oruuid"
    else:
        state["class"] = "mixed: " + ", ".join(
            f"{n}={d[n]!r}" for n in props if d[n] is not props[n]
        )

    # Whatever is installed, the module and the class must behave as the stdlib's.
    problems = []
    for name in ("uuid1", "uuid4", "uuid7") if hasattr(uuid, "uuid7") else ("uuid1", "uuid4"):
        try:
            u = getattr(uuid, name)()
            check_uuid(u, int(name[-1]))
        except Exception as e:  # noqa: BLE001 - reported
            problems.append(f"uuid.{name}(): {type(e).__name__}: {e}")
    try:
        u = uuid.UUID("A8098C1A-F86E-11DA-BD1A-00112444BE1E")
        assert type(u) is uuid.UUID
        assert str(u) == "a8098c1a-f86e-11da-bd1a-00112444be1e"
        assert u.fields == (0xA8098C1A, 0xF86E, 0x11DA, 0xBD, 0x1A, 0x00112444BE1E), u.fields
        assert uuid.UUID(int=u.int) == u
        assert hash(uuid.UUID(bytes=u.bytes)) == hash(u)
        assert uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == uuid.UUID(
            "886313e1-3b8a-5372-9b90-0c9aee199e5d"
        )
    except Exception as e:  # noqa: BLE001 - reported
        problems.append(f"uuid.UUID: {type(e).__name__}: {e}")
    state["works"] = problems or True
    return state


def hook_state():
    """What the ORUUID_INSTALL=1 start-up hook did in this interpreter, as JSON data."""
    import types

    state = {"site": "site" in sys.modules, "imported": "oruuid" in sys.modules}
    if not state["imported"]:
        return state
    import uuid

    oruuid = import_oruuid()
    state["installed"] = oruuid.installed()
    f = uuid.uuid4
    state["module"] = not isinstance(f, types.FunctionType) and f.__module__ == "uuid"
    state["class"] = type(uuid.UUID.__dict__["hex"]) is not property
    try:
        check_uuid(uuid.uuid4(), 4)
        check_uuid(uuid.UUID(str(oruuid.uuid7())), 7)
        state["works"] = True
    except Exception as e:  # noqa: BLE001 - reported
        state["works"] = f"{type(e).__name__}: {e}"
    return state


HOOKED = {
    "site": True,
    "imported": True,
    "installed": True,
    "module": True,
    "class": True,
    "works": True,
}


PRISTINE = {"installed": False, "module": "stdlib", "class": "stdlib", "works": True}
INSTALLED = {"installed": True, "module": "oruuid", "class": "oruuid", "works": True}


# --- generating in bulk --------------------------------------------------------------------


def generate(n):
    """``n`` oruuid.uuid7() and ``n`` oruuid.uuid4() made here, each as 16 bytes in a row,
    with this interpreter's id and how many results were not its uuid.UUID. A plain
    function of this module, so that InterpreterPoolExecutor can send it by name."""
    import uuid

    oruuid = import_oruuid()
    UUID = uuid.UUID
    v7 = [oruuid.uuid7() for _ in range(n)]
    v4 = [oruuid.uuid4() for _ in range(n)]
    wrong = sum(type(u) is not UUID for u in v7) + sum(type(u) is not UUID for u in v4)
    return (interpreter_id(), b"".join(u.bytes for u in v7), b"".join(u.bytes for u in v4), wrong)


def generate_hex(n):
    """``generate()`` as JSON data (for Interp.run)."""
    ident, v7, v4, wrong = generate(n)
    return [ident, v7.hex(), v4.hex(), wrong]


def split16(raw):
    return [raw[i : i + 16] for i in range(0, len(raw), 16)]
