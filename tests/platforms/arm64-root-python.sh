#!/usr/bin/env bash
# tests/platforms/arm64-root-python.sh: the Python package on Linux arm64: an arm64 Debian
# bookworm root (debootstrap) run under QEMU user emulation through binfmt_misc
# (qemu-user-static), its own python3 (3.11), the package built there from source with
# its g++ and CMake with the test extra, and the Python suite run there by
# tests/python/run with Hypothesis' example counts lowered (HYPOTHESIS_PROFILE=dev, see
# tests/python/conftest.py).
#
# Emulated, CPython runs 6-15 times slower: the whole suite takes about 35 minutes, too
# long for CI. So CI runs the modules where the CPU architecture can matter: the
# fork/thread modules (uniqueness under threads and fork), parsing, constructors,
# generators, timestamps, base32/58/64 arithmetic, range and v1/v6 conversions, the
# batch buffers, install() and the API. ORUUID_ARM64_TESTS overrides the list; "all"
# runs the whole suite (test_leaks.py at 2*10^4 calls a function, ORUUID_LEAK_CALLS).
# No PostgreSQL server in the root: the adapter tests skip, saying so.
#
#   arm64-root-python.sh --prepare   installs the Debian packages, then starts making
#                                    the root in the background and returns; a later
#                                    run waits for it (.ci/run does this first, so the
#                                    emulated debootstrap overlaps tests/run)
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
[[ $(id -u) -eq 0 ]] || die "needs root (binfmt_misc, debootstrap, chroot)"
need_packages debootstrap qemu-user-static binfmt-support
enable_binfmt || die "cannot enable binfmt_misc for qemu-aarch64"
rootdir=$roots/arm64-root
packages=python3,python3-dev,python3-venv,g++,cmake,make
if [[ ${1:-} == --prepare ]]; then
    debian_root_in_background "$rootdir" arm64 "$packages"
    exit 0
fi
debian_root "$rootdir" arm64 "$packages"
copy_tree "$rootdir/src/oruuid"
tests=${ORUUID_ARM64_TESTS:-test_threads_fork.py test_reliability_fork.py test_api.py test_parse.py test_constructors.py test_generators.py test_timestamp.py test_encode.py test_bounds_convert.py test_batch.py test_install.py}
say "build and test in the root: $tests"
in_root "$rootdir" /bin/sh -euc '
    uname -m
    python3 --version
    test -x /venv/bin/python || python3 -m venv /venv
    /venv/bin/pip install -q --disable-pip-version-check "scikit-build-core>=0.11"
    cd /src/oruuid
    start=$(date +%s)
    # With make (no ninja here) scikit-build-core builds on one core unless told.
    CMAKE_BUILD_PARALLEL_LEVEL='"$jobs"' /venv/bin/pip install -q --disable-pip-version-check --no-build-isolation \
        --config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON \
        --config-settings=build-dir=/src/pybuild ".[test]"
    echo "== built and installed in $(( $(date +%s) - start )) s"
    /venv/bin/python -c "import oruuid, uuid, platform; u = oruuid.uuid7(); assert type(u) is uuid.UUID; print(platform.machine(), u, oruuid.uuid4())"
    start=$(date +%s)
    export HYPOTHESIS_PROFILE='"${HYPOTHESIS_PROFILE:-dev}"'
    # test_leaks.py: 2*10^4 calls a function instead of 10^5 (then a leak of 50 bytes
    # a call fails, not 10); at full count it alone would take 10 minutes emulated.
    export ORUUID_LEAK_CALLS='"${ORUUID_LEAK_CALLS:-20000}"'
    if [ "'"$tests"'" = all ]; then
        tests/python/run /venv/bin/python
    else
        ORUUID_TEST_MODULES="'"$tests"'" tests/python/run /venv/bin/python
    fi
    echo "== pytest took $(( $(date +%s) - start )) s"
'
say "passed"
