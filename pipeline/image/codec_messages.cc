#include "pipeline/image/codec_messages.h"

#include <dlfcn.h>

#include <cstdarg>
#include <cstdio>  // before jpeglib.h, which needs FILE and size_t
#include <string>

#include <jpeglib.h>
#include <png.h>
#include <tiffio.h>

namespace vanban::image {
namespace {

// Bounded: a file can warn once per scan line.
constexpr size_t kMaxCaught = 512;

thread_local std::string caught;

void Catch(const char* codec, const char* message) {
  if (caught.size() >= kMaxCaught) return;
  if (!caught.empty()) caught += "; ";
  caught += std::string(codec) + ": " + message;
  if (caught.size() > kMaxCaught) caught.resize(kMaxCaught);
}

void CatchTiff(thandle_t, const char*, const char* format, va_list args) {
  char message[256];
  std::vsnprintf(message, sizeof message, format, args);
  Catch("libtiff", message);
}

[[noreturn]] void CatchPngError(png_structp png, png_const_charp message) {
  Catch("libpng", message);
  png_longjmp(png, 1);  // what libpng's default handler does after printing
}

void CatchPngWarning(png_structp, png_const_charp message) { Catch("libpng", message); }

void CatchJpegMessage(j_common_ptr cinfo) {
  char message[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, message);
  Catch("libjpeg", message);
}

// The library's own definition of `name`, found past libvanban's.
template <typename Function>
Function Next(const char* name) {
  return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

}  // namespace

// The extended handlers: Leptonica sets the plain ones to null each time it opens a TIFF, which
// silenced libtiff's messages but also dropped them from vanban's error.
void CatchCodecMessages() {
  TIFFSetErrorHandlerExt(CatchTiff);
  TIFFSetWarningHandlerExt(CatchTiff);
}

std::string TakeCodecMessages() {
  std::string messages;
  messages.swap(caught);
  return messages;
}

}  // namespace vanban::image

// The interposers (see the header). Exported so that they come before the codecs' own in the
// symbol lookup of Leptonica, which libvanban loads.
extern "C" {

__attribute__((visibility("default"))) png_structp png_create_read_struct(png_const_charp version, png_voidp error_ptr,
                                                                           png_error_ptr error_fn, png_error_ptr warn_fn) {
  using Create = png_structp (*)(png_const_charp, png_voidp, png_error_ptr, png_error_ptr);
  static const Create create = vanban::image::Next<Create>("png_create_read_struct");
  if (create == nullptr) return nullptr;
  return create(version, error_ptr, error_fn != nullptr ? error_fn : vanban::image::CatchPngError,
                warn_fn != nullptr ? warn_fn : vanban::image::CatchPngWarning);
}

__attribute__((visibility("default"))) struct jpeg_error_mgr* jpeg_std_error(struct jpeg_error_mgr* err) {
  using StdError = struct jpeg_error_mgr* (*)(struct jpeg_error_mgr*);
  static const StdError std_error = vanban::image::Next<StdError>("jpeg_std_error");
  std_error(err);
  err->output_message = vanban::image::CatchJpegMessage;
  return err;
}

}  // extern "C"
