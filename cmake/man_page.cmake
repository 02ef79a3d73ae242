# Writes vanban.1 from the CLI's own help (help2man), so the man page never disagrees with
# `vanban --help`: the top-level help, then each subcommand's help verbatim, then the sections
# of MAN_EXTRA (exit status, environment, examples).
# cmake -DVANBAN=path/to/vanban -DMAN_EXTRA=vanban.h2m -DOUTPUT=vanban.1 -P man_page.cmake
set(ENV{LC_ALL} C.UTF-8)  # the help holds UTF-8 (→, Vietnamese examples)
set(ENV{ASAN_OPTIONS} detect_leaks=0)  # a sanitized build: the help, not a leak report
set(include_file "${OUTPUT}.h2m")
file(READ "${MAN_EXTRA}" extra)
set(sections "")
foreach(command ocr restore extract serve export review)
  execute_process(COMMAND "${VANBAN}" ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "vanban ${command} --help failed")
  endif()
  # roff: a leading dot or quote would be a request, a backslash an escape.
  string(REPLACE "${VANBAN}" "vanban" help "${help}")
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND sections ".SS \"vanban ${command}\"\n.nf\n${help}.fi\n")
endforeach()
file(WRITE "${include_file}" "[>DESCRIPTION]\n${sections}\n${extra}")
execute_process(
  COMMAND help2man --no-info --no-discard-stderr --locale C.UTF-8 --include "${include_file}"
          --name "scanned Vietnamese administrative documents to correct text and fields"
          --output "${OUTPUT}" "${VANBAN}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed")
endif()
