file(REMOVE_RECURSE
  "CMakeFiles/pith_cli.dir/src/cli/inputs.cc.o"
  "CMakeFiles/pith_cli.dir/src/cli/inputs.cc.o.d"
  "CMakeFiles/pith_cli.dir/src/cli/main.cc.o"
  "CMakeFiles/pith_cli.dir/src/cli/main.cc.o.d"
  "pith"
  "pith.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/pith_cli.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
