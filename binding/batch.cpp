// binding/batch.cpp: oruuid._core.batch, the native half of the batch API (oruuid._batch).
//
// Every function works on flat buffers of 16-byte UUIDs. The work that touches no
// Python object (generation, parsing numpy and Arrow text, formatting into Arrow
// buffers) runs with the GIL released, parsing and formatting split over two threads
// for large batches; building Python objects, reading lists of str and the
// stdlib-exact fallback for odd text run with the GIL held.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "batch.hpp"

#include "args.hpp"
#include "internal/clock.hpp"
#include "oruuid/context.hpp"
#include "oruuid/encode.hpp"
#include "oruuid/fmt.hpp"
#include "oruuid/parser.hpp"
#include "oruuid/v4.hpp"
#include "uuid_object.hpp"

namespace nb = nanobind;
using oruuid::Uuid;

namespace {

static_assert(sizeof(Uuid) == 16, "Uuid must be exactly its 16 bytes");

// What a function returns for each UUID; `raw` means 16 bytes in a flat buffer.
enum Kind : int { kUuid = 0, kStr = 1, kHex = 2, kRaw = 3 };

// Which text an item is: kStdlib is uuid.UUID(s)'s (canonical natively, the rest
// through oruuid.parse); 0 and up are an oruuid::Alphabet's (strictly that alphabet).
constexpr int kStdlib = -1;

void check_alphabet(int alphabet) {
    if (alphabet < kStdlib || alphabet > static_cast<int>(oruuid::Alphabet::base64url))
        throw nb::value_error("unknown alphabet");
}

// The UUID of ASCII text in `alphabet`, natively; nullopt leaves it to the slow pass.
inline std::optional<Uuid> native_text(std::string_view text, int alphabet) noexcept {
    if (alphabet == kStdlib) return oruuid::py::uuid_from_text(text);
    return oruuid::decode(text, static_cast<oruuid::Alphabet>(alphabet));
}

// The longest text native_text reads.
inline std::size_t native_max(int alphabet) noexcept {
    return alphabet == kStdlib ? 38 : oruuid::encoded_size(static_cast<oruuid::Alphabet>(alphabet));
}

// The text length of each formatted item.
inline std::size_t text_width(int alphabet) noexcept {
    return alphabet == kStdlib ? 36 : oruuid::encoded_size(static_cast<oruuid::Alphabet>(alphabet));
}

// Below this many items a second thread costs more than it saves (measured on two
// cores: parsing 2^17 Arrow strings took 2.1 ms on two threads, 1.8 ms on one).
constexpr std::size_t kParallelMin = std::size_t{1} << 18;

// Runs f(begin, end) over [0, n), on two threads when n is large and the machine
// has a second core. Split points are multiples of 64, so bitmaps never share a
// word. `f` must not throw.
// The number of cores, read once. Not a function-local static: a forked child must
// never wait on an initialisation guard that a thread of its parent held.
std::atomic<unsigned> g_cores{0};

unsigned cores() noexcept {
    unsigned c = g_cores.load(std::memory_order_relaxed);
    if (c == 0) {
        c = std::max(1u, std::thread::hardware_concurrency());
        g_cores.store(c, std::memory_order_relaxed);
    }
    return c;
}

template <typename F>
void parallel_for(std::size_t n, const F& f) {
    if (n < kParallelMin || cores() < 2) {
        f(std::size_t{0}, n);
        return;
    }
    const std::size_t mid = (n / 2) & ~std::size_t{63};
    std::thread helper;
    try {
        helper = std::thread([&f, mid, n] { f(mid, n); });
    } catch (const std::system_error&) {
        f(std::size_t{0}, n);  // no thread to be had: do it all here
        return;
    }
    f(std::size_t{0}, mid);
    helper.join();
}

// Rejects counts whose byte sizes (up to 64 per item) would overflow: oruuid._batch
// stops them first, but these functions must stay safe when called directly.
std::size_t checked(std::size_t n) {
    if (n > static_cast<std::size_t>(PY_SSIZE_T_MAX) / 64) {
        PyErr_SetString(PyExc_MemoryError, "too many UUIDs for one batch");
        throw nb::python_error();
    }
    return n;
}

// A contiguous buffer from the buffer protocol, released on destruction.
class Buffer {
public:
    Buffer(nb::handle obj, bool writable) {
        if (PyObject_GetBuffer(obj.ptr(), &view_, writable ? PyBUF_WRITABLE : PyBUF_SIMPLE) != 0)
            throw nb::python_error();
    }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() { PyBuffer_Release(&view_); }

