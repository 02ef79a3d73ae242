// What the libFuzzer targets share: a component loaded once for the whole run (loading it per
// input made runs crawl), a failed load ending the run at once.
#ifndef VANBAN_TESTS_FUZZ_FUZZ_UTIL_H_
#define VANBAN_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdlib>
#include <memory>
#include <utility>

#include "vanban/status.h"

namespace vanban::fuzz {

// The loaded component, kept for the life of the process.
template <typename T>
const T* KeptOrAbort(StatusOr<std::unique_ptr<T>> loaded) {
  if (!loaded.ok()) std::abort();
  return std::move(loaded).value().release();
}

}  // namespace vanban::fuzz

#endif  // VANBAN_TESTS_FUZZ_FUZZ_UTIL_H_
