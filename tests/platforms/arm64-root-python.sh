#!/usr/bin/env bash
# tests/platforms/arm64-root-python.sh: the Python package on Linux arm64: an arm64 Debian
# bookworm root (debootstrap) run under QEMU user emulation through binfmt_misc
# (qemu-user-static), its own python3 (3.11), the package built there from source with
# its g++ and CMake, and the Python suite run there.
#
# Under emulation the whole suite takes too long for CI, so it runs a documented subset:
# the API, parsing, constructors, generators, timestamps and install() modules
# (ORUUID_ARM64_TESTS overrides the list; "all" runs everything), with Hypothesis'
# example counts lowered (HYPOTHESIS_PROFILE, see tests/python/conftest.py).
#
#   arm64-root-python.sh --prepare   installs the Debian packages, then starts making
#                                    the root in the background and returns; a later
#                                    run waits for it (.ci/run does this first, so the
#                                    emulated debootstrap overlaps tests/run)
source "$(dirname "$0")/lib.sh"
[[ $(id -u) -eq 0 ]] || die "needs root (binfmt_misc, debootstrap, chroot)"
need_packages debootstrap qemu-user-static binfmt-support
enable_binfmt || die "cannot enable binfmt_misc for qemu-aarch64"
rootdir=$out/arm64-root
packages=python3,python3-dev,python3-venv,g++,cmake,make
if [[ ${1:-} == --prepare ]]; then
    debian_root_in_background "$rootdir" arm64 "$packages"
    exit 0
fi
debian_root "$rootdir" arm64 "$packages"
copy_tree "$rootdir/src/oruuid"
tests=${ORUUID_ARM64_TESTS:-test_api.py test_parse.py test_constructors.py test_generators.py test_timestamp.py test_install.py}
[[ $tests == all ]] && tests=""
say "build and test in the root: ${tests:-all modules}"
in_root "$rootdir" /bin/sh -euc '
    uname -m
    python3 --version
    test -x /venv/bin/python || python3 -m venv /venv
    /venv/bin/pip install -q --disable-pip-version-check scikit-build-core nanobind \
        pytest hypothesis
    cd /src/oruuid
    start=$(date +%s)
    # With make (no ninja here) scikit-build-core builds on one core unless told.
    CMAKE_BUILD_PARALLEL_LEVEL='"$jobs"' /venv/bin/pip install -q --disable-pip-version-check --no-build-isolation \
        --config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON \
        --config-settings=build-dir=/src/pybuild .
    echo "== built and installed in $(( $(date +%s) - start )) s"
    /venv/bin/python -c "import oruuid, uuid, platform; u = oruuid.uuid7(); assert type(u) is uuid.UUID; print(platform.machine(), u, oruuid.uuid4())"
    cd tests/python
    start=$(date +%s)
    HYPOTHESIS_PROFILE='"${HYPOTHESIS_PROFILE:-dev}"' /venv/bin/python -m pytest -q -p no:cacheprovider '"$tests"'
    echo "== pytest took $(( $(date +%s) - start )) s"
'
say "passed"
