"""``python -m oruuid.bench``: see :mod:`oruuid.bench`."""

from ._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
