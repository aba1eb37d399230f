"""Runs CPython's ``test.test_uuid`` against the ``uuid`` module patched by ``oruuid.install()``.

test_install.py starts this in a fresh interpreter. CPython's test module tests
fresh copies of ``uuid`` that it imports itself; here its test classes are bound
to the real, patched ``uuid`` module instead. The tests in ``SKIPPED`` are skipped
and printed with their reasons; the exit status is unittest's.

    python tests/python/stdlib_uuid_runner.py [-v]
"""

import sys
import unittest
import uuid

import oruuid

# Each of these replaces private parts of the uuid module (libuuid's
# _generate_time_safe, _last_timestamp, ...) to control what the stdlib's uuid1
# returns; install() puts oruuid's uuid1 in its place, which uses none of them.
PRIVATE = "patches uuid._generate_time_safe, the private libuuid hook behind the stdlib's uuid1"
SKIPPED = {
    "test_uuid1_is_safe": PRIVATE + " (expects SafeUUID.safe from it)",
    "test_uuid1_is_unsafe": PRIVATE + " (expects SafeUUID.unsafe from it)",
    "test_uuid1_time": (
        "patches uuid._generate_time_safe, uuid._has_uuid_generate_time_safe, "
        "uuid._last_timestamp and uuid.getnode (and time.time_ns, random.getrandbits) "
        "to pin the stdlib's uuid1 output"
    ),
    # 3.14+: each pins the stdlib's own uuid6/uuid7 output by patching the module's
    # generator state and the calls it makes inside; oruuid's sequences use neither
    # (their RFC vectors, order and overflow are tested in tests/cpp/test_context.cpp,
    # test_versions.cpp and tests/python/test_generators.py).
    **dict.fromkeys(
        ("test_uuid6", "test_uuid6_test_vectors", "test_uuid6_uniqueness"),
        "patches uuid._last_timestamp_v6 and time.time_ns (and random.getrandbits, "
        "uuid.getnode) to pin the stdlib's uuid6 output",
    ),
    **dict.fromkeys(
        (
            "test_uuid7",
            "test_uuid7_monotonicity",
            "test_uuid7_overflow_counter",
            "test_uuid7_timestamp_backwards",
        ),
        "patches uuid._last_timestamp_v7, uuid._last_counter_v7, time.time_ns and "
        "os.urandom to pin the stdlib's uuid7 output",
    ),
    # Not a patch of internals: the one deliberate difference. With libuuid present
    # the stdlib's uuid1 reports libuuid's safety flag; oruuid's uuid1 does not use
    # libuuid and reports SafeUUID.unknown, as the stdlib does without it.
    "test_uuid1_safe": (
        "reads uuid._has_uuid_generate_time_safe and expects the flag of libuuid's "
        "uuid_generate_time_safe(3) on uuid1's results; oruuid's uuid1 reports SafeUUID.unknown"
    ),
}


def main() -> int:
    oruuid.install()
    from test import test_uuid  # imported once uuid is patched

    class PatchedUUID(test_uuid.BaseTestUUID, unittest.TestCase):
        uuid = uuid

    class PatchedInternals(test_uuid.BaseTestInternals, unittest.TestCase):
        uuid = uuid

    for name, reason in SKIPPED.items():
        if hasattr(PatchedUUID, name):
            setattr(PatchedUUID, name, unittest.skip(reason)(getattr(PatchedUUID, name)))
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for case in (PatchedUUID, PatchedInternals):
        suite.addTests(loader.loadTestsFromTestCase(case))
    verbosity = 2 if "-v" in sys.argv else 1
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=verbosity).run(suite)
    # The suite must have run against the patched class, not around it.
    from oruuid._core import patch as _patch

    assert oruuid.installed()
    assert _patch.pristine()
    assert _patch.slot_enabled("call")
    from oruuid import _core

    assert all(getattr(uuid, n) is f for n, f in _core.stdlib_functions.items())
    assert any(type(v).__name__ == "getset_descriptor" for v in vars(uuid.UUID).values())
    for test, reason in result.skipped:
        print(f"skipped {test.id()}: {reason}")
    print(f"ran {result.testsRun}")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
