"""Settings for the engines' tests (nox -s engines, tests/engines.sh)."""

from __future__ import annotations

import warnings


def pytest_configure(config: object) -> None:
    # PySpark 4 warns on import that it does not "fully" support pandas 3; the recipes
    # hand Spark Arrow batches, not pandas objects.
    warnings.filterwarnings(
        "ignore", message=r"PySpark does not yet fully support pandas", category=FutureWarning
    )
