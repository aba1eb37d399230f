"""The built site, for the tests that read it: ORUUID_DOCS_HTML (tests/docs.sh builds it
there), else a build made once per test run into a temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pages import DOCS


def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("ORUUID_DOCS_HTML")
    if given:
        html = Path(given)
        assert (html / "index.html").exists(), f"ORUUID_DOCS_HTML={given} holds no built site"
        return html
    html = tmp_path_factory.mktemp("docs-html")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-W",
            "--keep-going",
            "-b",
            "html",
            str(DOCS),
            str(html),
        ],
        check=True,
    )
    return html
