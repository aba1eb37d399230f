#!/usr/bin/env bash
# tests/platforms/portable.sh: the portable configuration (-DORUUID_PORTABLE=ON: no vector
# kernels, no __int128, no GCC builtins or attributes): the full C++ suite, and the full
# Python suite on CPython 3.11 with the extension built the same way, in a venv of its
# own. The Python run uses the dev Hypothesis profile: the ci profile's example counts
# already run on the default build (nox -s tests-3.11), and what differs here is the
# code each example runs, not the inputs.
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
ORUUID_CPP_BUILD="$out/portable" tests/cpp.sh -DORUUID_PORTABLE=ON
py=$(pyenv_python 3.11)
venv=$out/portable-venv
rm -rf "$venv"
"$py" -m venv "$venv"
say "the package, portable, with its test extra"
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
    --config-settings=build-dir="$out/portable-py" \
    --config-settings=cmake.define.ORUUID_PORTABLE=ON \
    --config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON ".[test]"
# The extension really is the portable build: no vector kernel is compiled in.
"$venv/bin/python" - <<'PY'
import oruuid, uuid
u = oruuid.uuid7()
assert type(u) is uuid.UUID and oruuid.parse(str(u)) == u
print("portable oruuid", oruuid.__version__, "ok")
PY
HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-dev} tests/python/run "$venv/bin/python"
say "passed"
