#include "pipeline/image/dewarp.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/preprocess.h"
#include "pipeline/image/raster.h"

namespace vanban::image {
namespace {

// Leptonica's line finder closes gaps with structuring elements sized for pages of about
// 150 dpi (15 px between letters, 40 px between words); the model is built there and scaled up.
constexpr double kModelDpi = 150.0;
// Fewer long lines than this do not pin down a smooth field (a short letter still has a dozen).
constexpr int kMinLines = 8;
// A line bowed by less than this many pixels at 300 dpi (a third of an x-height) reads as well
// as a straight one, and resampling it would only soften the tone marks (see kMinSkewDegrees).
// Flat scans measure 0-4 px (noise in the line fits; 4.1 on dev scan 660TBUB), curled ones 15+.
constexpr double kMinBowAt300Dpi = 8.0;

struct PixFree {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
struct DewarpaFree {
  void operator()(L_DEWARPA* d) const { dewarpaDestroy(&d); }
};

// 1-bpp Leptonica image of an ink mask (255 = ink).
std::unique_ptr<PIX, PixFree> ToBinaryPix(const cv::Mat& mask) {
  std::unique_ptr<PIX, PixFree> pix(pixCreate(mask.cols, mask.rows, 1));
  if (!pix) return pix;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < mask.rows; ++y) {
    const uint8_t* src = mask.ptr<uint8_t>(y);
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < mask.cols; ++x) {
      if (src[x] != 0) SET_DATA_BIT(line, x);
    }
  }
  return pix;
}

// The largest distance between a row of the sampled field and the straight line fitted to it,
// over the rows that lie between the first and last modelled text line: what dewarping would
// change beyond a shear (skew is deskew's business, and extrapolated rows say nothing).
double MaxBow(const cv::Mat& field, int sampling, float top, float bottom) {
  double bow = 0;
  const int n = field.cols;
  for (int i = 0; i < field.rows; ++i) {
    const float y = static_cast<float>(i * sampling);
    if (y < top || y > bottom) continue;
    const float* v = field.ptr<float>(i);
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int j = 0; j < n; ++j) {
      sx += j, sy += v[j], sxx += static_cast<double>(j) * j, sxy += j * v[j];
    }
    const double denom = n * sxx - sx * sx;
    const double slope = denom != 0 ? (n * sxy - sx * sy) / denom : 0;
    const double intercept = (sy - slope * sx) / n;
    for (int j = 0; j < n; ++j) bow = std::max(bow, std::abs(v[j] - (intercept + slope * j)));
  }
  return bow;
}

// A valid Leptonica vertical-disparity model: the field sampled every `sampling` pixels of the
// model image from its row `origin_y`, and its bow in model pixels.
struct LineModel {
  cv::Mat field;
  int sampling = 0;
  int origin_y = 0;
  double bow = 0;
};

std::optional<LineModel> BuildModel(PIX* binary, int origin_y) {
  // Vertical disparity only: the horizontal model aligns line ends to justified margins, which
  // centred titles and two-column headers do not have.
  std::unique_ptr<L_DEWARPA, DewarpaFree> dewa(dewarpaCreate(1, 0, 1, kMinLines, -1));
  if (!dewa) return std::nullopt;
  dewarpaUseBothArrays(dewa.get(), 0);
  L_DEWARP* dew = dewarpCreate(binary, 0);
  if (dew == nullptr) return std::nullopt;
  dewarpaInsertDewarp(dewa.get(), dew);  // dewa owns dew from here
  if (dewarpBuildPageModel(dew, nullptr) != 0 || !dew->vsuccess) return std::nullopt;
  dewarpaSetValidModels(dewa.get(), 0, 0);
  if (!dew->vvalid || dew->sampvdispar == nullptr || dew->namidys == nullptr) return std::nullopt;

  LineModel model;
  int nx = 0, ny = 0;
  fpixGetDimensions(dew->sampvdispar, &nx, &ny);
  const int fpl = fpixGetWpl(dew->sampvdispar);
  model.field.create(ny, nx, CV_32F);
  const l_float32* data = fpixGetData(dew->sampvdispar);
  for (int i = 0; i < ny; ++i) std::copy_n(data + static_cast<size_t>(i) * fpl, nx, model.field.ptr<float>(i));
  l_float32 top = 0, bottom = 0;
  numaGetMin(dew->namidys, &top, nullptr);
  numaGetMax(dew->namidys, &bottom, nullptr);
  model.sampling = dew->sampling;
  model.origin_y = origin_y;
  model.bow = MaxBow(model.field, dew->sampling, top, bottom);
  return model;
}

