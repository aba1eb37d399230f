#!/usr/bin/env bash
# .ci/steps/60-plain-cmake.sh: configure, build and install with only g++ and CMake, in a fresh Debian root (tests/platforms/plain-cmake.sh).
set -euo pipefail
exec "$(dirname "$0")/../../tests/platforms/plain-cmake.sh"
