"""``oruuid.parse(text)`` is exactly ``uuid.UUID(text)``: same value, or same exception and message.

The stdlib drops every ``urn:`` and ``uuid:``, strips braces from both ends, drops every
hyphen, requires 32 characters and hands them to ``int(s, 16)``; so it accepts '+', '_',
whitespace, Unicode decimal digits and a '0x' prefix. Pairs with tests/cpp/test_uuid.cpp
(the C++ parser) and the fuzz targets. Run for both implementations: oruuid and
the pure-Python oruuid._compat.
"""

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import outcome


def assert_same(impl, text):
    expected = outcome(uuid.UUID, text)
    got = outcome(impl.parse, text)
    assert got == expected, f"input {text!r}"
    return expected


# ------------------------------------------------------------ canonical forms

uuid_ints = st.one_of(
    st.integers(min_value=0, max_value=(1 << 128) - 1),
    st.sampled_from(
        [0, 1, (1 << 128) - 1, 1 << 127, 0xF << 124, 0x0123456789ABCDEF0123456789ABCDEF]
    ),
)


def _forms(value):
    u = uuid.UUID(int=value)
    s, h = str(u), u.hex
    return [
        s,
        s.upper(),
        h,
        h.upper(),
        "{" + s + "}",
        "{" + s.upper() + "}",
        "{" + h + "}",
        "urn:uuid:" + s,
        "urn:uuid:" + s.upper(),
        "URN:UUID:" + s,  # case matters for 'urn:': rejected
        "uuid:" + s,
        "urn:" + h,
        "{urn:uuid:" + s + "}",
        "urn:uuid:{" + s + "}",
        "".join(c.upper() if i % 2 else c for i, c in enumerate(s)),
    ]


@given(uuid_ints)
def test_canonical_forms(impl, value):
    for text in _forms(value):
        assert_same(impl, text)
    assert impl.parse(str(uuid.UUID(int=value))).int == value


@given(uuid_ints, st.data())
def test_hyphens_anywhere(impl, value, data):
    h = uuid.UUID(int=value).hex
    cuts = sorted(data.draw(st.lists(st.integers(0, 32), max_size=8)))
    parts, last = [], 0
    for cut in cuts:
        parts.append(h[last:cut])
        last = cut
    parts.append(h[last:])
    assert_same(impl, "-".join(parts))


# ------------------------------------------------------------ random strings

TOKENS = (
    list("0123456789abcdefABCDEF")
    + list("-{}+_ :urnid0x")
    + ["urn:", "uuid:", "urn:uuid:", "0x", "0X", "{", "}", "--"]
    + ["\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2003", "\u3000"]
    + ["\u0663", "\u0966", "\uff11", "\U0001d7d9", "\u00b2", "\u2460", "\uff41", "\uff21"]
    + ["é", "\u00e9", "ß", "\u0430", "\U0001f600", "\x00", "\x7f"]
    + ["\ud800", "\udfff"]
)

token_strings = st.lists(st.sampled_from(TOKENS), max_size=48).map("".join)
hex_heavy = st.text(alphabet="0123456789abcdefABCDEF-", min_size=28, max_size=40)
mixed = st.text(
    alphabet=st.one_of(
        st.sampled_from("0123456789abcdefABCDEF-{}+_ urn:uuid:\t\n\u0663\u3000"),
        st.characters(),
    ),
    max_size=45,
)


@given(token_strings)
def test_random_token_strings(impl, text):
    assert_same(impl, text)


@given(hex_heavy)
def test_random_hex_strings_near_32(impl, text):
    assert_same(impl, text)


@given(mixed)
def test_random_unicode_strings(impl, text):
    assert_same(impl, text)


@given(st.text(max_size=200))
def test_arbitrary_text(impl, text):
    assert_same(impl, text)


@given(
    uuid_ints,
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(TOKENS), st.booleans()), max_size=3),
)
def test_mutated_canonical_strings(impl, value, edits):
    text = str(uuid.UUID(int=value))
    for pos, token, replace in edits:
        at = min(pos, len(text))
        text = text[:at] + token + text[at + (1 if replace else 0) :]
    assert_same(impl, text)


@given(uuid_ints, st.sampled_from(["+", " ", "\t", "0x", "0X", "_", "-", "\u0663", "\u3000"]))
def test_sign_space_prefix_on_31_or_30_digits(impl, value, prefix):
    h = uuid.UUID(int=value).hex
    assert_same(impl, prefix + h[len(prefix) :])
    assert_same(impl, h[len(prefix) :] + prefix)


# ------------------------------------------------------------ hand-picked odd inputs

H = "0123456789abcdef0123456789abcdef"
S = "01234567-89ab-cdef-0123-456789abcdef"

