#!/usr/bin/env bash
# .ci/steps/45-fuzz.sh: each fuzz target for 60 s (fuzz/run), the Python one on the first CI interpreter.
set -euo pipefail
cd "$(dirname "$0")/../.."
py=${ORUUID_PYTHONS%% *}
# tests/run has just installed this tree's oruuid into that interpreter.
ORUUID_FUZZ_PYTHON=${py:-python3} ORUUID_FUZZ_USE_INSTALLED=1 fuzz/run 60
