// binding/batch.cpp: oruuid._core.batch, the native half of the batch API (oruuid._batch).
//
// Every function works on flat buffers of 16-byte UUIDs. The work that touches no
// Python object (generation, parsing numpy and Arrow text, formatting into Arrow
// buffers) runs with the GIL released, parsing and formatting split over two threads
// for large batches; building Python objects, reading lists of str and the
// stdlib-exact fallback for odd text run with the GIL held.
//
// The functions' self is the oruuid._core module, whose State gives the interpreter's
// uuid.UUID. They are not hot per call (the work is per batch), so they parse their
// arguments with PyArg_ParseTupleAndKeywords.
#include "batch.hpp"

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
#include <system_error>
#include <thread>
#include <vector>

#include "args.hpp"
#include "internal/clock.hpp"
#include "oruuid/context.hpp"
#include "oruuid/encode.hpp"
#include "oruuid/fmt.hpp"
#include "oruuid/parser.hpp"
#include "oruuid/v4.hpp"
#include "py.hpp"
#include "uuid_object.hpp"

using oruuid::Uuid;
using oruuid::py::Error;
using oruuid::py::own;
using oruuid::py::Ref;
using oruuid::py::State;

namespace {

static_assert(sizeof(Uuid) == 16, "Uuid must be exactly its 16 bytes");

// What a function returns for each UUID; `raw` means 16 bytes in a flat buffer.
enum Kind : int { kUuid = 0, kStr = 1, kHex = 2, kRaw = 3 };

// Which text an item is: kStdlib is uuid.UUID(s)'s (canonical natively, the rest
// through oruuid.parse); 0 and up are an oruuid::Alphabet's (strictly that alphabet).
constexpr int kStdlib = -1;

[[noreturn]] void value_error(const char* message) {
    oruuid::py::raise(PyExc_ValueError, message);
}

void check_alphabet(int alphabet) {
    if (alphabet < kStdlib || alphabet > static_cast<int>(oruuid::Alphabet::base64url))
        value_error("unknown alphabet");
}

// A count or offset argument (parsed as Py_ssize_t), which may not be negative.
std::size_t size_arg(Py_ssize_t value, const char* function, const char* name) {
    if (value < 0) {
        PyErr_Format(PyExc_ValueError, "%s(): %s must be >= 0, not %zd", function, name, value);
        throw Error{};
    }
    return static_cast<std::size_t>(value);
}

// For the arguments that may not be None.
void not_none(PyObject* value, const char* function, const char* name) {
    if (value == Py_None) {
        PyErr_Format(PyExc_TypeError, "%s(): %s must not be None", function, name);
        throw Error{};
    }
}

// A PyArg "O&" converter for a bool argument: True or False only, as ever.
int bool_converter(PyObject* value, void* out) {
    if (!PyBool_Check(value)) {
        PyErr_Format(PyExc_TypeError, "expected True or False, not %.200s",
                     Py_TYPE(value)->tp_name);
        return 0;
    }
    *static_cast<bool*>(out) = value == Py_True;
    return 1;
}

// A new reference to the exception being raised, which stays set (for a message that
// quotes it).
Ref current_exception() {
#if PY_VERSION_HEX >= 0x030C0000
    PyObject* e = PyErr_GetRaisedException();
    PyErr_SetRaisedException(Py_XNewRef(e));
    return Ref(e);
#else
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb && value) PyException_SetTraceback(value, tb);
    Ref result = Ref::borrow(value);
    PyErr_Restore(type, value, tb);
    return result;
#endif
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

// Runs f(begin, end) over [0, n), on two threads when n is large and the machine
// has a second core. Split points are multiples of 64, so bitmaps never share a
// word. `f` must not throw.
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
        throw Error{};
    }
    return n;
}

