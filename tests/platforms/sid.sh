#!/usr/bin/env bash
# tests/platforms/sid.sh: tests oruuid on CPython 3.14, 3.15 and 3.14's debug build, and with GCC's newest release, in a Debian unstable (sid) chroot.
#
#   sudo tests/platforms/sid.sh                  every step below
#   sudo tests/platforms/sid.sh cpp 3.15         only those steps (cpp, 3.14, 3.15, 3.14-dbg)
#
# Debian 12 has none of these interpreters, so this makes (once) a minimal sid root
# with debootstrap, from the mirror in the host's apt sources, and works in it:
#
#   cpp        the C++ core built by sid's g++ with -DORUUID_WERROR=ON, then ctest;
#   3.14       in a fresh venv: pip install ".[test]" (as tests/run does), then
#   3.15         tests/python/run, mypy --strict tests/python/typing_sample.py, and
#              CPython's own test_uuid against oruuid.install()
#              (tests/python/stdlib_uuid_runner.py);
#   3.14-dbg   the same on python3.14-dbg, a Py_DEBUG build (ABI cpython-314d). pip
#              gives it the ordinary cp314 wheels of the dependencies: since 3.8 a
#              debug build loads release-built extensions, and Debian's lists their
#              suffix in importlib.machinery.EXTENSION_SUFFIXES. oruuid itself is
#              built for the debug ABI.
#
# A test extra that has no wheel for an interpreter is left out, by name, and the
# tests that need it skip or fail as they would anywhere it is missing; the summary
# says which. Every step runs even when an earlier one fails; the exit status is 1
# if any failed. A timing of each step ends the output.
#
# Needs root (debootstrap, mount, chroot). Environment:
#   ORUUID_SID_ROOT      the root's directory (default /var/cache/oruuid/sid); kept and
#                        reused once complete, rebuilt when incomplete or when the
#                        package lists below change
#   ORUUID_SID_REBUILD=1 make a new root even if the current one is complete
#   ORUUID_SID_MIRROR    the Debian mirror (default: the host's, from its apt sources)
#   HYPOTHESIS_PROFILE   passed on to the tests (tests/python/conftest.py); default ci,
#                        and dev on the debug build, whose Python code runs slower
#   ORUUID_CMAKE_ARGS    more arguments for the C++ step's cmake, as in tests/run
#
# The source tree is bind-mounted at /oruuid in the root, so the build trees land in
# this checkout's build/sid/ and what is tested is the working tree as it is. The
# venvs, pip's cache and each step's log (var/tmp/oruuid-sid/logs) stay in the root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
inner_src=/oruuid
pythons=(3.14 3.15 3.14-dbg)
all_steps=(cpp "${pythons[@]}")

# What debootstrap puts in the root, then what apt adds (tests/run's C++ packages, and
# postgresql for the adapter tests' server).
# Changing either list makes the next run rebuild the root, or add to it.
debootstrap_packages=(
    python3.14 python3.14-dev python3.14-venv libpython3.14-testsuite python3.14-dbg
    python3.15 python3.15-dev python3.15-venv libpython3.15-testsuite
    g++ cmake make git ca-certificates
)
apt_packages=(libgtest-dev libbenchmark-dev nlohmann-json3-dev postgresql)

say() { printf '== sid: %s\n' "$*"; }
die() { printf 'tests/platforms/sid.sh: %s\n' "$*" >&2; exit 1; }

# ---- Inside the root: the steps ---------------------------------------------------

# One line per step for the summary: "name status seconds note".
results=()
failed=0

