// binding/uuid_object.cpp: making and reading exact uuid.UUID objects without running __init__.
//
// Results are allocated through uuid.UUID's own tp_alloc and their `int` and
// `is_safe` slots filled at the offsets of the class's member descriptors, read when
// the class is bound (module.cpp): no slot offset is hardcoded (3.11 and 3.12+ differ).
#include "uuid_object.hpp"

#include "internal/config.hpp"

#include <cstring>

namespace oruuid::py {

namespace {

PyObject*& slot(PyObject* obj, Py_ssize_t offset) noexcept {
    return *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + offset);
}

}  // namespace

namespace {

// A 128-bit unsigned integer for the digit conversions: unsigned __int128 where the
// compiler has one, else (MSVC, ORUUID_PORTABLE) two 64-bit halves. Shifts are by
// 0 < bits <= 32.
#if ORUUID_HAS_INT128
class U128 {
public:
    explicit U128(const Uuid& u) noexcept : v_(u.to_u128()) {}
    U128() noexcept = default;
    bool is_zero() const noexcept { return v_ == 0; }
    std::uint32_t low_bits(int bits) const noexcept {
        return static_cast<std::uint32_t>(v_ & ((static_cast<unsigned __int128>(1) << bits) - 1));
    }
    void shift_right(int bits) noexcept { v_ >>= bits; }
    /// Whether shifting left by `bits` would lose set bits.
    bool top_bits_set(int bits) const noexcept { return (v_ >> (128 - bits)) != 0; }
    void push(int bits, std::uint32_t d) noexcept { v_ = (v_ << bits) | d; }
    Uuid uuid() const noexcept { return Uuid::from_u128(v_); }

private:
    unsigned __int128 v_ = 0;
};
#else
class U128 {
public:
    explicit U128(const Uuid& u) noexcept : hi_(u.high()), lo_(u.low()) {}
    U128() noexcept = default;
    bool is_zero() const noexcept { return (hi_ | lo_) == 0; }
    std::uint32_t low_bits(int bits) const noexcept {
        return static_cast<std::uint32_t>(lo_ & ((std::uint64_t{1} << bits) - 1));
    }
    void shift_right(int bits) noexcept {
        lo_ = (lo_ >> bits) | (hi_ << (64 - bits));
        hi_ >>= bits;
    }
    bool top_bits_set(int bits) const noexcept { return (hi_ >> (64 - bits)) != 0; }
    void push(int bits, std::uint32_t d) noexcept {
        hi_ = (hi_ << bits) | (lo_ >> (64 - bits));
        lo_ = (lo_ << bits) | d;
    }
    Uuid uuid() const noexcept { return Uuid::from_u64(hi_, lo_); }

private:
    std::uint64_t hi_ = 0, lo_ = 0;
};
#endif

}  // namespace

// The 128 bits as base-2**PyLong_SHIFT digits, least significant first; returns the
// number of significant digits (0 for zero).
#if PYLONG_BITS_IN_DIGIT == 30
// 30-bit digits (every platform CPython supports but a few 32-bit ones): five
// digits at fixed shifts of the two halves, no 128-bit arithmetic.
//
//   hi: | d4 (8) | d3 (30) | d2's top 26 |   lo: | d2's low 4 | d1 (30) | d0 (30) |
inline int to_digits(const Uuid& u, std::uint32_t* d) noexcept {
    constexpr std::uint64_t kMask = (std::uint64_t{1} << 30) - 1;
    const std::uint64_t hi = u.high(), lo = u.low();
    d[0] = static_cast<std::uint32_t>(lo & kMask);
    d[1] = static_cast<std::uint32_t>((lo >> 30) & kMask);
    d[2] = static_cast<std::uint32_t>(((lo >> 60) | (hi << 4)) & kMask);
    d[3] = static_cast<std::uint32_t>((hi >> 26) & kMask);
    d[4] = static_cast<std::uint32_t>(hi >> 56);
    int n = 5;
    while (n > 0 && d[n - 1] == 0) --n;
    return n;
}
#else
template <typename Digit>
int to_digits(const Uuid& u, Digit* out) noexcept {
    U128 v(u);
    int n = 0;
    while (!v.is_zero()) {
        out[n++] = static_cast<Digit>(v.low_bits(PyLong_SHIFT));
        v.shift_right(PyLong_SHIFT);
    }
    return n;
}
#endif

