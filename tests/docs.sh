#!/usr/bin/env bash
# tests/docs.sh: the documentation site (nox -s docs). Builds docs/ with Sphinx into
# build/docs/html, warnings as errors, then checks it (tests/docs/):
#
#   test_examples.py      every python example of every page runs (PostgreSQL ones
#                         against a throwaway server), and prints its Output block
#   test_cpp_examples.py  every C++ example builds against the installed C++ package
#   test_api_coverage.py  every public name has an entry in the reference and a docstring
#   test_site.py          the site in headless Chromium: pages, navigation, search,
#                         internal links, console errors; screenshots in build/docs-screenshots
#
# Everything comes from PyPI (pyproject.toml's docs extra, in build/docs-venv, with the
# package built from this tree) and Debian (chromium, chromium-driver, cmake, g++,
# postgresql: installed as root when missing). Nothing is fetched while building.
# pytest arguments may follow: tests/docs.sh -k databases.
# shellcheck source=tests/lib.sh
source "$(dirname "$0")/lib.sh"

venv=${ORUUID_DOCS_VENV:-$root/build/docs-venv}
html=$root/build/docs/html
prefix=$root/build/docs-cpp/prefix

# The browser and its driver: ORUUID_CHROMIUM and ORUUID_CHROMEDRIVER (test_site.py), or
# on PATH (a hosted runner's Chrome), else Debian's.
missing=()
[[ -x ${ORUUID_CHROMIUM:-} ]] || command -v chromium >/dev/null ||
    command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null ||
    missing+=(chromium)
[[ -x ${ORUUID_CHROMEDRIVER:-} ]] || command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
((${#missing[@]} == 0)) || need_packages "${missing[@]}"

if [[ ! -x $venv/bin/python ]]; then
    say "venv $venv"
    "${ORUUID_DOCS_PYTHON:-$(pyenv_python 3.11)}" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check --upgrade pip
fi
say "pip install: the docs extra, and the package built from this tree"
mapfile -t requirements < <("$venv/bin/python" - <<'PY'
import tomllib
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["optional-dependencies"]["docs"]))
PY
)
"$venv/bin/pip" install -q --disable-pip-version-check "${requirements[@]}"
# Its own build directory, kept: the next run rebuilds only what changed.
CMAKE_BUILD_PARALLEL_LEVEL=$jobs "$venv/bin/pip" install -q --disable-pip-version-check \
    --config-settings=build-dir=build/docs-build --force-reinstall --no-deps .

say "the C++ package, installed in $prefix"
if ! {
    cmake -S . -B build/docs-cpp/build -DCMAKE_BUILD_TYPE=Release -DORUUID_BUILD_TESTS=OFF &&
        cmake --build build/docs-cpp/build -j "$jobs" &&
        cmake --install build/docs-cpp/build --prefix "$prefix"
} >build/docs-cpp.log 2>&1; then
    tail -50 build/docs-cpp.log
    die "the C++ build failed"
fi

say "sphinx-build -W (a fresh build: an incremental one would not repeat old warnings)"
rm -rf "$html" build/docs/doctrees
"$venv/bin/python" -m sphinx -W --keep-going -q -b html -d build/docs/doctrees docs "$html"

say "tests/docs"
ORUUID_DOCS_HTML=$html ORUUID_DOCS_CPP_PREFIX=$prefix \
    ORUUID_DOCS_SCREENSHOTS=${ORUUID_DOCS_SCREENSHOTS:-$root/build/docs-screenshots} \
    "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/docs "$@"
say "passed: the site is $html/index.html"
