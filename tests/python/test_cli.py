"""The command line, ``python -m oruuid``, against 3.14's ``python -m uuid``."""

import subprocess
import sys
import uuid

import pytest

from oruuid import _cli

GENERATORS = ["uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8"]


def run(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "oruuid", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def lines_of(proc):
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout.splitlines()


def test_default_is_one_uuid4():
    (line,) = lines_of(run())
    u = uuid.UUID(line)
    assert str(u) == line
    assert u.version == 4
    assert u.variant == uuid.RFC_4122


@pytest.mark.parametrize("flag", ["-u", "--uuid"])
@pytest.mark.parametrize("name", GENERATORS)
def test_each_generator(flag, name):
    extra = ["-n", "@dns", "-N", "example.com"] if name in ("uuid3", "uuid5") else []
    (line,) = lines_of(run(flag, name, *extra))
    u = uuid.UUID(line)
    assert str(u) == line
    assert u.version == int(name[-1])
    assert u.variant == uuid.RFC_4122


@pytest.mark.parametrize("name", GENERATORS)
def test_count(name):
    extra = ["-n", "@url", "-N", "https://python.org"] if name in ("uuid3", "uuid5") else []
    lines = lines_of(run("-u", name, "-C", "3", *extra))
    assert len(lines) == 3
    us = [uuid.UUID(line) for line in lines]
    assert all(u.version == int(name[-1]) for u in us)
    if name in ("uuid3", "uuid5"):
        assert len(set(us)) == 1
    else:
        assert len(set(us)) == 3
    if name in ("uuid1", "uuid6", "uuid7"):
        key = (lambda u: u.time) if name == "uuid1" else (lambda u: u.int)
        assert sorted(us, key=key) == us


def test_long_count_flag_and_large_count():
    lines = lines_of(run("--count", "10000", "-u", "uuid7"))
    assert len(lines) == 10_000
    ints = [uuid.UUID(line).int for line in lines]
    assert ints == sorted(ints)
    assert len(set(ints)) == 10_000


@pytest.mark.parametrize("count", ["0", "-3"])
def test_zero_or_negative_count_prints_nothing(count):
    assert lines_of(run("-C", count)) == []


@pytest.mark.parametrize(
    ("ns_arg", "namespace"),
    [
        ("@dns", uuid.NAMESPACE_DNS),
        ("@url", uuid.NAMESPACE_URL),
        ("@oid", uuid.NAMESPACE_OID),
        ("@x500", uuid.NAMESPACE_X500),
        ("12345678-1234-5678-1234-567812345678", uuid.UUID("12345678-1234-5678-1234-567812345678")),
        ("{12345678123456781234567812345678}", uuid.UUID("12345678-1234-5678-1234-567812345678")),
        (str(uuid.NAMESPACE_DNS), uuid.NAMESPACE_DNS),
    ],
)
@pytest.mark.parametrize("name", ["uuid3", "uuid5"])
def test_named(ns_arg, namespace, name):
    std = getattr(uuid, name)
    (line,) = lines_of(run("-u", name, "-n", ns_arg, "-N", "example.com"))
    assert uuid.UUID(line) == std(namespace, "example.com")
    (line,) = lines_of(run("--uuid", name, "--namespace", ns_arg, "--name", "é\U0001f600"))
    assert uuid.UUID(line) == std(namespace, "é\U0001f600")


def test_uuid5_dns_example_com():
    (line,) = lines_of(run("-n", "@dns", "-N", "example.com", "-u", "uuid5"))
    assert uuid.UUID(line) == uuid.uuid5(uuid.NAMESPACE_DNS, "example.com")
    assert line == "cfbff0d1-9375-5685-968c-48ce8b15ae17"


@pytest.mark.parametrize("name", ["uuid3", "uuid5"])
@pytest.mark.parametrize(
    "args",
    [[], ["-n", "@dns"], ["-N", "example.com"], ["-n", "", "-N", "x"], ["-n", "@dns", "-N", ""]],
    ids=["neither", "no-name", "no-namespace", "empty-namespace", "empty-name"],
)
def test_named_needs_namespace_and_name(name, args):
    proc = run("-u", name, *args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("usage: ")
    assert "error: Incorrect number of arguments. " in proc.stderr
    assert f"{name} requires a namespace and a name." in proc.stderr


@pytest.mark.parametrize(
    "bad", ["not-a-uuid", "@DNS", "@nope", "1234", "12345678-1234-5678-1234-56781234567g"]
)
def test_bad_namespace(bad):
    proc = run("-u", "uuid5", "-n", bad, "-N", "x")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("usage: ")
    assert "error: " in proc.stderr
    assert repr(bad) in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-u", "uuid2"], "invalid choice: 'uuid2'"),
        (["-u"], "expected one argument"),
        (["-C", "x"], "invalid int value: 'x'"),
        (["-C"], "expected one argument"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["extra"], "unrecognized arguments: extra"),
    ],
)
def test_usage_errors(args, message):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("usage: ")
    assert message in proc.stderr