// The layouts Buffer names in its errors.
constexpr const char* kUuidBytes = "a C-contiguous buffer of 16·n bytes";
constexpr const char* kUuidOut = "a writable C-contiguous buffer of 16·n bytes";
constexpr const char* kBitmap = "a C-contiguous Arrow validity bitmap";
constexpr const char* kBitmapOut = "a writable C-contiguous buffer for an Arrow validity bitmap";
constexpr const char* kOffsets = "a C-contiguous Arrow offsets buffer";
constexpr const char* kOffsetsOut = "a writable C-contiguous buffer for Arrow offsets";
constexpr const char* kText = "a C-contiguous Arrow data buffer";
constexpr const char* kTextOut = "a writable C-contiguous buffer for Arrow text";
constexpr const char* kUcs4 = "a C-contiguous buffer of UCS-4 text";

// A C-contiguous buffer from the buffer protocol, released on destruction. Anything
// else raises an error naming the user-facing function and `layout`, not the
// exporter's bare BufferError: TypeError for an object with no buffer, ValueError
// (caused by the exporter's error) for one that cannot give this layout.
class Buffer {
public:
    Buffer(PyObject* obj, bool writable, const char* func, const char* layout) {
        if (!PyObject_CheckBuffer(obj)) {
            PyErr_Format(PyExc_TypeError, "%s: expected %s, not %.200s", func, layout,
                         Py_TYPE(obj)->tp_name);
            throw Error{};
        }
        if (PyObject_GetBuffer(obj, &view_, writable ? PyBUF_WRITABLE : PyBUF_SIMPLE) != 0) {
            if (!PyErr_ExceptionMatches(PyExc_BufferError) &&
                !PyErr_ExceptionMatches(PyExc_ValueError) &&
                !PyErr_ExceptionMatches(PyExc_TypeError))
                throw Error{};
            oruuid::py::raise_from(PyExc_ValueError, "%s: expected %s; this %.200s is not one",
                                   func, layout, Py_TYPE(obj)->tp_name);
        }
        if (!PyBuffer_IsContiguous(&view_, 'C')) {  // an exporter that ignored the flags
            PyBuffer_Release(&view_);
            PyErr_Format(PyExc_ValueError, "%s: expected %s; this %.200s is not one", func, layout,
                         Py_TYPE(obj)->tp_name);
            throw Error{};
        }
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
Bits validity_bits(PyObject* obj, std::size_t offset, std::size_t n, std::optional<Buffer>& holder,
                   const char* func) {
    Bits bits;
    if (obj == Py_None) return bits;
    checked(offset);
    holder.emplace(obj, false, func, kBitmap);
    if (holder->size() * 8 < offset + n) value_error("validity bitmap too short");
    bits.data = holder->data();
    bits.offset = offset;
    return bits;
}

// The 16·n-byte destination of a raw result: a new bytes object when `out` is None,
// else the caller's writable buffer (a numpy array or an Arrow buffer).
class RawOut {
public:
    RawOut(PyObject* out, std::size_t n, const char* func) {
        if (out == Py_None) {
            result_ = own(PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(16 * n)));
            data_ = reinterpret_cast<std::uint8_t*>(PyBytes_AS_STRING(result_.get()));
        } else {
            buffer_.emplace(out, true, func, kUuidOut);
            if (buffer_->size() != 16 * n) value_error("output buffer has the wrong size");
            data_ = buffer_->data();
            result_ = Ref::borrow(Py_None);
        }
    }
    Uuid* uuids() const noexcept { return reinterpret_cast<Uuid*>(data_); }
    const Ref& result() const noexcept { return result_; }

private:
    std::optional<Buffer> buffer_;
    std::uint8_t* data_ = nullptr;
    Ref result_;
};

// Raises MemoryError.
[[noreturn]] void no_memory() {
    PyErr_NoMemory();
    throw Error{};
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
    Dest(int kind, PyObject* out, std::size_t n, const char* func) : kind_(kind) {
        checked(n);
        if (kind == kRaw) {
            raw_.emplace(out, n, func);
            uuids_ = raw_->uuids();
        } else {
            scratch_ = scratch(n);
            uuids_ = scratch_.get();
        }
    }
    Uuid* uuids() const noexcept { return uuids_; }
    int kind() const noexcept { return kind_; }
    Ref raw_result() const { return raw_->result(); }

private:
    int kind_;
    std::optional<RawOut> raw_;
    std::unique_ptr<Uuid[]> scratch_;
    Uuid* uuids_ = nullptr;
};

// A new ASCII str of `size` characters for the caller to fill in.
PyObject* new_ascii(Py_ssize_t size) {
    return own(PyUnicode_New(size, 127)).release();
}

// A list of n uuid.UUID, canonical str or hex str (None where `bits` marks a null).
//
// The UUIDs come from the class's tp_alloc and are returned GC-tracked, as the stdlib's
// are (issue 22: a cycle made through their slots with object.__setattr__ must stay
// collectable). They are untracked while the list fills and tracked at the end: the
// young-generation collections that a million allocations trigger would otherwise walk
// them over and over (measured on 3.11: 4x the cost of making them).
Ref make_list(State& st, const Uuid* u, std::size_t n, int kind, Bits bits = {},
              int alphabet = kStdlib) {
    Ref list = own(PyList_New(static_cast<Py_ssize_t>(n)));
    for (std::size_t i = 0; i < n; ++i) {
        PyObject* item;
        if (!bits.valid(i)) {
            item = Py_NewRef(Py_None);
        } else if (kind == kUuid) {
            item = own(oruuid::py::make_raw(st, u[i])).release();
            if (PyObject_GC_IsTracked(item)) PyObject_GC_UnTrack(item);
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
        PyList_SET_ITEM(list.get(), static_cast<Py_ssize_t>(i), item);
    }
    if (kind == kUuid) {
        for (std::size_t i = 0; i < n; ++i) {
            PyObject* item = PyList_GET_ITEM(list.get(), static_cast<Py_ssize_t>(i));
            if (PyObject_IS_GC(item) && !PyObject_GC_IsTracked(item)) PyObject_GC_Track(item);
        }
    }
    return list;
}

Ref finish(State& st, const Dest& dest, std::size_t n) {
    return dest.kind() == kRaw ? dest.raw_result() : make_list(st, dest.uuids(), n, dest.kind());
}

void check_kind(int kind) {
    if (kind < kUuid || kind > kRaw) value_error("unknown result kind");
}

// --- generation --------------------------------------------------------------------

// n UUIDs of version 4 or 7 as `kind`; raw results go to `out` (None: a new bytes).
Ref generate(State& st, int version, std::size_t n, int kind, PyObject* out) {
    check_kind(kind);
    if (version != 4 && version != 7) value_error("version must be 4 or 7");
    Dest dest(kind, out, n, version == 4 ? "uuid4_many" : "uuid7_many");
    Uuid* u = dest.uuids();
    if (version == 4) {
        // One thread: the keystream runs at several GB/s, so the time goes to faulting
        // in the fresh output pages, and a second thread, which must first seed its
        // own CSPRNG from the kernel, made 10^6 UUIDs slower (5.2 ms against 3.6).
        oruuid::py::Unlocked nogil;
        oruuid::uuid4_many(u, n);
    } else if (n) {
        // One lock for the whole batch: it continues uuid7()'s sequence, so the batch
        // is ordered after every earlier call and before every later one. Its
        // std::out_of_range becomes ValueError in guard().
        oruuid::py::Unlocked nogil;
        oruuid::global_context_v7().next_many(oruuid::detail::now(), u, n);
    }
    return finish(st, dest, n);
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
        oruuid::py::Unlocked nogil;
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
    Slow(State& st, std::size_t n, Py_ssize_t base, bool errors_null, bool nulls_ok,
         PyObject* parse, bool explain = false, const char* func = "parse_many")
        : st_(st),
          n_(n),
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
            Ref item(text(i));
            if (!item) {
                if (PyErr_ExceptionMatches(PyExc_ValueError) && errors_null_) {
                    PyErr_Clear();
                    invalid(i, out);
                    continue;
                }
                oruuid::py::raise_from(PyExc_ValueError, "%s: item %zd is not a UUID", func_,
                                       index);
            }
            if (item.get() == Py_None) {
                if (!nulls_ok_) {
                    PyErr_Format(PyExc_TypeError, "%s: item %zd is None, not a str", func_, index);
                    throw Error{};
                }
                invalid(i, out);
                continue;
            }
            if (!PyUnicode_Check(item.get())) {
                PyErr_Format(PyExc_TypeError, "%s: item %zd is %.200s, not a str", func_, index,
                             Py_TYPE(item.get())->tp_name);
                throw Error{};
            }
            Ref parsed(PyObject_CallOneArg(parse_, item.get()));
            if (!parsed) {
                if (!PyErr_ExceptionMatches(PyExc_ValueError)) throw Error{};
                if (errors_null_) {
                    PyErr_Clear();
                    invalid(i, out);
                    continue;
                }
                if (explain_) {
                    Ref e = current_exception();
                    oruuid::py::raise_from(PyExc_ValueError, "%s: item %zd is not a UUID: %R: %S",
                                           func_, index, item.get(), e.get());
                }
                oruuid::py::raise_from(PyExc_ValueError, "%s: item %zd is not a UUID: %R", func_,
                                       index, item.get());
            }
            std::optional<Uuid> u = oruuid::py::exact_uuid(st_, parsed.get());
            if (!u) {
                oruuid::py::raise(PyExc_TypeError,
                                  "oruuid.parse returned something other than a UUID");
            }
            out[i] = *u;
        }
    }

