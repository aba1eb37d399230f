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
#include "oruuid/v7.hpp"
#include "py.hpp"
#include "time.hpp"
#include "uuid_object.hpp"

using oruuid::Uuid;
using oruuid::py::Error;
using oruuid::py::own;
using oruuid::py::Ref;
using oruuid::py::State;

namespace {

static_assert(sizeof(Uuid) == 16, "Uuid must be exactly its 16 bytes");

// What a function returns for each UUID; `raw` means 16 bytes in a flat buffer (one
// oruuid._batch made), `out` 16 bytes each in the caller's buffer (out=), checked
// against the layouts OutBuffer takes and returned as the result.
enum Kind : int { kUuid = 0, kStr = 1, kHex = 2, kRaw = 3, kOut = 4 };

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
// The exception being raised, taken out so that Python code (str()) may run: Py_DEBUG
// builds assert that none is set then. restore() puts it back; if it is still held at
// the end (Python code failed, with an error of its own), it is dropped.
class HeldException {
public:
    HeldException() noexcept {
#if PY_VERSION_HEX >= 0x030C0000
        value_ = PyErr_GetRaisedException();
#else
        PyErr_Fetch(&type_, &value_, &tb_);
        PyErr_NormalizeException(&type_, &value_, &tb_);
        if (tb_ && value_) PyException_SetTraceback(value_, tb_);
#endif
    }
    HeldException(const HeldException&) = delete;
    HeldException& operator=(const HeldException&) = delete;
    ~HeldException() {
        Py_XDECREF(value_);
#if PY_VERSION_HEX < 0x030C0000
        Py_XDECREF(type_);
        Py_XDECREF(tb_);
#endif
    }
    PyObject* get() const noexcept {
        return value_;
    }
    void restore() noexcept {
#if PY_VERSION_HEX >= 0x030C0000
        PyErr_SetRaisedException(value_);
#else
        PyErr_Restore(type_, value_, tb_);
        type_ = tb_ = nullptr;
#endif
        value_ = nullptr;
    }

private:
    PyObject* value_ = nullptr;
#if PY_VERSION_HEX < 0x030C0000
    PyObject* type_ = nullptr;
    PyObject* tb_ = nullptr;
#endif
};

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

// The caller's out= buffer: writable and C-contiguous, of bytes (1-D, or 2-D with rows
// of 16) or of 16-byte items (numpy V16 or S16, 1-D). Anything else raises, naming the
// function: TypeError for no buffer or another item type, ValueError for a read-only,
// non-contiguous, 0-d or wrongly sized one. Held (so never resized) until destroyed.
constexpr const char* kOutLayouts =
    "a writable C-contiguous buffer of 16 bytes per UUID (bytearray, memoryview, or a "
    "numpy array of dtype V16 or S16, or uint8 of shape (n, 16))";

class OutBuffer {
public:
    OutBuffer(PyObject* obj, const char* func) {
        if (!PyObject_CheckBuffer(obj)) {
            PyErr_Format(PyExc_TypeError, "%s: out must be %s, not %.200s", func, kOutLayouts,
                         Py_TYPE(obj)->tp_name);
            throw Error{};
        }
        if (PyObject_GetBuffer(obj, &view_, PyBUF_RECORDS_RO) != 0) {
            if (!PyErr_ExceptionMatches(PyExc_BufferError)) throw Error{};
            oruuid::py::raise_from(PyExc_ValueError, "%s: out must be %s; this %.200s is not one",
                                   func, kOutLayouts, Py_TYPE(obj)->tp_name);
        }
        held_ = true;
        const char* why = nullptr;
        PyObject* type = PyExc_ValueError;
        std::string_view format = view_.format ? view_.format : "B";
        if (!format.empty() && std::string_view("@=<>!").find(format[0]) != std::string_view::npos)
            format.remove_prefix(1);
        const bool bytes = view_.itemsize == 1 && (format == "B" || format == "b" || format == "c");
        const bool items = view_.itemsize == 16 && (format == "16x" || format == "16s");
        if (view_.readonly) {
            why = "it is read-only";
        } else if (!PyBuffer_IsContiguous(&view_, 'C')) {
            why = "it is not C-contiguous";
        } else if (!bytes && !items) {
            type = PyExc_TypeError;
            why = "its items are not bytes or 16-byte values";
        } else if (view_.ndim == 0) {
            why = "it is 0-d";
        } else if (items ? view_.ndim != 1
                         : view_.ndim > 2 || (view_.ndim == 2 && view_.shape[1] != 16)) {
            why = items ? "an array of 16-byte items must be 1-D"
                        : "an array of bytes must be 1-D or of shape (n, 16)";
        } else if (view_.len % 16 != 0) {
            PyErr_Format(PyExc_ValueError, "%s: out holds %zd bytes, not a multiple of 16", func,
                         view_.len);
            release_and_throw();
        }
        if (why) {
            PyErr_Format(type, "%s: out must be %s; this %.200s is not one: %s (format %.20s)",
                         func, kOutLayouts, Py_TYPE(obj)->tp_name, why,
                         view_.format ? view_.format : "B");
            release_and_throw();
        }
    }
    OutBuffer(const OutBuffer&) = delete;
    OutBuffer& operator=(const OutBuffer&) = delete;
    ~OutBuffer() {
        if (held_) PyBuffer_Release(&view_);
    }

    Uuid* uuids() const noexcept { return static_cast<Uuid*>(view_.buf); }
    std::size_t count() const noexcept { return static_cast<std::size_t>(view_.len) / 16; }

private:
    // A constructor that throws runs no destructor: the view is released here instead
    // (else each refused buffer would keep a reference to its exporter).
    [[noreturn]] void release_and_throw() {
        PyBuffer_Release(&view_);
        held_ = false;
        throw Error{};
    }

