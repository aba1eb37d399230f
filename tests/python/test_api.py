"""The public surface: CPython 3.14's ``uuid`` names, exact ``uuid.UUID`` results, stubs.

Pairs with tests/cpp/test_uuid.cpp and test_versions.cpp (layout, version, variant).
"""

import ast
import importlib.metadata
import inspect
import os
import pathlib
import pickle
import runpy
import sys
import tempfile
import uuid

import pytest

import oruuid
from support import ORUUID_EXTRAS, STDLIB_314_NAMES

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PACKAGE_SRC = ROOT / "python" / "oruuid"

RFC_VARIANT_BITS = 0b10


def _variant_bits(u):
    return (u.int >> 62) & 0b11


# ---------------------------------------------------------------- names


def test_all_has_every_stdlib_314_name_and_the_extras():
    assert set(oruuid.__all__) >= STDLIB_314_NAMES
    assert set(oruuid.__all__) >= ORUUID_EXTRAS
    assert len(oruuid.__all__) == len(set(oruuid.__all__))
    assert "main" not in oruuid.__all__


@pytest.mark.parametrize("name", sorted(STDLIB_314_NAMES | ORUUID_EXTRAS))
def test_every_public_name_exists(name):
    assert hasattr(oruuid, name)


def test_star_import_gives_all_names():
    ns = {}
    exec("from oruuid import *", ns)
    assert set(ns) - {"__builtins__"} == set(oruuid.__all__)


# Names oruuid takes from the stdlib as they are: their __module__ stays "uuid".
FROM_STDLIB = {
    "UUID",
    "SafeUUID",
    "RESERVED_NCS",
    "RFC_4122",
    "RESERVED_MICROSOFT",
    "RESERVED_FUTURE",
}


@pytest.mark.parametrize("name", sorted(oruuid.__all__))
def test_public_functions_and_classes_name_the_package(name):
    """``__module__`` is "oruuid", never the private module, so pickles and Django
    migrations refer to ``oruuid.<name>`` (and ``uuid.<name>`` for the stdlib's own)."""
    obj = getattr(oruuid, name)
    if not (callable(obj) and hasattr(obj, "__qualname__")) or name in FROM_STDLIB:
        return
    assert (obj.__module__, obj.__qualname__) == ("oruuid", name)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(obj, proto)) is obj


def test_stdlib_names_keep_their_module():
    for name in FROM_STDLIB:
        assert getattr(oruuid, name) is getattr(uuid, name)


def test_version_is_a_string():
    assert isinstance(oruuid.__version__, str)
    assert oruuid.__version__
    assert all(part.isdigit() for part in oruuid.__version__.split(".")[:2])
    assert oruuid.__version__ == importlib.metadata.version("oruuid")


def test_uuid_class_is_the_stdlib_class():
    assert oruuid.UUID is uuid.UUID
    assert oruuid.SafeUUID is uuid.SafeUUID


def test_variant_constants_are_the_stdlibs():
    for name in ("RESERVED_NCS", "RFC_4122", "RESERVED_MICROSOFT", "RESERVED_FUTURE"):
        assert getattr(oruuid, name) == getattr(uuid, name)
        assert type(getattr(oruuid, name)) is str


@pytest.mark.parametrize(
    "name", ["NAMESPACE_DNS", "NAMESPACE_URL", "NAMESPACE_OID", "NAMESPACE_X500"]
)
def test_namespaces_equal_the_stdlibs(name):
    value = getattr(oruuid, name)
    assert type(value) is uuid.UUID
    assert value == getattr(uuid, name)
    assert value.int == getattr(uuid, name).int


def test_nil_and_max():
    assert type(oruuid.NIL) is uuid.UUID
    assert type(oruuid.MAX) is uuid.UUID
    assert oruuid.NIL.int == 0
    assert oruuid.MAX.int == (1 << 128) - 1
    assert str(oruuid.NIL) == "00000000-0000-0000-0000-000000000000"
    assert str(oruuid.MAX) == "ffffffff-ffff-ffff-ffff-ffffffffffff"
    assert oruuid.NIL.is_safe is uuid.SafeUUID.unknown
    assert oruuid.MAX.is_safe is uuid.SafeUUID.unknown
    if hasattr(uuid, "NIL"):  # 3.14+
        assert oruuid.NIL == uuid.NIL
        assert oruuid.MAX == uuid.MAX


