# kg_add_library(NAME) builds one static library from the folder's *.cpp files,
# leaving out the unit tests (*_test.cpp), which tests/ collects into kg_tests.
# The folder's headers (minus test helpers) and its path from the source root
# ("extract/text") are recorded in the KG_HEADERS and KG_FOLDER properties for
# cmake/KgInstall.cmake. Include paths are relative to the source root ("graph/filter.h");
# the installed package gives the same paths under include/kgbuild (KgInstall.cmake).
function(kg_add_library name)
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp")
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  list(FILTER sources EXCLUDE REGEX "/main\\.cpp$")
  file(GLOB headers CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.h")
  list(FILTER headers EXCLUDE REGEX "/test_[^/]*\\.h$")
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>")
  # Warnings are for this build only; users of the installed libraries get the language level.
  target_link_libraries(${name} PUBLIC "$<BUILD_INTERFACE:kg_warnings>")
  target_compile_features(${name} PUBLIC cxx_std_20)
  file(RELATIVE_PATH folder "${PROJECT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}")
  set_target_properties(${name} PROPERTIES KG_HEADERS "${headers}" KG_FOLDER "${folder}")
endfunction()