    Py_buffer view_{};
    bool held_ = false;
};

// Where a result goes: raw bytes (RawOut), the caller's out= buffer, or scratch space
// for a list. Into out= a result goes straight (`direct`: every check done before
// writing) or through scratch copied over by finish(), so that an error on the way
// leaves the caller's buffer as it was.
// The n that tells Dest to take the count from the out= buffer.
constexpr std::size_t kFromBuffer = static_cast<std::size_t>(-1);

class Dest {
public:
    Dest(int kind, PyObject* out, std::size_t n, const char* func, bool direct = false)
        : kind_(kind) {
        if (kind == kOut && n == kFromBuffer) {
            out_.emplace(out, func);
            n = out_->count();
        }
        checked(n);
        count_ = n;
        if (kind == kRaw) {
            raw_.emplace(out, n, func);
            uuids_ = raw_->uuids();
            return;
        }
        if (kind == kOut) {
            if (!out_) out_.emplace(out, func);
            if (out_->count() != n) {
                PyErr_Format(PyExc_ValueError, "%s: out holds %zu UUIDs (16 bytes each), not %zu",
                             func, out_->count(), n);
                throw Error{};
            }
            out_object_ = Ref::borrow(out);
            if (direct) {
                uuids_ = out_->uuids();
                return;
            }
        }
        scratch_ = scratch(n);
        uuids_ = scratch_.get();
    }
    Uuid* uuids() const noexcept { return uuids_; }
    int kind() const noexcept { return kind_; }
    std::size_t count() const noexcept { return count_; }
    Ref raw_result() const { return raw_->result(); }
    // out=: copies the scratch (if any) into the caller's buffer; returns the buffer.
    Ref out_result(std::size_t n) const {
        if (uuids_ != out_->uuids() && n) std::memcpy(out_->uuids(), uuids_, 16 * n);
        return out_object_;
    }

private:
    int kind_;
    std::size_t count_ = 0;
    std::optional<RawOut> raw_;
    std::optional<OutBuffer> out_;
    Ref out_object_;
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
    if (dest.kind() == kOut) return dest.out_result(n);
    return dest.kind() == kRaw ? dest.raw_result() : make_list(st, dest.uuids(), n, dest.kind());
}

void check_kind(int kind) {
    if (kind < kUuid || kind > kOut) value_error("unknown result kind");
}

// --- generation --------------------------------------------------------------------

// The n of a generation: kFromBuffer when not given (negative), for out= (kind OUT).
std::size_t out_count(int kind, Py_ssize_t n) {
    if (n >= 0) return static_cast<std::size_t>(n);
    if (kind != kOut) value_error("n must be >= 0");
    return kFromBuffer;
}

// n UUIDs of version 4 or 7 as `kind`; raw results go to `out` (None: a new bytes), or
// into the caller's buffer (kind OUT, n -1 for the buffer's count). `context` (v7
// only) is an oruuid.ContextV7, or None for the process-wide sequence.
Ref generate(State& st, int version, Py_ssize_t count, int kind, PyObject* out, PyObject* context) {
    check_kind(kind);
    if (version != 4 && version != 7) value_error("version must be 4 or 7");
    const char* func = version == 4 ? "uuid4_many" : "uuid7_many";
    oruuid::ContextV7* ctx = &oruuid::global_context_v7();
    if (context != Py_None) {
        if (version != 7) value_error("context needs version 7");
        ctx = oruuid::py::context_arg(st, context, func);  // kept alive by the caller
    }
    Dest dest(kind, out, out_count(kind, count), func, true);
    const std::size_t n = dest.count();
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
        ctx->next_many(oruuid::detail::now(), u, n);
    }
    return finish(st, dest, n);
}

// Copies 16·n bytes (`data`, a result already checked whole) into the caller's out=
// buffer, which must hold n UUIDs; returns the buffer.
Ref copy_out(PyObject* data, PyObject* out, const char* func) {
    Buffer in(data, false, func, kUuidBytes);
    if (in.size() % 16 != 0) value_error("data is not a whole number of UUIDs");
    const std::size_t n = in.size() / 16;
    Dest dest(kOut, out, n, func, true);
    if (n) {
        oruuid::py::Unlocked nogil;
        std::memcpy(dest.uuids(), in.data(), 16 * n);
    }
    return dest.out_result(n);
}

// --- UUIDv7 from timestamps ---------------------------------------------------------

// The nulls of a batch from timestamps: an Arrow validity bitmap, made on the first null.
struct Nulls {
    std::vector<std::uint8_t> bitmap;
    Py_ssize_t first = -1;

    void add(std::size_t n, std::size_t i) {
        if (bitmap.empty()) bitmap.assign((n + 7) / 8, 0xFF);
        bitmap[i >> 3] = static_cast<std::uint8_t>(bitmap[i >> 3] & ~(1u << (i & 7)));
        if (first < 0) first = static_cast<Py_ssize_t>(i);
    }
    Bits bits() const noexcept { return Bits{bitmap.empty() ? nullptr : bitmap.data(), 0}; }
};

[[noreturn]] void null_error(const char* func, Py_ssize_t i) {
    PyErr_Format(PyExc_ValueError,
                 "%s: timestamps[%zd] is null, and this output has no null: use format='uuid', "
                 "'str', 'hex' or 'arrow', or drop the nulls first",
                 func, i);
    throw Error{};
}