# ---------------------------------------------------------------- results

NS = uuid.UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
SAMPLE = uuid.UUID("12345678-9abc-4def-8123-456789abcdef")

# (label, thunk, expected version or None for "any")
PRODUCERS = [
    ("uuid1", lambda: oruuid.uuid1(), 1),
    ("uuid1(node,clock_seq)", lambda: oruuid.uuid1(0x0123_4567_89AB, 0x1234), 1),
    ("uuid3", lambda: oruuid.uuid3(NS, "python.org"), 3),
    ("uuid3(bytes)", lambda: oruuid.uuid3(NS, b"python.org"), 3),
    ("uuid4", lambda: oruuid.uuid4(), 4),
    ("uuid5", lambda: oruuid.uuid5(NS, "python.org"), 5),
    ("uuid5(bytes)", lambda: oruuid.uuid5(NS, b"python.org"), 5),
    ("uuid6", lambda: oruuid.uuid6(), 6),
    ("uuid6(node,clock_seq)", lambda: oruuid.uuid6(0x0123_4567_89AB, 0x1234), 6),
    ("uuid7", lambda: oruuid.uuid7(), 7),
    ("uuid8", lambda: oruuid.uuid8(), 8),
    ("uuid8(a,b,c)", lambda: oruuid.uuid8(1, 2, 3), 8),
    ("parse", lambda: oruuid.parse(str(SAMPLE)), None),
    ("parse(odd)", lambda: oruuid.parse("urn:uuid:{" + str(SAMPLE).upper() + "}"), None),
    ("from_bytes", lambda: oruuid.from_bytes(SAMPLE.bytes), None),
    ("from_bytes_le", lambda: oruuid.from_bytes_le(SAMPLE.bytes_le), None),
    ("from_fields", lambda: oruuid.from_fields(SAMPLE.fields), None),
    ("from_int", lambda: oruuid.from_int(SAMPLE.int), None),
    ("from_int(0)", lambda: oruuid.from_int(0), None),
    ("from_int(max)", lambda: oruuid.from_int((1 << 128) - 1), None),
]


@pytest.mark.parametrize(("label", "make", "version"), PRODUCERS, ids=[p[0] for p in PRODUCERS])
def test_results_are_exact_stdlib_uuids(label, make, version):
    u = make()
    assert type(u) is uuid.UUID
    assert u.is_safe is uuid.SafeUUID.unknown
    assert type(u.int) is int
    assert 0 <= u.int < 1 << 128
    # the pickled state is exactly what a stdlib-made UUID gives
    assert u.__getstate__() == {"int": u.int}
    assert u == uuid.UUID(int=u.int)
    assert str(u) == str(uuid.UUID(int=u.int))
    assert repr(u) == repr(uuid.UUID(int=u.int))
    if version is not None:
        assert u.version == version
        assert u.variant == uuid.RFC_4122
        assert _variant_bits(u) == RFC_VARIANT_BITS
        assert (u.int >> 76) & 0xF == version


@pytest.mark.parametrize(("label", "make", "version"), PRODUCERS, ids=[p[0] for p in PRODUCERS])
def test_results_are_immutable(label, make, version):
    u = make()
    with pytest.raises(TypeError, match="UUID objects are immutable"):
        u.int = 5
    with pytest.raises(TypeError, match="UUID objects are immutable"):
        u.is_safe = uuid.SafeUUID.safe
    with pytest.raises(TypeError):
        u.other = 1


def test_results_pickle_like_stdlib_uuids():
    for _, make, _ in PRODUCERS:
        u = make()
        assert pickle.dumps(u, 2) == pickle.dumps(uuid.UUID(int=u.int), 2)


def test_fresh_objects_every_call():
    a, b = oruuid.uuid4(), oruuid.uuid4()
    assert a is not b
    assert a != b
    p, q = oruuid.parse(str(SAMPLE)), oruuid.parse(str(SAMPLE))
    assert p == q


def test_fields_round_trip_through_stdlib_attributes():
    u = oruuid.uuid4()
    assert oruuid.from_fields(u.fields) == u
    assert oruuid.from_bytes(u.bytes) == u
    assert oruuid.from_bytes_le(u.bytes_le) == u
    assert oruuid.parse(u.hex) == u
    assert oruuid.parse(u.urn) == u
    assert oruuid.from_int(int(u)) == u