    // The Arrow validity bitmap of the result, or None when every item is present.
    Ref validity() const {
        if (bitmap_.empty()) return Ref::borrow(Py_None);
        return own(PyBytes_FromStringAndSize(reinterpret_cast<const char*>(bitmap_.data()),
                                             static_cast<Py_ssize_t>(bitmap_.size())));
    }

    // A null in Arrow output: marked in the bitmap, its 16 bytes zeroed.
    void invalid(std::size_t i, Uuid* out) {
        if (bitmap_.empty()) bitmap_.assign((n_ + 7) / 8, 0xFF);
        bitmap_[i >> 3] = static_cast<std::uint8_t>(bitmap_[i >> 3] & ~(1u << (i & 7)));
        out[i] = Uuid();
    }

private:
    State& st_;
    std::size_t n_;
    Py_ssize_t base_;
    bool errors_null_;
    bool nulls_ok_;
    bool explain_;
    const char* func_;
    PyObject* parse_;  // borrowed from the call's arguments
    std::vector<std::uint8_t> bitmap_;
};

// (result, validity).
Ref parse_result(State& st, const Dest& dest, std::size_t n, const Slow& slow) {
    Ref result = finish(st, dest, n);
    Ref validity = slow.validity();
    return own(PyTuple_Pack(2, result.get(), validity.get()));
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
Ref parse_sequence(State& st, PyObject* seq, int kind, PyObject* out, bool nulls_ok,
                   bool errors_null, PyObject* parse, int alphabet) {
    check_kind(kind);
    check_alphabet(alphabet);
    if (!PyList_Check(seq) && !PyTuple_Check(seq))
        oruuid::py::raise(PyExc_TypeError, "parse_many: expected a list or tuple");
    const auto n = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(seq));
    Dest dest(kind, out, n, "parse_many");
    Uuid* u = dest.uuids();
    Pending pending;
    std::vector<Ref> odd;
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
            odd.push_back(Ref::borrow(s));
        } catch (const std::bad_alloc&) {
            no_room = true;
        }
    }