// UUIDs for the present timestamps `ts` (dense, in order), placed at the positions
// `nulls` leaves, as `kind`. Returns (result, validity or None). With `ctx`, each is
// ctx->next(ts) in order; without, uuid7_at(ts). Everything is checked before a byte
// of the caller's out= is written.
Ref v7_result(State& st, const std::vector<oruuid::Timestamp>& ts, const Nulls& nulls,
              std::size_t n, int kind, PyObject* out, oruuid::ContextV7* ctx, bool nulls_ok,
              const char* func) {
    if (nulls.first >= 0 && !nulls_ok) null_error(func, nulls.first);
    Dest dest(kind, out, n, func, true);
    // Without nulls, uuid7_at_many writes in place (it checks every instant first);
    // otherwise, and for a context (whose counter may run out midway), scratch.
    const bool in_place = !ctx && nulls.first < 0;
    std::vector<Uuid> made(in_place ? 0 : ts.size());
    Uuid* const target = in_place ? dest.uuids() : made.data();
    std::size_t bad = 0;
    bool failed = false;
    std::string message;
    {
        oruuid::py::Unlocked nogil;
        try {
            if (ctx) {
                ctx->next_each(ts.data(), target, ts.size(), &bad);
            } else {
                oruuid::uuid7_at_many(ts.data(), target, ts.size(), &bad);
            }
        } catch (const std::out_of_range& e) {
            failed = true;
            message = e.what();
        }
    }
    if (failed) {
        // The dense index back to the caller's.
        std::size_t i = 0;
        const Bits bits = nulls.bits();
        for (std::size_t k = 0;; ++i) {
            if (bits.valid(i) && k++ == bad) break;
        }
        PyErr_Format(PyExc_ValueError, "%s: timestamps[%zu]: %s", func, i, message.c_str());
        throw Error{};
    }
    Uuid* u = dest.uuids();
    const Bits bits = nulls.bits();
    if (!in_place) {
        for (std::size_t i = 0, k = 0; i < n; ++i) u[i] = bits.valid(i) ? made[k++] : Uuid();
    }
    Ref result = dest.kind() == kOut || dest.kind() == kRaw
                     ? finish(st, dest, n)
                     : make_list(st, u, n, dest.kind(), bits);
    Ref validity =
        nulls.bitmap.empty()
            ? Ref::borrow(Py_None)
            : own(PyBytes_FromStringAndSize(reinterpret_cast<const char*>(nulls.bitmap.data()),
                                            static_cast<Py_ssize_t>(nulls.bitmap.size())));
    return own(PyTuple_Pack(2, result.get(), validity.get()));
}

// The instant of `v` ticks of num/den seconds (num or den 1; den a power of ten up
// to 10^18); false outside Timestamp's range. Inlined into a loop per common den, whose
// division by a constant costs a multiply rather than a 64-bit divide.
inline bool instant_of(std::int64_t v, std::int64_t num, std::int64_t den,
                       oruuid::Timestamp* ts) noexcept {
    using oruuid::Timestamp;
    std::int64_t seconds, nanos;
    if (den == 1) {
        if (v > Timestamp::kMaxSeconds / num || v < Timestamp::kMinSeconds / num) return false;
        seconds = v * num;
        nanos = 0;
    } else {
        seconds = v / den;
        std::int64_t rem = v % den;
        if (rem < 0) {
            rem += den;
            --seconds;
        }
        nanos = den <= 1000000000 ? rem * (1000000000 / den) : rem / (den / 1000000000);
    }
    if (seconds < Timestamp::kMinSeconds || seconds > Timestamp::kMaxSeconds) return false;
    *ts = Timestamp::from_unix(seconds, nanos);
    return true;
}

// uuid7_many(timestamps=...) over n int64 values from `offset` of `data`, each a count
// of num/den seconds since the epoch: an Arrow timestamp array's (nulls in `validity`)
// or a numpy datetime64's (NaT, the smallest int64, a null when `nat`).
Ref v7_from_ints(State& st, PyObject* data, PyObject* validity, std::size_t offset, std::size_t n,
                 std::int64_t num, std::int64_t den, bool nat, int kind, PyObject* out,
                 PyObject* context, bool nulls_ok) {
    const char* func = "uuid7_many";
    check_kind(kind);
    checked(n);
    checked(offset);
    bool unit_ok = num == 1 || den == 1;
    if (num < 1 || den < 1 || num > 604800) unit_ok = false;
    for (std::int64_t d = den; unit_ok && d > 1; d /= 10) unit_ok = d % 10 == 0;
    if (!unit_ok || den > 1000000000000000000) value_error("unsupported timestamp unit");
    oruuid::ContextV7* ctx =
        context == Py_None ? nullptr : oruuid::py::context_arg(st, context, func);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf, func);
    Buffer in(data, false, func, "a C-contiguous buffer of int64 timestamps");
    if (in.size() / 8 < offset + n) value_error("timestamp buffer too short");
    const std::uint8_t* p = in.data() + 8 * offset;
    // Item i: 0 a null, 1 its instant in *t, -1 outside Timestamp's range.
    auto read = [&](std::size_t i, oruuid::Timestamp* t) noexcept -> int {
        std::int64_t v;
        std::memcpy(&v, p + 8 * i, 8);
        if (!bits.valid(i) || (nat && v == INT64_MIN)) return 0;
        const bool ok = den == 1000         ? instant_of(v, 1, 1000, t)
                        : den == 1000000    ? instant_of(v, 1, 1000000, t)
                        : den == 1000000000 ? instant_of(v, 1, 1000000000, t)
                                            : instant_of(v, num, den, t);
        return ok ? 1 : -1;
    };
    Nulls nulls;
    std::vector<oruuid::Timestamp> ts;  // for a context only
    Py_ssize_t bad = -1;
    bool v7_range = false;  // the bad one is a Timestamp, but outside UUIDv7's range
    {
        oruuid::py::Unlocked nogil;
        try {
            if (ctx) ts.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                oruuid::Timestamp t;
                const int r = read(i, &t);
                if (r == 0) {
                    nulls.add(n, i);
                    continue;
                }
                if (r < 0 || (!ctx && (t.unix_ms() < 0 || static_cast<std::uint64_t>(t.unix_ms()) >
                                                              oruuid::Timestamp::kMaxUnixMs))) {
                    bad = static_cast<Py_ssize_t>(i);
                    v7_range = r > 0;
                    break;
                }
                if (ctx) ts.push_back(t);
            }
        } catch (const std::bad_alloc&) {
            bad = -2;
        }
    }
    if (bad == -2) no_memory();
    if (bad >= 0) {
        PyErr_Format(PyExc_ValueError, "%s: timestamps[%zd]: %s", func, bad,
                     v7_range ? "timestamp out of range for UUIDv7: needs 0 <= unix_ms < 2**48 "
                                "(1970-01-01 to 10889-08-02)"
                              : "Timestamp out of range: seconds must be within [-2**39, 2**39) "
                                "of 1970-01-01 (years -15452 to 19391)");
        throw Error{};
    }
    if (ctx) return v7_result(st, ts, nulls, n, kind, out, ctx, nulls_ok, func);
    // Standalone UUIDs, every instant checked: made a chunk at a time straight into the
    // result, with no scratch the size of the batch.
    if (nulls.first >= 0 && !nulls_ok) null_error(func, nulls.first);
    Dest dest(kind, out, n, func, true);
    Uuid* u = dest.uuids();
    {
        oruuid::py::Unlocked nogil;
        constexpr std::size_t kChunk = 256;
        oruuid::Timestamp chunk[kChunk];
        Uuid made[kChunk];
        std::size_t where[kChunk];
        for (std::size_t i = 0; i < n;) {
            std::size_t m = 0;
            for (; i < n && m < kChunk; ++i) {
                if (read(i, &chunk[m]) > 0) {
                    where[m++] = i;
                } else {
                    u[i] = Uuid();
                }
            }
            oruuid::uuid7_at_many(chunk, made, m);  // checked above: cannot throw
            for (std::size_t k = 0; k < m; ++k) u[where[k]] = made[k];
        }
    }
    const Bits nbits = nulls.bits();
    Ref result = dest.kind() == kOut || dest.kind() == kRaw
                     ? finish(st, dest, n)
                     : make_list(st, u, n, dest.kind(), nbits);
    Ref valid =
        nulls.bitmap.empty()
            ? Ref::borrow(Py_None)
            : own(PyBytes_FromStringAndSize(reinterpret_cast<const char*>(nulls.bitmap.data()),
                                            static_cast<Py_ssize_t>(nulls.bitmap.size())));
    return own(PyTuple_Pack(2, result.get(), valid.get()));
}

