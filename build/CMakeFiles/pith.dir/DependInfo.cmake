
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/blocks/blocks.cc" "CMakeFiles/pith.dir/src/blocks/blocks.cc.o" "gcc" "CMakeFiles/pith.dir/src/blocks/blocks.cc.o.d"
  "/work/main/src/decode/decode.cc" "CMakeFiles/pith.dir/src/decode/decode.cc.o" "gcc" "CMakeFiles/pith.dir/src/decode/decode.cc.o.d"
  "/work/main/src/extract/extract.cc" "CMakeFiles/pith.dir/src/extract/extract.cc.o" "gcc" "CMakeFiles/pith.dir/src/extract/extract.cc.o.d"
  "/work/main/src/filter/filter.cc" "CMakeFiles/pith.dir/src/filter/filter.cc.o" "gcc" "CMakeFiles/pith.dir/src/filter/filter.cc.o.d"
  "/work/main/src/filter/script.cc" "CMakeFiles/pith.dir/src/filter/script.cc.o" "gcc" "CMakeFiles/pith.dir/src/filter/script.cc.o.d"
  "/work/main/src/parse/dom.cc" "CMakeFiles/pith.dir/src/parse/dom.cc.o" "gcc" "CMakeFiles/pith.dir/src/parse/dom.cc.o.d"
  "/work/main/src/parse/guard.cc" "CMakeFiles/pith.dir/src/parse/guard.cc.o" "gcc" "CMakeFiles/pith.dir/src/parse/guard.cc.o.d"
  "/work/main/src/pipeline/clean.cc" "CMakeFiles/pith.dir/src/pipeline/clean.cc.o" "gcc" "CMakeFiles/pith.dir/src/pipeline/clean.cc.o.d"
  "/work/main/src/render/text.cc" "CMakeFiles/pith.dir/src/render/text.cc.o" "gcc" "CMakeFiles/pith.dir/src/render/text.cc.o.d"
  "/work/main/src/rules/apply.cc" "CMakeFiles/pith.dir/src/rules/apply.cc.o" "gcc" "CMakeFiles/pith.dir/src/rules/apply.cc.o.d"
  "/work/main/src/rules/rulebook.cc" "CMakeFiles/pith.dir/src/rules/rulebook.cc.o" "gcc" "CMakeFiles/pith.dir/src/rules/rulebook.cc.o.d"
  "/work/main/src/rules/rulefile.cc" "CMakeFiles/pith.dir/src/rules/rulefile.cc.o" "gcc" "CMakeFiles/pith.dir/src/rules/rulefile.cc.o.d"
  "/work/main/src/rules/selector.cc" "CMakeFiles/pith.dir/src/rules/selector.cc.o" "gcc" "CMakeFiles/pith.dir/src/rules/selector.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
