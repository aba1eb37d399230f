#!/usr/bin/env bash
# tests/platforms/aarch64-qemu.sh: the C++ core and its GoogleTest suite cross-built with
# g++-aarch64-linux-gnu and run by ctest under qemu-aarch64 (the scalar kernels, and
# the consumer project against the installed package).
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
need_packages cmake g++-aarch64-linux-gnu qemu-user qemu-user-static binfmt-support \
    libgtest-dev nlohmann-json3-dev
enable_binfmt || say "no binfmt_misc: tests that exec a binary will skip"
export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
cross_ctest aarch64