    std::uint8_t* data() const noexcept { return static_cast<std::uint8_t*>(view_.buf); }
    std::size_t size() const noexcept { return static_cast<std::size_t>(view_.len); }

private:
    Py_buffer view_{};
};

// An optional Arrow validity bitmap: bit (offset + i) is set when item i is present.
struct Bits {
    const std::uint8_t* data = nullptr;
    std::size_t offset = 0;

    bool valid(std::size_t i) const noexcept {
        if (!data) return true;
        const std::size_t b = offset + i;
        return (data[b >> 3] >> (b & 7)) & 1;
    }
};

// Reads a validity bitmap argument (None for "all valid") into `holder`, checking it
// covers n items from bit `offset`.
Bits validity_bits(nb::handle obj, std::size_t offset, std::size_t n,
                   std::optional<Buffer>& holder) {
    Bits bits;
    if (obj.is_none()) return bits;
    checked(offset);
    holder.emplace(obj, false);
    if (holder->size() * 8 < offset + n) throw nb::value_error("validity bitmap too short");
    bits.data = holder->data();
    bits.offset = offset;
    return bits;
}

// The 16·n-byte destination of a raw result: a new bytes object when `out` is None,
// else the caller's writable buffer (a numpy array or an Arrow buffer).
class RawOut {
public:
    RawOut(nb::handle out, std::size_t n) {
        if (out.is_none()) {
            PyObject* b = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(16 * n));
            if (!b) throw nb::python_error();
            result_ = nb::steal(b);
            data_ = reinterpret_cast<std::uint8_t*>(PyBytes_AS_STRING(b));
        } else {
            buffer_.emplace(out, true);
            if (buffer_->size() != 16 * n)
                throw nb::value_error("output buffer has the wrong size");
            data_ = buffer_->data();
            result_ = nb::none();
        }
    }
    Uuid* uuids() const noexcept { return reinterpret_cast<Uuid*>(data_); }
    nb::object result() const { return result_; }

private:
    std::optional<Buffer> buffer_;
    std::uint8_t* data_ = nullptr;
    nb::object result_;
};

// Raises MemoryError (nanobind would word a std::bad_alloc as "std::bad_alloc").
[[noreturn]] void no_memory() {
    PyErr_NoMemory();
    throw nb::python_error();
}

// Scratch space for n UUIDs that become Python objects.
std::unique_ptr<Uuid[]> scratch(std::size_t n) {
    std::unique_ptr<Uuid[]> p(new (std::nothrow) Uuid[n ? n : 1]);
    if (!p) no_memory();
    return p;
}

// Where a result goes: either raw bytes (RawOut) or scratch space for a list.
class Dest {
public:
    Dest(int kind, nb::handle out, std::size_t n) : kind_(kind) {
        checked(n);
        if (kind == kRaw) {
            raw_.emplace(out, n);
            uuids_ = raw_->uuids();
        } else {
            scratch_ = scratch(n);
            uuids_ = scratch_.get();
        }
    }
    Uuid* uuids() const noexcept { return uuids_; }
    int kind() const noexcept { return kind_; }
    nb::object raw_result() const { return raw_->result(); }

private:
    int kind_;
    std::optional<RawOut> raw_;
    std::unique_ptr<Uuid[]> scratch_;
    Uuid* uuids_ = nullptr;
};

