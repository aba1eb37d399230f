"""Type stubs for oruuid._core, the native extension (binding/*.cpp).

The public functions and classes are declared once, in ``oruuid/__init__.pyi``, and
re-exported here; this file adds what only the package's own modules use: the
helpers of ``_compat`` and ``install()``, and the ``batch``, ``patch`` and ``bench``
submodules (module objects made by ``add_submodule``, typed here as classes of
their functions). ``testing``, present only in builds configured with
``ORUUID_BUILD_TESTING_MODULE``, is used by the tests alone and left out.
"""

import uuid as _uuid
from collections.abc import Callable
from typing import Any, Final, type_check_only

from _typeshed import ReadableBuffer, WriteableBuffer

from . import ContextV7 as ContextV7
from . import Timestamp as Timestamp
from . import __version__ as __version__
from . import decode as decode
from . import encode as encode
from . import from_bytes as from_bytes
from . import from_bytes_le as from_bytes_le
from . import from_fields as from_fields
from . import from_int as from_int
from . import from_ulid as from_ulid
from . import getnode as getnode
from . import parse as parse
from . import to_ulid as to_ulid
from . import uuid1 as uuid1
from . import uuid1_to_uuid6 as uuid1_to_uuid6
from . import uuid3 as uuid3
from . import uuid4 as uuid4
from . import uuid5 as uuid5
from . import uuid6 as uuid6
from . import uuid6_to_uuid1 as uuid6_to_uuid1
from . import uuid7 as uuid7
from . import uuid7_max as uuid7_max
from . import uuid7_min as uuid7_min
from . import uuid8 as uuid8

#: install()'s copies of uuid1 ... uuid8, with the stdlib's signatures and
#: ``__module__ == "uuid"``, by name.
stdlib_functions: dict[str, Callable[..., _uuid.UUID]]

def _with_version(digest: ReadableBuffer, version: int, /) -> _uuid.UUID:
    """16 digest bytes with ``version`` (1..15) and the RFC variant set."""

def sequence_position(kind: str) -> int | tuple[int, int] | None:
    """The last 60-bit tick of 'v1' or 'v6', or (unix_ms, counter) of 'v7'; None before any."""

def advance_sequence(kind: str, position: int | tuple[int, int]) -> None:
    """Moves that sequence forward to ``position`` (as sequence_position gives it)."""

# A batch's result: a list of UUID or str (None for a null) for the kinds UUID, STR
# and HEX; for RAW, a new bytes when ``out`` is None, else None (written to ``out``);
# for OUT, the caller's buffer ``out`` itself.
_BatchResult = list[_uuid.UUID | None] | list[str | None] | bytes | WriteableBuffer | None
# The Arrow validity bitmap of a parse (one bit per item), or None when all are valid.
_Validity = bytes | None