// uuid7_many(timestamps=...) over a list or tuple of Timestamp, aware datetime or None
// (a null). `naive_utc`: a naive datetime is read as UTC rather than refused.
Ref v7_from_objects(State& st, PyObject* items, int kind, PyObject* out, PyObject* context,
                    bool nulls_ok, bool naive_utc) {
    const char* func = "uuid7_many";
    check_kind(kind);
    if (!PyList_Check(items) && !PyTuple_Check(items))
        oruuid::py::raise(PyExc_TypeError, "uuid7_many: expected a list or tuple");
    oruuid::ContextV7* ctx =
        context == Py_None ? nullptr : oruuid::py::context_arg(st, context, func);
    Ref datetime_class, utc;
    if (naive_utc) {
        Ref module = own(PyImport_ImportModule("datetime"));
        datetime_class = own(PyObject_GetAttrString(module.get(), "datetime"));
        Ref timezone = own(PyObject_GetAttrString(module.get(), "timezone"));
        utc = own(PyObject_GetAttrString(timezone.get(), "utc"));
    }
    // A snapshot: a tzinfo's utcoffset() may run Python code that changes the list.
    Ref seq = own(PySequence_Tuple(items));
    const auto n = static_cast<std::size_t>(PyTuple_GET_SIZE(seq.get()));
    checked(n);
    Nulls nulls;
    std::vector<oruuid::Timestamp> ts;
    ts.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        Ref item = Ref::borrow(PyTuple_GET_ITEM(seq.get(), static_cast<Py_ssize_t>(i)));
        if (item.get() == Py_None) {
            nulls.add(n, i);
            continue;
        }
        try {
            if (naive_utc) {
                const int is = PyObject_IsInstance(item.get(), datetime_class.get());
                oruuid::py::check(is);
                if (is) {
                    Ref offset = own(PyObject_CallMethod(item.get(), "utcoffset", nullptr));
                    if (offset.get() == Py_None) {  // naive: the caller says it is UTC
                        Ref replace = own(PyObject_GetAttrString(item.get(), "replace"));
                        Ref args = own(PyTuple_New(0));
                        Ref kwargs = own(Py_BuildValue("{s:O}", "tzinfo", utc.get()));
                        item = own(PyObject_Call(replace.get(), args.get(), kwargs.get()));
                    }
                }
            }
            ts.push_back(*oruuid::py::timestamp_arg(st, item.get(), func));
        } catch (const Error&) {
            PyObject* type = PyErr_ExceptionMatches(PyExc_ValueError)  ? PyExc_ValueError
                             : PyErr_ExceptionMatches(PyExc_TypeError) ? PyExc_TypeError
                                                                       : nullptr;
            if (!type) throw;
            HeldException held;
            Ref text = own(PyObject_Str(held.get()));
            // The single call's advice for a naive datetime, and the batch's own.
            const char* utf8 = PyUnicode_AsUTF8(text.get());
            if (!utf8) throw Error{};
            const bool naive = !naive_utc && std::strncmp(utf8, "naive datetime", 14) == 0;
            held.restore();  // the cause of the error raised below
            oruuid::py::raise_from(type, "%s: timestamps[%zu]: %S%s", func, i, text.get(),
                                   naive ? ", or pass naive='utc'" : "");
        }
    }
    return v7_result(st, ts, nulls, n, kind, out, ctx, nulls_ok, func);
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
        static Keywords names = {"version", "n", "kind", "out", "context", nullptr};
        int version, kind;
        Py_ssize_t n;
        PyObject *out, *context = Py_None;
        parse_args(args, kwargs, "iniO|O:generate", names, &version, &n, &kind, &out, &context);
        if (n < 0 && (n != -1 || kind != kOut)) size_arg(n, "generate", "n");
        return generate(oruuid::py::state_of(self), version, n, kind, out, context);
    });
}

