#!/usr/bin/env bash
# .ci/steps/55-portable.sh: the portable configuration (-DORUUID_PORTABLE=ON), full C++ and Python suites, first CI interpreter (tests/platforms/portable.sh).
set -euo pipefail
exec "$(dirname "$0")/../../tests/platforms/portable.sh"