namespace {

// The bodies of int_from_uuid and make_from_int_object, inlined into make_raw: one call
// fewer and fewer registers saved for every UUID made.

ORUUID_ALWAYS_INLINE PyObject* new_int(const Uuid& u) noexcept {
    if (u.high() == 0) return PyLong_FromUnsignedLongLong(u.low());  // small ints stay cached
        // Lay the digits straight into a new int: byte-array conversion costs about
        // as much as the rest of uuid4() (measured with perf on 3.11).
#if PY_VERSION_HEX >= 0x03100000
    // PEP 757's public writer.
    digit buf[(128 + PyLong_SHIFT - 1) / PyLong_SHIFT];
    int n = to_digits(u, buf);
    void* digits = nullptr;
    PyLongWriter* writer = PyLongWriter_Create(0, n, &digits);
    if (!writer) return nullptr;
    std::memcpy(digits, buf, static_cast<std::size_t>(n) * sizeof(digit));
    return PyLongWriter_Finish(writer);
#else
#if PYLONG_BITS_IN_DIGIT == 30
    // The digits first, packed two to a register, then the count (high() != 0, so
    // digit 2 is set): only three values live across the allocation, and no buffer,
    // copy or trimming loop.
    constexpr std::uint64_t kMask = (std::uint64_t{1} << 30) - 1;
    const std::uint64_t hi = u.high(), lo = u.low();
    const std::uint64_t d01 = (lo & kMask) | ((lo >> 30) & kMask) << 32;
    const std::uint64_t d23 = (((lo >> 60) | (hi << 4)) & kMask) | ((hi >> 26) & kMask) << 32;
    const auto d4 = static_cast<digit>(hi >> 56);
    const Py_ssize_t n = d4 != 0 ? 5 : (d23 >> 32) != 0 ? 4 : 3;
#else
    digit buf[(128 + PyLong_SHIFT - 1) / PyLong_SHIFT];
    const int n = to_digits(u, buf);
#endif
#if PY_VERSION_HEX >= 0x030E0000
    // Deprecated in 3.14 in favour of PEP 757's writer, which costs 83 more
    // instructions a uuid4() on 3.15 (callgrind); the layout is checked through 3.15.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    PyLongObject* v = _PyLong_New(n);
#pragma GCC diagnostic pop
#else
    PyLongObject* v = _PyLong_New(n);
#endif
    if (!v) return nullptr;
#if PY_VERSION_HEX >= 0x030C0000
    digit* out = v->long_value.ob_digit;
#else
    digit* out = v->ob_digit;
#endif
#if PYLONG_BITS_IN_DIGIT == 30
    out[0] = static_cast<digit>(d01);
    out[1] = static_cast<digit>(d01 >> 32);
    out[2] = static_cast<digit>(d23);
    if (n > 3) out[3] = static_cast<digit>(d23 >> 32);
    if (n > 4) out[4] = d4;
#else
    std::memcpy(out, buf, static_cast<std::size_t>(n) * sizeof(digit));
#endif
    return reinterpret_cast<PyObject*>(v);
#endif
}

ORUUID_ALWAYS_INLINE PyObject* new_uuid(State& st, PyObject* value) noexcept {
    if (!value) return nullptr;
    const UuidClass* c = uuid_class(st);
    PyObject* obj;
    if (c && c->plain_gc) {
        // tp_alloc's work without its size arithmetic and whole-object memset; the
        // fields are zeroed and filled before the GC can see the object.
        obj = PyObject_GC_New(PyObject, c->type);
        if (obj) {
            if (c->zero_body) {
                std::memset(reinterpret_cast<char*>(obj) + sizeof(PyObject), 0,
                            static_cast<std::size_t>(c->type->tp_basicsize) - sizeof(PyObject));
            }
            slot(obj, c->int_offset) = value;
            slot(obj, c->safe_offset) = Py_NewRef(c->unknown);
            PyObject_GC_Track(obj);
            return obj;
        }
    } else {
        obj = c ? c->type->tp_alloc(c->type, 0) : nullptr;
    }
    if (!obj) {
        Py_DECREF(value);
        return nullptr;
    }
    slot(obj, c->int_offset) = value;
    slot(obj, c->safe_offset) = Py_NewRef(c->unknown);
    return obj;
}

}  // namespace

