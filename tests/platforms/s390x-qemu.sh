#!/usr/bin/env bash
# tests/platforms/s390x-qemu.sh: big-endian. The C++ core and its GoogleTest suite (every
# RFC 9562 vector and round trip) cross-built with g++-s390x-linux-gnu and run by ctest
# under qemu-s390x, GoogleTest built from /usr/src/googletest with the same toolchain.
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
need_packages cmake g++-s390x-linux-gnu qemu-user qemu-user-static binfmt-support libgtest-dev \
    nlohmann-json3-dev
# binfmt_misc lets a test exec its own binary again (Random.EnvironmentSelectsKernel);
# without it that test skips.
enable_binfmt || say "no binfmt_misc: tests that exec a binary will skip"
export QEMU_LD_PREFIX=/usr/s390x-linux-gnu
cross_ctest s390x
