// Round seals in dark ink: a red seal on a grey or bitonal scan, a blue or black seal. Colour
// dropout cannot remove them, and whitening them as a picture takes the signer's title and name
// printed across them. Found by their outer ring; their rings, and the lettering and emblem
// wholly inside them, are whitened, while the letters of a text line crossing the seal stay.
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_SEALS_H_
#define VANBAN_PIPELINE_IMAGE_SEALS_H_

#include <vector>

#include <opencv2/core.hpp>

#include "pipeline/image/raster.h"

namespace vanban::image {

struct Ring {
  float radius = 0;      // of its centre line, in InkComponents::small pixels
  float half_width = 0;
};

struct Seal {
  cv::Point2f centre;       // in InkComponents::small pixels
  std::vector<Ring> rings;  // concentric, innermost first; the last one is the seal's edge
};

// The seals of a page: at most one through each component over four letter heights wide and high
// (a ring, or an arc of one broken by a signature).
std::vector<Seal> FindSeals(const InkComponents& c);

// Masks of c.small's size, 255 on: `erase`, the ink of seals (their rings, and the ink wholly
// inside an outer ring that no text line crossing the seal reaches); `keep`, the ink round them
// that stays (the letters of those lines, and the ring's pixels where their strokes cross it),
// which whitening the seal's rim must not eat into.
struct SealMasks {
  cv::Mat erase, keep;
};
SealMasks SealInk(const InkComponents& c, const std::vector<Seal>& seals);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_SEALS_H_
