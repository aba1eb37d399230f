// binding/time.cpp: oruuid.Timestamp and oruuid.ContextV7 over the core's Timestamp and
// ContextV7: heap types of each oruuid._core module, so each interpreter has its own.
#include "time.hpp"

// The datetime C API, through the interpreter's own capsule (DatetimeRefs): each
// function using its macros declares a local PyDateTimeAPI, which shadows the header's
// per-file static (never set or used: it would be shared by every interpreter).
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
#endif
#include <datetime.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <atomic>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>

#include "args.hpp"
#include "uuid_object.hpp"

namespace oruuid::py {

namespace {

struct TimestampObject {
    PyObject ob_base;  // PyObject_HEAD
    Timestamp value;
};

struct ContextObject {
    PyObject ob_base;  // PyObject_HEAD
    ContextV7 value;
    // Set by __init__: a second __init__ would reset a sequence other threads may be using.
    std::atomic<bool> initialized;
};

// The spec of a type whose instances are `Object`s: subclassable, as the nanobind classes
// were, immutable, with `flags` too.
template <typename Object>
constexpr PyType_Spec type_spec(const char* name, PyType_Slot* slots, unsigned int flags = 0) {
    constexpr unsigned int kFlags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_IMMUTABLETYPE;
    return {name, static_cast<int>(sizeof(Object)), 0, kFlags | flags, slots};
}

const Timestamp& ts_value(PyObject* self) noexcept {
    return reinterpret_cast<TimestampObject*>(self)->value;
}

ContextV7& context_of(PyObject* self) noexcept {
    return reinterpret_cast<ContextObject*>(self)->value;
}

// Methods of both types: self is an instance (the descriptors check it).
State& state_of_self(PyObject* self) {
    return state_of_type(Py_TYPE(self));
}

// The constructors (class methods): cls is Timestamp or a subclass.
State& state_of_class(PyObject* cls) {
    return state_of_type(reinterpret_cast<PyTypeObject*>(cls));
}

// The interpreter's datetime, imported on first need rather than with oruuid: importing
// it in a 3.12 isolated sub-interpreter can crash the process later (CPython gh-117953).
struct DatetimeRefs {
    PyDateTime_CAPI* api;  // nullptr without the C API (pure-Python datetime)
    PyObject* utc;         // datetime.timezone.utc
    PyObject* epoch;       // datetime(1970, 1, 1, tzinfo=utc)
};

const DatetimeRefs& datetime_refs(State& st) {
    if (auto* d = static_cast<DatetimeRefs*>(st.datetime.load(std::memory_order_acquire))) {
        return *d;
    }
    auto* api = static_cast<PyDateTime_CAPI*>(PyCapsule_Import(PyDateTime_CAPSULE_NAME, 0));
    if (!api) {
        // 3.12's isolated sub-interpreters get the pure-Python datetime: no capsule.
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) throw Error{};
        PyErr_Clear();
    }
    Ref datetime = own(PyImport_ImportModule("datetime"));
    Ref timezone = own(PyObject_GetAttrString(datetime.get(), "timezone"));
    Ref utc = own(PyObject_GetAttrString(timezone.get(), "utc"));
    Ref datetime_class = own(PyObject_GetAttrString(datetime.get(), "datetime"));
    Ref args = own(Py_BuildValue("(iii)", 1970, 1, 1));
    Ref kwargs = own(Py_BuildValue("{s:O}", "tzinfo", utc.get()));
    Ref epoch = own(PyObject_Call(datetime_class.get(), args.get(), kwargs.get()));
    auto* made = new DatetimeRefs{api, utc.release(), epoch.release()};
    void* expected = nullptr;
    // Threads may race here without a GIL: the first to publish wins.
    if (!st.datetime.compare_exchange_strong(expected, made, std::memory_order_acq_rel)) {
        Py_DECREF(made->utc);
        Py_DECREF(made->epoch);
        delete made;
        return *static_cast<DatetimeRefs*>(expected);
    }
    return *made;
}

PyDateTime_CAPI* datetime_api(State& st) {
    return datetime_refs(st).api;
}

// Binds arguments to `sig` (args.hpp), throwing Error with CPython's TypeError.
void bind(const Signature& sig, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
          PyObject** out) {
    if (!bind_args(sig, args, nargs, kwnames, out)) throw Error{};
}

// An int argument as int64; TypeError for non-ints (floats and bools included, so a
// unit is never guessed), ValueError with the limit when it doesn't fit.
std::int64_t int64_arg(PyObject* v, const char* what) {
    if (!PyLong_Check(v) || PyBool_Check(v)) {
        raise(PyExc_TypeError, std::string(what) + " must be an int, not " + type_name(v));
    }
    int overflow = 0;
    const long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow) {
        raise(PyExc_ValueError,
              std::string(what) + " is out of range (needs -2**63 <= " + what + " < 2**63)");
    }
    if (x == -1 && PyErr_Occurred()) throw Error{};
    return x;
}