def test_help():
    proc = run("-h")
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: ")
    for flag in ("-u", "--uuid", "-n", "--namespace", "-N", "--name", "-C", "--count"):
        assert flag in proc.stdout
    for name in GENERATORS:
        assert name in proc.stdout
    for ns in ("@dns", "@url", "@oid", "@x500"):
        assert ns in proc.stdout


def test_namespace_and_name_ignored_for_other_generators():
    (line,) = lines_of(run("-u", "uuid4", "-n", "@dns", "-N", "x"))
    assert uuid.UUID(line).version == 4


def test_bench_hook_reports_a_missing_module_clearly(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "oruuid.bench", None)  # makes the import fail
    assert _cli.main(["bench", "--quick"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bench" in captured.err
    assert "oruuid.bench" in captured.err
    assert "Traceback" not in captured.err


def test_bench_hook_calls_bench_main(monkeypatch):
    import types

    called = []
    fake = types.ModuleType("oruuid.bench")
    fake.main = lambda argv: called.append(list(argv)) or 0
    monkeypatch.setitem(sys.modules, "oruuid.bench", fake)
    assert _cli.main(["bench", "--quick", "uuid4"]) == 0
    assert called == [["--quick", "uuid4"]]


def test_main_in_process(capsys):
    assert _cli.main(["-u", "uuid5", "-n", "@oid", "-N", "1.3.6.1", "-C", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [str(uuid.uuid5(uuid.NAMESPACE_OID, "1.3.6.1"))] * 2
    with pytest.raises(SystemExit) as exc:
        _cli.main(["-u", "uuid3"])
    assert exc.value.code == 2


def test_main_reads_sys_argv(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["oruuid", "-u", "uuid8", "-C", "4"])
    assert _cli.main() == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4
    assert all(uuid.UUID(line).version == 8 for line in out)


def test_console_script():
    """The ``oruuid`` script installed next to this interpreter, when there is one."""
    import pathlib
    import shutil

    script = pathlib.Path(sys.executable).parent / "oruuid"
    if not script.exists():
        found = shutil.which("oruuid")
        if found is None:
            pytest.skip("no oruuid console script installed")
        script = pathlib.Path(found)
    proc = subprocess.run(
        [str(script), "-u", "uuid7", "-C", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = lines_of(proc)
    assert len(lines) == 3
    assert all(uuid.UUID(line).version == 7 for line in lines)
    proc = subprocess.run(
        [str(script), "-u", "uuid3"], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: oruuid ")
    assert "Run 'oruuid -h' for more information." in proc.stderr


def test_broken_pipe_is_quiet():
    proc = subprocess.Popen(
        [sys.executable, "-m", "oruuid", "-C", "2000000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    proc.stderr.close()
    assert uuid.UUID(first.decode().strip()).version == 4
    assert b"Traceback" not in err
    assert proc.returncode == 0


def test_bench_subcommand_reaches_the_bench_module():
    pytest.importorskip("oruuid.bench")
    proc = run("bench", "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage:")
