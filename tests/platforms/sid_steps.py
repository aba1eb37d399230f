"""The steps of tests/platforms/sid.sh, run inside its Debian sid root by the root's python3.14.

    python3.14 /oruuid/tests/platforms/sid_steps.py [--host-root DIR] [--root-seconds N]
        [--root-note TEXT] [cpp|3.14|3.15|3.14-dbg ...]

The source tree is at /oruuid (bind-mounted by sid.sh); the venvs, mypy's caches and
the logs stay in the root, under /var/tmp/oruuid-sid. The steps form tracks (the C++
one, and one per interpreter: install, pytest, mypy, test_uuid), which are independent:
ORUUID_SID_TRACKS of them (default 2) run side by side, the longest first. Each step is
timed, and its output goes to a log of its own (/var/tmp/oruuid-sid/logs/NAME.log), and
to the terminal too when one track runs at a time. A failing step is recorded, not
fatal: the rest of its track is skipped or run as it allows, and other tracks go on.
The summary at the end has a row per step (with the root's own, as sid.sh measured
it) and, under each failed step, the lines of its log that name what failed. The exit
status is 1 if any step failed, 130 on Ctrl-C.

Environment: HYPOTHESIS_PROFILE (default ci; dev on the debug build),
ORUUID_CMAKE_ARGS (more arguments for the C++ step's cmake, split as the shell would)
and ORUUID_SID_TRACKS (how many tracks at once).

The standard library only: this runs before any venv exists.
"""

import argparse
import functools
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

SRC = Path("/oruuid")
WORK = Path("/var/tmp/oruuid-sid")
LOGS = WORK / "logs"
PYTHONS = ("3.14", "3.15", "3.14-dbg")
STEPS = ("cpp", *PYTHONS)
# The tracks in the order they start: the longest first (the debug build's suite).
TRACK_ORDER = ("3.14-dbg", "3.15", "3.14", "cpp")
# At most two cores: the machines this runs on share theirs.
JOBS = min(len(os.sched_getaffinity(0)), 2)

# The lines of a failed step's log that name what failed: pytest's short summary,
# unittest's, ctest's list of failed tests, CMake's and the compiler's errors.
FAILURE_LINE = re.compile(
    r"^(FAILED|ERROR) |^(FAIL|ERROR): |^CMake Error|: (error|warning): "
    r"|\d+ - .*\((Failed|Not Run|Timeout|SEGFAULT|Subprocess aborted|Exception)\)"
)
MAX_FAILURE_LINES = 40
# When none matches, the last lines of the log stand in for them.
TAIL_LINES = 5


