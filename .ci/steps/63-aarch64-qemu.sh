#!/usr/bin/env bash
# .ci/steps/63-aarch64-qemu.sh: the C++ suite on aarch64 under qemu-user (tests/platforms/aarch64-qemu.sh).
set -euo pipefail
exec "$(dirname "$0")/../../tests/platforms/aarch64-qemu.sh"
