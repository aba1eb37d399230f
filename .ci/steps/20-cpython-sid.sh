#!/usr/bin/env bash
# .ci/steps/20-cpython-sid.sh: CPython 3.14, 3.15 and 3.14's debug build, and Debian unstable's GCC, in a sid chroot (tests/sid/run).
#
# Debian 12 has none of these, so tests/sid/run makes a Debian sid root with
# debootstrap (a few minutes on a fresh machine; reused when it exists) and runs
# there: the C++ tests built with -DORUUID_WERROR=ON, then on each interpreter the
# Python suite, mypy --strict and CPython's own test_uuid against oruuid.install().
# It prints the time of each step. ORUUID_PYTHONS names the host's interpreters and
# plays no part here.
set -euo pipefail
cd "$(dirname "$0")/../.."
tests/sid/run
