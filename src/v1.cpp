// src/v1.cpp: version 1 generation (RFC 9562 §5.1), policy only; the layout is build::v1.
#include "oruuid/v1.hpp"

#include "internal/clock.hpp"
#include "internal/time_range.hpp"
#include "oruuid/builder.hpp"
#include "oruuid/context.hpp"
#include "oruuid/node.hpp"

namespace oruuid {

Uuid uuid1(std::optional<std::uint64_t> node, std::optional<std::uint16_t> clock_seq) {
    const ClockSequence::Tick tick = global_clock_sequence_v1().next(detail::now());
    return build::v1(tick.ticks, clock_seq ? *clock_seq : tick.clock_seq, node ? *node : getnode());
}

Uuid uuid1_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq) {
    return build::v1(detail::v1_v6_ticks(ts), clock_seq, node);
}

}  // namespace oruuid
