// src/v6.cpp: version 6 generation (RFC 9562 §5.6), policy only; the layout is build::v6.
#include "oruuid/v6.hpp"

#include "internal/clock.hpp"
#include "internal/time_range.hpp"
#include "oruuid/builder.hpp"
#include "oruuid/context.hpp"
#include "oruuid/node.hpp"

namespace oruuid {

Uuid uuid6(std::optional<std::uint64_t> node, std::optional<std::uint16_t> clock_seq) {
    const ClockSequence::Tick tick = global_clock_sequence_v6().next(detail::now());
    return build::v6(tick.ticks, clock_seq ? *clock_seq : tick.clock_seq, node ? *node : getnode());
}

Uuid uuid6_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq) {
    return build::v6(detail::v1_v6_ticks(ts), clock_seq, node);
}

}  // namespace oruuid
