// binding/time.cpp: oruuid.Timestamp and oruuid.ContextV7 over the core's Timestamp and ContextV7.
#include "time.hpp"

#include <nanobind/operators.h>
#include <nanobind/stl/string.h>
// The datetime C API: fields read straight from the object. PyDateTimeAPI is this
// file's own pointer, set once by register_time() at import.
#include <datetime.h>

#include <climits>
#include <string>

#include "oruuid/timestamp.hpp"
#include "uuid_object.hpp"

namespace nb = nanobind;

namespace oruuid::py {

namespace {

// An int argument as int64; TypeError for non-ints (floats and bools included, so a
// unit is never guessed), ValueError with the limit when it doesn't fit.
std::int64_t int64_arg(nb::handle v, const char* what) {
    if (!PyLong_Check(v.ptr()) || PyBool_Check(v.ptr())) {
        throw nb::type_error(
            (std::string(what) + " must be an int, not " + nb::type_name(v.type()).c_str())
                .c_str());
    }
    int overflow = 0;
    long long x = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
    if (x == -1 && PyErr_Occurred()) throw nb::python_error();
    if (overflow)
        throw nb::value_error((std::string(what) + " is out of range (needs 64 bits)").c_str());
    return x;
}

nb::object datetime_module() {
    return nb::module_::import_("datetime");
}

nb::object utc_epoch() {
    nb::object dt = datetime_module();
    return dt.attr("datetime")(1970, 1, 1, nb::arg("tzinfo") = dt.attr("timezone").attr("utc"));
}

bool is_datetime(nb::handle v) {
    return PyDateTime_Check(v.ptr());
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

// An exact datetime's instant from its fields, asking Python only for a UTC offset
// that is not timezone.utc's. nullopt for a naive one.
std::optional<Timestamp> exact_datetime(PyObject* dt) {
    PyObject* tz = PyDateTime_DATE_GET_TZINFO(dt);
    if (tz == Py_None) return std::nullopt;
    std::int64_t offset_us = 0;
    if (tz != PyDateTime_TimeZone_UTC) {
        // datetime.utcoffset() checks what the tzinfo returns (a timedelta under a day).
        nb::object offset = nb::steal(PyObject_CallMethod(dt, "utcoffset", nullptr));
        if (!offset.is_valid()) throw nb::python_error();
        if (offset.is_none()) return std::nullopt;
        if (!PyDelta_Check(offset.ptr()))
            throw nb::type_error("utcoffset() must return a timedelta");
        offset_us = (std::int64_t{PyDateTime_DELTA_GET_DAYS(offset.ptr())} * 86400 +
                     PyDateTime_DELTA_GET_SECONDS(offset.ptr())) *
                        1000000 +
                    PyDateTime_DELTA_GET_MICROSECONDS(offset.ptr());
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

Timestamp from_datetime(nb::handle dt) {
    if (PyDateTime_CheckExact(dt.ptr())) {
        if (auto ts = exact_datetime(dt.ptr())) return *ts;
    } else if (!is_datetime(dt)) {
        throw nb::type_error(
            ("expected a datetime.datetime, not " + std::string(nb::type_name(dt.type()).c_str()))
                .c_str());
    }
    if (dt.attr("utcoffset")().is_none()) {
        throw nb::value_error(
            "naive datetime: a Timestamp needs an aware datetime (one with tzinfo), so the "
            "instant is unambiguous; use dt.replace(tzinfo=datetime.timezone.utc) if it is UTC");
    }
    // Exact integer arithmetic on the timedelta: no float rounding.
    nb::object delta = dt - utc_epoch();
    std::int64_t days = nb::cast<std::int64_t>(delta.attr("days"));
    std::int64_t secs = nb::cast<std::int64_t>(delta.attr("seconds"));
    std::int64_t micros = nb::cast<std::int64_t>(delta.attr("microseconds"));
    return Timestamp::from_unix(days * 86400 + secs, micros * 1000);
}

nb::object to_datetime(const Timestamp& t) {
    nb::object dt = datetime_module();
    nb::object delta = dt.attr("timedelta")(nb::arg("seconds") = t.seconds(),
                                            nb::arg("microseconds") = t.nanos() / 1000);
    return utc_epoch() + delta;
}

std::string repr(const Timestamp& t) {
    return "Timestamp.from_unix(" + std::to_string(t.seconds()) + ", " + std::to_string(t.nanos()) +
           ")";
}

}  // namespace

std::optional<Timestamp> timestamp_arg(nb::handle value, const char* function) {
    if (value.is_none()) return std::nullopt;
    if (nb::isinstance<Timestamp>(value)) return nb::cast<Timestamp>(value);
    if (is_datetime(value)) return from_datetime(value);
    std::string type = nb::type_name(value.type()).c_str();
    if (PyNumber_Check(value.ptr())) {
        throw nb::type_error((std::string(function) +
                              "() takes a Timestamp or an aware datetime, not " + type +
                              ": a bare number has no unit. Use Timestamp.from_unix_ms(ms) for "
                              "milliseconds or Timestamp.from_unix(seconds, nanos) for seconds")
                                 .c_str());
    }
    throw nb::type_error(
        (std::string(function) + "() takes a Timestamp, an aware datetime or None, not " + type)
            .c_str());
}

ContextV7* context_arg(nb::handle value, const char* function) {
    if (!nb::isinstance<ContextV7>(value)) {
        throw nb::type_error((std::string(function) +
                              "() context must be an oruuid.ContextV7, not " +
                              nb::type_name(value.type()).c_str())
                                 .c_str());
    }
    return nb::cast<ContextV7*>(value);
}

void register_time(nb::module_& m) {
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI) throw nb::python_error();
    nb::class_<Timestamp>(m, "Timestamp",
                          "An instant, for time-based UUIDs: whole seconds since the Unix epoch\n"
                          "(negative before 1970) and nanoseconds within the second.\n\n"
                          "Immutable, hashable, ordered and picklable. Make one with now(),\n"
                          "from_unix(), from_unix_ms(), from_datetime(), from_gregorian() or\n"
                          "from_uuid(); a bare number is never accepted, so a unit is never "
                          "guessed.")
        .def_static("now", &Timestamp::now, "The current time, from the system clock.")
        .def_static(
            "from_unix",
            [](nb::handle seconds, nb::handle nanos) {
                return Timestamp::from_unix(int64_arg(seconds, "seconds"),
                                            int64_arg(nanos, "nanos"));
            },
            nb::arg("seconds"), nb::arg("nanos") = 0,
            "The instant `seconds` (an int) plus `nanos` nanoseconds after the Unix epoch.\n"
            "`nanos` may be negative or exceed a second; it is carried into the seconds.")
        .def_static(
            "from_unix_ms",
            [](nb::handle ms) {
                std::int64_t v = int64_arg(ms, "ms");
                if (v > INT64_MAX / 1000 || v < INT64_MIN / 1000) {
                    throw nb::value_error("ms is out of range");
                }
                return Timestamp::from_unix_ms(v);
            },
            nb::arg("ms"), "The instant `ms` milliseconds (an int) after the Unix epoch.")
        .def_static("from_datetime", &from_datetime, nb::arg("dt"),
                    "The instant of an aware datetime; a naive one raises ValueError.\n"
                    "Exact to the microsecond, as datetime is.")
        .def_static(
            "from_gregorian",
            [](nb::handle ticks) {
                std::int64_t v = int64_arg(ticks, "ticks");
                if (v < 0) throw nb::value_error("ticks must be >= 0 (1582-10-15 is tick 0)");
                return Timestamp::from_gregorian(static_cast<std::uint64_t>(v));
            },
            nb::arg("ticks"),
            "The instant `ticks` 100 ns intervals after 1582-10-15 00:00 UTC, the\n"
            "epoch of UUID versions 1 and 6.")
        .def_static(
            "from_uuid",
            [](nb::handle u) {
                nb::object value = nb::getattr(u, "int", nb::none());
                Uuid parsed;
                if (value.is_none() || !PyLong_Check(value.ptr()) ||
                    !uuid_from_int(value.ptr(), &parsed)) {
                    throw nb::type_error("Timestamp.from_uuid() needs a uuid.UUID");
                }
                auto ts = timestamp_of(parsed);
                if (!ts) {
                    throw nb::value_error(("Timestamp.from_uuid() needs a version 1, 6 or 7 UUID "
                                           "of the RFC 9562 variant, not version " +
                                           std::to_string(parsed.version()))
                                              .c_str());
                }
                return *ts;
            },
            nb::arg("u"),
            "The instant a version 1, 6 or 7 UUID records: 100 ns precision for v1\n"
            "and v6, millisecond precision for v7. ValueError for other versions.")
        .def_prop_ro("seconds", &Timestamp::seconds, "Whole seconds since the Unix epoch.")
        .def_prop_ro("nanos", &Timestamp::nanos, "Nanoseconds within the second, 0 to 999999999.")
        .def_prop_ro("unix_ms", &Timestamp::unix_ms,
                     "Milliseconds since the Unix epoch, rounded down: what UUIDv7 stores.")
        .def_prop_ro("gregorian_ticks", &Timestamp::gregorian_ticks,
                     "100 ns ticks since 1582-10-15, rounded down: what UUIDv1 and v6 store.")
        .def("to_datetime", &to_datetime,
             "This instant as an aware datetime in UTC (truncated to microseconds).")
        .def(nb::self == nb::self)
        .def(nb::self != nb::self)
        .def(nb::self < nb::self)
        .def(nb::self <= nb::self)
        .def(nb::self > nb::self)
        .def(nb::self >= nb::self)
        .def("__hash__",
             [](const Timestamp& t) { return nb::hash(nb::make_tuple(t.seconds(), t.nanos())); })
        .def("__repr__", &repr)
        .def("__reduce__", [](nb::handle self) {
            // Rebuilt by a plain Python function, which pickle can name at every
            // protocol (nanobind's function objects can't be pickled by reference).
            const auto& t = nb::cast<const Timestamp&>(self);
            return nb::make_tuple(compat_attr("restore_timestamp"),
                                  nb::make_tuple(t.seconds(), t.nanos()));
        });

    nb::class_<ContextV7>(m, "ContextV7",
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
                          "Thread-safe.")
        .def(
            "__init__",
            [](ContextV7* self, bool additional_precision, nb::handle adjust_by_millis) {
                new (self) ContextV7(ContextV7::Options{
                    additional_precision, int64_arg(adjust_by_millis, "adjust_by_millis")});
            },
            nb::kw_only(), nb::arg("additional_precision") = false, nb::arg("adjust_by_millis") = 0)
        .def(
            "uuid7",
            [](ContextV7& self, nb::handle timestamp) {
                auto ts = timestamp_arg(timestamp, "uuid7");
                return value_errors([&] { return make(ts ? self.next(*ts) : self.next()); });
            },
            nb::arg("timestamp").none() = nb::none(),
            "The next UUIDv7 of this context, for `timestamp` (a Timestamp or an aware\n"
            "datetime) or the current time.")
        .def_prop_ro(
            "additional_precision",
            [](const ContextV7& c) { return c.options().additional_precision; },
            "Whether rand_a holds sub-millisecond time (Method 3).")
        .def_prop_ro(
            "adjust_by_millis", [](const ContextV7& c) { return c.options().adjust_by_millis; },
            "Milliseconds added to every timestamp.")
        .def("__repr__", [](const ContextV7& c) {
            return std::string("ContextV7(additional_precision=") +
                   (c.options().additional_precision ? "True" : "False") +
                   ", adjust_by_millis=" + std::to_string(c.options().adjust_by_millis) + ")";
        });
}

}  // namespace oruuid::py