// A new ASCII str of `size` characters for the caller to fill in.
PyObject* new_ascii(Py_ssize_t size) {
    PyObject* s = PyUnicode_New(size, 127);
    if (!s) throw nb::python_error();
    return s;
}

// A list of n uuid.UUID, canonical str or hex str (None where `bits` marks a null).
nb::object make_list(const Uuid* u, std::size_t n, int kind, Bits bits = {},
                     int alphabet = kStdlib) {
    nb::object list = nb::steal(PyList_New(static_cast<Py_ssize_t>(n)));
    if (!list.is_valid()) throw nb::python_error();
    for (std::size_t i = 0; i < n; ++i) {
        PyObject* item;
        if (!bits.valid(i)) {
            item = Py_None;
            Py_INCREF(item);
        } else if (kind == kUuid) {
            item = oruuid::py::make_raw(u[i]);
            if (!item) throw nb::python_error();
            // Immutable, and holding only an int and SafeUUID.unknown, a UUID can be in
            // no cycle. Left tracked, a million of them cost the cyclic GC walks over
            // every one (measured: 4x the cost of making them); CPython untracks tuples
            // and dicts of such values itself.
            PyObject_GC_UnTrack(item);
        } else if (kind == kStr && alphabet != kStdlib) {
            const auto a = static_cast<oruuid::Alphabet>(alphabet);
            item = new_ascii(static_cast<Py_ssize_t>(oruuid::encoded_size(a)));
            oruuid::encode_to(u[i], static_cast<char*>(PyUnicode_DATA(item)), a);
        } else if (kind == kStr) {
            item = new_ascii(36);
            oruuid::format_to(u[i], static_cast<char*>(PyUnicode_DATA(item)));
        } else {
            item = new_ascii(32);
            oruuid::format_to(u[i], static_cast<char*>(PyUnicode_DATA(item)),
                              oruuid::Style::simple);
        }
        PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i), item);
    }
    return list;
}

nb::object finish(const Dest& dest, std::size_t n) {
    return dest.kind() == kRaw ? dest.raw_result() : make_list(dest.uuids(), n, dest.kind());
}

void check_kind(int kind) {
    if (kind < kUuid || kind > kRaw) throw nb::value_error("unknown result kind");
}

// --- generation --------------------------------------------------------------------

// n UUIDs of version 4 or 7 as `kind`; raw results go to `out` (None: a new bytes).
nb::object generate(int version, std::size_t n, int kind, nb::handle out) {
    check_kind(kind);
    if (version != 4 && version != 7) throw nb::value_error("version must be 4 or 7");
    Dest dest(kind, out, n);
    Uuid* u = dest.uuids();
    if (version == 4) {
        // One thread: the keystream runs at several GB/s, so the time goes to faulting
        // in the fresh output pages, and a second thread, which must first seed its
        // own CSPRNG from the kernel, made 10^6 UUIDs slower (5.2 ms against 3.6).
        nb::gil_scoped_release nogil;
        oruuid::uuid4_many(u, n);
    } else if (n) {
        // One lock for the whole batch: it continues uuid7()'s sequence, so the batch
        // is ordered after every earlier call and before every later one.
        try {
            nb::gil_scoped_release nogil;
            oruuid::global_context_v7().next_many(oruuid::detail::now(), u, n);
        } catch (const std::out_of_range& e) {
            throw nb::value_error(e.what());
        }
    }
    return finish(dest, n);
}

// --- parsing -----------------------------------------------------------------------

// Indices that the native pass left to the GIL-held pass, in ascending order.
using Pending = std::vector<std::size_t>;

