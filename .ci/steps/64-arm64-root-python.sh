#!/usr/bin/env bash
# .ci/steps/64-arm64-root-python.sh: the Python package built and tested (a documented subset) in an arm64 Debian root under QEMU (tests/platforms/arm64-root-python.sh).
set -euo pipefail
exec "$(dirname "$0")/../../tests/platforms/arm64-root-python.sh"