// --- datetime ------------------------------------------------------------------------

// Without the C API (3.12's isolated sub-interpreters, where _datetime does not load and
// datetime is pure Python), the classes come from the interpreter's datetime module.
Ref python_timedelta() {
    Ref module = own(PyImport_ImportModule("datetime"));
    return own(PyObject_GetAttrString(module.get(), "timedelta"));
}

bool is_datetime(State& st, PyObject* v) {
    if (PyDateTime_CAPI* PyDateTimeAPI = datetime_api(st)) return PyDateTime_Check(v);
    return PyObject_TypeCheck(v, Py_TYPE(datetime_refs(st).epoch));  // an exact datetime
}

struct DeltaParts {
    std::int64_t days, seconds, micros;
};

// The fields of `delta` if it is a timedelta, within timedelta's invariants.
std::optional<DeltaParts> delta_parts(State& st, PyObject* delta) {
    if (PyDateTime_CAPI* PyDateTimeAPI = datetime_api(st)) {
        if (!PyDelta_Check(delta)) return std::nullopt;
        return DeltaParts{PyDateTime_DELTA_GET_DAYS(delta), PyDateTime_DELTA_GET_SECONDS(delta),
                          PyDateTime_DELTA_GET_MICROSECONDS(delta)};
    }
    Ref cls = python_timedelta();
    const int is = PyObject_IsInstance(delta, cls.get());
    check(is);
    if (!is) return std::nullopt;
    DeltaParts p{};
    const char* const names[] = {"days", "seconds", "microseconds"};
    std::int64_t* fields[] = {&p.days, &p.seconds, &p.micros};
    for (int i = 0; i < 3; ++i) {
        Ref v = own(PyObject_GetAttrString(delta, names[i]));
        *fields[i] = int64_arg(v.get(), names[i]);
    }
    // A Python subclass could say anything; the arithmetic below relies on these.
    if (p.days < -999999999 || p.days > 999999999 || p.seconds < 0 || p.seconds >= 86400 ||
        p.micros < 0 || p.micros >= 1000000) {
        raise(PyExc_ValueError, "timedelta fields out of range");
    }
    return p;
}

// Days from 1970-01-01 to the proleptic Gregorian date y-m-d (the calendar datetime
// uses), by counting whole 400-year eras from 0000-03-01, each of 146097 days.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;  // years start in March, so the leap day ends the year
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(y - era * 400);                 // [0, 399]
    const unsigned day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
    const unsigned day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
    return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}
static_assert(days_from_civil(1970, 1, 1) == 0, "the epoch");
static_assert(days_from_civil(2000, 3, 1) == 11017, "after a leap day");
static_assert(days_from_civil(1, 1, 1) == -719162, "datetime.min");

// An exact (C) datetime's instant from its fields, asking Python only for a UTC offset
// that is not timezone.utc's. nullopt for a naive one.
std::optional<Timestamp> exact_datetime(State& st, PyObject* dt) {
    PyObject* tz = PyDateTime_DATE_GET_TZINFO(dt);
    if (tz == Py_None) return std::nullopt;
    std::int64_t offset_us = 0;
    if (tz != datetime_refs(st).utc) {
        // datetime.utcoffset() checks what the tzinfo returns (a timedelta under a day).
        Ref offset = own(PyObject_CallMethod(dt, "utcoffset", nullptr));
        if (offset.get() == Py_None) return std::nullopt;
        auto parts = delta_parts(st, offset.get());
        if (!parts) raise(PyExc_TypeError, "utcoffset() must return a timedelta");
        offset_us = (parts->days * 86400 + parts->seconds) * 1000000 + parts->micros;
    }
    const std::int64_t days =
        days_from_civil(PyDateTime_GET_YEAR(dt), static_cast<unsigned>(PyDateTime_GET_MONTH(dt)),
                        static_cast<unsigned>(PyDateTime_GET_DAY(dt)));
    const std::int64_t seconds = days * 86400 + PyDateTime_DATE_GET_HOUR(dt) * 3600 +
                                 PyDateTime_DATE_GET_MINUTE(dt) * 60 +
                                 PyDateTime_DATE_GET_SECOND(dt);
    const std::int64_t micros = PyDateTime_DATE_GET_MICROSECOND(dt) - offset_us;
    return Timestamp::from_unix(seconds, micros * 1000);
}

