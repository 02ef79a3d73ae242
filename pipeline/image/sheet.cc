#include "pipeline/image/sheet.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/raster.h"

namespace vanban::image {
namespace {

// The outline is looked for on a copy this large: a sheet's edge is long and straight.
constexpr int kOutlineSide = 1000;
// The sheet covers this share of the photo: less is a card or a receipt on a desk, more leaves
// too little table to tell it from a scan's margin.
constexpr double kMinSheetShare = 0.3;
constexpr double kMaxSheetShare = 0.97;
// The table is at least this many grey levels darker than the paper.
constexpr double kMinContrast = 40;
// Opposite edges this far from parallel make a slant worth straightening; a scan's page, square
// on the glass, has parallel edges however it is turned.
constexpr double kMinSlantDegrees = 0.6;
// Share of the way to the sheet's middle its corners are moved in: half a margin at most.
constexpr float kInset = 0.01f;

double Length(cv::Point2f a, cv::Point2f b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Degrees between the directions of a→b and c→d.
double AngleBetween(cv::Point2f a, cv::Point2f b, cv::Point2f c, cv::Point2f d) {
  const double first = std::atan2(b.y - a.y, b.x - a.x), second = std::atan2(d.y - c.y, d.x - c.x);
  double degrees = std::abs(first - second) * 180 / std::numbers::pi;
  if (degrees > 180) degrees = 360 - degrees;
  return degrees;
}

// The corners of a convex quadrilateral as top-left, top-right, bottom-right, bottom-left.
std::array<cv::Point2f, 4> Ordered(const std::vector<cv::Point>& quad) {
  std::array<cv::Point2f, 4> corners;
  const auto by = [&](auto key) {
    return cv::Point2f(*std::min_element(quad.begin(), quad.end(), [&](cv::Point a, cv::Point b) { return key(a) < key(b); }));
  };
  corners[0] = by([](cv::Point p) { return p.x + p.y; });
  corners[1] = by([](cv::Point p) { return p.y - p.x; });
  corners[2] = by([](cv::Point p) { return -(p.x + p.y); });
  corners[3] = by([](cv::Point p) { return p.x - p.y; });
  return corners;
}

// The corners of an upright `size` rectangle, in SlantedSheet::corners' order.
std::array<cv::Point2f, 4> UprightCorners(cv::Size size) {
  const float w = static_cast<float>(size.width), h = static_cast<float>(size.height);
  return {cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)};
}

// The outline of the brightest large region of `small`: the paper, its print closed over.
std::vector<cv::Point> PaperOutline(const cv::Mat& small) {
  cv::Mat paper;
  cv::GaussianBlur(small, paper, cv::Size(5, 5), 0);
  cv::threshold(paper, paper, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::morphologyEx(paper, paper, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(paper, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  if (contours.empty()) return {};
  return *std::max_element(contours.begin(), contours.end(), [](const auto& a, const auto& b) {
    return cv::contourArea(a) < cv::contourArea(b);
  });
}

}  // namespace

std::optional<SlantedSheet> FindSlantedSheet(const cv::Mat& grey) {
  if (grey.empty() || TooSmall(grey)) return std::nullopt;
  double factor = 1;
  const cv::Mat small = Shrink(grey, kOutlineSide, &factor);
  const std::vector<cv::Point> outline = PaperOutline(small);
  if (outline.empty()) return std::nullopt;
  const double share = cv::contourArea(outline) / small.total();
  if (share < kMinSheetShare || share > kMaxSheetShare) return std::nullopt;
  std::vector<cv::Point> quad;
  cv::approxPolyDP(outline, quad, 0.02 * cv::arcLength(outline, true), true);
  if (quad.size() != 4 || !cv::isContourConvex(quad)) return std::nullopt;
  cv::Mat inside = cv::Mat::zeros(small.size(), CV_8UC1);
  cv::fillConvexPoly(inside, quad, cv::Scalar(255));
  if (cv::mean(small, inside)[0] - cv::mean(small, ~inside)[0] < kMinContrast) return std::nullopt;
  SlantedSheet sheet;
  sheet.corners = Ordered(quad);
  // A little inside the outline, which runs on the table's side of the edge: a sliver of table
  // would come out as a rule down the page's margin.
  const cv::Point2f middle = (sheet.corners[0] + sheet.corners[1] + sheet.corners[2] + sheet.corners[3]) * 0.25f;
  for (cv::Point2f& corner : sheet.corners) {
    corner = (middle + (corner - middle) * (1 - kInset)) * static_cast<float>(1 / factor);
  }
  const auto& [tl, tr, br, bl] = sheet.corners;
  const double slant = std::max(AngleBetween(tl, tr, bl, br), AngleBetween(tl, bl, tr, br));
  if (slant < kMinSlantDegrees) return std::nullopt;
  sheet.size = cv::Size(static_cast<int>(std::max(Length(tl, tr), Length(bl, br))),
                        static_cast<int>(std::max(Length(tl, bl), Length(tr, br))));
  return sheet;
}

cv::Mat Straighten(const cv::Mat& grey, const SlantedSheet& sheet) {
  const std::array<cv::Point2f, 4> upright = UprightCorners(sheet.size);
  const cv::Mat to_sheet = cv::getPerspectiveTransform(sheet.corners.data(), upright.data());
  cv::Mat out;
  cv::warpPerspective(grey, out, to_sheet, sheet.size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

cv::Matx23d SheetToPhoto(const SlantedSheet& sheet) {
  const std::array<cv::Point2f, 4> upright = UprightCorners(sheet.size);
  // x' = a x + b y + c and y' = d x + e y + f, fitted to the four corners: one column each.
  cv::Mat a(4, 3, CV_64F), photo(4, 2, CV_64F);
  for (int i = 0; i < 4; ++i) {
    a.at<double>(i, 0) = upright[i].x;
    a.at<double>(i, 1) = upright[i].y;
    a.at<double>(i, 2) = 1;
    photo.at<double>(i, 0) = sheet.corners[i].x;
    photo.at<double>(i, 1) = sheet.corners[i].y;
  }
  cv::Mat m;
  cv::solve(a, photo, m, cv::DECOMP_SVD);
  return {m.at<double>(0, 0), m.at<double>(1, 0), m.at<double>(2, 0), m.at<double>(0, 1), m.at<double>(1, 1), m.at<double>(2, 1)};
}

}  // namespace vanban::image