#ifdef Py_GIL_DISABLED
    Py_END_CRITICAL_SECTION();
#endif
    if (no_room) no_memory();
    if (resized) throw std::runtime_error("parse_many: the list changed size during the call");
    Slow slow(st, n, 0, errors_null, nulls_ok, parse, alphabet != kStdlib);
    std::size_t k = 0;
    slow.run(pending, u, [&](std::size_t) { return odd[k++].release(); });
    return parse_result(st, dest, n, slow);
}

// parse_many over a numpy 'U' array: `data` holds n items of `width` UCS-4 code
// points each, in native byte order, padded with NULs (which numpy strips).
Ref parse_ucs4(State& st, PyObject* data, std::size_t width, int kind, PyObject* out,
               bool errors_null, PyObject* parse, int alphabet) {
    check_kind(kind);
    check_alphabet(alphabet);
    Buffer in(data, false, "parse_many", kUcs4);
    if (width == 0 || width > static_cast<std::size_t>(PY_SSIZE_T_MAX) / 4 ||
        in.size() % (4 * width) != 0)
        value_error("buffer is not a whole number of items");
    const std::size_t n = in.size() / (4 * width);
    const auto* chars = reinterpret_cast<const std::uint32_t*>(in.data());
    auto item_length = [&](std::size_t i) {
        const std::uint32_t* p = chars + i * width;
        std::size_t len = width;
        while (len && p[len - 1] == 0) --len;
        return len;
    };
    Dest dest(kind, out, n, "parse_many");
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
    Slow slow(st, n, 0, errors_null, false, parse, alphabet != kStdlib);
    slow.run(pending, dest.uuids(), [&](std::size_t i) {
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars + i * width,
                                         static_cast<Py_ssize_t>(item_length(i)));
    });
    return parse_result(st, dest, n, slow);
}