// `function` names the caller in the error for a subclass whose subtraction misbehaves.
Timestamp from_datetime(State& st, PyObject* dt, const char* function) {
    PyDateTime_CAPI* PyDateTimeAPI = datetime_api(st);
    if (PyDateTimeAPI && PyDateTime_CheckExact(dt)) {
        if (auto ts = exact_datetime(st, dt)) return *ts;
    } else if (!is_datetime(st, dt)) {
        raise(PyExc_TypeError, "expected a datetime.datetime, not " + type_name(dt));
    }
    Ref offset = own(PyObject_CallMethod(dt, "utcoffset", nullptr));
    if (offset.get() == Py_None) {
        raise(PyExc_ValueError,
              "naive datetime: a Timestamp needs an aware datetime (one with tzinfo), so the "
              "instant is unambiguous; use dt.replace(tzinfo=datetime.timezone.utc) if it is UTC");
    }
    // Exact integer arithmetic on the timedelta: no float rounding. A subclass's
    // __sub__ may return anything (issue 22).
    Ref delta = own(PyNumber_Subtract(dt, datetime_refs(st).epoch));
    auto parts = delta_parts(st, delta.get());
    if (!parts) {
        raise(PyExc_TypeError, std::string(function) + "(): dt - epoch returned " +
                                   type_name(delta.get()) + ", not a timedelta");
    }
    return Timestamp::from_unix(parts->days * 86400 + parts->seconds, parts->micros * 1000);
}

// --- Timestamp -----------------------------------------------------------------------

const char kTimestampDoc[] =
    "An instant, for time-based UUIDs: whole seconds since the Unix epoch\n"
    "(negative before 1970) and nanoseconds within the second.\n\n"
    "Immutable, hashable, ordered and picklable. Make one with now(),\n"
    "from_unix(), from_unix_ms(), from_datetime(), from_gregorian() or\n"
    "from_uuid(); a bare number is never accepted, so a unit is never guessed.";

PyObject* ts_now(PyObject* cls, PyObject*) noexcept {
    return guard([&]() -> PyObject* {
        return timestamp_object(state_of_class(cls), Timestamp::now()).release();
    });
}

PyObject* ts_from_unix(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                       PyObject* kwnames) noexcept {
    return guard([&]() -> PyObject* {
        static constexpr Signature kSig = {"from_unix", {"seconds", "nanos"}, 2, 2, 1};
        PyObject* a[2];
        bind(kSig, args, nargs, kwnames, a);
        const std::int64_t seconds = int64_arg(a[0], "seconds");
        const std::int64_t nanos = a[1] ? int64_arg(a[1], "nanos") : 0;
        return timestamp_object(state_of_class(cls), Timestamp::from_unix(seconds, nanos))
            .release();
    });
}

PyObject* ts_from_unix_ms(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                          PyObject* kwnames) noexcept {
    return guard([&]() -> PyObject* {
        static constexpr Signature kSig = {"from_unix_ms", {"ms"}, 1, 1, 1};
        PyObject* a[1];
        bind(kSig, args, nargs, kwnames, a);
        const std::int64_t ms = int64_arg(a[0], "ms");
        return timestamp_object(state_of_class(cls), Timestamp::from_unix_ms(ms)).release();
    });
}

PyObject* ts_from_datetime(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                           PyObject* kwnames) noexcept {
    return guard([&]() -> PyObject* {
        static constexpr Signature kSig = {"from_datetime", {"dt"}, 1, 1, 1};
        PyObject* a[1];
        bind(kSig, args, nargs, kwnames, a);
        State& st = state_of_class(cls);
        return timestamp_object(st, from_datetime(st, a[0], "Timestamp.from_datetime")).release();
    });
}