@type_check_only
class _Batch:
    """``oruuid._core.batch``: generation, parsing and formatting on flat buffers."""

    UUID: Final[int]
    STR: Final[int]
    HEX: Final[int]
    RAW: Final[int]
    OUT: Final[int]
    STDLIB: Final[int]
    ALPHABETS: Final[dict[str, int]]

    def generate(
        self,
        version: int,
        n: int,
        kind: int,
        out: WriteableBuffer | None,
        context: ContextV7 | None = None,
    ) -> _BatchResult: ...
    def copy_out(
        self, data: ReadableBuffer, out: WriteableBuffer, func: str
    ) -> WriteableBuffer: ...
    def v7_from_ints(
        self,
        data: ReadableBuffer,
        validity: ReadableBuffer | None,
        offset: int,
        n: int,
        num: int,
        den: int,
        nat: bool,
        kind: int,
        out: WriteableBuffer | None,
        context: ContextV7 | None,
        nulls_ok: bool,
    ) -> tuple[_BatchResult, _Validity]: ...
    def v7_from_objects(
        self,
        items: list[Any] | tuple[Any, ...],
        kind: int,
        out: WriteableBuffer | None,
        context: ContextV7 | None,
        nulls_ok: bool,
        naive_utc: bool,
    ) -> tuple[_BatchResult, _Validity]: ...
    def parse_sequence(
        self,
        items: list[Any] | tuple[Any, ...],
        kind: int,
        out: WriteableBuffer | None,
        nulls_ok: bool,
        errors_null: bool,
        parse: Callable[[str], _uuid.UUID],
        alphabet: int = ...,
    ) -> tuple[_BatchResult, _Validity]: ...
    def parse_ucs4(
        self,
        data: ReadableBuffer,
        width: int,
        kind: int,
        out: WriteableBuffer | None,
        errors_null: bool,
        parse: Callable[[str], _uuid.UUID],
        alphabet: int = ...,
    ) -> tuple[_BatchResult, _Validity]: ...
    def parse_arrow(
        self,
        validity: ReadableBuffer | None,
        offsets: ReadableBuffer,
        offset_width: int,
        data: ReadableBuffer,
        offset: int,
        n: int,
        base: int,
        kind: int,
        out: WriteableBuffer | None,
        errors_null: bool,
        nulls_ok: bool,
        parse: Callable[[str], _uuid.UUID],
        alphabet: int = ...,
        func: str = ...,
    ) -> tuple[_BatchResult, _Validity]: ...
    def parse_views(
        self,
        validity: Any,
        views: Any,
        buffers: tuple[Any, ...],
        offset: int,
        n: int,
        base: int,
        kind: int,
        out: Any,
        errors_null: bool,
        nulls_ok: bool,
        parse: Callable[[str], _uuid.UUID],
        alphabet: int = ...,
        func: str = ...,
    ) -> tuple[_BatchResult, _Validity]: ...
    def binary_uuids(
        self,
        validity: Any,
        index: Any,
        layout: int,
        buffers: tuple[Any, ...],
        offset: int,
        n: int,
        base: int,
        out: Any,
        errors_null: bool,
        func: str = ...,
    ) -> tuple[bytes | None, _Validity, int]: ...
    def take_uuids(
        self,
        table: Any,
        table_valid: _Validity,
        dict_valid: Any,
        dict_offset: int,
        indices: Any,
        index_width: int,
        index_signed: bool,
        index_valid: Any,
        index_offset: int,
        n: int,
        kind: int,
        out: Any,
        nulls_ok: bool,
        errors_null: bool,
        base: int,
        func: str = ...,
    ) -> tuple[_BatchResult, _Validity, int, int, int]: ...
    def format_list(
        self,
        data: ReadableBuffer,
        kind: int,
        validity: ReadableBuffer | None = ...,
        offset: int = ...,
        alphabet: int = ...,
    ) -> list[str | None]: ...
    def format_arrow(
        self,
        data: ReadableBuffer,
        validity: ReadableBuffer | None,
        offset: int,
        offset_width: int,
        offsets_out: WriteableBuffer,
        data_out: WriteableBuffer,
        validity_out: WriteableBuffer | None,
        alphabet: int = ...,
    ) -> None: ...

@type_check_only
class _Patch:
    """``oruuid._core.patch``: uuid.UUID's native methods, for install()."""

    def setup(
        self,
        globals: dict[str, Any],
        getters: dict[str, Callable[[_uuid.UUID], Any]],
        safe_default: object,
        max_version: int,
        /,
    ) -> dict[str, Any]: ...
    def arm(self, expected: dict[str, Any], /) -> None: ...
    def disarm(self) -> None: ...
    def enable_slot(self, slot: str, /) -> bool: ...
    def disable_slot(self, slot: str, /) -> None: ...
    def slot_enabled(self, slot: str, /) -> bool: ...
    def pristine(self) -> bool: ...
    def bound_type(self) -> type[_uuid.UUID]: ...
    def properties(self) -> list[str]: ...

@type_check_only
class _Bench:
    """``oruuid._core.bench``: the native floors that ``python -m oruuid.bench`` measures."""

    def noop(self) -> None: ...
    def uuid4p(self) -> _uuid.UUID: ...
    def alloc_shared(self) -> _uuid.UUID: ...
    def make_fixed(self) -> _uuid.UUID: ...

batch: _Batch
patch: _Patch
bench: _Bench