// Runs `kernel(i, &u)` -> bool over [0, n) without the GIL, writing parsed UUIDs to
// `out` and collecting the indices it could not parse.
template <typename K>
Pending parse_native(std::size_t n, Uuid* out, const K& kernel) {
    Pending low, high;
    std::atomic<bool> failed{false};
    {
        nb::gil_scoped_release nogil;
        auto run = [&](std::size_t b, std::size_t e) noexcept {
            Pending& pending = b == 0 ? low : high;
            try {
                for (std::size_t i = b; i < e; ++i) {
                    if (!kernel(i, &out[i])) pending.push_back(i);
                }
            } catch (const std::bad_alloc&) {
                failed = true;  // no room for the list of odd items
            }
        };
        parallel_for(n, run);
    }
    if (failed) no_memory();
    low.insert(low.end(), high.begin(), high.end());
    return low;
}

// The GIL-held pass over the odd items: exact stdlib semantics through oruuid.parse,
// and the errors. `text(i)` gives item i as a new reference to a str, None for a
// null, or nullptr with a Python error set.
class Slow {
public:
    // `explain`: put the parser's own message (an alphabet's position) in the error.
    Slow(std::size_t n, Py_ssize_t base, bool errors_null, bool nulls_ok, nb::handle parse,
         bool explain = false, const char* func = "parse_many")
        : n_(n),
          base_(base),
          errors_null_(errors_null),
          nulls_ok_(nulls_ok),
          explain_(explain),
          func_(func),
          parse_(parse) {}

    template <typename T>
    void run(const Pending& pending, Uuid* out, const T& text) {
        for (std::size_t i : pending) {
            const Py_ssize_t index = base_ + static_cast<Py_ssize_t>(i);
            PyObject* raw = text(i);
            if (!raw) {
                nb::python_error e;
                if (e.matches(PyExc_ValueError) && errors_null_) {
                    invalid(i, out);
                    continue;
                }
                nb::raise_from(e, PyExc_ValueError, "%s: item %zd is not a UUID", func_, index);
            }
            nb::object item = nb::steal(raw);
            if (item.is_none()) {
                if (!nulls_ok_) {
                    PyErr_Format(PyExc_TypeError, "%s: item %zd is None, not a str", func_, index);
                    throw nb::python_error();
                }
                invalid(i, out);
                continue;
            }
            if (!PyUnicode_Check(item.ptr())) {
                PyErr_Format(PyExc_TypeError, "%s: item %zd is %.200s, not a str", func_, index,
                             Py_TYPE(item.ptr())->tp_name);
                throw nb::python_error();
            }
            nb::object parsed;
            try {
                parsed = parse_(item);
            } catch (nb::python_error& e) {
                if (!e.matches(PyExc_ValueError)) throw;
                if (errors_null_) {
                    invalid(i, out);
                    continue;
                }
                if (explain_) {
                    nb::raise_from(e, PyExc_ValueError, "%s: item %zd is not a UUID: %R: %S", func_,
                                   index, item.ptr(), e.value().ptr());
                }
                nb::raise_from(e, PyExc_ValueError, "%s: item %zd is not a UUID: %R", func_, index,
                               item.ptr());
            }
            std::optional<Uuid> u = oruuid::py::exact_uuid(parsed.ptr());
            if (!u) throw nb::type_error("oruuid.parse returned something other than a UUID");
            out[i] = *u;
        }
    }

    // The Arrow validity bitmap of the result, or None when every item is present.
    nb::object validity() const {
        if (bitmap_.empty()) return nb::none();
        return nb::steal(PyBytes_FromStringAndSize(reinterpret_cast<const char*>(bitmap_.data()),
                                                   static_cast<Py_ssize_t>(bitmap_.size())));
    }

    // A null in Arrow output: marked in the bitmap, its 16 bytes zeroed.
    void invalid(std::size_t i, Uuid* out) {
        if (bitmap_.empty()) bitmap_.assign((n_ + 7) / 8, 0xFF);
        bitmap_[i >> 3] = static_cast<std::uint8_t>(bitmap_[i >> 3] & ~(1u << (i & 7)));
        out[i] = Uuid();
    }

private:
    std::size_t n_;
    Py_ssize_t base_;
    bool errors_null_;
    bool nulls_ok_;
    bool explain_;
    const char* func_;
    nb::handle parse_;
    std::vector<std::uint8_t> bitmap_;
};

