"""The API reference covers the whole public API, and everything in it has a docstring.

Public means: every name of ``oruuid.__all__``; the public members of ``Timestamp``
and ``ContextV7``; every name of each ``oruuid.adapters`` module's ``__all__``. Each
must have an entry in the built site's inventory (objects.inv, which autodoc and the
reference page's directives fill), and each of oruuid's own callables and classes a
docstring at run time (the native ones come from binding/*.cpp), so that the
reference, written by autodoc, says something.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitebuild import built_site

import oruuid
import oruuid.adapters

NATIVE_CLASSES = (oruuid.Timestamp, oruuid.ContextV7)


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    from sphinx.util.inventory import InventoryFile

    html = built_site(tmp_path_factory)
    with (html / "objects.inv").open("rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    names: set[str] = set()
    for role, entries in _items(inv):
        if role.startswith("py:"):
            names.update(entries)
    return names


def _items(inv: Any) -> Iterator[tuple[str, Any]]:
    # Sphinx < 8.2 returns a dict of dicts; later versions an object with .data.
    data = getattr(inv, "data", inv)
    yield from data.items()


def public_names() -> list[tuple[str, Any]]:
    found = [(f"oruuid.{n}", getattr(oruuid, n)) for n in oruuid.__all__]
    for cls in NATIVE_CLASSES:
        found.extend(
            (f"oruuid.{cls.__name__}.{n}", inspect.getattr_static(cls, n))
            for n in dir(cls)
            if not n.startswith("_")
        )
    for sub in oruuid.adapters.__all__:
        try:
            module = importlib.import_module(f"oruuid.adapters.{sub}")
        except ImportError as exc:  # the driver is missing: the docs build needs it too
            pytest.fail(f"oruuid.adapters.{sub} cannot be imported to check its docs: {exc}")
        found.append((module.__name__, module))
        found.extend((f"{module.__name__}.{n}", getattr(module, n)) for n in module.__all__)
    return found


def _ours(obj: Any) -> bool:
    """oruuid's own object, not one it re-exports from the stdlib (UUID, NAMESPACE_DNS)."""
    module = getattr(obj, "__module__", None) or getattr(obj, "__objclass__", type(obj)).__module__
    return isinstance(module, str) and module.startswith("oruuid")


@pytest.mark.parametrize(
    ("name", "obj"), public_names(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_in_the_reference(name: str, obj: Any, inventory: set[str]) -> None:
    assert name in inventory, f"{name} is public but the API reference has no entry for it"


@pytest.mark.parametrize(
    ("name", "obj"), public_names(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_has_a_docstring(name: str, obj: Any) -> None:
    if not (callable(obj) or inspect.ismodule(obj) or inspect.isdatadescriptor(obj)):
        pytest.skip("data: documented by its #: comment or the reference page")
    if not _ours(obj) and not inspect.ismodule(obj) and not inspect.isdatadescriptor(obj):
        pytest.skip(f"the stdlib's own {name.rsplit('.', 1)[-1]}, re-exported")
    if isinstance(obj, (classmethod, staticmethod)):
        obj = obj.__func__
    doc = inspect.getdoc(obj) if not inspect.isdatadescriptor(obj) else obj.__doc__
    assert doc, f"{name} has no docstring"
    assert doc.strip(), f"{name} has an empty docstring"
    if not inspect.isclass(obj) and inspect.isclass(type(obj)) and not inspect.ismodule(obj):
        assert doc != inspect.getdoc(type(obj)), f"{name} only has its type's docstring"


def test_reference_page_is_generated() -> None:
    """The reference is autodoc of the package, not hand-copied text."""
    page = Path(__file__).resolve().parents[2] / "docs" / "reference" / "python.md"
    text = page.read_text(encoding="utf-8")
    assert text.count(".. autofunction:: oruuid.") >= 25
    assert ".. autoclass:: oruuid.Timestamp" in text
    assert ".. autoclass:: oruuid.ContextV7" in text