# step NAME DESCRIPTION COMMAND...: runs the command in a subshell with set -e, timed,
# its output also kept in $logs/NAME.log. A failure is recorded (and left in
# $step_rc), not fatal, and the lines of its log that name what failed go to the
# summary. Never call it where its status is tested (if, ||): bash would then ignore
# set -e inside the command too.
step_rc=0
step() {
    local name=$1 t=$SECONDS log=$logs/${1// /-}.log
    printf '\n== sid [%s]: %s\n' "$name" "$2"
    shift 2
    set +e
    (set -e; "$@") 2>&1 | tee "$log"
    step_rc=${PIPESTATUS[0]}
    set -e
    local took=$((SECONDS - t))
    if ((step_rc == 0)); then
        results+=("$(printf '%-22s %-6s %5d s' "$name" ok "$took")")
        printf '== sid [%s]: ok in %d s\n' "$name" "$took"
    else
        results+=("$(printf '%-22s %-6s %5d s  (exit %d; %s)' "$name" FAIL "$took" "$step_rc" "${ORUUID_SID_ROOT_PATH:-}$log")")
        # pytest's short summary, unittest's, ctest's list, and compiler diagnostics.
        while IFS= read -r line; do
            results+=("    ${line:0:160}")
        done < <(grep -E '^(FAILED|ERROR) |^(FAIL|ERROR): |: (error|warning): |[0-9]+ - .*\((Failed|Not Run|Timeout|SEGFAULT|Subprocess aborted|Exception)\)' "$log" |
            sed -E 's/^[[:space:]]+//' | awk '!seen[$0]++' | head -n 40)
        printf '== sid [%s]: FAILED (exit %d) in %d s\n' "$name" "$step_rc" "$took"
        failed=1
    fi
}

skip_step() {
    results+=("$(printf '%-22s %-6s %5s    (%s)' "$1" skip - "$2")")
    printf '\n== sid [%s]: skipped: %s\n' "$1" "$2"
}

cpp_step() {
    local build=$inner_src/build/sid/cpp built=0 tested=0
    g++ --version | head -1
    # shellcheck disable=SC2086 # ORUUID_CMAKE_ARGS is a list of words, as in tests/run
    cmake -S "$inner_src" -B "$build" -G "Unix Makefiles" --preset dev \
        ${ORUUID_CMAKE_ARGS:-} >/dev/null
    # -k: every error and warning of the newer compiler in one run; then the tests
    # that did build run all the same.
    cmake --build "$build" -j "$jobs" -- -k || built=$?
    ctest --test-dir "$build" --output-on-failure -j "$jobs" || tested=$?
    ((built == 0)) || echo "the build failed (exit $built): see the errors above"
    ((built == 0 && tested == 0))
}

# The test extra's requirements, one a line, as pyproject.toml lists them.
test_requirements() {
    "$1" - "$inner_src/pyproject.toml" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["optional-dependencies"]["test"]))
EOF
}

# Makes a fresh venv for interpreter $1 at $2 and installs oruuid with the test extra
# (or with what of it has wheels for this interpreter; the rest is listed in
# $2/missing-extras).
install_step() {
    local interp=$1 venv=$2 tag req out t=$SECONDS
    "$interp" -m venv --clear "$venv"
    local py=$venv/bin/python
    "$py" -c 'import sys, sysconfig; print(sys.version.replace("\n", " "), "| SOABI", sysconfig.get_config_var("SOABI"))'
    "$py" -m pip install -q --upgrade pip
    tag=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("SOABI"))')
    mapfile -t reqs < <(test_requirements "$py")
    : >"$venv/missing-extras"
    # Wheels only for the dependencies: a missing wheel is then a quick, named
    # failure, not a long source build (numpy, pyarrow) or one that needs Rust
    # (orjson, pydantic-core).
    # --no-compile: no byte-compiling of every file of every package up front (slow on
    # the debug build); the tests compile what they import.
    if ! out=$("$py" -m pip install -q --no-compile --only-binary=:all: "${reqs[@]}" 2>&1); then
        echo "$out" | tail -n 5
        echo "-- the test requirements do not install together from wheels for $tag; one at a time:"
        for req in "${reqs[@]}"; do
            if out=$("$py" -m pip install -q --no-compile --only-binary=:all: "$req" 2>&1); then
                echo "   $req: installed"
            else
                echo "   $req: NOT INSTALLED: $(grep -m1 -E '^ERROR' <<<"$out" || tail -n 1 <<<"$out")"
                echo "$req" >>"$venv/missing-extras"
            fi
        done
    fi
    echo "-- test requirements in place after $((SECONDS - t)) s"
    local what=".[test]"
    if [[ -s $venv/missing-extras ]]; then
        what="."
        echo "-- installing oruuid without the [test] extra, whose other requirements are in place"
    fi
    # As tests/run installs it (oruuid._testing included), with a build tree of its own.
    (cd "$inner_src" && "$py" -m pip install -q \
        --config-settings=build-dir="build/sid/py-{wheel_tag}" \
        --config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON "$what")
    echo "-- oruuid built and installed after $((SECONDS - t)) s"
    "$py" -m pip list --format=freeze | tr '\n' ' '
    echo
    # The extensions' names carry the ABI they were built for (cpython-314d-...).
    (cd / && "$py" -c 'import oruuid._core as c, os; d = os.path.dirname(c.__file__); print(d + ":", *sorted(f for f in os.listdir(d) if f.endswith(".so")))')
}

pytest_step() { "$inner_src/tests/python/run" "$1"; }

mypy_step() {
    cd "$inner_src"
    "$1" -m mypy --strict --cache-dir "$2" tests/python/typing_sample.py
}