nb::tuple parse_result(const Dest& dest, std::size_t n, const Slow& slow) {
    return nb::make_tuple(finish(dest, n), slow.validity());
}

// parse_many over a list or tuple of str. Returns (result, validity).
//  - nulls_ok: None items become nulls (Arrow output) rather than a TypeError;
//  - errors_null: unparseable items become nulls rather than a ValueError;
//  - parse: oruuid.parse, for the items the native parser leaves alone.
//
// One pass with the GIL held: reading the items needs it anyway, and the pass is
// bound by fetching each str from memory, not by parsing (measured: snapshotting
// the list into a tuple to parse it on two threads without the GIL was 3-8x
// slower). The odd items are kept by reference, so the slow pass, which runs Python
// code that might change the list, never reads the list again.
nb::tuple parse_sequence(nb::handle items, int kind, nb::handle out, bool nulls_ok,
                         bool errors_null, nb::handle parse, int alphabet) {
    check_kind(kind);
    check_alphabet(alphabet);
    PyObject* seq = items.ptr();
    if (!PyList_Check(seq) && !PyTuple_Check(seq))
        throw nb::type_error("parse_many: expected a list or tuple");
    const auto n = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(seq));
    Dest dest(kind, out, n);
    Uuid* u = dest.uuids();
    Pending pending;
    std::vector<nb::object> odd;
    bool resized = false, no_room = false;
#ifdef Py_GIL_DISABLED
    Py_BEGIN_CRITICAL_SECTION(seq);  // no other thread changes the list meanwhile
#endif
    resized = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(seq)) != n;
    PyObject** item = PySequence_Fast_ITEMS(seq);
    for (std::size_t i = 0; i < n && !resized && !no_room; ++i) {
        PyObject* s = item[i];
        if (PyUnicode_CheckExact(s) && PyUnicode_IS_ASCII(s)) {
            const auto len = static_cast<std::size_t>(PyUnicode_GET_LENGTH(s));
            auto r = native_text(std::string_view(static_cast<const char*>(PyUnicode_DATA(s)), len),
                                 alphabet);
            if (r) {
                u[i] = *r;
                continue;
            }
        }
        try {
            pending.push_back(i);
            odd.push_back(nb::borrow(s));
        } catch (const std::bad_alloc&) {
            no_room = true;
        }
    }
#ifdef Py_GIL_DISABLED
    Py_END_CRITICAL_SECTION();
#endif
    if (no_room) no_memory();
    if (resized) throw std::runtime_error("parse_many: the list changed size during the call");
    Slow slow(n, 0, errors_null, nulls_ok, parse, alphabet != kStdlib);
    std::size_t k = 0;
    slow.run(pending, u, [&](std::size_t) { return odd[k++].release().ptr(); });
    return parse_result(dest, n, slow);
}