PyObject* ts_from_gregorian(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                            PyObject* kwnames) noexcept {
    return guard([&]() -> PyObject* {
        static constexpr Signature kSig = {"from_gregorian", {"ticks"}, 1, 1, 1};
        PyObject* a[1];
        bind(kSig, args, nargs, kwnames, a);
        const std::int64_t ticks = int64_arg(a[0], "ticks");
        if (ticks < 0) raise(PyExc_ValueError, "ticks must be >= 0 (1582-10-15 is tick 0)");
        return timestamp_object(state_of_class(cls),
                                Timestamp::from_gregorian(static_cast<std::uint64_t>(ticks)))
            .release();
    });
}

PyObject* ts_from_uuid(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                       PyObject* kwnames) noexcept {
    return guard([&]() -> PyObject* {
        static constexpr Signature kSig = {"from_uuid", {"u"}, 1, 1, 1};
        PyObject* a[1];
        bind(kSig, args, nargs, kwnames, a);
        Ref value(PyObject_GetAttrString(a[0], "int"));
        if (!value) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) throw Error{};
            PyErr_Clear();
        }
        Uuid parsed;
        if (!value || !PyLong_Check(value.get()) || !uuid_from_int(value.get(), &parsed)) {
            raise(PyExc_TypeError, "Timestamp.from_uuid() needs a uuid.UUID");
        }
        auto ts = timestamp_of(parsed);
        if (!ts) {
            raise(PyExc_ValueError,
                  "Timestamp.from_uuid() needs a version 1, 6 or 7 UUID of the RFC 9562 "
                  "variant, not version " +
                      std::to_string(parsed.version()));
        }
        return timestamp_object(state_of_class(cls), *ts).release();
    });
}

PyObject* ts_to_datetime(PyObject* self, PyObject*) noexcept {
    return guard(
        [&]() -> PyObject* { return datetime_of(state_of_self(self), ts_value(self)).release(); });
}

PyObject* ts_reduce(PyObject* self, PyObject*) noexcept {
    return guard([&]() -> PyObject* {
        // Rebuilt by a plain Python function, which pickle names by reference at every
        // protocol; from_unix is a static method, which protocols 0 and 1 cannot name.
        const Timestamp& t = ts_value(self);
        Ref restore = compat_attr(state_of_self(self), "restore_timestamp");
        return Py_BuildValue("O(LI)", restore.get(), static_cast<long long>(t.seconds()),
                             static_cast<unsigned int>(t.nanos()));
    });
}

PyObject* ts_seconds(PyObject* self, void*) noexcept {
    return PyLong_FromLongLong(ts_value(self).seconds());
}

PyObject* ts_nanos(PyObject* self, void*) noexcept {
    return PyLong_FromUnsignedLong(ts_value(self).nanos());
}

PyObject* ts_unix_ms(PyObject* self, void*) noexcept {
    return PyLong_FromLongLong(ts_value(self).unix_ms());
}

PyObject* ts_gregorian_ticks(PyObject* self, void*) noexcept {
    return PyLong_FromLongLong(ts_value(self).gregorian_ticks());
}

PyObject* ts_richcompare(PyObject* self, PyObject* other, int op) noexcept {
    return guard([&]() -> PyObject* {
        if (!PyObject_TypeCheck(other, state_of_self(self).timestamp_type)) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        const Timestamp a = ts_value(self);
        const Timestamp b = ts_value(other);
        Py_RETURN_RICHCOMPARE(a, b, op);
    });
}

Py_hash_t ts_hash(PyObject* self) noexcept {
    Py_hash_t hash = -1;
    // guard() wants a pointer; Py_None (borrowed, never released) only says "no error".
    PyObject* ok = guard([&]() -> PyObject* {
        const Timestamp& t = ts_value(self);
        Ref tuple = own(Py_BuildValue("(LI)", static_cast<long long>(t.seconds()),
                                      static_cast<unsigned int>(t.nanos())));
        hash = PyObject_Hash(tuple.get());
        if (hash == -1) throw Error{};
        return Py_None;
    });
    return ok ? hash : -1;
}

PyObject* ts_repr(PyObject* self) noexcept {
    return guard([&]() -> PyObject* {
        const Timestamp& t = ts_value(self);
        const std::string s = "Timestamp.from_unix(" + std::to_string(t.seconds()) + ", " +
                              std::to_string(t.nanos()) + ")";
        return PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
    });
}