PyObject* int_from_uuid(const Uuid& u) noexcept {
    return new_int(u);
}

bool uuid_from_int(PyObject* v, Uuid* out) noexcept {
#if PYLONG_BITS_IN_DIGIT == 30 && PY_VERSION_HEX < 0x03100000
    // Reading the digits directly is several times faster than _PyLong_AsByteArray, and
    // 13 ns faster than PEP 757's PyLong_Export on 3.15 (which made install()'s
    // u.node slower than the stdlib's). The layout (lv_tag from 3.12) is checked
    // through 3.15; later versions take PEP 757 below until checked.
    const auto* l = reinterpret_cast<const PyLongObject*>(v);
#if PY_VERSION_HEX >= 0x030C0000
    const std::uintptr_t tag = l->long_value.lv_tag;
    if ((tag & _PyLong_SIGN_MASK) == 2) return false;  // negative
    const auto n = static_cast<Py_ssize_t>(tag >> _PyLong_NON_SIZE_BITS);
    const digit* d = l->long_value.ob_digit;
#else
    const Py_ssize_t n = Py_SIZE(v);
    if (n < 0) return false;
    const digit* d = l->ob_digit;
#endif
    if (n > 5 || (n == 5 && (d[4] >> 8) != 0)) return false;  // 2**128 or more
    U128 acc;
    for (Py_ssize_t i = n - 1; i >= 0; --i) acc.push(30, d[i]);
    *out = acc.uuid();
    return true;
#else
#if PY_VERSION_HEX >= 0x030E0000
    // PEP 757: a small value, or a view of the digits themselves.
    const PyLongLayout* layout = PyLong_GetNativeLayout();
    if (layout->digits_order == -1 && layout->bits_per_digit <= 32 &&
        (layout->digit_size == 4 || layout->digit_size == 2)) {
        PyLongExport e;
        if (PyLong_Export(v, &e) < 0) {
            PyErr_Clear();
            return false;
        }
        if (!e.digits) {
            if (e.value < 0) return false;
            *out = Uuid::from_u64(0, static_cast<std::uint64_t>(e.value));
            return true;
        }
        bool ok = !e.negative;
        U128 acc;
        const int bits = layout->bits_per_digit;
        if (ok && e.ndigits * bits > 128 + bits) ok = false;  // clearly 2**128 or more
        for (Py_ssize_t i = e.ndigits - 1; ok && i >= 0; --i) {
            const std::uint32_t d = layout->digit_size == 4
                                        ? static_cast<const std::uint32_t*>(e.digits)[i]
                                        : static_cast<const std::uint16_t*>(e.digits)[i];
            if (acc.top_bits_set(bits)) ok = false;  // shifting would lose bits
            acc.push(bits, d);
        }
        PyLong_FreeExport(&e);
        if (!ok) return false;
        *out = acc.uuid();
        return true;
    }
#endif
    if (_PyLong_Sign(v) < 0) return false;
    Uuid::bytes_type bytes;
#if PY_VERSION_HEX >= 0x030D0000
    Py_ssize_t need = PyLong_AsNativeBytes(
        v, bytes.data(), 16, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
    if (need < 0) {
        PyErr_Clear();
        return false;
    }
    if (need > 16) return false;
#else
    if (_PyLong_AsByteArray(reinterpret_cast<PyLongObject*>(v), bytes.data(), 16,
                            /*little_endian=*/0, /*is_signed=*/0) < 0) {
        PyErr_Clear();
        return false;
    }
#endif
    *out = Uuid(bytes);
    return true;
#endif
}

PyObject* make_from_int_object(State& st, PyObject* value) noexcept {
    return new_uuid(st, value);
}

PyObject* make_raw(State& st, const Uuid& u) noexcept {
    return new_uuid(st, new_int(u));
}

PyObject* int_slot(State& st, PyObject* obj) noexcept {
    const UuidClass* c = st.cls.load(std::memory_order_acquire);
    return c && Py_TYPE(obj) == c->type ? slot(obj, c->int_offset) : nullptr;
}

std::optional<Uuid> exact_uuid(State& st, PyObject* obj) noexcept {
    PyObject* value = int_slot(st, obj);
    Uuid u;
    if (!value || !PyLong_CheckExact(value) || !uuid_from_int(value, &u)) return std::nullopt;
    return u;
}

}  // namespace oruuid::py
