#!/usr/bin/env bash
# tests/mod-wsgi.sh: oruuid under Debian's Apache mod_wsgi (Python 3.11 embedded): application groups in legacy sub-interpreters and the main one (tests/python/test_mod_wsgi.py).
#
# Installs what is missing of Debian's apache2 and libapache2-mod-wsgi-py3 (whose
# mod_wsgi embeds /usr/bin/python3.11) and of what builds oruuid for that Python;
# makes a venv of /usr/bin/python3.11, installs the project and the test extra's pytest
# (nothing else: the module runs with --noconftest, so hypothesis is not needed), and
# runs tests/python/test_mod_wsgi.py there with ORUUID_MODWSGI=1, without which it
# skips. The test starts an Apache of its own (its own config, scratch directory and
# free port on 127.0.0.1) and stops it; the system's apache2 service is not used.
#
# Apache's children and mod_wsgi's daemon process run as www-data, which must read
# the venv: it goes to $ORUUID_MODWSGI_DIR (default /var/tmp/oruuid-mod-wsgi), readable
# by all, and is made afresh each run; the build tree to build/mod-wsgi. Needs root.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
dir=${ORUUID_MODWSGI_DIR:-/var/tmp/oruuid-mod-wsgi}
py=/usr/bin/python3.11
need_packages apache2 libapache2-mod-wsgi-py3 python3.11 python3.11-venv python3.11-dev cmake g++

# The test extra's pytest requirement, as pyproject.toml states it.
pytest_req=$("$py" -c 'import tomllib
test = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["test"]
print(next(r for r in test if r.split(">")[0].split("=")[0].split("[")[0].strip() == "pytest"))')

venv=$dir/venv
rm -rf "$venv"
mkdir -p "$dir"
chmod 755 "$dir"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --root-user-action=ignore \
    --config-settings=build-dir="$root/build/mod-wsgi" . "$pytest_req"
chmod -R a+rX "$venv"

ORUUID_MODWSGI=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider --noconftest -rs \
    "$root/tests/python/test_mod_wsgi.py"
