// Where the installed data of vanban lives (models/, dictionaries/, schema/, review/): one answer
// for the engine and for `vanban review`, so that both read the same install.
#ifndef VANBAN_PIPELINE_ENGINE_DATA_DIR_H_
#define VANBAN_PIPELINE_ENGINE_DATA_DIR_H_

#include <string>

namespace vanban {

// The first of: `configured`, $VANBAN_DATA_DIR, share/vanban beside the library (an install),
// the source tree (a development build), the configured install folder.
std::string ResolveDataDir(const std::string& configured);

}  // namespace vanban

#endif  // VANBAN_PIPELINE_ENGINE_DATA_DIR_H_