# ---------------------------------------------------------------- signatures


def test_keyword_arguments_as_in_the_stdlib():
    u = oruuid.uuid1(node=0x0102_0304_0506, clock_seq=0x0A0B)
    assert u.node == 0x0102_0304_0506
    assert u.clock_seq == 0x0A0B
    u = oruuid.uuid6(node=0x0102_0304_0506, clock_seq=0x0A0B)
    assert u.node == 0x0102_0304_0506
    assert u.clock_seq == 0x0A0B
    assert oruuid.uuid3(namespace=NS, name="x") == uuid.uuid3(NS, "x")
    assert oruuid.uuid5(namespace=NS, name="x") == uuid.uuid5(NS, "x")
    u = oruuid.uuid8(a=1, b=2, c=3)
    assert u.int == (1 << 80) | (8 << 76) | (2 << 64) | (0b10 << 62) | 3


def test_constructor_arguments_as_the_stubs_declare():
    """parse, from_bytes, from_bytes_le and from_int are positional-only; from_fields isn't."""
    assert oruuid.from_fields(fields=SAMPLE.fields) == SAMPLE
    for func, kw, value in [
        (oruuid.parse, "hex", str(SAMPLE)),
        (oruuid.from_bytes, "bytes", SAMPLE.bytes),
        (oruuid.from_bytes_le, "bytes_le", SAMPLE.bytes_le),
        (oruuid.from_int, "int", SAMPLE.int),
    ]:
        assert func(value) == SAMPLE
        with pytest.raises(TypeError):
            func(**{kw: value})


def test_explicit_none_means_default():
    assert oruuid.uuid1(None, None).version == 1
    assert oruuid.uuid6(None, None).version == 6
    assert oruuid.uuid8(None, None, None).version == 8


@pytest.mark.parametrize(
    "call",
    [
        lambda: oruuid.uuid4(1),
        lambda: oruuid.uuid7(1),
        lambda: oruuid.getnode(1),
        lambda: oruuid.uuid1(1, 2, 3),
        lambda: oruuid.uuid6(1, 2, 3),
        lambda: oruuid.uuid8(1, 2, 3, 4),
        lambda: oruuid.uuid3(NS),
        lambda: oruuid.uuid5(NS),
        lambda: oruuid.uuid3(NS, "a", "b"),
        lambda: oruuid.uuid1(nodes=1),
        lambda: oruuid.uuid8(d=1),
        lambda: oruuid.parse(),
        lambda: oruuid.parse("a", "b"),
        lambda: oruuid.from_int(),
        lambda: oruuid.from_bytes(),
    ],
)
def test_bad_calls_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


# ---------------------------------------------------------------- stubs


def _stub_names():
    tree = ast.parse((PACKAGE_SRC / "__init__.pyi").read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom) and node.module == "uuid":
            names.update(alias.asname for alias in node.names if alias.asname == alias.name)
    return {n for n in names if not n.startswith("_") or n == "__version__"}


