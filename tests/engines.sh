#!/usr/bin/env bash
# tests/engines.sh: the recipes of docs/guides/distributed.md on real engines (nox -s engines):
# PySpark in local mode on Debian's OpenJDK 17, Dask's threaded scheduler and a distributed
# LocalCluster of two worker processes, and Polars, each adding a UUIDv7 column to a
# million-row DataFrame (tests/engines/).
#
#   tests/engines.sh [PYTEST ARGS...]
#
# Makes a venv of pyenv's CPython 3.12 once (build/venv-engines, or ORUUID_ENGINES_VENV),
# installs the engines at tests/engines/requirements.txt's versions and oruuid from the
# working tree (its build tree kept in build/engines-cp312), and runs pytest on
# tests/engines/. Spark binds to 127.0.0.1 only and runs without its web UI.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1
need_packages openjdk-17-jre-headless cmake g++

version=3.12
venv=${ORUUID_ENGINES_VENV:-$root/build/venv-engines}
if [[ ! -x $venv/bin/python ]] ||
    [[ $("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])') != "$version" ]]; then
    py=$(pyenv_python "$version")
    say "venv $venv ($("$py" --version))"
    "$py" -m venv --clear "$venv"
fi
say "install the engines (tests/engines/requirements.txt)"
"$venv/bin/python" -m pip install -q -r tests/engines/requirements.txt
say "install oruuid from the working tree"
CMAKE_BUILD_PARALLEL_LEVEL=$jobs "$venv/bin/python" -m pip install -q \
    --config-settings=build-dir="$root/build/engines-cp${version/./}" .
"$venv/bin/python" -m pip list 2>/dev/null | grep -iE '^(oruuid|pyspark|dask|distributed|polars|pandas|pyarrow) '
java -version 2>&1 | head -1

say "pytest tests/engines"
# From the tests' directory: the checkout's python/ is then not on sys.path either way.
cd "$root/tests/engines"
where=$("$venv/bin/python" -c 'import oruuid; print(oruuid.__file__)')
[[ $where == "$venv"/* ]] || die "oruuid imported from $where, not the venv"
# The tests' directory unless the arguments start with paths of their own (the rootdir's
# pyproject.toml would otherwise point pytest at tests/python).
args=("$@")
[[ ${#args[@]} -gt 0 && ${args[0]} != -* ]] || args=(. "${args[@]}")
"$venv/bin/python" -m pytest -q -p no:cacheprovider -ra --durations=10 "${args[@]}"
say "passed"
