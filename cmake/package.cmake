# Debian packages with CPack: configure with -DCMAKE_INSTALL_PREFIX=/usr,
# build, then `cpack -G DEB` (scripts/package-deb.sh does all of it):
#   libnlp0      runtime: libnlp.so.0 (and its shlibs file)
#   libnlp-dev   header, libnlp.so link, nlp.pc, CMake package
#   nlp-tools    the nlp command and its man page
# Depends are derived by dpkg-shlibdeps from the binaries, never typed.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME libnlp)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(NLP_DEB_MAINTAINER "libnlp maintainers <maintainers@libnlp.example.org>" CACHE STRING
  "Maintainer field of the Debian packages (a placeholder until the project names one)")
set(CPACK_PACKAGE_CONTACT "${NLP_DEB_MAINTAINER}")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev tools)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://libnlp.invalid/")
# dpkg-shlibdeps finds libnlp.so.0 (used by nlp-tools) in the staging area.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
  ${CMAKE_BINARY_DIR}/_CPack_Packages/Linux/DEB/libnlp-${PROJECT_VERSION}-Linux/runtime/usr/${CMAKE_INSTALL_LIBDIR})

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libnlp0)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# ldconfig through dpkg's trigger, as Debian policy 8.1.1 asks.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/triggers)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libnlp-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME nlp-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)

set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "BERT NER and T5 toxicity models from Hugging Face checkpoints
 libnlp runs and fine-tunes BERT token classifiers (named-entity
 recognition) and T5 text-to-text classifiers (toxicity) from Hugging Face
 checkpoint directories, with a stable C ABI. This package holds the shared
 library.")
set(CPACK_COMPONENT_DEV_DESCRIPTION "BERT NER and T5 toxicity models - development files
 The header <nlp/nlp.h>, the libnlp.so link, the pkg-config file nlp.pc and
 the CMake package (find_package(nlp CONFIG), target nlp::nlp).")
set(CPACK_COMPONENT_TOOLS_DESCRIPTION "BERT NER and T5 toxicity models - the nlp command
 nlp runs NER and toxicity models on text and files, tokenizes, scores tag
 files as seqeval does, and fine-tunes and evaluates models.")

# Each package's /usr/share/doc/<package>: copyright, and a Debian
# changelog pointing at CHANGELOG.md (dated by SOURCE_DATE_EPOCH when set).
string(TIMESTAMP NLP_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
find_program(NLP_GZIP gzip)
foreach(comp runtime dev tools)
  string(TOUPPER ${comp} COMP)
  set(pkg ${CPACK_DEBIAN_${COMP}_PACKAGE_NAME})
  set(docdir ${CMAKE_INSTALL_DATAROOTDIR}/doc/${pkg})
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright
    DESTINATION ${docdir} COMPONENT ${comp} EXCLUDE_FROM_ALL)
  set(log ${PROJECT_BINARY_DIR}/deb/${pkg}/changelog.Debian)
  file(WRITE ${log} "libnlp (${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}) unstable; urgency=medium

  * Built with CPack from the upstream tree; the changes are in
    CHANGELOG.md of the source.

 -- ${NLP_DEB_MAINTAINER}  ${NLP_DEB_DATE}
")
  if(NLP_GZIP)
    execute_process(COMMAND ${NLP_GZIP} -n -9 -f ${log})
    install(FILES ${log}.gz DESTINATION ${docdir} COMPONENT ${comp} EXCLUDE_FROM_ALL)
  endif()
endforeach()

include(CPack)
cpack_add_component(runtime DISPLAY_NAME "libnlp0")
cpack_add_component(dev DISPLAY_NAME "libnlp-dev" DEPENDS runtime)
cpack_add_component(tools DISPLAY_NAME "nlp-tools" DEPENDS runtime)