void ts_dealloc(PyObject* self) noexcept {
    PyTypeObject* type = Py_TYPE(self);
    reinterpret_cast<TimestampObject*>(self)->value.~Timestamp();
    type->tp_free(self);
    Py_DECREF(type);  // a heap type's instances own a reference to it
}

// Class methods, not static ones: a static method gets no class, and the state is the
// class's module's. cls may be a subclass; they still return exact Timestamps.
constexpr int kConstructor = METH_FASTCALL | METH_KEYWORDS | METH_CLASS;

PyMethodDef ts_methods[] = {
    {"now", as_cfunction(ts_now), METH_NOARGS | METH_CLASS,
     "now($type)\n--\n\nThe current time, from the system clock."},
    {"from_unix", as_cfunction(ts_from_unix), kConstructor,
     "from_unix($type, seconds, nanos=0)\n--\n\n"
     "The instant `seconds` (an int) plus `nanos` nanoseconds after the Unix epoch.\n"
     "`nanos` may be negative or exceed a second; it is carried into the seconds."},
    {"from_unix_ms", as_cfunction(ts_from_unix_ms), kConstructor,
     "from_unix_ms($type, ms)\n--\n\nThe instant `ms` milliseconds (an int) after the Unix epoch."},
    {"from_datetime", as_cfunction(ts_from_datetime), kConstructor,
     "from_datetime($type, dt)\n--\n\n"
     "The instant of an aware datetime; a naive one raises ValueError.\n"
     "Exact to the microsecond, as datetime is."},
    {"from_gregorian", as_cfunction(ts_from_gregorian), kConstructor,
     "from_gregorian($type, ticks)\n--\n\n"
     "The instant `ticks` 100 ns intervals after 1582-10-15 00:00 UTC, the\n"
     "epoch of UUID versions 1 and 6."},
    {"from_uuid", as_cfunction(ts_from_uuid), kConstructor,
     "from_uuid($type, u)\n--\n\n"
     "The instant a version 1, 6 or 7 UUID records: 100 ns precision for v1\n"
     "and v6, millisecond precision for v7. ValueError for other versions."},
    {"to_datetime", as_cfunction(ts_to_datetime), METH_NOARGS,
     "to_datetime($self, /)\n--\n\n"
     "This instant as an aware datetime in UTC (truncated to microseconds)."},
    {"__reduce__", as_cfunction(ts_reduce), METH_NOARGS,
     "__reduce__($self, /)\n--\n\nPickles as oruuid._compat.restore_timestamp(seconds, nanos)."},
    {},
};

PyGetSetDef ts_getset[] = {
    {"seconds", ts_seconds, nullptr, "Whole seconds since the Unix epoch.", nullptr},
    {"nanos", ts_nanos, nullptr, "Nanoseconds within the second, 0 to 999999999.", nullptr},
    {"unix_ms", ts_unix_ms, nullptr,
     "Milliseconds since the Unix epoch, rounded down: what UUIDv7 stores.", nullptr},
    {"gregorian_ticks", ts_gregorian_ticks, nullptr,
     "100 ns ticks since 1582-10-15, rounded down: what UUIDv1 and v6 store.", nullptr},
    {},
};

PyType_Slot ts_slots[] = {
    {Py_tp_doc, const_cast<char*>(kTimestampDoc)},
    {Py_tp_dealloc, reinterpret_cast<void*>(ts_dealloc)},
    {Py_tp_repr, reinterpret_cast<void*>(ts_repr)},
    {Py_tp_hash, reinterpret_cast<void*>(ts_hash)},
    {Py_tp_richcompare, reinterpret_cast<void*>(ts_richcompare)},
    {Py_tp_methods, ts_methods},
    {Py_tp_getset, ts_getset},
    {0, nullptr},
};

// Made only by the class-method constructors.
PyType_Spec ts_spec =
    type_spec<TimestampObject>("oruuid.Timestamp", ts_slots, Py_TPFLAGS_DISALLOW_INSTANTIATION);

// --- ContextV7 -----------------------------------------------------------------------