PyObject* py_copy_out(PyObject*, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"data", "out", "func", nullptr};
        PyObject *data, *out;
        const char* func;
        parse_args(args, kwargs, "OOs:copy_out", names, &data, &out, &func);
        return copy_out(data, out, func);
    });
}

PyObject* py_v7_from_ints(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"data", "validity", "offset", "n",       "num",      "den",
                                 "nat",  "kind",     "out",    "context", "nulls_ok", nullptr};
        PyObject *data, *validity, *out, *context;
        Py_ssize_t offset, n;
        long long num, den;
        bool nat, nulls_ok;
        int kind;
        parse_args(args, kwargs, "OOnnLLO&iOOO&:v7_from_ints", names, &data, &validity, &offset, &n,
                   &num, &den, bool_converter, &nat, &kind, &out, &context, bool_converter,
                   &nulls_ok);
        not_none(data, "v7_from_ints", "data");
        return v7_from_ints(
            oruuid::py::state_of(self), data, validity, size_arg(offset, "v7_from_ints", "offset"),
            size_arg(n, "v7_from_ints", "n"), num, den, nat, kind, out, context, nulls_ok);
    });
}

PyObject* py_v7_from_objects(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"items",    "kind",      "out",  "context",
                                 "nulls_ok", "naive_utc", nullptr};
        PyObject *items, *out, *context;
        int kind;
        bool nulls_ok, naive_utc;
        parse_args(args, kwargs, "OiOOO&O&:v7_from_objects", names, &items, &kind, &out, &context,
                   bool_converter, &nulls_ok, bool_converter, &naive_utc);
        return v7_from_objects(oruuid::py::state_of(self), items, kind, out, context, nulls_ok,
                               naive_utc);
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
     "generate($module, /, version, n, kind, out, context=None)\n--\n\n"
     "n new UUIDs of version 4 or 7 as a list (kind UUID, STR, HEX), as 16·n raw\n"
     "bytes (RAW) written to `out`, a writable buffer, or to a new bytes when None, or\n"
     "into the caller's buffer `out` (OUT; n -1 for its size), which is returned.\n"
     "`context`: a ContextV7 for v7, None for the process-wide sequence."},
    {"copy_out", oruuid::py::as_cfunction(&py_copy_out), kArgs,
     "copy_out($module, /, data, out, func)\n--\n\n"
     "Copies 16·n bytes into the caller's buffer `out` (checked as out= is); returns it."},
    {"v7_from_ints", oruuid::py::as_cfunction(&py_v7_from_ints), kArgs,
     "v7_from_ints($module, /, data, validity, offset, n, num, den, nat, kind, out, context,\n"
     "             nulls_ok)\n--\n\n"
     "A UUIDv7 per int64 timestamp of num/den seconds (Arrow or numpy datetime64);\n"
     "returns (result, validity or None)."},
    {"v7_from_objects", oruuid::py::as_cfunction(&py_v7_from_objects), kArgs,
     "v7_from_objects($module, /, items, kind, out, context, nulls_ok, naive_utc)\n--\n\n"
     "A UUIDv7 per Timestamp or datetime of a list or tuple (None: a null); returns\n"
     "(result, validity or None)."},
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

// Registers the Arrow layout readers (their block is at the end of this file).
void add_arrow_layouts(PyObject* core, PyObject* sub);

}  // namespace

void oruuid::py::init_batch(PyObject* core, PyObject* sub) {
    Ref doc = own(PyUnicode_FromString(
        "Native batch generation, parsing and formatting; use oruuid.uuid4_many etc."));
    check(PyObject_SetAttrString(sub, "__doc__", doc.get()));
    check(PyModule_AddIntConstant(sub, "UUID", kUuid));
    check(PyModule_AddIntConstant(sub, "STR", kStr));
    check(PyModule_AddIntConstant(sub, "HEX", kHex));
    check(PyModule_AddIntConstant(sub, "RAW", kRaw));
    check(PyModule_AddIntConstant(sub, "OUT", kOut));
    check(PyModule_AddIntConstant(sub, "STDLIB", kStdlib));
    Ref alphabets = own(PyDict_New());
    for (auto a :
         {oruuid::Alphabet::base32, oruuid::Alphabet::base58, oruuid::Alphabet::base64url}) {
        Ref value = own(PyLong_FromLong(static_cast<long>(a)));
        check(PyDict_SetItemString(alphabets.get(), oruuid::alphabet_name(a), value.get()));
    }
    check(PyModule_AddObjectRef(sub, "ALPHABETS", alphabets.get()));
    add_functions(core, sub, g_batch_methods);
    add_arrow_layouts(core, sub);
}

// --- Arrow layouts beyond string and large_string ----------------------------------
//
// The readers oruuid._arrow_in calls for the other layouts that Arrow producers (Polars,
// newer pyarrow and DuckDB) hand over: string_view and binary_view, whose 16-byte views
// hold short values inline and point into variadic data buffers for longer ones;
// binary and large_binary holding 16-byte UUIDs; and dictionary arrays, whose
// dictionary is read once and then gathered by index.

namespace {

constexpr const char* kViews = "a C-contiguous Arrow views buffer";
constexpr const char* kIndices = "a C-contiguous Arrow dictionary indices buffer";
constexpr const char* kUuidTable = "a C-contiguous buffer of 16 bytes per dictionary value";

// The values of an Arrow binary-like array of n items from `offset`: 32-bit (layout 4)
// or 64-bit (8) offsets into one data buffer, or 16-byte views (16) into several.
// get() checks each value's bounds, so a malformed array is reported, never overread.
class Values {
public:
    Values(PyObject* index, int layout, PyObject* buffers, std::size_t offset, std::size_t n,
           const char* func)
        : layout_(layout), offset_(offset) {
        if (layout != 4 && layout != 8 && layout != 16) value_error("layout must be 4, 8 or 16");
        checked(n);
        checked(offset);
        index_.emplace(index, false, func, layout == 16 ? kViews : kOffsets);
        const std::size_t need =
            layout == 16 ? 16 * (offset + n) : static_cast<std::size_t>(layout) * (offset + n + 1);
        if (index_->size() < need) value_error("malformed Arrow array: index buffer too short");
        if (!PyTuple_Check(buffers)) oruuid::py::raise(PyExc_TypeError, "buffers must be a tuple");
        const Py_ssize_t count = PyTuple_GET_SIZE(buffers);
        if (layout != 16 && count != 1) value_error("an offsets layout has one data buffer");
        for (Py_ssize_t k = 0; k < count; ++k) {
            const Buffer& b = *data_.emplace_back(
                std::make_unique<Buffer>(PyTuple_GET_ITEM(buffers, k), false, func, kText));
            starts_.push_back(reinterpret_cast<const char*>(b.data()));
            sizes_.push_back(b.size());
        }
    }

