"""The docs tests: tests/docs.sh runs them after building the site (nox -s docs)."""

from __future__ import annotations

import sys
from pathlib import Path

# pages.py and run_page.py beside this file; pgserver.py of the Python suite.
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "python")]