// parse_many over an Arrow string (offset_width 4) or large_string (8) array of n
// items starting at `offset`: its validity, offsets and data buffers.
Ref parse_arrow(State& st, PyObject* validity, PyObject* offsets, int offset_width, PyObject* data,
                std::size_t offset, std::size_t n, Py_ssize_t base, int kind, PyObject* out,
                bool errors_null, bool nulls_ok, PyObject* parse, int alphabet, const char* func) {
    check_kind(kind);
    check_alphabet(alphabet);
    if (offset_width != 4 && offset_width != 8) value_error("offset_width must be 4 or 8");
    checked(n);
    checked(offset);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf, func);
    Buffer off(offsets, false, func, kOffsets), text(data, false, func, kText);
    if (off.size() < (offset + n + 1) * static_cast<std::size_t>(offset_width))
        value_error("malformed Arrow array: offsets buffer too short");
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
        if (b < 0 || e < b || e > limit) value_error("malformed Arrow array: bad offsets");
    }
    const char* chars = reinterpret_cast<const char*>(text.data());
    Dest dest(kind, out, n, func);
    Pending pending = parse_native(n, dest.uuids(), [&](std::size_t i, Uuid* u) {
        if (!bits.valid(i)) return false;
        const std::int64_t b = at(i), len = at(i + 1) - b;
        if (static_cast<std::size_t>(len) > native_max(alphabet)) return false;
        auto r = native_text(std::string_view(chars + b, static_cast<std::size_t>(len)), alphabet);
        if (r) *u = *r;
        return r.has_value();
    });
    Slow slow(st, n, base, errors_null, nulls_ok, parse, alphabet != kStdlib, func);
    slow.run(pending, dest.uuids(), [&](std::size_t i) -> PyObject* {
        if (!bits.valid(i)) {
            if (!nulls_ok) {
                PyErr_Format(PyExc_ValueError, "%s: item %zd is null", func,
                             base + static_cast<Py_ssize_t>(i));
                // Not a parse failure: never turned into a null by errors='null'.
                throw Error{};
            }
            return Py_NewRef(Py_None);
        }
        const std::int64_t b = at(i);
        return PyUnicode_DecodeUTF8(chars + b, static_cast<Py_ssize_t>(at(i + 1) - b), "strict");
    });
    return parse_result(st, dest, n, slow);
}

