#!/usr/bin/env bash
# .ci/steps/62-s390x-qemu.sh: the C++ suite on big-endian s390x under qemu-user (tests/platforms/s390x-qemu.sh).
set -euo pipefail
exec "$(dirname "$0")/../../tests/platforms/s390x-qemu.sh"