stdlib_step() {
    cd /
    "$1" -c 'import test.test_uuid' || { echo "no test.test_uuid (libpython3.X-testsuite)"; return 1; }
    "$1" "$inner_src/tests/python/stdlib_uuid_runner.py" -v
}

inside() {
    jobs=$(($(nproc) < 2 ? $(nproc) : 2))
    export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1
    # scikit-build-core's builds too use at most $jobs cores.
    export CMAKE_BUILD_PARALLEL_LEVEL=$jobs
    local work=/var/tmp/oruuid-sid name interp venv
    logs=$work/logs
    rm -rf "$logs"
    mkdir -p "$logs"
    for name in "$@"; do
        case $name in
            cpp)
                step cpp "C++ with sid's g++, -DORUUID_WERROR=ON, ctest" cpp_step
                ;;
            3.14 | 3.15 | 3.14-dbg)
                interp=/usr/bin/python${name}
                venv=$work/venv-$name
                step "$name install" "venv, pip install .[test] ($interp)" \
                    install_step "$interp" "$venv"
                if ((step_rc)); then
                    skip_step "$name pytest" "install failed"
                    skip_step "$name mypy" "install failed"
                    skip_step "$name test_uuid" "install failed"
                    continue
                fi
                if [[ -s $venv/missing-extras ]]; then
                    results[-1]+="  without: $(tr '\n' ' ' <"$venv/missing-extras")"
                fi
                # The debug build runs Python code several times slower; its point is
                # its checks, not the number of examples, so Hypothesis's "dev" profile
                # there unless a profile was asked for.
                if [[ $name == *-dbg && -z ${ORUUID_SID_HYPOTHESIS_SET:-} ]]; then
                    step "$name pytest" "tests/python/run (HYPOTHESIS_PROFILE=dev)" \
                        env HYPOTHESIS_PROFILE=dev "$inner_src/tests/python/run" "$venv/bin/python"
                else
                    step "$name pytest" "tests/python/run (HYPOTHESIS_PROFILE=$HYPOTHESIS_PROFILE)" \
                        pytest_step "$venv/bin/python"
                fi
                if [[ -x $venv/bin/mypy ]]; then
                    step "$name mypy" "mypy --strict typing_sample.py" \
                        mypy_step "$venv/bin/python" "$work/mypy-$name"
                else
                    skip_step "$name mypy" "mypy not installed"
                fi
                step "$name test_uuid" "CPython's test_uuid, oruuid installed" \
                    stdlib_step "$venv/bin/python"
                ;;
            *) die "unknown step $name (steps: ${all_steps[*]})" ;;
        esac
    done
    printf '\n== sid: summary (%s)\n' "$(uname -m), $(nproc) cores, -j$jobs"
    [[ -z ${ORUUID_SID_ROOT_TOOK:-} ]] ||
        printf '%-22s %-6s %5d s  %s\n' root ok "$ORUUID_SID_ROOT_TOOK" "${ORUUID_SID_ROOT_NOTE:-}"
    printf '%s\n' "${results[@]}"
    printf '%-22s %-6s %5d s\n' total "$( ((failed)) && echo FAIL || echo ok)" \
        "$((SECONDS + ${ORUUID_SID_ROOT_TOOK:-0}))"
    return "$failed"
}

if [[ ${1:-} == --inside ]]; then
    shift
    # Ctrl-C ends the run, not only the step it interrupts (pytest exits 2 on it).
    trap 'exit 130' INT
    trap 'exit 143' TERM
    inside "$@"
    exit
fi

# ---- On the host: the root, the mounts, the chroot --------------------------------