// --- formatting --------------------------------------------------------------------

// The UUIDs in a buffer of 16·n bytes.
std::size_t uuid_count(const Buffer& in) {
    if (in.size() % 16 != 0) {
        oruuid::py::raise(PyExc_ValueError, "format_many: expected a multiple of 16 bytes, got " +
                                                std::to_string(in.size()));
    }
    return in.size() / 16;
}

// A list of str (kind STR) or hex str (HEX) from 16·n bytes; None where not valid.
Ref format_list(State& st, PyObject* data, int kind, PyObject* validity, std::size_t offset,
                int alphabet) {
    if (kind != kStr && kind != kHex) value_error("kind must be STR or HEX");
    check_alphabet(alphabet);
    if (kind == kHex && alphabet != kStdlib) value_error("HEX has no alphabet");
    Buffer in(data, false, "format_many", kUuidBytes);
    const std::size_t n = uuid_count(in);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf, "format_many");
    return make_list(st, reinterpret_cast<const Uuid*>(in.data()), n, kind, bits, alphabet);
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
void format_arrow(PyObject* data, PyObject* validity, std::size_t offset, int offset_width,
                  PyObject* offsets_out, PyObject* data_out, PyObject* validity_out, int alphabet) {
    if (offset_width != 4 && offset_width != 8) value_error("offset_width must be 4 or 8");
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
    Buffer in(data, false, "format_many", kUuidBytes);
    const std::size_t n = uuid_count(in);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf, "format_many");
    Buffer offs(offsets_out, true, "format_many", kOffsetsOut),
        text(data_out, true, "format_many", kTextOut);
    if (offs.size() < (n + 1) * static_cast<std::size_t>(offset_width))
        value_error("offsets buffer too small");
    const std::size_t count = present(bits, n);
    if (text.size() < w * count) value_error("data buffer too small");
    if (offset_width == 4 && w * count > 0x7FFFFFFF)
        value_error("too much text for 32-bit offsets");
    std::optional<Buffer> vout;
    if (validity_out != Py_None) {
        vout.emplace(validity_out, true, "format_many", kBitmapOut);
        if (vout->size() * 8 < n) value_error("validity buffer too small");
    }
    const Uuid* u = reinterpret_cast<const Uuid*>(in.data());
    std::uint8_t* o = offs.data();
    char* out = reinterpret_cast<char*>(text.data());
    oruuid::py::Unlocked nogil;
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

// --- entry points ------------------------------------------------------------------
//
// The signatures are those oruuid._batch calls (all arguments by position or keyword).

using Keywords = const char* const[];

// Parses (args, kwargs) into `out...` as PyArg_ParseTupleAndKeywords does with `format` and
// the keyword list `names` (char** before 3.13, never written to); throws Error when they
// do not fit.
template <typename... Out>
void parse_args(PyObject* args, PyObject* kwargs, const char* format, const char* const* names,
                Out... out) {
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, format, const_cast<char**>(names), out...))
        throw Error{};
}

// An entry point's body (returning a Ref) under guard(): its object, or NULL with the error.
template <typename Body>
PyObject* entry(Body&& body) noexcept {
    return oruuid::py::guard([&] { return body().release(); });
}

PyObject* py_generate(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"version", "n", "kind", "out", nullptr};
        int version, kind;
        Py_ssize_t n;
        PyObject* out;
        parse_args(args, kwargs, "iniO:generate", names, &version, &n, &kind, &out);
        return generate(oruuid::py::state_of(self), version, size_arg(n, "generate", "n"), kind,
                        out);
    });
}

