// Confined paths — a file that a request names, resolved and checked to lie inside a folder, for
// the servers that read and write files on a caller's behalf (vanban serve --root, vanban review).
//
// Thread-safety: pure functions over the file system.
#ifndef VANBAN_PIPELINE_OUTPUT_CONFINED_PATH_H_
#define VANBAN_PIPELINE_OUTPUT_CONFINED_PATH_H_

#include <string>

namespace vanban::output {

// realpath(3): the absolute path with every symlink and ".." resolved; empty when it names
// nothing.
std::string RealPath(const std::string& path);

// RealPath(path) when that lies inside `real_root` (a resolved folder); empty when it lies
// outside or names nothing.
std::string RealPathInside(const std::string& real_root, const std::string& path);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_CONFINED_PATH_H_
