#!/usr/bin/env bash
# tests/platforms/plain-cmake.sh: a new C++ user's build, in a fresh minimal Debian bookworm
# root (debootstrap) with only g++, cmake and make: no GoogleTest, no nlohmann_json.
#
# 1. `cmake -S . -B build && cmake --build build && cmake --install build` succeeds and
#    says the tests are not built;
# 2. -DORUUID_BUILD_TESTS=ON fails at configure time, naming what is missing;
# 3. tests/consumer builds against the installed package with find_package and runs
#    (the RFC 9562 vectors through the public headers only).
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, chroot)"
need_packages debootstrap
arch=$(dpkg --print-architecture)
rootdir=$roots/plain-root
debian_root "$rootdir" "$arch" g++,cmake,make
copy_tree "$rootdir/src/oruuid"
rm -rf "$rootdir/src/build" "$rootdir/src/build-tests" "$rootdir/src/consumer"
say "configure, build, install in the root"
in_root "$rootdir" /bin/sh -euc '
    cd /src/oruuid
    cmake -S . -B /src/build 2>&1 | tee /src/configure.log
    grep -q "oruuid: not building the C++ tests: GoogleTest not found" /src/configure.log
    cmake --build /src/build -j '"$jobs"'
    cmake --install /src/build
    test -f /usr/local/include/oruuid/uuid.hpp
    test -f /usr/local/lib/cmake/oruuid/oruuidConfig.cmake
    echo "== asking for the tests without GoogleTest must fail clearly"
    if cmake -S . -B /src/build-tests -DORUUID_BUILD_TESTS=ON >/src/tests.log 2>&1; then
        echo "configure with ORUUID_BUILD_TESTS=ON succeeded without GoogleTest" >&2; exit 1
    fi
    grep -q "ORUUID_BUILD_TESTS=ON, but GoogleTest not found" /src/tests.log
    echo "== the consumer project against the installed package"
    cmake -S tests/consumer -B /src/consumer -DORUUID_VECTORS=$PWD/tests/data/rfc9562-vectors.json
    cmake --build /src/consumer
    /src/consumer/consumer | tail -n 1
'
say "passed"