// The rows from the first to the last long text line (Leptonica's own line finder and length
// filter), padded so that they span most of the band; nullopt without long lines.
std::optional<std::pair<int, int>> LongLineBand(PIX* binary) {
  PTAA* lines = dewarpGetTextlineCenters(binary, 0);
  if (lines == nullptr) return std::nullopt;
  PTAA* long_lines = dewarpRemoveShortLines(binary, lines, 0.8, 0);
  ptaaDestroy(&lines);
  if (long_lines == nullptr) return std::nullopt;
  float top = 1e9f, bottom = -1;
  for (int i = 0; i < ptaaGetCount(long_lines); ++i) {
    PTA* pta = ptaaGetPta(long_lines, i, L_CLONE);
    l_float32 lo = 0, hi = 0;
    ptaGetRange(pta, nullptr, nullptr, &lo, &hi);
    top = std::min(top, lo), bottom = std::max(bottom, hi);
    ptaDestroy(&pta);
  }
  ptaaDestroy(&long_lines);
  if (bottom <= top) return std::nullopt;
  const int pad = static_cast<int>((bottom - top) / 8) + 1;
  return std::make_pair(std::max(0, static_cast<int>(top) - pad),
                        std::min(pixGetHeight(binary), static_cast<int>(bottom) + pad + 1));
}

// Leptonica refuses a page whose long lines do not cover both halves of it (a last page, text at
// the top and a signature below, or a photo with a wide margin); such a page is modelled on the
// band of its long lines instead, and the field is held constant above and below it.
std::optional<LineModel> BuildPageOrBandModel(PIX* binary) {
  if (auto model = BuildModel(binary, 0)) return model;
  const auto band = LongLineBand(binary);
  if (!band || (band->first == 0 && band->second == pixGetHeight(binary))) return std::nullopt;
  BOX* box = boxCreate(0, band->first, pixGetWidth(binary), band->second - band->first);
  std::unique_ptr<PIX, PixFree> cropped(pixClipRectangle(binary, box, nullptr));
  boxDestroy(&box);
  if (!cropped) return std::nullopt;
  return BuildModel(cropped.get(), band->first);
}

}  // namespace

TextLineWarp TextLineWarp::Measure(const cv::Mat& grey, int dpi) {
  TextLineWarp warp;
  if (TooSmall(grey) || grey.type() != CV_8UC1 || dpi <= 0) return warp;
  const double scale = std::min(1.0, kModelDpi / dpi);
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  const cv::Mat mask = InkMask(small);
  if (mask.empty() || cv::countNonZero(mask) == 0) return warp;
  const auto pix = ToBinaryPix(mask);
  if (!pix) return warp;
  const std::optional<LineModel> model = BuildPageOrBandModel(pix.get());
  if (!model) return warp;
  const double to_full = 1.0 / scale;
  warp.bow_ = model->bow * to_full;
  if (warp.bow_ < kMinBowAt300Dpi * dpi / kTargetDpi) return warp;

  // Field samples sit every `sampling` model pixels from the model's origin: an affine map from
  // page to field coordinates interpolates them without the half-cell shift of cv::resize.
  const double step = model->sampling * to_full;
  warp.page_to_field_ = cv::Matx23d(1 / step, 0, 0, 0, 1 / step, -static_cast<double>(model->origin_y) / model->sampling);
  warp.field_ = model->field;
  warp.to_full_ = to_full;
  warp.size_ = grey.size();
  return warp;
}

cv::Mat TextLineWarp::Apply(const cv::Mat& pixels) const {
  if (empty() || pixels.size() != size_) return pixels;
  constexpr int kBandRows = 256;
  cv::Mat out(pixels.size(), pixels.type());
  cv::Mat shift, map_x, map_y;
  for (int top = 0; top < pixels.rows; top += kBandRows) {
    const int rows = std::min(kBandRows, pixels.rows - top);
    // The band's rows in field coordinates: the page map shifted down by `top`.
    cv::Matx23d band_to_field = page_to_field_;
    band_to_field(1, 2) += top * page_to_field_(1, 1);
    cv::warpAffine(field_, shift, band_to_field, cv::Size(pixels.cols, rows), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_REPLICATE);
    map_x.create(rows, pixels.cols, CV_32F);
    map_y.create(rows, pixels.cols, CV_32F);
    for (int y = 0; y < rows; ++y) {
      float* mx = map_x.ptr<float>(y);
      float* my = map_y.ptr<float>(y);
      const float* s = shift.ptr<float>(y);
      for (int x = 0; x < pixels.cols; ++x) {
        mx[x] = static_cast<float>(x);
        my[x] = static_cast<float>(top + y - s[x] * to_full_);
      }
    }
    cv::Mat band = out.rowRange(top, top + rows);
    cv::remap(pixels, band, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(255));
  }
  return out;
}

cv::Mat Dewarp(const cv::Mat& grey, int dpi) { return TextLineWarp::Measure(grey, dpi).Apply(grey); }

}  // namespace vanban::image
