// VANBAN_EXPORT marks the symbols of the public API; everything else in libvanban is hidden.
#ifndef VANBAN_EXPORT_H_
#define VANBAN_EXPORT_H_
#if defined(VANBAN_BUILDING_LIBRARY)
#define VANBAN_EXPORT __attribute__((visibility("default")))
#else
#define VANBAN_EXPORT
#endif
#endif  // VANBAN_EXPORT_H_
