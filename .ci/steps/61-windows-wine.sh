#!/usr/bin/env bash
# .ci/steps/61-windows-wine.sh: the C++ suite and consumer cross-built with MinGW-w64, run under Wine (tests/platforms/windows-wine.sh).
set -euo pipefail
exec "$(dirname "$0")/../../tests/platforms/windows-wine.sh"
