"""Sphinx glue for oruuid's site: native docstrings read as plain text.

The extension module's docstrings (binding/*.cpp) are written for ``help()``: plain
text in which ``2**48`` or ``'name'`` mean what they say. autodoc reads docstrings as
reStructuredText, where ``**`` opens bold text and a list needs a blank line before it.
This hook escapes reST's inline markup in those docstrings and puts the blank lines
in, so they render as written, and the build stays free of warnings (-W).
"""

from __future__ import annotations

import re
from typing import Any

_NATIVE = {
    "builtin_function_or_method",
    "method_descriptor",
    "classmethod_descriptor",
    "getset_descriptor",
    "member_descriptor",
    "wrapper_descriptor",
}
_MARKUP = re.compile(r"([*`|\\])")
_ITEM = re.compile(r"^\s*[-*] ")


def _is_native(obj: Any) -> bool:
    if type(obj).__name__ in _NATIVE:
        return True
    # The native classes (Timestamp, ContextV7): their docstrings are the C ones.
    return isinstance(obj, type) and obj.__module__ == "oruuid" and "__dict__" not in vars(obj)


def plain_text(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    if not _is_native(obj):
        return
    out: list[str] = []
    for line in lines:
        item = _ITEM.match(line)
        text = _MARKUP.sub(r"\\\1", line)
        if item:
            # A list item: a blank line before the first, and "- " kept as the bullet.
            if out and out[-1].strip() and not _ITEM.match(out[-1].replace("\\", "")):
                out.append("")
            bullet = item.group(0)
            text = bullet.lstrip() + _MARKUP.sub(r"\\\1", line[len(bullet) :])
        elif out and line.startswith("  ") and not line.startswith("    "):
            text = "  " + _MARKUP.sub(r"\\\1", line.strip())
        out.append(text)
    lines[:] = out


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", plain_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
