// How the engine's options translate into page loading, for every place that opens an input.
#ifndef VANBAN_PIPELINE_ENGINE_LOAD_OPTIONS_H_
#define VANBAN_PIPELINE_ENGINE_LOAD_OPTIONS_H_

#include "pipeline/image/page_source.h"
#include "vanban/engine.h"

namespace vanban {

inline image::LoadOptions LoadOptionsFrom(const EngineOptions& options) {
  image::LoadOptions load;
  load.assumed_dpi = options.assumed_dpi;
  load.max_page_pixels = options.max_page_pixels;
  load.text_layer = options.text_layer;
  return load;
}

}  // namespace vanban

#endif  // VANBAN_PIPELINE_ENGINE_LOAD_OPTIONS_H_
