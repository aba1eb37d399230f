// src/v6.cpp: version 6 generation, policy only; the layout is build::v6.
#include "oruuid/v6.hpp"

#include <stdexcept>

#include "oruuid/builder.hpp"
#include "oruuid/context.hpp"
#include "oruuid/detail/clock.hpp"
#include "oruuid/node.hpp"

namespace oruuid {

Uuid uuid6(std::optional<std::uint64_t> node, std::optional<std::uint16_t> clock_seq) {
    const ClockSequence::Tick tick = global_clock_sequence_v6().next(detail::now());
    return build::v6(tick.ticks, clock_seq ? *clock_seq : tick.clock_seq, node ? *node : getnode());
}

Uuid uuid6_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq) {
    const std::int64_t ticks = ts.gregorian_ticks();
    if (ticks < 0 || static_cast<std::uint64_t>(ticks) > Timestamp::kMaxGregorianTicks) {
        throw std::out_of_range(
            "timestamp out of range for UUIDv6: needs 1582-10-15 <= time < 2**60 ticks of "
            "100 ns");
    }
    return build::v6(static_cast<std::uint64_t>(ticks), clock_seq, node);
}

}  // namespace oruuid