// parse_many over a numpy 'U' array: `data` holds n items of `width` UCS-4 code
// points each, in native byte order, padded with NULs (which numpy strips).
nb::tuple parse_ucs4(nb::handle data, std::size_t width, int kind, nb::handle out, bool errors_null,
                     nb::handle parse, int alphabet) {
    check_kind(kind);
    check_alphabet(alphabet);
    Buffer in(data, false);
    if (width == 0 || width > static_cast<std::size_t>(PY_SSIZE_T_MAX) / 4 ||
        in.size() % (4 * width) != 0)
        throw nb::value_error("buffer is not a whole number of items");
    const std::size_t n = in.size() / (4 * width);
    const auto* chars = reinterpret_cast<const std::uint32_t*>(in.data());
    auto item_length = [&](std::size_t i) {
        const std::uint32_t* p = chars + i * width;
        std::size_t len = width;
        while (len && p[len - 1] == 0) --len;
        return len;
    };
    Dest dest(kind, out, n);
    Pending pending = parse_native(n, dest.uuids(), [&](std::size_t i, Uuid* u) {
        const std::size_t len = item_length(i);
        if (len > native_max(alphabet)) return false;
        const std::uint32_t* p = chars + i * width;
        char ascii[38];
        for (std::size_t j = 0; j < len; ++j) {
            if (p[j] > 127) return false;
            ascii[j] = static_cast<char>(p[j]);
        }
        auto r = native_text(std::string_view(ascii, len), alphabet);
        if (r) *u = *r;
        return r.has_value();
    });
    Slow slow(n, 0, errors_null, false, parse, alphabet != kStdlib);
    slow.run(pending, dest.uuids(), [&](std::size_t i) {
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars + i * width,
                                         static_cast<Py_ssize_t>(item_length(i)));
    });
    return parse_result(dest, n, slow);
}

// parse_many over an Arrow string (offset_width 4) or large_string (8) array of n
// items starting at `offset`: its validity, offsets and data buffers.
nb::tuple parse_arrow(nb::handle validity, nb::handle offsets, int offset_width, nb::handle data,
                      std::size_t offset, std::size_t n, Py_ssize_t base, int kind, nb::handle out,
                      bool errors_null, bool nulls_ok, nb::handle parse, int alphabet,
                      const std::string& func) {
    check_kind(kind);
    check_alphabet(alphabet);
    if (offset_width != 4 && offset_width != 8)
        throw nb::value_error("offset_width must be 4 or 8");
    checked(n);
    checked(offset);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf);
    Buffer off(offsets, false), text(data, false);
    if (off.size() < (offset + n + 1) * static_cast<std::size_t>(offset_width))
        throw nb::value_error("malformed Arrow array: offsets buffer too short");
    const std::uint8_t* o = off.data();
    auto at = [&](std::size_t i) -> std::int64_t {
        const std::size_t k = offset + i;
        if (offset_width == 4) {
            std::int32_t v;
            std::memcpy(&v, o + 4 * k, 4);
            return v;
        }
        std::int64_t v;
        std::memcpy(&v, o + 8 * k, 8);
        return v;
    };
    // Validate every offset first, so the native pass can trust them.
    const std::int64_t limit = static_cast<std::int64_t>(text.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t b = at(i), e = at(i + 1);
        if (b < 0 || e < b || e > limit)
            throw nb::value_error("malformed Arrow array: bad offsets");
    }
    const char* chars = reinterpret_cast<const char*>(text.data());
    Dest dest(kind, out, n);
    Pending pending = parse_native(n, dest.uuids(), [&](std::size_t i, Uuid* u) {
        if (!bits.valid(i)) return false;
        const std::int64_t b = at(i), len = at(i + 1) - b;
        if (static_cast<std::size_t>(len) > native_max(alphabet)) return false;
        auto r = native_text(std::string_view(chars + b, static_cast<std::size_t>(len)), alphabet);
        if (r) *u = *r;
        return r.has_value();
    });
    Slow slow(n, base, errors_null, nulls_ok, parse, alphabet != kStdlib, func.c_str());
    slow.run(pending, dest.uuids(), [&](std::size_t i) -> PyObject* {
        if (!bits.valid(i)) {
            if (!nulls_ok) {
                PyErr_Format(PyExc_ValueError, "%s: item %zd is null", func.c_str(),
                             base + static_cast<Py_ssize_t>(i));
                // Not a parse failure: never turned into a null by errors='null'.
                throw nb::python_error();
            }
            Py_INCREF(Py_None);
            return Py_None;
        }
        const std::int64_t b = at(i);
        return PyUnicode_DecodeUTF8(chars + b, static_cast<Py_ssize_t>(at(i + 1) - b), "strict");
    });
    return parse_result(dest, n, slow);
}