const char kContextDoc[] =
    "ContextV7(*, additional_precision=False, adjust_by_millis=0)\n--\n\n"
    "An independent monotonic UUIDv7 sequence (RFC 9562 Section 6.2).\n\n"
    "Every UUID a context makes is greater than the one before, whatever\n"
    "timestamps it is given: a timestamp earlier than or equal to the last\n"
    "one increments a 42-bit counter under the last timestamp, and a\n"
    "counter overflow borrows the next millisecond.\n\n"
    "additional_precision: put 12 bits of sub-millisecond time in rand_a\n"
    "  (Method 3), so UUIDs sort by time to about 0.24 us; the counter is\n"
    "  then 30 bits.\n"
    "adjust_by_millis: added to every timestamp, to hide the real creation\n"
    "  time.\n\n"
    "Thread-safe.";

// A default context until __init__ sets the options, so no instance is ever invalid
// (a subclass's __new__ may skip __init__).
PyObject* ctx_new(PyTypeObject* type, PyObject*, PyObject*) noexcept {
    return guard([&]() -> PyObject* {
        Ref self = own(type->tp_alloc(type, 0));
        auto* obj = reinterpret_cast<ContextObject*>(self.get());
        new (&obj->value) ContextV7();
        new (&obj->initialized) std::atomic<bool>(false);
        return self.release();
    });
}

int ctx_init(PyObject* self, PyObject* args, PyObject* kwds) noexcept {
    PyObject* ok = guard([&]() -> PyObject* {
        static char* keywords[] = {const_cast<char*>("additional_precision"),
                                   const_cast<char*>("adjust_by_millis"), nullptr};
        PyObject* precision = Py_False;
        PyObject* adjust = nullptr;
        if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$OO:ContextV7", keywords, &precision,
                                         &adjust)) {
            throw Error{};
        }
        if (precision != Py_True && precision != Py_False) {
            raise(PyExc_TypeError,
                  "ContextV7() additional_precision must be a bool, not " + type_name(precision));
        }
        const ContextV7::Options options{precision == Py_True,
                                         adjust ? int64_arg(adjust, "adjust_by_millis") : 0};
        auto* obj = reinterpret_cast<ContextObject*>(self);
        if (obj->initialized.exchange(true)) {
            raise(PyExc_TypeError, "ContextV7.__init__() called on an initialized context");
        }
        obj->value.~ContextV7();
        new (&obj->value) ContextV7(options);
        return Py_None;  // borrowed, never released: only says "no error"
    });
    return ok ? 0 : -1;
}

PyObject* ctx_uuid7(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                    PyObject* kwnames) noexcept {
    return guard([&]() -> PyObject* {
        static constexpr Signature kSig = {"uuid7", {"timestamp"}, 1, 1, 0};
        PyObject* a[1];
        bind(kSig, args, nargs, kwnames, a);
        State& st = state_of_self(self);
        const auto ts = timestamp_arg(st, a[0], "uuid7");
        ContextV7& ctx = context_of(self);
        return make(st, ts ? ctx.next(*ts) : ctx.next()).release();
    });
}

PyObject* ctx_additional_precision(PyObject* self, void*) noexcept {
    return PyBool_FromLong(context_of(self).options().additional_precision);
}

PyObject* ctx_adjust_by_millis(PyObject* self, void*) noexcept {
    return PyLong_FromLongLong(context_of(self).options().adjust_by_millis);
}

PyObject* ctx_repr(PyObject* self) noexcept {
    return guard([&]() -> PyObject* {
        const ContextV7::Options& o = context_of(self).options();
        const std::string s = std::string("ContextV7(additional_precision=") +
                              (o.additional_precision ? "True" : "False") +
                              ", adjust_by_millis=" + std::to_string(o.adjust_by_millis) + ")";
        return PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
    });
}

void ctx_dealloc(PyObject* self) noexcept {
    PyTypeObject* type = Py_TYPE(self);
    auto* obj = reinterpret_cast<ContextObject*>(self);
    obj->value.~ContextV7();
    using Flag = std::atomic<bool>;
    obj->initialized.~Flag();
    type->tp_free(self);
    Py_DECREF(type);  // a heap type's instances own a reference to it
}

PyMethodDef ctx_methods[] = {
    {"uuid7", as_cfunction(ctx_uuid7), METH_FASTCALL | METH_KEYWORDS,
     "uuid7($self, /, timestamp=None)\n--\n\n"
     "The next UUIDv7 of this context, for `timestamp` (a Timestamp or an aware\n"
     "datetime) or the current time."},
    {},
};