    // Item i's bytes, or false when its offsets or view point outside the data.
    bool get(std::size_t i, const char*& p, std::size_t& len) const noexcept {
        const std::uint8_t* x = index_->data();
        const std::size_t k = offset_ + i;
        if (layout_ == 16) {
            const std::uint8_t* v = x + 16 * k;
            std::int32_t size, buffer, start;
            std::memcpy(&size, v, 4);
            if (size < 0) return false;
            len = static_cast<std::size_t>(size);
            if (size <= 12) {  // inline, after the length
                p = reinterpret_cast<const char*>(v + 4);
                return true;
            }
            std::memcpy(&buffer, v + 8, 4);
            std::memcpy(&start, v + 12, 4);
            if (buffer < 0 || static_cast<std::size_t>(buffer) >= sizes_.size() || start < 0 ||
                static_cast<std::size_t>(start) + len > sizes_[static_cast<std::size_t>(buffer)])
                return false;
            p = starts_[static_cast<std::size_t>(buffer)] + start;
            return true;
        }
        std::int64_t b, e;
        if (layout_ == 4) {
            std::int32_t b32, e32;
            std::memcpy(&b32, x + 4 * k, 4);
            std::memcpy(&e32, x + 4 * k + 4, 4);
            b = b32;
            e = e32;
        } else {
            std::memcpy(&b, x + 8 * k, 8);
            std::memcpy(&e, x + 8 * k + 8, 8);
        }
        if (b < 0 || e < b || static_cast<std::uint64_t>(e) > sizes_[0]) return false;
        p = starts_[0] + b;
        len = static_cast<std::size_t>(e - b);
        return true;
    }

private:
    int layout_;
    std::size_t offset_;
    std::optional<Buffer> index_;
    std::vector<std::unique_ptr<Buffer>> data_;  // Buffer neither copies nor moves
    std::vector<const char*> starts_;
    std::vector<std::size_t> sizes_;
};

[[noreturn]] void malformed(const char* func, Py_ssize_t index, const char* what) {
    PyErr_Format(PyExc_ValueError, "%s: malformed Arrow array: item %zd %s", func, index, what);
    throw Error{};
}

// parse_many over an Arrow string_view array (parse_arrow's rules, on views): returns
// (result, validity).
Ref parse_views(State& st, PyObject* validity, PyObject* views, PyObject* buffers,
                std::size_t offset, std::size_t n, Py_ssize_t base, int kind, PyObject* out,
                bool errors_null, bool nulls_ok, PyObject* parse, int alphabet, const char* func) {
    check_kind(kind);
    check_alphabet(alphabet);
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf, func);
    const Values values(views, 16, buffers, offset, n, func);
    Dest dest(kind, out, n, func);
    // Text of 12 bytes or less, inline in its view, is never a UUID: the GIL-held pass
    // gives it to the stdlib's rules, which raise.
    Pending pending = parse_native(n, dest.uuids(), [&](std::size_t i, Uuid* u) {
        const char* p;
        std::size_t len;
        if (!bits.valid(i) || !values.get(i, p, len) || len > native_max(alphabet)) return false;
        auto r = native_text(std::string_view(p, len), alphabet);
        if (r) *u = *r;
        return r.has_value();
    });
    Slow slow(st, n, base, errors_null, nulls_ok, parse, alphabet != kStdlib, func);
    slow.run(pending, dest.uuids(), [&](std::size_t i) -> PyObject* {
        const Py_ssize_t index = base + static_cast<Py_ssize_t>(i);
        if (!bits.valid(i)) {
            if (!nulls_ok) {
                PyErr_Format(PyExc_ValueError, "%s: item %zd is null", func, index);
                throw Error{};  // not a parse failure: errors='null' keeps it an error
            }
            return Py_NewRef(Py_None);
        }
        const char* p;
        std::size_t len;
        if (!values.get(i, p, len)) malformed(func, index, "points outside its data buffers");
        return PyUnicode_DecodeUTF8(p, static_cast<Py_ssize_t>(len), "strict");
    });
    return parse_result(st, dest, n, slow);
}

// A validity bitmap built item by item, allocated at the first null.
class NullMap {
public:
    explicit NullMap(std::size_t n) : n_(n) {}
    void null(std::size_t i) {
        if (bitmap_.empty()) bitmap_.assign((n_ + 7) / 8, 0xFF);
        bitmap_[i >> 3] = static_cast<std::uint8_t>(bitmap_[i >> 3] & ~(1u << (i & 7)));
        ++count_;
    }
    std::size_t count() const noexcept { return count_; }
    Bits bits() const noexcept { return {bitmap_.empty() ? nullptr : bitmap_.data(), 0}; }
    Ref bytes() const {
        if (bitmap_.empty()) return Ref::borrow(Py_None);
        return own(PyBytes_FromStringAndSize(reinterpret_cast<const char*>(bitmap_.data()),
                                             static_cast<Py_ssize_t>(bitmap_.size())));
    }

private:
    std::size_t n_;
    std::size_t count_ = 0;
    std::vector<std::uint8_t> bitmap_;
};