// --- formatting --------------------------------------------------------------------

// The UUIDs in a buffer of 16·n bytes.
std::size_t uuid_count(const Buffer& in) {
    if (in.size() % 16 != 0) {
        throw nb::value_error(
            ("format_many: expected a multiple of 16 bytes, got " + std::to_string(in.size()))
                .c_str());
    }
    return in.size() / 16;
}

// A list of str (kind STR) or hex str (HEX) from 16·n bytes; None where not valid.
nb::object format_list(nb::handle data, int kind, nb::handle validity, std::size_t offset,
                       int alphabet) {
    if (kind != kStr && kind != kHex) throw nb::value_error("kind must be STR or HEX");
    check_alphabet(alphabet);
    if (kind == kHex && alphabet != kStdlib) throw nb::value_error("HEX has no alphabet");
    Buffer in(data, false);
    const std::size_t n = uuid_count(in);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf);
    return make_list(reinterpret_cast<const Uuid*>(in.data()), n, kind, bits, alphabet);
}

// The number of present items, whose text format_arrow writes.
std::size_t present(const Bits& bits, std::size_t n) {
    if (!bits.data) return n;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) count += bits.valid(i);
    return count;
}

// Fills an Arrow string (offset_width 4) or large_string (8) array from 16·n bytes:
// `offsets_out` gets n + 1 offsets, `data_out` the text of each present item (36
// bytes, or the alphabet's encoded_size), and
// `validity_out` (when not None) the validity bits shifted to start at bit 0.
void format_arrow(nb::handle data, nb::handle validity, std::size_t offset, int offset_width,
                  nb::handle offsets_out, nb::handle data_out, nb::handle validity_out,
                  int alphabet) {
    if (offset_width != 4 && offset_width != 8)
        throw nb::value_error("offset_width must be 4 or 8");
    check_alphabet(alphabet);
    const std::size_t w = text_width(alphabet);
    // One item's text: hyphenated, or the alphabet's.
    auto write = [alphabet](const Uuid& u, char* p) noexcept {
        if (alphabet == kStdlib) {
            oruuid::format_to(u, p);
        } else {
            oruuid::encode_to(u, p, static_cast<oruuid::Alphabet>(alphabet));
        }
    };
    Buffer in(data, false);
    const std::size_t n = uuid_count(in);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf);
    Buffer offs(offsets_out, true), text(data_out, true);
    if (offs.size() < (n + 1) * static_cast<std::size_t>(offset_width))
        throw nb::value_error("offsets buffer too small");
    const std::size_t count = present(bits, n);
    if (text.size() < w * count) throw nb::value_error("data buffer too small");
    if (offset_width == 4 && w * count > 0x7FFFFFFF)
        throw nb::value_error("too much text for 32-bit offsets");
    std::optional<Buffer> vout;
    if (!validity_out.is_none()) {
        vout.emplace(validity_out, true);
        if (vout->size() * 8 < n) throw nb::value_error("validity buffer too small");
    }
    const Uuid* u = reinterpret_cast<const Uuid*>(in.data());
    std::uint8_t* o = offs.data();
    char* out = reinterpret_cast<char*>(text.data());
    nb::gil_scoped_release nogil;
    auto put = [&](std::size_t k, std::int64_t v) {
        if (offset_width == 4) {
            const auto w = static_cast<std::int32_t>(v);
            std::memcpy(o + 4 * k, &w, 4);
        } else {
            std::memcpy(o + 8 * k, &v, 8);
        }
    };
    if (!bits.data) {
        // Every item present: offsets are w·i, and each half formats on its own.
        parallel_for(n, [&](std::size_t b, std::size_t e) noexcept {
            for (std::size_t i = b; i < e; ++i) {
                put(i, static_cast<std::int64_t>(w * i));
                write(u[i], out + w * i);
            }
        });
        put(n, static_cast<std::int64_t>(w * n));
        return;
    }
    std::uint8_t* v = vout ? vout->data() : nullptr;
    if (v) std::memset(v, 0, (n + 7) / 8);
    std::int64_t pos = 0;
    for (std::size_t i = 0; i < n; ++i) {
        put(i, pos);
        if (bits.valid(i)) {
            write(u[i], out + pos);
            pos += static_cast<std::int64_t>(w);
            if (v) v[i >> 3] = static_cast<std::uint8_t>(v[i >> 3] | (1u << (i & 7)));
        }
    }
    put(n, pos);
}

}  // namespace

