"""Exact ``uuid.UUID`` values from PostgreSQL drivers: oruuid's uuid codecs for asyncpg, psycopg.

Each driver has its own submodule, imported on demand, so importing ``oruuid`` (or
this package) never imports a driver::

    import oruuid.adapters.asyncpg      # await oruuid.adapters.asyncpg.register(conn)
    import oruuid.adapters.psycopg      # oruuid.adapters.psycopg.register(conn)

Values read back are exact ``uuid.UUID`` objects (``type(v) is uuid.UUID``), made
natively by ``oruuid.from_bytes`` and ``oruuid.parse``, so orjson, pydantic and
Django take them as they are.
"""

__all__ = ["asyncpg", "psycopg"]
