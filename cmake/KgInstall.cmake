# `cmake --install build [--prefix P]`: the kgbuild command, the static libraries with their
# headers, the trained models and a CMake package, so another project can write
#   find_package(kgbuild REQUIRED)
#   target_link_libraries(app PRIVATE kgbuild::kgbuild)   # <kgbuild/kgbuild.h>
# Layout under the prefix:
#   bin/kgbuild
#   include/kgbuild/kgbuild.h                   the facade (kgbuild::kgbuild)
#   include/kgbuild/{extract/{text,nlp,kg},graph,export,cli}/
#                                               the internals, for kgbuild::extract (its three
#                                               rooms: ::extract_text, ::extract_nlp,
#                                               ::extract_kg), ::graph, ::export and ::cli
#                                               ("graph/filter.h", "extract/kg/pipeline.h")
#   lib/libkgbuild.a, lib/libkg_*.a
#   lib/cmake/kgbuild/                          kgbuildConfig.cmake, version file, targets
#   share/kgbuild/models/                       en-*.bin and their README (data, licences)
# Everything is relocatable: the package and the installed programs find the models
# relative to where they are (see KG_MODELS_FROM_BINDIR and KGBUILD_PACKAGE_MODELS_DIR).
include(CMakePackageConfigHelpers)

set(kg_config_dir "${CMAKE_INSTALL_LIBDIR}/cmake/kgbuild")
set(kg_internal_libraries kg_extract_text kg_extract_nlp kg_extract_kg kg_graph kg_export kg_cli)

foreach(library IN LISTS kg_internal_libraries)
  string(REPLACE "kg_" "" export_name "${library}")
  set_target_properties(${library} PROPERTIES EXPORT_NAME "${export_name}")
  get_target_property(headers ${library} KG_HEADERS)
  get_target_property(folder ${library} KG_FOLDER)
  install(FILES ${headers} DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kgbuild/${folder}")
endforeach()
# kgbuild::extract: the three rooms of extract/ together.
set_target_properties(kg_extract PROPERTIES EXPORT_NAME extract)
install(TARGETS ${kg_internal_libraries} kg_extract EXPORT kgbuildTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kgbuild")
install(TARGETS kg_library EXPORT kgbuildTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(FILES kgbuild/kgbuild.h DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/kgbuild")
install(TARGETS kgbuild RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The Dask driver (docs/SCALING.md): runs the installed kgbuild on a Dask cluster.
install(PROGRAMS tools/kgbuild-dask DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES models/en-tagger.bin models/en-parser.bin models/en-ner.bin models/en-clusters.bin models/en-relations.bin
              models/README.md
        DESTINATION "${KG_INSTALL_MODELSDIR}")

install(EXPORT kgbuildTargets NAMESPACE kgbuild:: DESTINATION "${kg_config_dir}")
configure_package_config_file(cmake/kgbuildConfig.cmake.in "${PROJECT_BINARY_DIR}/kgbuildConfig.cmake"
                              INSTALL_DESTINATION "${kg_config_dir}"
                              PATH_VARS KG_INSTALL_MODELSDIR)
# 0.x: a minor release may change the interface.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/kgbuildConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/kgbuildConfig.cmake" "${PROJECT_BINARY_DIR}/kgbuildConfigVersion.cmake"
        DESTINATION "${kg_config_dir}")