def _stub_class_members():
    tree = ast.parse((PACKAGE_SRC / "__init__.pyi").read_text())
    return {
        node.name: {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }


def test_stub_classes_match_the_runtime():
    for cls_name, members in _stub_class_members().items():
        cls = getattr(oruuid, cls_name)
        for member in members:
            assert hasattr(cls, member), f"{cls_name}.{member}"
        public = {m for m in dir(cls) if not m.startswith("_")}
        assert public <= members, f"{cls_name}: not in the stubs: {sorted(public - members)}"


def test_stubs_cover_every_public_name():
    assert (PACKAGE_SRC / "py.typed").exists()
    assert set(oruuid.__all__) | {"__version__"} <= _stub_names()


def _stub_functions():
    """{name: [ast.FunctionDef, ...]} for the stubs' module-level functions (overloads too)."""
    tree = ast.parse((PACKAGE_SRC / "__init__.pyi").read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out.setdefault(node.name, []).append(node)
    return out


def _stub_parameters(fn):
    """(name, kind, has_default) for each parameter of a stub, as inspect names kinds."""
    a = fn.args
    P = inspect.Parameter
    out = []
    positional = [(x, P.POSITIONAL_ONLY) for x in a.posonlyargs] + [
        (x, P.POSITIONAL_OR_KEYWORD) for x in a.args
    ]
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    for (arg, kind), default in zip(positional, defaults, strict=True):
        out.append((arg.arg, kind, default is not None))
    if a.vararg:
        out.append((a.vararg.arg, P.VAR_POSITIONAL, False))
    for arg, default in zip(a.kwonlyargs, a.kw_defaults, strict=True):
        out.append((arg.arg, P.KEYWORD_ONLY, default is not None))
    if a.kwarg:
        out.append((a.kwarg.arg, P.VAR_KEYWORD, False))
    return out


@pytest.mark.parametrize("name", sorted(_stub_functions()))
def test_stub_signatures_match_the_runtime(name):
    """Each stub declares the runtime's parameters: names, kinds and which have defaults.
    An overloaded stub's every overload takes a subset of them, with the same kinds."""
    runtime = [
        (p.name, p.kind, p.default is not inspect.Parameter.empty)
        for p in inspect.signature(getattr(oruuid, name)).parameters.values()
    ]
    stubs = _stub_functions()[name]
    overloaded = any(
        isinstance(d, ast.Name) and d.id == "overload" for fn in stubs for d in fn.decorator_list
    )
    if not overloaded:
        assert len(stubs) == 1
        assert _stub_parameters(stubs[0]) == runtime
        return
    by_name = {p[0]: p[1] for p in runtime}
    for fn in stubs:
        for pname, kind, _ in _stub_parameters(fn):
            assert by_name.get(pname) == kind, (fn.lineno, pname)


def test_stubs_name_nothing_that_does_not_exist():
    for name in _stub_names():
        assert hasattr(oruuid, name), name


def test_typing_sample_runs():
    runpy.run_path(str(HERE / "typing_sample.py"), run_name="__main__")


def _mypy(tmp_path, *files):
    api = pytest.importorskip("mypy.api")
    env_path = os.environ.get("MYPYPATH")
    os.environ["MYPYPATH"] = str(ROOT / "python")
    try:
        cache = os.path.join(
            tempfile.gettempdir(), f"oruuid-mypy-cache-{sys.version_info[0]}{sys.version_info[1]}"
        )
        out, err, status = api.run(
            [
                "--strict",
                "--no-error-summary",
                "--cache-dir",
                cache,
                "--python-version",
                f"{sys.version_info[0]}.{sys.version_info[1]}",
                *map(str, files),
            ]
        )
    finally:
        if env_path is None:
            del os.environ["MYPYPATH"]
        else:
            os.environ["MYPYPATH"] = env_path
    return out, err, status


@pytest.mark.slow
def test_typing_sample_passes_mypy_strict(tmp_path):
    out, err, status = _mypy(tmp_path, HERE / "typing_sample.py")
    assert status == 0, out + err


@pytest.mark.slow
def test_stubs_reject_wrong_types(tmp_path):
    bad = tmp_path / "bad_sample.py"
    bad.write_text(
        "import oruuid\n"
        "oruuid.uuid3(oruuid.NAMESPACE_DNS, 5)\n"  # line 2
        "oruuid.uuid4(1)\n"  # line 3
        "oruuid.parse(b'x')\n"  # line 4
        "oruuid.from_fields((1, 2, 3))\n"  # line 5
        "oruuid.uuid8(a='x')\n"  # line 6
        "s: str = oruuid.uuid7()\n"  # line 7
        "n: str = oruuid.getnode()\n"  # line 8
        "oruuid.from_bytes('x' * 16)\n"  # line 9
        "oruuid.uuid1(node=1.5)\n"  # line 10
        "oruuid.parse(hex='x')\n"  # line 11
        "oruuid.uuid7(1700000000000)\n"  # line 12
        "oruuid.uuid7(context=5)\n"  # line 13
        "oruuid.uuid1(0, 0, 5)\n"  # line 14
        "b: bytes = oruuid.uuid4_many(3)\n"  # line 15
    )
    out, err, status = _mypy(tmp_path, bad)
    assert status == 1, out + err
    lines_with_errors = {
        int(line.split("bad_sample.py:")[1].split(":")[0])
        for line in out.splitlines()
        if "bad_sample.py:" in line and ": error:" in line
    }
    assert lines_with_errors == set(range(2, 16)), out
