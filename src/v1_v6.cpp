// src/v1_v6.cpp: versions 1 and 6: one clock-sequence policy (RFC 9562 §6.1), two layouts.
#include "internal/clock.hpp"
#include "internal/time_range.hpp"
#include "oruuid/builder.hpp"
#include "oruuid/context.hpp"
#include "oruuid/node.hpp"
#include "oruuid/v1.hpp"
#include "oruuid/v6.hpp"

namespace oruuid {
namespace {

using Layout = Uuid (*)(std::uint64_t ticks, std::uint16_t clock_seq, std::uint64_t node) noexcept;

// The next tick of `sequence`, with the process's clock sequence and node unless given.
template <Layout Build>
Uuid next_of(ClockSequence& sequence, std::optional<std::uint64_t> node,
             std::optional<std::uint16_t> clock_seq) {
    const ClockSequence::Tick tick = sequence.next(detail::now());
    return Build(tick.ticks, clock_seq ? *clock_seq : tick.clock_seq, node ? *node : getnode());
}

}  // namespace

Uuid uuid1(std::optional<std::uint64_t> node, std::optional<std::uint16_t> clock_seq) {
    return next_of<build::v1>(global_clock_sequence_v1(), node, clock_seq);
}

Uuid uuid6(std::optional<std::uint64_t> node, std::optional<std::uint16_t> clock_seq) {
    return next_of<build::v6>(global_clock_sequence_v6(), node, clock_seq);
}

Uuid uuid1_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq) {
    return build::v1(detail::v1_v6_ticks(ts), clock_seq, node);
}

Uuid uuid6_at(Timestamp ts, std::uint64_t node, std::uint16_t clock_seq) {
    return build::v6(detail::v1_v6_ticks(ts), clock_seq, node);
}

}  // namespace oruuid
