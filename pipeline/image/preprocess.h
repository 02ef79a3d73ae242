// Preprocessing: turns a decoded page (colour or grey scan, phone photo) into the clean, upright,
// 300-dpi grey image Tesseract reads best. Each step is a separate function so it can be tested
// and measured on its own (tools/ocr_eval.sh --ablate); Preprocess chains the enabled ones.
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_PREPROCESS_H_
#define VANBAN_PIPELINE_IMAGE_PREPROCESS_H_

#include "pipeline/image/page_source.h"

namespace vanban::image {

// The resolution every page is brought to before OCR: Tesseract's LSTM models are trained on
// text of about 300 dpi x-heights.
inline constexpr int kTargetDpi = 300;

struct PreprocessOptions {
  bool drop_colour_ink = true;       // red seals and stamps vanish, black print stays
  bool flatten_background = true;    // uneven illumination and yellowed paper become white
  bool deskew = true;                // ±5°, pages skewed by 1° or more
  bool clean_borders = true;         // scanner edges, punch holes
  bool normalise_resolution = true;  // by the file's dpi, then by the measured text size
  bool dewarp = true;                // curled pages: text lines straightened (dewarp.h)
  bool straighten_sheet = true;      // phone photos: a sheet seen at a slant made upright (sheet.h)
  int target_dpi = kTargetDpi;
  // Off by default: Tesseract thresholds a clean grey page per block at least as well (measured,
  // see README ablation); on gives a Sauvola bilevel page.
  bool binarise = false;
};

// Colour → grey, ink dropout, a photo's slant, flattening, skew, curl, borders and resolution as
// `options` say.
// Degenerate pages (empty, 1×1, all black) come back unchanged apart from the grey conversion;
// a page that LooksBlank after the dropout is marked `blank` and only brought to the target dpi
// by the file's resolution. The result is always CV_8UC1.
PageImage Preprocess(const PageImage& page, const PreprocessOptions& options = {});

// --- the steps, exposed for tests and measurement ---

// Grey from BGR that keeps black and blue ink and drops red: the red channel, where red ink is
// as bright as the paper. Grey input is returned as is.
cv::Mat DropColourInk(const cv::Mat& pixels);

// Plain luminance grey (for comparison with DropColourInk and for grey input).
cv::Mat ToGrey(const cv::Mat& pixels);

// Divides the page by its estimated background (a max filter over a window wider than any
// stroke), so shadows and tinted paper become 255 and ink keeps its contrast.
cv::Mat FlattenBackground(const cv::Mat& grey);

// Sauvola thresholding (window ~ 1/12 inch-ish `window` pixels, k ≈ 0.2): ink 0, paper 255.
cv::Mat SauvolaBinarise(const cv::Mat& grey, int window, double k);

// Ink mask (255 = ink) by Otsu on a grey page; a page without contrast (blank, all black) gives
// an all-zero mask. *threshold, when asked for, receives Otsu's grey level.
cv::Mat InkMask(const cv::Mat& grey, double* threshold = nullptr);

// The angle in degrees (positive = text rises to the right, counter-clockwise) that the text lines
// make with the horizontal, searched within ±max_degrees; 0 when there is no text to measure.
double EstimateSkewDegrees(const cv::Mat& grey, double max_degrees = 5.0);

// Rotates counter-clockwise by `degrees` about the centre onto a canvas just large enough for the
// whole turned page, filling with white.
cv::Mat RotateGrey(const cv::Mat& grey, double degrees);
// The map RotateGrey applies to a page of `size` (page → turned page), and the turned page's size.
cv::Matx23d RotationMap(cv::Size size, double degrees, cv::Size* turned);

// --- affine maps of page geometry (2×3, as cv::warpAffine takes them) ---

// `outer` after `inner`: p ↦ outer(inner(p)).
cv::Matx23d Compose(const cv::Matx23d& outer, const cv::Matx23d& inner);
cv::Matx23d Invert(const cv::Matx23d& map);
// From a page turned `clockwise` (0, 90, 180, 270) by quarter turns back to the page of size
// `before` it was turned from (cv::rotate's turns; box edges, not pixel centres).
cv::Matx23d QuarterTurnBack(int clockwise, cv::Size before);

// Whitens dark scanner borders and punch holes: large dark blobs touching or hugging the edge.
cv::Mat CleanBorders(const cv::Mat& grey, int dpi);

// Typical letter height in pixels (TypicalGlyphHeight of the page's letter-shaped components),
// 0 when too few of them form lines of print to say.
double MedianGlyphHeight(const cv::Mat& grey);

// No line of dark print: a blank back page, perhaps with grain, a punch hole, a page number or
// the show-through of a seal or of the other side.
bool LooksBlank(const cv::Mat& grey);

// Small marks (tone marks, circumflexes, i-dots, dots below) sitting right on top of a letter
// and right under one. Upright Vietnamese puts many more above its letters than below; a page
// turned upside down, the reverse; a sideways page has few of either.
struct MarkPlacement {
  int above = 0;  // a letter right below the mark
  int below = 0;  // a letter right above the mark
  // How much more the ink varies from row to row than from column to column: well above 1 when
  // the lines run across the image, below 1 when they run down it.
  double row_contrast = 0;
  bool readable = false;  // enough letters to say anything (all counts are 0 otherwise)
};
MarkPlacement CountMarkPlacement(const cv::Mat& grey);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_PREPROCESS_H_
