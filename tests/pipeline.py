"""CI's plan: every nox session, run side by side where the machine has room.

Each job is one nox session (noxfile.py says what it checks) with its output in
build/ci/NAME.log. Jobs start as soon as what they need has passed, those heading the
longest chain of work first, with at most ORUUID_CI_JOBS running at once (default: one
more than the cores, as most jobs spend much of their time on one core: pytest, QEMU).
Every job runs even when another fails; the exit status is 1 if any failed, and the end
of each failed log is printed. A job that hangs is stopped (its whole process group)
after its limit, four times its usual minutes and at least 20, or when the whole run
reaches ORUUID_CI_DEADLINE minutes (default 80, under CI's 90), and fails with its log.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "build" / "ci"


@dataclass
class Job:
    session: str
    minutes: float  # about how long it takes: longer jobs start first
    needs: tuple[str, ...] = ()
    # filled in while running
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    started: float = 0.0
    took: float = 0.0
    status: str = "waiting"

    @property
    def limit(self) -> float:
        """Seconds after which the job is taken to hang."""
        return 60 * max(4 * self.minutes, 20)


# The sessions CI runs, every one of them (noxfile.py: `nox -l`).
JOBS = [
    Job("sid", 18),  # CPython 3.14, 3.15, 3.14-dbg and sid's GCC, in the sid root
    Job("arm64-root-python", 16),
    Job("sdist", 1),
    Job("tests-3.11", 6, needs=("sdist",)),
    Job("tests-3.12", 6, needs=("sdist",)),
    Job("tests-3.13", 6, needs=("sdist",)),
    Job("sanitize", 8, needs=("cpp",)),  # valgrind runs cpp's build
    Job("release", 3, needs=("sdist",)),
    Job("portable", 5),
    Job("cpp", 3),
    Job("fuzz", 3),
    Job("compilers", 2),
    Job("lint", 2),
    Job("windows-wine", 2),
    Job("plain-cmake", 1),
    Job("s390x-qemu", 1),
    Job("aarch64-qemu", 1),
    Job("mod-wsgi", 1),
    Job("docs", 4),  # the site: Sphinx, its examples, Chromium over it (tests/docs.sh)
    Job("engines", 3),  # PySpark, Dask, Polars on a million rows (docs/guides/distributed.md)
]


def log_name(job: Job) -> Path:
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in job.session)
    return LOGS / f"{safe.strip('_')}.log"


def start(job: Job, nox: str) -> None:
    log = log_name(job).open("wb")
    env = dict(os.environ)
    if "sdist" in job.needs:
        # What the tests install: wheels built from the sdist, as users get them.
        (sdist,) = (ROOT / "build" / "dist").glob("oruuid-*.tar.gz")
        env["ORUUID_SDIST"] = str(sdist)
    job.proc = subprocess.Popen(
        [nox, "--no-color", "-s", job.session],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so a hung job is stopped whole
    )
    job.started = time.monotonic()
    job.status = "running"
    print(f"{stamp()} start {job.session}", flush=True)


t0 = time.monotonic()


def stamp() -> str:
    s = int(time.monotonic() - t0)
    return f"[{s // 60:3d}:{s % 60:02d}]"


def stop(job: Job) -> None:
    """Stop a hung job and everything it started; it counts as failed."""
    assert job.proc is not None
    job.status = "FAILED"
    job.took = time.monotonic() - job.started
    # What was running when it hung goes at the end of its log, for the failure report.
    with log_name(job).open("a") as log:
        log.write(f"\n==== stopped after {job.took:.0f} s; its processes were:\n")
        log.flush()
        subprocess.run(
            ["ps", "-o", "pid,etime,time,args", "-g", str(job.proc.pid)], stdout=log, check=False
        )
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(job.proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            job.proc.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            pass


def main() -> int:
    nox = sys.argv[1] if len(sys.argv) > 1 else "nox"
    only = set(sys.argv[2:])
    jobs = [j for j in JOBS if not only or j.session in only]
    names = {j.session for j in jobs}
    for j in jobs:
        j.needs = tuple(n for n in j.needs if n in names)
    slots = int(os.environ.get("ORUUID_CI_JOBS", (os.cpu_count() or 1) + 1))
    LOGS.mkdir(parents=True, exist_ok=True)
    by_name = {j.session: j for j in jobs}

    # The longest chain of minutes a job heads: what must start first.
    def chain(job: Job) -> float:
        after = [chain(k) for k in jobs if job.session in k.needs]
        return job.minutes + max(after, default=0)

    path = {j.session: chain(j) for j in jobs}
    deadline = 60 * float(os.environ.get("ORUUID_CI_DEADLINE", "80"))
    while True:
        now = time.monotonic()
        for j in jobs:
            if j.status != "running" or j.proc is None or j.proc.poll() is not None:
                continue
            if now - j.started > j.limit or now - t0 > deadline:
                why = "its limit" if now - j.started > j.limit else "the run's deadline"
                print(f"{stamp()} stop   {j.session}: still running at {why}", flush=True)
                stop(j)
        for j in jobs:
            if j.status == "running" and j.proc is not None and j.proc.poll() is not None:
                j.took = time.monotonic() - j.started
                j.status = "passed" if j.proc.returncode == 0 else "FAILED"
                print(f"{stamp()} {j.status.lower():6} {j.session} in {j.took:.0f} s", flush=True)
        for j in jobs:
            if j.status == "waiting" and any(by_name[n].status == "FAILED" for n in j.needs):
                j.status = "skipped"
                print(f"{stamp()} skip   {j.session}: {', '.join(j.needs)} failed", flush=True)
        running = sum(j.status == "running" for j in jobs)
        ready = [
            j
            for j in jobs
            if j.status == "waiting" and all(by_name[n].status == "passed" for n in j.needs)
        ]
        for j in sorted(ready, key=lambda j: -path[j.session])[: max(0, slots - running)]:
            start(j, nox)
            running += 1
        if not running and not ready:
            break
        time.sleep(1)

    print(f"\n{'job':45} {'status':8} {'seconds':>8}")
    for j in jobs:
        print(f"{j.session:45} {j.status:8} {j.took:8.0f}")
    print(f"wall time: {time.monotonic() - t0:.0f} s")
    bad = [j for j in jobs if j.status != "passed"]
    for j in bad:
        if j.status == "FAILED":
            lines = log_name(j).read_text(errors="replace").splitlines()
            print(f"\n==== {j.session} FAILED: last lines of {log_name(j)}")
            print("\n".join(lines[-150:]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
