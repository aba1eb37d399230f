#!/usr/bin/env bash
# tests/cpp.sh: the C++ core's tests (nox -s cpp): CMakePresets.json's dev preset (Release,
# tests, benchmarks, -Werror), built and run by ctest.
#
#   tests/cpp.sh [CMAKE ARGS...]      e.g. -DORUUID_PORTABLE=ON
#
# The build tree is build/cpp, or ORUUID_CPP_BUILD. GoogleTest, Google Benchmark and
# nlohmann-json come from Debian, installed when missing (as root).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need_packages cmake g++ libgtest-dev libbenchmark-dev nlohmann-json3-dev
build=${ORUUID_CPP_BUILD:-$root/build/cpp}
say "configure, build, ctest ($build)"
cmake -S . -B "$build" --preset dev "$@"
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs"
say "passed"
