file(REMOVE_RECURSE
  "CMakeFiles/pith.dir/src/blocks/blocks.cc.o"
  "CMakeFiles/pith.dir/src/blocks/blocks.cc.o.d"
  "CMakeFiles/pith.dir/src/decode/decode.cc.o"
  "CMakeFiles/pith.dir/src/decode/decode.cc.o.d"
  "CMakeFiles/pith.dir/src/extract/extract.cc.o"
  "CMakeFiles/pith.dir/src/extract/extract.cc.o.d"
  "CMakeFiles/pith.dir/src/filter/filter.cc.o"
  "CMakeFiles/pith.dir/src/filter/filter.cc.o.d"
  "CMakeFiles/pith.dir/src/filter/script.cc.o"
  "CMakeFiles/pith.dir/src/filter/script.cc.o.d"
  "CMakeFiles/pith.dir/src/parse/dom.cc.o"
  "CMakeFiles/pith.dir/src/parse/dom.cc.o.d"
  "CMakeFiles/pith.dir/src/parse/guard.cc.o"
  "CMakeFiles/pith.dir/src/parse/guard.cc.o.d"
  "CMakeFiles/pith.dir/src/pipeline/clean.cc.o"
  "CMakeFiles/pith.dir/src/pipeline/clean.cc.o.d"
  "CMakeFiles/pith.dir/src/render/text.cc.o"
  "CMakeFiles/pith.dir/src/render/text.cc.o.d"
  "CMakeFiles/pith.dir/src/rules/apply.cc.o"
  "CMakeFiles/pith.dir/src/rules/apply.cc.o.d"
  "CMakeFiles/pith.dir/src/rules/rulebook.cc.o"
  "CMakeFiles/pith.dir/src/rules/rulebook.cc.o.d"
  "CMakeFiles/pith.dir/src/rules/rulefile.cc.o"
  "CMakeFiles/pith.dir/src/rules/rulefile.cc.o.d"
  "CMakeFiles/pith.dir/src/rules/selector.cc.o"
  "CMakeFiles/pith.dir/src/rules/selector.cc.o.d"
  "libpith.a"
  "libpith.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/pith.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