steps=("$@")
((${#steps[@]})) || steps=("${all_steps[@]}")
for s in "${steps[@]}"; do
    [[ " ${all_steps[*]} " == *" $s "* ]] || die "unknown step $s (steps: ${all_steps[*]})"
done
[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, mount, chroot): sudo $0 $*"

root=${ORUUID_SID_ROOT:-/var/cache/oruuid/sid}
root=$(realpath -m "$root")
[[ $root != / ]] || die "ORUUID_SID_ROOT must not be /"
mkdir -p "$(dirname "$root")"

# One run at a time per root: they would share its mounts and venvs.
exec 9>"$root.lock"
if ! flock -n 9; then
    say "waiting for another run on $root"
    flock 9
fi

mounts=()
unmount_all() {
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount -R "${mounts[i]}" 2>/dev/null || umount -R -l "${mounts[i]}" ||
            echo "tests/platforms/sid.sh: could not unmount ${mounts[i]}" >&2
    done
    mounts=()
}
trap unmount_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing may be mounted under the root when it is removed: the source tree could be.
remove_root() {
    if findmnt -rn -o TARGET | awk -v r="$root/" 'index($0 "/", r) == 1 { f = 1 } END { exit !f }'; then
        die "something is still mounted under $root (see findmnt); unmount it first"
    fi
    rm -rf --one-file-system "$root"
}

# The mirror: the host's (the first non-security URI of its apt sources).
mirror() {
    if [[ -n ${ORUUID_SID_MIRROR:-} ]]; then echo "$ORUUID_SID_MIRROR"; return; fi
    local m
    m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')
    [[ -n $m ]] || m=$(grep -hs -E '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
        awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) { print $i; exit } else next } }')
    echo "${m:-http://deb.debian.org/debian}"
}

boot_stamp=$root/.oruuid-sid-debootstrap
apt_stamp=$root/.oruuid-sid-packages
boot_want="debootstrap --variant=minbase sid: ${debootstrap_packages[*]}"
apt_want="apt: ${apt_packages[*]}"

chroot_run() {
    chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" DEBIAN_FRONTEND=noninteractive "$@"
}

mount_all() {
    mount -t proc proc "$root/proc"
    mounts+=("$root/proc")
    # /dev with what is mounted under it (/dev/pts, /dev/shm for multiprocessing).
    mount --rbind /dev "$root/dev"
    mounts+=("$root/dev")
    mount --make-rslave "$root/dev"
    # Read-only: tests compare what they find with /sys (network interfaces, CPUs).
    mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
    mounts+=("$root/sys")
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
}

# Site-local CAs of the host (a proxy that inspects TLS, say), so that pip and apt in
# the root trust what the host trusts. Nothing to do on most machines.
local_cas() {
    local from=/usr/local/share/ca-certificates to=$root/usr/local/share/ca-certificates
    [[ -d $from ]] || return 0
    if ! diff -rq "$from" "$to" >/dev/null 2>&1; then
        rm -rf "$to"
        mkdir -p "$to"
        cp -a "$from/." "$to/"
        chroot_run update-ca-certificates >/dev/null
    fi
}

t_root=$SECONDS
note=reused
if [[ ${ORUUID_SID_REBUILD:-} == 1 || ! -f $boot_stamp || $(<"$boot_stamp") != "$boot_want" ]]; then
    note="made by debootstrap"
    if ! command -v debootstrap >/dev/null; then
        say "apt-get install debootstrap"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    fi
    m=$(mirror)
    say "debootstrap sid into $root from $m (a few minutes)"
    [[ ! -e $root ]] || remove_root
    include=$(IFS=,; echo "${debootstrap_packages[*]}")
    log=$(mktemp)
    if ! debootstrap --variant=minbase --include="$include" sid "$root" "$m" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        [[ ! -f $root/debootstrap/debootstrap.log ]] || tail -n 40 "$root/debootstrap/debootstrap.log" >&2
        rm -f "$log"
        die "debootstrap failed"
    fi
    rm -f "$log"
    # The mirror may serve Release files past their Valid-Until date.
    printf '%s\n' 'Acquire::Check-Valid-Until "false";' 'APT::Install-Recommends "false";' \
        >"$root/etc/apt/apt.conf.d/99oruuid-sid"
    echo "$boot_want" >"$boot_stamp"
fi

mount_all
local_cas
if [[ ! -f $apt_stamp || $(<"$apt_stamp") != "$apt_want" ]]; then
    [[ $note == reused ]] && note="packages added"
    say "apt-get install ${apt_packages[*]} (in the root)"
    # No service starts in a chroot, and postgresql makes no cluster of its own: the
    # adapter tests start their own server.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    mkdir -p "$root/etc/postgresql-common/createcluster.d"
    echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.d/oruuid.conf"
    chroot_run apt-get update -qq
    chroot_run apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
    chroot_run apt-get clean
    echo "$apt_want" >"$apt_stamp"
fi
root_took=$((SECONDS - t_root))
say "root $root: $note in ${root_took} s; $(chroot_run bash -c '. /etc/os-release; echo "$PRETTY_NAME"')"

mkdir -p "$root$inner_src"
mount --bind "$src" "$root$inner_src"
mounts+=("$root$inner_src")

set +e
chroot_run ORUUID_SID_ROOT_TOOK="$root_took" ORUUID_SID_ROOT_NOTE="$note" ORUUID_SID_ROOT_PATH="$root" \
    ORUUID_CMAKE_ARGS="${ORUUID_CMAKE_ARGS:-}" \
    HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}" ORUUID_SID_HYPOTHESIS_SET="${HYPOTHESIS_PROFILE:+1}" \
    /bin/bash "$inner_src/tests/platforms/sid.sh" --inside "${steps[@]}"
rc=$?
set -e
exit "$rc"
