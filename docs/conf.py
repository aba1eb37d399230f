"""Sphinx configuration of oruuid's documentation site (``nox -s docs``, tests/docs.sh).

Pages are Markdown (MyST); the API reference is autodoc of the installed package; the
theme is furo, whose assets ship in its wheel. Nothing is fetched while building: no
intersphinx inventories, no fonts or scripts from a CDN. Warnings are errors (-W).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

import oruuid  # noqa: E402  (the installed package: autodoc documents what users get)

project = "oruuid"
author = "The oruuid developers"
copyright = "the oruuid developers, MIT licence"
release = oruuid.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "oruuid_docs",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "README.md"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"undoc-members": False}
add_module_names = False

html_theme = "furo"
html_title = f"oruuid {release}"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {"navigation_with_keys": True}

# ``python`` blocks are the executed examples (tests/docs/test_examples.py); highlighting
# must not guess at other languages.
highlight_language = "none"