PyGetSetDef ctx_getset[] = {
    {"additional_precision", ctx_additional_precision, nullptr,
     "Whether rand_a holds sub-millisecond time (Method 3).", nullptr},
    {"adjust_by_millis", ctx_adjust_by_millis, nullptr, "Milliseconds added to every timestamp.",
     nullptr},
    {},
};

PyType_Slot ctx_slots[] = {
    {Py_tp_doc, const_cast<char*>(kContextDoc)},
    {Py_tp_new, reinterpret_cast<void*>(ctx_new)},
    {Py_tp_init, reinterpret_cast<void*>(ctx_init)},
    {Py_tp_dealloc, reinterpret_cast<void*>(ctx_dealloc)},
    {Py_tp_repr, reinterpret_cast<void*>(ctx_repr)},
    {Py_tp_methods, ctx_methods},
    {Py_tp_getset, ctx_getset},
    {0, nullptr},
};

PyType_Spec ctx_spec = type_spec<ContextObject>("oruuid.ContextV7", ctx_slots);

PyTypeObject* make_type(PyObject* core, PyType_Spec* spec) {
    return reinterpret_cast<PyTypeObject*>(
        own(PyType_FromModuleAndSpec(core, spec, nullptr)).release());
}

}  // namespace

std::optional<Timestamp> timestamp_arg(State& st, PyObject* value, const char* function) {
    if (!value || value == Py_None) return std::nullopt;
    if (PyObject_TypeCheck(value, st.timestamp_type)) return ts_value(value);
    if (is_datetime(st, value)) return from_datetime(st, value, function);
    const std::string type = type_name(value);
    if (PyNumber_Check(value)) {
        raise(PyExc_TypeError,
              std::string(function) + "() takes a Timestamp or an aware datetime, not " + type +
                  ": a bare number has no unit. Use Timestamp.from_unix_ms(ms) for "
                  "milliseconds or Timestamp.from_unix(seconds, nanos) for seconds");
    }
    raise(PyExc_TypeError,
          std::string(function) + "() takes a Timestamp, an aware datetime or None, not " + type);
}

ContextV7* context_arg(State& st, PyObject* value, const char* function) {
    if (!PyObject_TypeCheck(value, st.context_type)) {
        raise(PyExc_TypeError, std::string(function) +
                                   "() context must be an oruuid.ContextV7, not " +
                                   type_name(value));
    }
    return &context_of(value);
}

Ref timestamp_object(State& st, const Timestamp& t) {
    PyTypeObject* type = st.timestamp_type;
    Ref self = own(type->tp_alloc(type, 0));
    new (&reinterpret_cast<TimestampObject*>(self.get())->value) Timestamp(t);
    return self;
}

Ref datetime_of(State& st, const Timestamp& t) {
    static_assert(-(Timestamp::kMinSeconds / 86400) < INT_MAX, "whole days fit an int");
    const std::int64_t s = t.seconds();
    const std::int64_t days = (s >= 0 ? s : s - 86399) / 86400;
    const int seconds = static_cast<int>(s - days * 86400);
    const int micros = static_cast<int>(t.nanos() / 1000);
    Ref delta;
    if (PyDateTime_CAPI* PyDateTimeAPI = datetime_api(st)) {
        delta = own(PyDelta_FromDSU(static_cast<int>(days), seconds, micros));
    } else {
        Ref cls = python_timedelta();
        delta = own(
            PyObject_CallFunction(cls.get(), "Lii", static_cast<long long>(days), seconds, micros));
    }
    // OverflowError past datetime's years 1 to 9999, as datetime itself says it.
    return own(PyNumber_Add(datetime_refs(st).epoch, delta.get()));
}

void init_time(PyObject* core, State& st) {
    st.timestamp_type = make_type(core, &ts_spec);
    check(PyModule_AddType(core, st.timestamp_type));
    st.context_type = make_type(core, &ctx_spec);
    check(PyModule_AddType(core, st.context_type));
}

int traverse_time(State& st, visitproc visit, void* arg) noexcept {
    if (auto* d = static_cast<DatetimeRefs*>(st.datetime.load(std::memory_order_acquire))) {
        Py_VISIT(d->utc);
        Py_VISIT(d->epoch);
    }
    return 0;
}

void clear_time(State& st) noexcept {
    if (auto* d = static_cast<DatetimeRefs*>(st.datetime.exchange(nullptr))) {
        Py_DECREF(d->utc);
        Py_DECREF(d->epoch);
        delete d;
    }
}

}  // namespace oruuid::py