// The 16-byte values of an Arrow binary (layout 4), large_binary (8) or binary_view (16)
// array as 16·n raw bytes, written to `out` (None: a new bytes), nulls zeroed.
// A value of another length raises ValueError naming `func` and item base + i, or with
// errors_null becomes a null. Returns (raw or None, validity or None, null count).
Ref binary_uuids(PyObject* validity, PyObject* index, int layout, PyObject* buffers,
                 std::size_t offset, std::size_t n, Py_ssize_t base, PyObject* out,
                 bool errors_null, const char* func) {
    std::optional<Buffer> valid_buf;
    const Bits bits = validity_bits(validity, offset, n, valid_buf, func);
    const Values values(index, layout, buffers, offset, n, func);
    checked(n);
    RawOut dest(out, n, func);
    Uuid* u = dest.uuids();
    NullMap nulls(n);
    std::size_t stop = n, stop_len = 0;
    bool bad_bounds = false;
    {
        oruuid::py::Unlocked nogil;
        for (std::size_t i = 0; i < n; ++i) {
            const char* p;
            std::size_t len;
            if (!bits.valid(i)) {
                u[i] = Uuid();
                nulls.null(i);
            } else if (!values.get(i, p, len)) {
                bad_bounds = true;
                stop = i;
                break;
            } else if (len == 16) {
                std::memcpy(&u[i], p, 16);
            } else if (errors_null) {
                u[i] = Uuid();
                nulls.null(i);
            } else {
                stop = i;
                stop_len = len;
                break;
            }
        }
    }
    if (stop < n) {
        const Py_ssize_t at = base + static_cast<Py_ssize_t>(stop);
        if (bad_bounds) malformed(func, at, "points outside its data buffers");
        PyErr_Format(PyExc_ValueError, "%s: item %zd is %zu byte%s long, not a UUID's 16", func, at,
                     stop_len, stop_len == 1 ? "" : "s");
        throw Error{};
    }
    Ref valid = nulls.bytes();
    return own(Py_BuildValue("(OOn)", dest.result().get(), valid.get(),
                             static_cast<Py_ssize_t>(nulls.count())));
}

// A dictionary array's items from its dictionary, read once into 16 bytes per value
// (`table`; `table_valid` clears the values that did not read as UUIDs, from bit 0):
// item i is table[indices[index_offset + i]]. An item is null when its index or its
// dictionary value is null (`dict_valid` from bit `dict_offset`). A null without
// nulls_ok, or a value not read without errors_null, stops the gather: returns (None,
// None, 0, i, j) for item i (and the dictionary value j, -1 for a null), which the caller
// raises about; else (result, validity or None, null count, -1, -1).
Ref take_uuids(State& st, PyObject* table, PyObject* table_valid, PyObject* dict_valid,
               std::size_t dict_offset, PyObject* indices, int index_width, bool index_signed,
               PyObject* index_valid, std::size_t index_offset, std::size_t n, int kind,
               PyObject* out, bool nulls_ok, bool errors_null, Py_ssize_t base, const char* func) {
    check_kind(kind);
    if (index_width != 1 && index_width != 2 && index_width != 4 && index_width != 8)
        value_error("index_width must be 1, 2, 4 or 8");
    checked(n);
    checked(index_offset);
    Buffer values(table, false, func, kUuidTable);
    if (values.size() % 16) value_error("the dictionary table is not 16 bytes per value");
    const std::size_t m = values.size() / 16;
    std::optional<Buffer> tv_buf, dv_buf, iv_buf;
    const Bits read_ok = validity_bits(table_valid, 0, m, tv_buf, func);
    const Bits dict_bits = validity_bits(dict_valid, dict_offset, m, dv_buf, func);
    const Bits index_bits = validity_bits(index_valid, index_offset, n, iv_buf, func);
    Buffer idx(indices, false, func, kIndices);
    if (idx.size() < static_cast<std::size_t>(index_width) * (index_offset + n))
        value_error("malformed Arrow array: indices buffer too short");
    const Uuid* src = reinterpret_cast<const Uuid*>(values.data());
    Dest dest(kind, out, n, func);
    Uuid* u = dest.uuids();
    NullMap nulls(n);
    std::size_t stop = n;
    std::int64_t stop_entry = -1;
    bool out_of_range = false;
    // The loop for one index type T.
    auto gather = [&](auto zero) {
        using T = decltype(zero);
        const std::uint8_t* x = idx.data() + sizeof(T) * index_offset;
        for (std::size_t i = 0; i < n; ++i) {
            if (index_bits.valid(i)) {
                T raw;
                std::memcpy(&raw, x + sizeof(T) * i, sizeof(T));
                // A negative signed index wraps to a huge unsigned one: out of range too.
                const auto j = static_cast<std::uint64_t>(static_cast<std::int64_t>(raw));
                if (j >= m) {
                    out_of_range = true;
                    stop = i;
                    return;
                }
                if (!dict_bits.valid(j)) {
                    // A null value: falls through to the null below.
                } else if (read_ok.valid(j)) {
                    u[i] = src[j];
                    continue;
                } else if (!errors_null) {
                    stop = i;
                    stop_entry = static_cast<std::int64_t>(j);
                    return;
                }
            }
            if (!nulls_ok) {
                stop = i;
                return;
            }
            u[i] = Uuid();
            nulls.null(i);
        }
    };
    {
        oruuid::py::Unlocked nogil;
        switch (index_width * (index_signed ? 1 : -1)) {
            case 1:
                gather(std::int8_t{});
                break;
            case 2:
                gather(std::int16_t{});
                break;
            case 4:
                gather(std::int32_t{});
                break;
            case 8:
                gather(std::int64_t{});
                break;
            case -1:
                gather(std::uint8_t{});
                break;
            case -2:
                gather(std::uint16_t{});
                break;
            case -4:
                gather(std::uint32_t{});
                break;
            default:
                gather(std::uint64_t{});
                break;
        }
    }
    if (out_of_range)
        malformed(func, base + static_cast<Py_ssize_t>(stop),
                  "has a dictionary index out of range");
    if (stop < n) {
        return own(Py_BuildValue("(OOnnL)", Py_None, Py_None, Py_ssize_t{0},
                                 static_cast<Py_ssize_t>(stop),
                                 static_cast<long long>(stop_entry)));
    }
    Ref result =
        dest.kind() == kRaw ? dest.raw_result() : make_list(st, u, n, dest.kind(), nulls.bits());
    Ref valid = nulls.bytes();
    return own(Py_BuildValue("(OOnnn)", result.get(), valid.get(),
                             static_cast<Py_ssize_t>(nulls.count()), Py_ssize_t{-1},
                             Py_ssize_t{-1}));
}

}  // namespace

