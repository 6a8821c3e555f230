# Install: library, header, pkg-config file and a CMake package giving the
# imported target nlp::nlp.
include(CMakePackageConfigHelpers)

# A prefix the dynamic linker does not search (anything but /usr) gets a
# runpath: the installed nlp command finds its library through
# $ORIGIN/../<libdir>, and the pkg-config file adds -Wl,-rpath,<libdir> so
# programs built against the prefix start without LD_LIBRARY_PATH. Distro
# packages (prefix /usr) get neither, as Debian policy wants.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(NLP_INSTALL_RPATH_DEFAULT OFF)
else()
  set(NLP_INSTALL_RPATH_DEFAULT ON)
endif()
option(NLP_INSTALL_RPATH "Installed nlp and pkg-config consumers carry a runpath to the libdir"
  ${NLP_INSTALL_RPATH_DEFAULT})
if(NLP_INSTALL_RPATH)
  set(NLP_PC_RPATH " -Wl,-rpath,\${libdir}")
  if(TARGET nlp_cli)
    set_target_properties(nlp_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
  endif()
else()
  set(NLP_PC_RPATH "")
endif()

# Components: runtime (libnlp.so.0), dev (header, .so link, pkg-config,
# CMake package), tools (the nlp command): the Debian packages libnlp0,
# libnlp-dev and nlp-tools (cmake/package.cmake).
install(TARGETS nlp EXPORT nlpTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
if(NLP_INSTALL_STATIC)
  install(TARGETS nlp_static ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/include/nlp/nlp.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nlp COMPONENT dev)

install(EXPORT nlpTargets NAMESPACE nlp::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nlp COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/nlpConfig.cmake.in
  ${PROJECT_BINARY_DIR}/nlpConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nlp)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/nlpConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/nlpConfig.cmake
  ${PROJECT_BINARY_DIR}/nlpConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/nlp COMPONENT dev)

# The .pc file finds the prefix from its own place, so a package installed
# with --prefix or DESTDIR stays correct.
file(RELATIVE_PATH NLP_PC_TO_PREFIX "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
configure_file(${PROJECT_SOURCE_DIR}/pkgconfig/nlp.pc.in
  ${PROJECT_BINARY_DIR}/nlp.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/nlp.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)