PyObject* py_parse_sequence(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"items",       "kind",  "out",      "nulls_ok",
                                 "errors_null", "parse", "alphabet", nullptr};
        PyObject *items, *out, *parse;
        int kind, alphabet = kStdlib;
        bool nulls_ok, errors_null;
        parse_args(args, kwargs, "OiOO&O&O|i:parse_sequence", names, &items, &kind, &out,
                   bool_converter, &nulls_ok, bool_converter, &errors_null, &parse, &alphabet);
        not_none(items, "parse_sequence", "items");
        not_none(parse, "parse_sequence", "parse");
        return parse_sequence(oruuid::py::state_of(self), items, kind, out, nulls_ok, errors_null,
                              parse, alphabet);
    });
}

PyObject* py_parse_ucs4(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"data",        "width", "kind",     "out",
                                 "errors_null", "parse", "alphabet", nullptr};
        PyObject *data, *out, *parse;
        Py_ssize_t width;
        int kind, alphabet = kStdlib;
        bool errors_null;
        parse_args(args, kwargs, "OniOO&O|i:parse_ucs4", names, &data, &width, &kind, &out,
                   bool_converter, &errors_null, &parse, &alphabet);
        not_none(data, "parse_ucs4", "data");
        not_none(parse, "parse_ucs4", "parse");
        return parse_ucs4(oruuid::py::state_of(self), data, size_arg(width, "parse_ucs4", "width"),
                          kind, out, errors_null, parse, alphabet);
    });
}

PyObject* py_parse_arrow(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"validity", "offsets", "offset_width", "data", "offset",
                                 "n",        "base",    "kind",         "out",  "errors_null",
                                 "nulls_ok", "parse",   "alphabet",     "func", nullptr};
        PyObject *validity, *offsets, *data, *out, *parse;
        int offset_width, kind, alphabet = kStdlib;
        Py_ssize_t offset, n, base;
        bool errors_null, nulls_ok;
        const char* func = "parse_many";
        parse_args(args, kwargs, "OOiOnnniOO&O&O|is:parse_arrow", names, &validity, &offsets,
                   &offset_width, &data, &offset, &n, &base, &kind, &out, bool_converter,
                   &errors_null, bool_converter, &nulls_ok, &parse, &alphabet, &func);
        not_none(offsets, "parse_arrow", "offsets");
        not_none(data, "parse_arrow", "data");
        not_none(parse, "parse_arrow", "parse");
        return parse_arrow(oruuid::py::state_of(self), validity, offsets, offset_width, data,
                           size_arg(offset, "parse_arrow", "offset"),
                           size_arg(n, "parse_arrow", "n"), base, kind, out, errors_null, nulls_ok,
                           parse, alphabet, func);
    });
}

PyObject* py_format_list(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"data", "kind", "validity", "offset", "alphabet", nullptr};
        PyObject *data, *validity = Py_None;
        int kind, alphabet = kStdlib;
        Py_ssize_t offset = 0;
        parse_args(args, kwargs, "Oi|Oni:format_list", names, &data, &kind, &validity, &offset,
                   &alphabet);
        not_none(data, "format_list", "data");
        return format_list(oruuid::py::state_of(self), data, kind, validity,
                           size_arg(offset, "format_list", "offset"), alphabet);
    });
}

PyObject* py_format_arrow(PyObject*, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"data",         "validity",    "offset",
                                 "offset_width", "offsets_out", "data_out",
                                 "validity_out", "alphabet",    nullptr};
        PyObject *data, *validity, *offsets_out, *data_out, *validity_out;
        Py_ssize_t offset;
        int offset_width, alphabet = kStdlib;
        parse_args(args, kwargs, "OOniOOO|i:format_arrow", names, &data, &validity, &offset,
                   &offset_width, &offsets_out, &data_out, &validity_out, &alphabet);
        not_none(data, "format_arrow", "data");
        not_none(offsets_out, "format_arrow", "offsets_out");
        not_none(data_out, "format_arrow", "data_out");
        format_arrow(data, validity, size_arg(offset, "format_arrow", "offset"), offset_width,
                     offsets_out, data_out, validity_out, alphabet);
        return Ref::borrow(Py_None);
    });
}