namespace {

PyObject* py_parse_views(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"validity", "views",    "buffers", "offset",      "n",
                                 "base",     "kind",     "out",     "errors_null", "nulls_ok",
                                 "parse",    "alphabet", "func",    nullptr};
        PyObject *validity, *views, *buffers, *out, *parse;
        int kind, alphabet = kStdlib;
        Py_ssize_t offset, n, base;
        bool errors_null, nulls_ok;
        const char* func = "parse_many";
        parse_args(args, kwargs, "OOOnnniOO&O&O|is:parse_views", names, &validity, &views, &buffers,
                   &offset, &n, &base, &kind, &out, bool_converter, &errors_null, bool_converter,
                   &nulls_ok, &parse, &alphabet, &func);
        not_none(views, "parse_views", "views");
        not_none(parse, "parse_views", "parse");
        return parse_views(oruuid::py::state_of(self), validity, views, buffers,
                           size_arg(offset, "parse_views", "offset"),
                           size_arg(n, "parse_views", "n"), base, kind, out, errors_null, nulls_ok,
                           parse, alphabet, func);
    });
}

PyObject* py_binary_uuids(PyObject*, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {"validity", "index", "layout",      "buffers", "offset", "n",
                                 "base",     "out",   "errors_null", "func",    nullptr};
        PyObject *validity, *index, *buffers, *out;
        int layout;
        Py_ssize_t offset, n, base;
        bool errors_null;
        const char* func = "format_many";
        parse_args(args, kwargs, "OOiOnnnOO&|s:binary_uuids", names, &validity, &index, &layout,
                   &buffers, &offset, &n, &base, &out, bool_converter, &errors_null, &func);
        not_none(index, "binary_uuids", "index");
        return binary_uuids(validity, index, layout, buffers,
                            size_arg(offset, "binary_uuids", "offset"),
                            size_arg(n, "binary_uuids", "n"), base, out, errors_null, func);
    });
}

PyObject* py_take_uuids(PyObject* self, PyObject* args, PyObject* kwargs) {
    return entry([&] {
        static Keywords names = {
            "table",        "table_valid", "dict_valid",   "dict_offset", "indices", "index_width",
            "index_signed", "index_valid", "index_offset", "n",           "kind",    "out",
            "nulls_ok",     "errors_null", "base",         "func",        nullptr};
        PyObject *table, *table_valid, *dict_valid, *indices, *index_valid, *out;
        Py_ssize_t dict_offset, index_offset, n, base;
        int index_width, kind;
        bool index_signed, nulls_ok, errors_null;
        const char* func = "parse_many";
        parse_args(args, kwargs, "OOOnOiO&OnniOO&O&n|s:take_uuids", names, &table, &table_valid,
                   &dict_valid, &dict_offset, &indices, &index_width, bool_converter, &index_signed,
                   &index_valid, &index_offset, &n, &kind, &out, bool_converter, &nulls_ok,
                   bool_converter, &errors_null, &base, &func);
        not_none(table, "take_uuids", "table");
        not_none(indices, "take_uuids", "indices");
        return take_uuids(
            oruuid::py::state_of(self), table, table_valid, dict_valid,
            size_arg(dict_offset, "take_uuids", "dict_offset"), indices, index_width, index_signed,
            index_valid, size_arg(index_offset, "take_uuids", "index_offset"),
            size_arg(n, "take_uuids", "n"), kind, out, nulls_ok, errors_null, base, func);
    });
}

PyMethodDef g_arrow_layout_methods[] = {
    {"parse_views", oruuid::py::as_cfunction(&py_parse_views), kArgs,
     "parse_views($module, /, validity, views, buffers, offset, n, base, kind, out,\n"
     "            errors_null, nulls_ok, parse, alphabet=-1, func='parse_many')\n--\n\n"
     "Parses the buffers of an Arrow string_view array (`buffers`: a tuple of its data\n"
     "buffers); returns (result, validity or None), as parse_arrow."},
    {"binary_uuids", oruuid::py::as_cfunction(&py_binary_uuids), kArgs,
     "binary_uuids($module, /, validity, index, layout, buffers, offset, n, base, out,\n"
     "             errors_null, func='format_many')\n--\n\n"
     "The 16-byte values of an Arrow binary (layout 4), large_binary (8) or binary_view\n"
     "(16) array as raw bytes; returns (raw or None, validity or None, null count)."},
    {"take_uuids", oruuid::py::as_cfunction(&py_take_uuids), kArgs,
     "take_uuids($module, /, table, table_valid, dict_valid, dict_offset, indices,\n"
     "           index_width, index_signed, index_valid, index_offset, n, kind, out,\n"
     "           nulls_ok, errors_null, base, func='parse_many')\n--\n\n"
     "A dictionary array's items gathered from its values read as 16 bytes each; returns\n"
     "(result, validity, null count, -1, -1), or (None, None, 0, item, value) where it stopped."},
    {nullptr, nullptr, 0, nullptr}};

void add_arrow_layouts(PyObject* core, PyObject* sub) {
    oruuid::py::add_functions(core, sub, g_arrow_layout_methods);
}

}  // namespace
