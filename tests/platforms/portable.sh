#!/usr/bin/env bash
# tests/platforms/portable.sh: the portable configuration (-DORUUID_PORTABLE=ON: no vector
# kernels, no __int128, no GCC builtins or attributes) through the README's own test
# command, tests/run: the full C++ suite and the full Python suite, on one interpreter
# (the first of ORUUID_PYTHONS), in a venv of its own so the interpreter's installed
# oruuid is left as it was.
source "$(dirname "$0")/lib.sh"
py=${ORUUID_PYTHONS%% *}
py=${py:-python3}
venv=$out/portable-venv
rm -rf "$venv"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "scikit-build-core>=0.11"
ORUUID_CMAKE_ARGS="-DORUUID_PORTABLE=ON ${ORUUID_CMAKE_ARGS:-}" ORUUID_PYTHONS="$venv/bin/python" \
    ORUUID_CPP_BUILD="$out/portable" tests/run
# The extension really is the portable build.
"$venv/bin/python" - <<'PY'
import oruuid, uuid
u = oruuid.uuid7()
assert type(u) is uuid.UUID and oruuid.parse(str(u)) == u
print("portable oruuid", oruuid.__version__, "ok")
PY
say "passed"
