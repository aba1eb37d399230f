"""``python -m oruuid``: see :mod:`oruuid._cli`."""

from ._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
