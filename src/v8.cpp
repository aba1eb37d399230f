// src/v8.cpp: version 8 in CPython 3.14's layout, random where a part is missing.
#include "oruuid/v8.hpp"

#include "oruuid/builder.hpp"
#include "oruuid/random.hpp"

namespace oruuid {

Uuid uuid8(std::optional<std::uint64_t> a, std::optional<std::uint16_t> b,
           std::optional<std::uint64_t> c) {
    std::uint64_t r[2];
    fill_random(r, sizeof r);
    return build::v8(a ? *a : r[0] >> 16, b ? *b : static_cast<std::uint16_t>(r[0]), c ? *c : r[1]);
}

}  // namespace oruuid
