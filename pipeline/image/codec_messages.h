// Codec messages — what libpng, libjpeg and libtiff say about a damaged file, caught instead of
// printed. Leptonica decodes through them with their default handlers, which write their own
// lines ("libpng error: Read Error", "Premature end of JPEG file") to stderr before vanban's
// one-line error; caught, a message becomes part of that line instead.
//
// libtiff takes handlers through its API (the extended ones: Leptonica resets the others);
// libpng's and libjpeg's defaults are installed by the libraries Leptonica calls
// (png_create_read_struct, jpeg_std_error), so libvanban defines those two functions itself:
// each calls the library's own and only replaces the handlers the caller left to the default
// (whose printing it drops); error handling (longjmp) is unchanged.
//
// Thread-safety: messages are kept per thread; CatchCodecMessages may be called from any
// thread, any number of times.
#ifndef VANBAN_PIPELINE_IMAGE_CODEC_MESSAGES_H_
#define VANBAN_PIPELINE_IMAGE_CODEC_MESSAGES_H_

#include <string>

namespace vanban::image {

// Installs libtiff's handlers (libpng's and libjpeg's need no call).
void CatchCodecMessages();

// The codec messages caught on this thread since the last call ("libpng: Read Error"),
// joined by "; ", and forgets them.
std::string TakeCodecMessages();

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_CODEC_MESSAGES_H_
