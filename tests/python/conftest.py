"""Shared pytest configuration for the oruuid Python suite.

Hypothesis profiles, chosen with the ``HYPOTHESIS_PROFILE`` environment variable:

- ``ci`` (default): enough examples to find real divergences, quick enough for CI;
- ``dev``: a fast smoke run;
- ``long``: a soak run for hunting rare divergences.

No profile has a deadline: a cold cache or a loaded CI machine must not fail a test.
"""

import importlib
import os

import pytest

from hypothesis import HealthCheck, settings

for name, examples in (("ci", 300), ("long", 20_000)):
    settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        print_blob=True,
    )
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module", params=["oruuid", "oruuid._compat"])
def impl(request):
    """One behavioural suite for both implementations, as CPython's test_uuid runs for
    both of its own: oruuid (native fast paths) and oruuid._compat (the pure-Python
    statement of the stdlib's semantics that every fallback runs)."""
    return importlib.import_module(request.param)