def emit(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def say(text: str) -> None:
    emit(f"{text}\n".encode())


class StepFailed(Exception):
    """A step failed; the exit status to report, and what to say of it."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Log:
    """A step's output: written to the terminal and to the step's log file."""

    def __init__(self, path: Path, *, echo: bool = True) -> None:
        self.path = path
        self.echo_to_terminal = echo
        self._file = path.open("wb")

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._file.close()

    def write(self, data: bytes) -> None:
        if self.echo_to_terminal:
            emit(data)
        self._file.write(data)
        self._file.flush()

    def echo(self, text: str) -> None:
        self.write(f"{text}\n".encode())

    def run(
        self,
        argv: Sequence[str | Path],
        *,
        cwd: str | Path | None = None,
        env: dict[str, str] | None = None,
        quiet: bool = False,
        check: bool = True,
    ) -> int:
        """Runs a command, its output teed to the log (only its stderr if quiet); raises
        StepFailed when it fails, unless not check; returns its exit status (128+N for a
        signal N, as a shell says it)."""
        # The command's output goes to us through a pipe (its stderr only, if quiet),
        # and from us to the terminal and the log as it comes.
        out, err = (
            (subprocess.DEVNULL, subprocess.PIPE) if quiet else (subprocess.PIPE, subprocess.STDOUT)
        )
        with subprocess.Popen(
            [str(a) for a in argv], cwd=cwd, env=env, stdout=out, stderr=err
        ) as proc:
            stream = proc.stderr if quiet else proc.stdout
            assert stream is not None
            try:
                while chunk := os.read(stream.fileno(), 65536):
                    self.write(chunk)
                proc.wait()
            except BaseException:
                # Ctrl-C (which the command gets too) or SIGTERM: the command ends with us.
                proc.terminate()
                raise
        if proc.returncode < 0 and check:
            name = signal.Signals(-proc.returncode).name
            raise StepFailed(128 - proc.returncode, f"{argv[0]}: killed by {name}")
        status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
        if status and check:
            raise StepFailed(status)
        return status

    def capture(self, argv: Sequence[str | Path], *, cwd: str | Path | None = None) -> str:
        """A command's output (stdout and stderr), not shown unless it fails."""
        proc = subprocess.run(
            [str(a) for a in argv],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        if proc.returncode:
            self.echo(proc.stdout.rstrip())
            raise StepFailed(
                proc.returncode, f"{shlex.join(map(str, argv))}: exit {proc.returncode}"
            )
        return proc.stdout


@dataclass
class Result:
    name: str
    status: str  # ok, FAIL or skip
    seconds: int | None
    note: str = ""
    lines: list[str] = field(default_factory=list)

    def rows(self) -> list[str]:
        took = "-" if self.seconds is None else str(self.seconds)
        head = f"{self.name:<22} {self.status:<6} {took:>5} s"
        if self.status == "skip":
            head = f"{self.name:<22} {self.status:<6} {took:>5}   "
        return [head + self.note, *(f"    {line[:160]}" for line in self.lines)]


def failure_lines(log: Path) -> list[str]:
    """The lines of a failed step's log that name what failed, else its last lines."""
    lines = log.read_text(errors="replace").splitlines()
    named = [line.strip() for line in lines if FAILURE_LINE.search(line)]
    if not named:
        named = [line.strip() for line in lines if line.strip()][-TAIL_LINES:]
    return list(dict.fromkeys(named))[:MAX_FAILURE_LINES]


class Runner:
    """Runs the steps and keeps their results for the summary."""

    def __init__(self, host_root: str, *, echo: bool = True) -> None:
        self.host_root = host_root
        self.echo = echo  # each step's output to the terminal too (one track at a time)
        self.results: list[Result] = []
        self._lock = threading.Lock()

    @property
    def failed(self) -> bool:
        return any(r.status == "FAIL" for r in self.results)

    def step(self, name: str, description: str, action: Callable[[Log], None]) -> Result:
        say(f"\n== sid [{name}]: {description}")
        start = time.monotonic()
        status, message = 0, ""
        with Log(LOGS / f"{name.replace(' ', '-')}.log", echo=self.echo) as log:
            try:
                action(log)
            except StepFailed as e:
                status, message = e.status, e.message
            except OSError as e:  # a command that cannot be started (no such interpreter)
                status, message = 127, str(e)
            if message:
                log.echo(message)
        took = round(time.monotonic() - start)
        if status == 0:
            result = Result(name, "ok", took)
            say(f"== sid [{name}]: ok in {took} s")
        else:
            note = f"  (exit {status}; {self.host_root}{log.path})"
            result = Result(name, "FAIL", took, note, failure_lines(log.path))
            say(f"== sid [{name}]: FAILED (exit {status}) in {took} s")
        with self._lock:
            self.results.append(result)
        return result

    def skip(self, name: str, reason: str) -> None:
        say(f"\n== sid [{name}]: skipped: {reason}")
        with self._lock:
            self.results.append(Result(name, "skip", None, f" ({reason})"))


# ---- The steps ------------------------------------------------------------------------

# The interpreter's version and ABI.
SHOW_VERSION = """
import sys, sysconfig
print(sys.version.replace("\\n", " "), "| SOABI", sysconfig.get_config_var("SOABI"))
"""
# The extensions installed: their names carry the ABI they were built for (cpython-314d-...).
SHOW_EXTENSIONS = """
import os, oruuid._core
d = os.path.dirname(oruuid._core.__file__)
print(d + ":", *sorted(f for f in os.listdir(d) if f.endswith(".so")))
"""


def cpp(log: Log) -> None:
    """The C++ core built by sid's g++ (the dev preset: -DORUUID_WERROR=ON), then ctest."""
    build = SRC / "build/sid/cpp"
    log.echo(log.capture(["g++", "--version"]).splitlines()[0])
    extra = shlex.split(os.environ.get("ORUUID_CMAKE_ARGS", ""))
    configure = ["cmake", "-S", SRC, "-B", build, "-G", "Unix Makefiles", "--preset", "dev"]
    log.run([*configure, *extra], quiet=True)
    # -k: every error and warning of the newer compiler in one run; then the tests that
    # did build run all the same.
    built = log.run(["cmake", "--build", build, "-j", str(JOBS), "--", "-k"], check=False)
    tested = log.run(
        ["ctest", "--test-dir", build, "--output-on-failure", "-j", str(JOBS)], check=False
    )
    if built:
        raise StepFailed(built, f"the build failed (exit {built}): see the errors above")
    if tested:
        raise StepFailed(tested)


def test_requirements() -> list[str]:
    """The test extra's requirements, as pyproject.toml lists them."""
    with (SRC / "pyproject.toml").open("rb") as f:
        return list(tomllib.load(f)["project"]["optional-dependencies"]["test"])


def install(log: Log, interp: Path, venv: Path, missing: list[str]) -> None:
    """A fresh venv for interp at venv, with oruuid and the test extra, or what of it has
    wheels for this interpreter: the rest is added to missing."""
    start = time.monotonic()
    log.run([interp, "-m", "venv", "--clear", venv])
    py = venv / "bin/python"
    log.run([py, "-c", SHOW_VERSION])
    log.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    soabi = "import sysconfig; print(sysconfig.get_config_var('SOABI'))"
    tag = log.capture([py, "-c", soabi]).strip()
    requirements = test_requirements()
    # Wheels only for the dependencies: a missing wheel is then a quick, named failure,
    # not a long source build (numpy, pyarrow) or one that needs Rust (orjson,
    # pydantic-core). --no-compile: no byte-compiling of every file of every package up
    # front (slow on the debug build); the tests compile what they import.
    pip_wheels = [py, "-m", "pip", "install", "-q", "--no-compile", "--only-binary=:all:"]

    def pip(*names: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*map(str, pip_wheels), *names],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )

    together = pip(*requirements)
    if together.returncode:
        log.echo("\n".join(together.stdout.splitlines()[-5:]))
        log.echo(
            f"-- the test requirements do not install together from wheels for {tag}; "
            "one at a time:"
        )
        for requirement in requirements:
            alone = pip(requirement)
            if alone.returncode == 0:
                log.echo(f"   {requirement}: installed")
                continue
            lines = alone.stdout.splitlines() or [""]
            why = next((line for line in lines if line.startswith("ERROR")), lines[-1])
            log.echo(f"   {requirement}: NOT INSTALLED: {why}")
            missing.append(requirement)
    log.echo(f"-- test requirements in place after {round(time.monotonic() - start)} s")
    what = ".[test]"
    if missing:
        what = "."
        log.echo(
            "-- installing oruuid without the [test] extra, whose other requirements are in place"
        )
    # As tests/run installs it (oruuid._testing included), with a build tree of its own.
    settings = [
        "--config-settings=build-dir=build/sid/py-{wheel_tag}",
        "--config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON",
    ]
    log.run([py, "-m", "pip", "install", "-q", *settings, what], cwd=SRC)
    log.echo(f"-- oruuid built and installed after {round(time.monotonic() - start)} s")
    log.echo(" ".join(log.capture([py, "-m", "pip", "list", "--format=freeze"]).split()))
    log.run([py, "-c", SHOW_EXTENSIONS], cwd="/")


def pytest(log: Log, py: Path, profile: str) -> None:
    log.run([SRC / "tests/python/run", py], env={**os.environ, "HYPOTHESIS_PROFILE": profile})


def mypy(log: Log, py: Path, cache: Path) -> None:
    argv = [py, "-m", "mypy", "--strict", "--cache-dir", cache, "tests/python/typing_sample.py"]
    log.run(argv, cwd=SRC)


def stdlib_test_uuid(log: Log, py: Path) -> None:
    """CPython's own test_uuid against the uuid module that oruuid.install() patched."""
    if log.run([py, "-c", "import test.test_uuid"], cwd="/", check=False):
        raise StepFailed(1, "no test.test_uuid (libpython3.X-testsuite)")
    log.run([py, SRC / "tests/python/stdlib_uuid_runner.py", "-v"], cwd="/")


def python_steps(runner: Runner, name: str) -> None:
    """install, pytest, mypy and test_uuid on /usr/bin/pythonNAME."""
    interp = Path(f"/usr/bin/python{name}")
    venv = WORK / f"venv-{name}"
    py = venv / "bin/python"
    missing: list[str] = []
    installed = runner.step(
        f"{name} install",
        f"venv, pip install .[test] ({interp})",
        functools.partial(install, interp=interp, venv=venv, missing=missing),
    )
    if installed.status != "ok":
        for what in ("pytest", "mypy", "test_uuid"):
            runner.skip(f"{name} {what}", "install failed")
        return
    if missing:
        installed.note += "  without: " + " ".join(missing)
    # The debug build runs Python code several times slower; its point is its checks,
    # not the number of examples, so Hypothesis's "dev" profile there unless a profile
    # was asked for.
    default = "dev" if name.endswith("-dbg") else "ci"
    profile = os.environ.get("HYPOTHESIS_PROFILE") or default
    runner.step(
        f"{name} pytest",
        f"tests/python/run (HYPOTHESIS_PROFILE={profile})",
        functools.partial(pytest, py=py, profile=profile),
    )
    if (venv / "bin/mypy").exists():
        runner.step(
            f"{name} mypy",
            "mypy --strict typing_sample.py",
            functools.partial(mypy, py=py, cache=WORK / f"mypy-{name}"),
        )
    else:
        runner.skip(f"{name} mypy", "mypy not installed")
    runner.step(
        f"{name} test_uuid",
        "CPython's test_uuid, oruuid installed",
        functools.partial(stdlib_test_uuid, py=py),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", nargs="*", metavar="STEP", help=f"of {', '.join(STEPS)}")
    parser.add_argument("--host-root", default="", help="the root's path on the host (logs)")
    parser.add_argument("--root-seconds", type=int, help="how long making the root took")
    parser.add_argument("--root-note", default="", help="what was done to the root")
    args = parser.parse_args(argv)
    steps = args.steps or list(STEPS)
    if unknown := [s for s in steps if s not in STEPS]:
        parser.error(f"unknown step {' '.join(unknown)} (steps: {' '.join(STEPS)})")

    start = time.monotonic()
    os.environ.update(
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_ROOT_USER_ACTION="ignore",
        PIP_NO_INPUT="1",
        # scikit-build-core's builds too use at most JOBS cores.
        CMAKE_BUILD_PARALLEL_LEVEL=str(JOBS),
    )
    for old in LOGS.glob("*.log"):
        old.unlink()
    LOGS.mkdir(parents=True, exist_ok=True)
    tracks = int(os.environ.get("ORUUID_SID_TRACKS") or 2)
    if tracks < 1:
        parser.error("ORUUID_SID_TRACKS must be 1 or more")
    runner = Runner(args.host_root, echo=tracks == 1 or len(steps) == 1)

    def track(name: str) -> None:
        if name == "cpp":
            runner.step("cpp", "C++ with sid's g++, -DORUUID_WERROR=ON, ctest", cpp)
        else:
            python_steps(runner, name)

    with ThreadPoolExecutor(max_workers=tracks) as pool:
        for future in [pool.submit(track, n) for n in TRACK_ORDER if n in steps]:
            future.result()
    # The summary in the steps' usual order, each track's steps in the order they ran.
    runner.results.sort(key=lambda r: STEPS.index(r.name.split()[0]))

    cores = len(os.sched_getaffinity(0))
    say(f"\n== sid: summary ({os.uname().machine}, {cores} cores, -j{JOBS})")
    rows = []
    if args.root_seconds is not None:
        rows.append(Result("root", "ok", args.root_seconds, f"  {args.root_note}"))
    rows += runner.results
    total = round(time.monotonic() - start) + (args.root_seconds or 0)
    rows.append(Result("total", "FAIL" if runner.failed else "ok", total))
    say("\n".join(row for result in rows for row in result.rows()))
    return 1 if runner.failed else 0


if __name__ == "__main__":
    # Ctrl-C ends the run, not only the step it interrupts (pytest exits 2 on it); so
    # does SIGTERM, ending the command under way first.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        say("\n== sid: interrupted")
        sys.exit(130)
