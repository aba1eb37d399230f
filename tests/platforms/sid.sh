#!/usr/bin/env bash
# tests/platforms/sid.sh: tests oruuid on CPython 3.14, 3.15 and 3.14's debug build, and with GCC's newest release, in a Debian unstable (sid) chroot.
#
#   sudo tests/platforms/sid.sh                  every step below
#   sudo tests/platforms/sid.sh cpp 3.15         only those steps (cpp, 3.14, 3.15, 3.14-dbg)
#
# Debian 12 has none of these interpreters, so this makes (once) a minimal sid root
# with debootstrap, from the mirror of the host's apt sources, and works in it:
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
# This script is the host's part: the root, its lock and the chroot (tests/lib.sh). The
# steps are tests/platforms/sid_steps.py, run in the root by its python3.14: each is
# timed and logged (var/tmp/oruuid-sid/logs in the root). A test extra that has no
# wheel for an interpreter is left out, by name, and the tests that need it skip or
# fail as they would anywhere it is missing; the summary says which. Every step runs
# even when an earlier one fails; the exit status is 1 if any failed. A timing of each
# step ends the output, with the lines that name what failed under a failed step.
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
# venvs, pip's cache and each step's log stay in the root. One run at a time per root
# (a lock, ROOT.lock): a second one waits.

# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"

inner_src=/oruuid
all_steps=(cpp 3.14 3.15 3.14-dbg)

# What debootstrap puts in the root, then what apt adds (tests/run's C++ packages, and
# postgresql for the adapter tests' server).
# Changing either list makes the next run rebuild the root, or add to it.
debootstrap_packages=(
    python3.14 python3.14-dev python3.14-venv libpython3.14-testsuite python3.14-dbg
    python3.15 python3.15-dev python3.15-venv libpython3.15-testsuite
    g++ cmake make git ca-certificates
)
apt_packages=(libgtest-dev libbenchmark-dev nlohmann-json3-dev postgresql)

steps=("$@")
((${#steps[@]})) || steps=("${all_steps[@]}")
for s in "${steps[@]}"; do
    [[ " ${all_steps[*]} " == *" $s "* ]] || die "unknown step $s (steps: ${all_steps[*]})"
done
[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, mount, chroot): sudo $0 $*"
need_packages debootstrap

sid_root=$(realpath -m "${ORUUID_SID_ROOT:-/var/cache/oruuid/sid}")
[[ $sid_root != / ]] || die "ORUUID_SID_ROOT must not be /"
boot_stamp=$sid_root/.oruuid-sid-debootstrap
apt_stamp=$sid_root/.oruuid-sid-packages
boot_want="debootstrap --variant=minbase sid: ${debootstrap_packages[*]}"
apt_want="apt: ${apt_packages[*]}"

# A new root, by debootstrap.
make_root() {
    local mirror=${ORUUID_SID_MIRROR:-$(debian_mirror)} log=$sid_root.debootstrap.log
    say "debootstrap sid into $sid_root from $mirror (a few minutes)"
    [[ ! -e $sid_root ]] || remove_root "$sid_root"
    if ! debootstrap --variant=minbase --include="$(IFS=,; echo "${debootstrap_packages[*]}")" \
        sid "$sid_root" "$mirror" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        [[ ! -f $sid_root/debootstrap/debootstrap.log ]] || tail -n 40 "$sid_root/debootstrap/debootstrap.log" >&2
        die "debootstrap failed (log: $log)"
    fi
    # The mirror may serve Release files past their Valid-Until date.
    printf '%s\n' 'Acquire::Check-Valid-Until "false";' 'APT::Install-Recommends "false";' \
        >"$sid_root/etc/apt/apt.conf.d/99oruuid-sid"
    echo "$boot_want" >"$boot_stamp"
}

# apt_packages, in the root.
add_packages() {
    say "apt-get install ${apt_packages[*]} (in the root)"
    # No service starts in a chroot, and postgresql makes no cluster of its own: the
    # adapter tests start their own server.
    printf '#!/bin/sh\nexit 101\n' >"$sid_root/usr/sbin/policy-rc.d"
    chmod 755 "$sid_root/usr/sbin/policy-rc.d"
    mkdir -p "$sid_root/etc/postgresql-common/createcluster.d"
    echo 'create_main_cluster = false' >"$sid_root/etc/postgresql-common/createcluster.d/oruuid.conf"
    in_root "$sid_root" /bin/sh -ec 'apt-get update -qq
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null
        apt-get clean' sh "${apt_packages[@]}"
    echo "$apt_want" >"$apt_stamp"
}

# One run at a time per root: they would share its mounts, venvs and build trees. The
# lock is held to the end (on $root_lock_fd).
mkdir -p "$(dirname "$sid_root")"
flock -n "$sid_root.lock" true || say "waiting for another run on $sid_root"
root_lock "$sid_root"

t_root=$SECONDS
note=reused
# Made again when missing, incomplete (no stamp), made from another list, or asked for.
if [[ ${ORUUID_SID_REBUILD:-} == 1 || ! -f $boot_stamp || $(<"$boot_stamp") != "$boot_want" ]]; then
    make_root
    note="made by debootstrap"
fi
if [[ ! -f $apt_stamp || $(<"$apt_stamp") != "$apt_want" ]]; then
    add_packages
    [[ $note != reused ]] || note="packages added"
fi
root_took=$((SECONDS - t_root))
say "root $sid_root: $note in $root_took s; $(sed -n 's/^PRETTY_NAME="\(.*\)"$/\1/p' "$sid_root/etc/os-release")"

env_args=(ORUUID_CMAKE_ARGS="${ORUUID_CMAKE_ARGS:-}")
[[ -z ${HYPOTHESIS_PROFILE:-} ]] || env_args+=(HYPOTHESIS_PROFILE="$HYPOTHESIS_PROFILE")
# The steps do not inherit the lock's descriptor ({root_lock_fd}>&-): a process they
# leave behind (a PostgreSQL server) must not hold it. $root is the source tree (lib.sh).
# The exit status is theirs: 1 if a step failed, 130 on Ctrl-C.
in_root --bind "$root" "$inner_src" "$sid_root" "${env_args[@]}" \
    python3.14 "$inner_src/tests/platforms/sid_steps.py" \
    --host-root "$sid_root" --root-seconds "$root_took" --root-note "$note" "${steps[@]}" \
    {root_lock_fd}>&-