constexpr int kArgs = METH_VARARGS | METH_KEYWORDS;

// The docstrings open with a text signature ($module: self is oruuid._core).
PyMethodDef g_batch_methods[] = {
    {"generate", oruuid::py::as_cfunction(&py_generate), kArgs,
     "generate($module, /, version, n, kind, out)\n--\n\n"
     "n new UUIDs of version 4 or 7 as a list (kind UUID, STR, HEX) or as 16·n raw\n"
     "bytes (RAW) written to `out`, a writable buffer, or to a new bytes when None."},
    {"parse_sequence", oruuid::py::as_cfunction(&py_parse_sequence), kArgs,
     "parse_sequence($module, /, items, kind, out, nulls_ok, errors_null, parse, alphabet=-1)\n"
     "--\n\n"
     "Parses a list or tuple of str (uuid.UUID's text, or an ALPHABETS value's); returns\n"
     "(result, validity bitmap or None)."},
    {"parse_ucs4", oruuid::py::as_cfunction(&py_parse_ucs4), kArgs,
     "parse_ucs4($module, /, data, width, kind, out, errors_null, parse, alphabet=-1)\n--\n\n"
     "Parses the buffer of a numpy 'U<width>' array; returns (result, validity or None)."},
    {"parse_arrow", oruuid::py::as_cfunction(&py_parse_arrow), kArgs,
     "parse_arrow($module, /, validity, offsets, offset_width, data, offset, n, base, kind, out,\n"
     "            errors_null, nulls_ok, parse, alphabet=-1, func='parse_many')\n--\n\n"
     "Parses the buffers of an Arrow string or large_string array; returns\n"
     "(result, validity or None)."},
    {"format_list", oruuid::py::as_cfunction(&py_format_list), kArgs,
     "format_list($module, /, data, kind, validity=None, offset=0, alphabet=-1)\n--\n\n"
     "16·n bytes as a list of str (canonical, or an ALPHABETS value's) or hex str; None\n"
     "where not valid."},
    {"format_arrow", oruuid::py::as_cfunction(&py_format_arrow), kArgs,
     "format_arrow($module, /, data, validity, offset, offset_width, offsets_out, data_out,\n"
     "             validity_out, alphabet=-1)\n--\n\n"
     "Fills the buffers of an Arrow string array with the text of 16·n bytes."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

void oruuid::py::init_batch(PyObject* core, PyObject* sub) {
    Ref doc = own(PyUnicode_FromString(
        "Native batch generation, parsing and formatting; use oruuid.uuid4_many etc."));
    check(PyObject_SetAttrString(sub, "__doc__", doc.get()));
    check(PyModule_AddIntConstant(sub, "UUID", kUuid));
    check(PyModule_AddIntConstant(sub, "STR", kStr));
    check(PyModule_AddIntConstant(sub, "HEX", kHex));
    check(PyModule_AddIntConstant(sub, "RAW", kRaw));
    check(PyModule_AddIntConstant(sub, "STDLIB", kStdlib));
    Ref alphabets = own(PyDict_New());
    for (auto a :
         {oruuid::Alphabet::base32, oruuid::Alphabet::base58, oruuid::Alphabet::base64url}) {
        Ref value = own(PyLong_FromLong(static_cast<long>(a)));
        check(PyDict_SetItemString(alphabets.get(), oruuid::alphabet_name(a), value.get()));
    }
    check(PyModule_AddObjectRef(sub, "ALPHABETS", alphabets.get()));
    add_functions(core, sub, g_batch_methods);
}
