// binding/batch.hpp: the batch API's native half, oruuid._core.batch (see batch.cpp).
//
// It lives in _core because each extension module links its own copy of the core: only
// inside _core does uuid7_many continue the same global v7 sequence as uuid7(). The entry
// point is init_batch() in submodules.hpp.
#pragma once

#include "submodules.hpp"