void oruuid::py::register_batch(nb::module_& parent) {
    nb::module_ m = parent.def_submodule(
        "batch", "Native batch generation, parsing and formatting; use oruuid.uuid4_many etc.");
    m.attr("UUID") = static_cast<int>(kUuid);
    m.attr("STR") = static_cast<int>(kStr);
    m.attr("HEX") = static_cast<int>(kHex);
    m.attr("RAW") = static_cast<int>(kRaw);
    m.attr("STDLIB") = kStdlib;
    nb::dict alphabets;
    for (auto a : {oruuid::Alphabet::base32, oruuid::Alphabet::base58, oruuid::Alphabet::base64url})
        alphabets[oruuid::alphabet_name(a)] = static_cast<int>(a);
    m.attr("ALPHABETS") = alphabets;
    m.def("generate", &generate, nb::arg("version"), nb::arg("n"), nb::arg("kind"),
          nb::arg("out").none(),
          "n new UUIDs of version 4 or 7 as a list (kind UUID, STR, HEX) or as 16·n raw\n"
          "bytes (RAW) written to `out`, a writable buffer, or to a new bytes when None.");
    m.def("parse_sequence", &parse_sequence, nb::arg("items"), nb::arg("kind"),
          nb::arg("out").none(), nb::arg("nulls_ok"), nb::arg("errors_null"), nb::arg("parse"),
          nb::arg("alphabet") = kStdlib,
          "Parses a list or tuple of str (uuid.UUID's text, or an ALPHABETS value's); returns\n"
          "(result, validity bitmap or None).");
    m.def("parse_ucs4", &parse_ucs4, nb::arg("data"), nb::arg("width"), nb::arg("kind"),
          nb::arg("out").none(), nb::arg("errors_null"), nb::arg("parse"),
          nb::arg("alphabet") = kStdlib,
          "Parses the buffer of a numpy 'U<width>' array; returns (result, validity or None).");
    m.def("parse_arrow", &parse_arrow, nb::arg("validity").none(), nb::arg("offsets"),
          nb::arg("offset_width"), nb::arg("data"), nb::arg("offset"), nb::arg("n"),
          nb::arg("base"), nb::arg("kind"), nb::arg("out").none(), nb::arg("errors_null"),
          nb::arg("nulls_ok"), nb::arg("parse"), nb::arg("alphabet") = kStdlib,
          nb::arg("func") = "parse_many",
          "Parses the buffers of an Arrow string or large_string array; returns\n"
          "(result, validity or None).");
    m.def("format_list", &format_list, nb::arg("data"), nb::arg("kind"),
          nb::arg("validity").none() = nb::none(), nb::arg("offset") = 0,
          nb::arg("alphabet") = kStdlib,
          "16·n bytes as a list of str (canonical, or an ALPHABETS value's) or hex str; None\n"
          "where not valid.");
    m.def("format_arrow", &format_arrow, nb::arg("data"), nb::arg("validity").none(),
          nb::arg("offset"), nb::arg("offset_width"), nb::arg("offsets_out"), nb::arg("data_out"),
          nb::arg("validity_out").none(), nb::arg("alphabet") = kStdlib,
          "Fills the buffers of an Arrow string array with the text of 16·n bytes.");
}
