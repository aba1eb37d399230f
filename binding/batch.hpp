// binding/batch.hpp: the batch API's native half, registered into oruuid._core.
#pragma once

#include <nanobind/nanobind.h>

namespace oruuid::py {

/// Adds the submodule `batch` (oruuid._core.batch) that oruuid._batch calls. It lives in
/// _core because each extension module links its own copy of the core: only inside
/// _core does uuid7_many continue the same global v7 sequence as uuid7().
void register_batch(nanobind::module_& m);

}  // namespace oruuid::py
