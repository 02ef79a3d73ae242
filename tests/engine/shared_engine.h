// A test suite base that opens one Engine on the source tree's models for all its tests:
// opening loads the language model and Tesseract, which is too slow to repeat per test.
#ifndef VANBAN_TESTS_ENGINE_SHARED_ENGINE_H_
#define VANBAN_TESTS_ENGINE_SHARED_ENGINE_H_

#include <gtest/gtest.h>

#include "vanban/engine.h"

namespace vanban::testing {

template <bool kRestore, bool kLoadOcr>
class SharedEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EngineOptions options;
    options.data_dir = VANBAN_SOURCE_DIR;
    options.restore = kRestore;
    options.load_ocr = kLoadOcr;
    auto opened = Engine::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    engine_ = std::move(opened).value().release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static inline Engine* engine_ = nullptr;
};

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_ENGINE_SHARED_ENGINE_H_