ODD = [
    "",
    "-",
    "{}",
    "urn:uuid:",
    S,
    H,
    "+" + H[1:],  # '+' and 31 digits: accepted by int()
    "+" + H,  # 33 characters
    "-" + H[1:],  # hyphens are dropped, so this is 31 characters
    "--" + H,
    " " + H[1:],  # leading whitespace is stripped by int()
    H[1:] + " ",  # trailing whitespace
    "  " + H[2:],
    "\t" + H[1:],
    "\n" + H[1:],
    "\u3000" + H[1:],
    "\x1c" + H[1:],
    " " + H,  # 33
    " " + S,
    S + " ",
    H[:16] + "_" + H[17:],  # '_' between digits
    "_" + H[1:],  # leading '_': rejected by int()
    H[1:] + "_",  # trailing '_'
    H[:10] + "__" + H[12:],  # double '_'
    "0x" + H[2:],  # base prefix accepted by int(s, 16)
    "0X" + H[2:],
    "0x_" + H[3:],
    "0b" + H[2:],  # 'b' is a hex digit: just digits
    "{{" + H + "}}",
    "{{{" + S + "}",
    "{" + H,  # unbalanced braces
    H + "}",
    "}" + H + "{",
    "{ " + H[1:] + "}",
    H[:8] + "urn:" + H[8:],  # urn: in the middle
    H[:8] + "uuid:" + H[8:],
    "uuid:urn:" + H,
    "urn:urn:uuid:uuid:" + S,
    "urnuuid:" + H,
    "URN:UUID:" + S,
    "urn:uuid:" + H.upper(),
    "{urn:uuid:" + S + "}",
    "urn:{uuid:" + S + "}",
    H[:31],  # 31 digits
    H + "0",  # 33 digits
    S[:35],
    S + "0",
    H[:12] + "-" * 20 + H[12:],
    "\u0663" * 32,  # Unicode decimal digits are accepted by int()
    "\u0966" * 32,
    "\uff11" * 32,  # fullwidth digit one
    "\U0001d7d9" * 32,  # mathematical double-struck digit one
    "\u00b2" * 32,  # superscript two: not a decimal digit
    "\uff41" * 32,  # fullwidth 'a': not accepted by int()
    H[:31] + "\u0663",
    S[:35] + "\u0663",
    "g" * 32,
    H[:31] + "g",
    H[:31] + "\x00",
    "\x00" * 32,
    H[:31] + "é",
    "é" * 32,
    "\U0001f600" * 32,
    "\ud800" * 32,  # lone surrogates
    H[:31] + "\ud800",
    "\udfff" + H[1:],
    S[:35] + "\udc80",
    "\ud83d\ude00" + H[2:],  # a surrogate pair spelt as two code points
    H * 2,
    S * 2,
    "x" * 10_000,
    H + "\x00" * 10,
]


@pytest.mark.parametrize("text", ODD, ids=[repr(t)[:40] for t in ODD])
def test_odd_inputs(impl, text):
    assert_same(impl, text)


def test_known_acceptances(impl):
    """The stdlib's quirks, spelt out: each of these is accepted with this value."""
    assert impl.parse("+" + H[1:]).int == int(H[1:], 16)
    assert impl.parse(" " + H[1:]).int == int(H[1:], 16)
    assert impl.parse(H[:16] + "_" + H[17:]).int == int(H[:16] + H[17:], 16)
    assert impl.parse("{{" + H + "}}").int == int(H, 16)
    assert impl.parse(H[:8] + "urn:" + H[8:]).int == int(H, 16)
    assert impl.parse("0x" + H[2:]).int == int("0x" + H[2:], 16)
    assert impl.parse("\u0663" * 32).int == int("3" * 32, 16)


def test_known_rejections(impl):
    for text in ["", H[:31], H + "0", "g" * 32, "_" + H[1:], "URN:UUID:" + S]:
        # The stdlib's own messages: its length check, or int(hex, 16) failing.
        with pytest.raises(
            ValueError, match=r"badly formed hexadecimal|invalid literal for int\(\)"
        ):
            impl.parse(text)


# ------------------------------------------------------------ non-str arguments


class _Obj:
    pass


NON_STR = [
    None,
    0,
    1,
    -1,
    1 << 127,
    1.5,
    True,
    H.encode(),
    S.encode(),
    b"",
    bytearray(H.encode()),
    bytearray(S.encode()),
    memoryview(H.encode()),
    [H],
    list(H),
    (H,),
    {H: 1},
    _Obj(),
    uuid.UUID(S),
    object,
]


@pytest.mark.parametrize(
    "arg", NON_STR, ids=[type(a).__name__ + str(i) for i, a in enumerate(NON_STR)]
)
def test_non_str_arguments(impl, arg):
    expected = assert_same(impl, arg)
    assert expected[0] == "raised"


class _Str(str):
    pass


class _WeirdStr(str):
    """A str subclass whose methods the stdlib calls: a fast path must not bypass them."""

    def replace(self, old, new, count=-1):
        return "f" * 32


class _StripStr(str):
    def replace(self, old, new, count=-1):
        return _StripStr(str.replace(self, old, new, count))

    def strip(self, chars=None):
        return "e" * 32


@pytest.mark.parametrize(
    "text",
    [
        _Str(S),
        _Str(H),
        _Str("urn:uuid:" + S),
        _Str("bad"),
        _WeirdStr(S),
        _WeirdStr("nonsense"),
        _StripStr(S),
    ],
    ids=[
        "sub-canonical",
        "sub-hex",
        "sub-urn",
        "sub-bad",
        "weird-replace",
        "weird-replace-bad",
        "weird-strip",
    ],
)
def test_str_subclasses(impl, text):
    assert_same(impl, text)


def test_parse_survives_errors(impl):
    """A failing call leaves nothing broken: the next call still works."""
    for bad in ODD + NON_STR:
        try:
            impl.parse(bad)
        except Exception:  # noqa: BLE001 - any failure; the next call must still work
            pass
    assert impl.parse(S) == uuid.UUID(S)
