# Locates every dependency and prints the versions actually used.
# Debian packages: nlohmann_json, doctest, SQLite, libsodium, OpenSSL, zlib, date/tz + tzdata.
# Debian sid sources (scripts/setup.sh puts them in .deps/): cpp-httplib, Dear ImGui.

set(PD_HTTPLIB_MIN 0.41.0)
set(PD_IMGUI_MIN 1.92.2)

function(pd_read_define file macro out)
  file(STRINGS "${file}" line REGEX "#define ${macro} +\"")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" value "${line}")
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# nlohmann_json: the package's headers. The wasm build gets a private include folder that
# holds only a link to them, so /usr/include never enters the wasm include path.
find_path(PD_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
pd_read_define("${PD_NLOHMANN_DIR}/nlohmann/json.hpp" "NLOHMANN_JSON_VERSION_MAJOR" _unused)
file(STRINGS "${PD_NLOHMANN_DIR}/nlohmann/detail/abi_macros.hpp" _nl REGEX "#define NLOHMANN_JSON_VERSION_(MAJOR|MINOR|PATCH) ")
string(REGEX MATCHALL "[0-9]+" _nlv "${_nl}")
list(JOIN _nlv "." PD_NLOHMANN_VERSION)
if(EMSCRIPTEN)
  set(PD_WASM_INCLUDE "${CMAKE_BINARY_DIR}/wasm-include")
  file(MAKE_DIRECTORY "${PD_WASM_INCLUDE}")
  file(CREATE_LINK "${PD_NLOHMANN_DIR}/nlohmann" "${PD_WASM_INCLUDE}/nlohmann" SYMBOLIC)
  add_library(pd_json INTERFACE)
  target_include_directories(pd_json SYSTEM INTERFACE "${PD_WASM_INCLUDE}")
else()
  add_library(pd_json INTERFACE)
  target_include_directories(pd_json SYSTEM INTERFACE "${PD_NLOHMANN_DIR}")
endif()
message(STATUS "nlohmann_json ${PD_NLOHMANN_VERSION}")

if(EMSCRIPTEN)
  # Dear ImGui from Debian sid sources.
  set(PD_IMGUI_DIR "${PD_DEPS_DIR}/imgui")
  if(NOT EXISTS "${PD_IMGUI_DIR}/imgui.h")
    message(FATAL_ERROR "Dear ImGui sources not found in ${PD_IMGUI_DIR}: run scripts/setup.sh")
  endif()
  pd_read_define("${PD_IMGUI_DIR}/imgui.h" "IMGUI_VERSION " PD_IMGUI_VERSION)
  string(REGEX REPLACE "[a-z]" "" _iv "${PD_IMGUI_VERSION}")
  if(_iv VERSION_LESS PD_IMGUI_MIN)
    message(FATAL_ERROR "Dear ImGui ${PD_IMGUI_VERSION} is older than the minimum ${PD_IMGUI_MIN}")
  endif()
  message(STATUS "Dear ImGui ${PD_IMGUI_VERSION} (${PD_IMGUI_DIR})")
  message(STATUS "Emscripten ${EMSCRIPTEN_VERSION}")
else()
  # cpp-httplib from Debian sid sources, split once into httplib.h + httplib.cc so the large
  # implementation is compiled in one translation unit only.
  set(PD_HTTPLIB_SRC "${PD_DEPS_DIR}/httplib")
  if(NOT EXISTS "${PD_HTTPLIB_SRC}/httplib.h")
    message(FATAL_ERROR "cpp-httplib sources not found in ${PD_HTTPLIB_SRC}: run scripts/setup.sh")
  endif()
  pd_read_define("${PD_HTTPLIB_SRC}/httplib.h" "CPPHTTPLIB_VERSION" PD_HTTPLIB_VERSION)
  if(PD_HTTPLIB_VERSION VERSION_LESS PD_HTTPLIB_MIN)
    message(FATAL_ERROR "cpp-httplib ${PD_HTTPLIB_VERSION} is older than the minimum ${PD_HTTPLIB_MIN}")
  endif()
  set(_split "${CMAKE_BINARY_DIR}/httplib-split")
  if(NOT EXISTS "${_split}/httplib.cc" OR "${PD_HTTPLIB_SRC}/httplib.h" IS_NEWER_THAN "${_split}/httplib.cc")
    find_package(Python3 REQUIRED COMPONENTS Interpreter)
    execute_process(COMMAND "${Python3_EXECUTABLE}" "${PD_HTTPLIB_SRC}/split.py" -o "${_split}"
                    WORKING_DIRECTORY "${PD_HTTPLIB_SRC}" RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "splitting httplib.h failed")
    endif()
  endif()
  find_package(ZLIB REQUIRED)
  find_package(SQLite3 REQUIRED)
  find_package(Threads REQUIRED)
  find_package(doctest REQUIRED)
  # Howard Hinnant's date/tz (Debian: libhowardhinnant-date-dev, built with USE_OS_TZDB), reading
  # the OS time-zone database (Debian: tzdata): the server's time-zone tables for SLA calendars.
  find_package(date CONFIG QUIET)
  if(NOT TARGET date::date-tz)
    message(FATAL_ERROR "date/tz not found: install the Debian package libhowardhinnant-date-dev (scripts/setup.sh does)")
  endif()
  if(NOT EXISTS "/usr/share/zoneinfo/tzdata.zi")
    message(FATAL_ERROR "the time-zone database /usr/share/zoneinfo is missing: install the Debian package tzdata (scripts/setup.sh does)")
  endif()
  file(STRINGS "/usr/share/zoneinfo/tzdata.zi" _tzv LIMIT_COUNT 1 REGEX "^# version ")
  string(REPLACE "# version " "" PD_TZDATA_VERSION "${_tzv}")
  find_library(SODIUM_LIBRARY sodium REQUIRED)
  find_path(SODIUM_INCLUDE_DIR sodium.h REQUIRED)
  file(STRINGS "${SODIUM_INCLUDE_DIR}/sodium/version.h" _sv REGEX "#define SODIUM_VERSION_STRING")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" PD_SODIUM_VERSION "${_sv}")

  add_library(pd_httplib STATIC "${_split}/httplib.cc")
  target_include_directories(pd_httplib SYSTEM PUBLIC "${_split}")
  # Limits are set per server in server/app; these compile-time ones bound what the library
  # itself accepts before our handlers see a request.
  # zlib: gzip request bodies are inflated with the library's bound on the inflated size
  # (a compressed body past --max-body-bytes gets 413), and text responses are compressed.
  # The header limits here are the library's backstop (400); the server answers 431 below
  # them (server/http/request_guard.cpp).
  target_compile_definitions(pd_httplib PUBLIC
    CPPHTTPLIB_ZLIB_SUPPORT
    CPPHTTPLIB_HEADER_MAX_LENGTH=16384
    CPPHTTPLIB_HEADER_MAX_COUNT=128
    CPPHTTPLIB_REQUEST_URI_MAX_LENGTH=4096
    CPPHTTPLIB_THREAD_POOL_COUNT=16
    CPPHTTPLIB_KEEPALIVE_MAX_COUNT=100
    CPPHTTPLIB_LISTEN_BACKLOG=1024)
  target_link_libraries(pd_httplib PUBLIC ZLIB::ZLIB Threads::Threads)
  target_compile_options(pd_httplib PRIVATE -w)

  add_library(pd_sodium INTERFACE)
  target_include_directories(pd_sodium SYSTEM INTERFACE "${SODIUM_INCLUDE_DIR}")
  target_link_libraries(pd_sodium INTERFACE "${SODIUM_LIBRARY}")

  message(STATUS "cpp-httplib ${PD_HTTPLIB_VERSION} (${PD_HTTPLIB_SRC})")
  message(STATUS "SQLite ${SQLite3_VERSION}, libsodium ${PD_SODIUM_VERSION}, zlib ${ZLIB_VERSION_STRING}, doctest ${doctest_VERSION}")
  message(STATUS "date/tz ${date_VERSION}, tzdata ${PD_TZDATA_VERSION}")
endif()

# Warnings: errors on native builds (third-party code is compiled without them).
function(pd_warnings target)
  if(NOT EMSCRIPTEN)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
      -Wno-sign-conversion -Werror)
    # GCC 12 reports false positives inside libstdc++'s std::string at -O2/-O3
    # (GCC bug 105329): keep them visible but not fatal.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-error=restrict -Wno-error=stringop-overflow -Wno-error=array-bounds)
    endif()
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra)
  endif()
endfunction()

# The versions actually used, for scripts/build.sh to print on every build.
if(EMSCRIPTEN)
  file(WRITE "${CMAKE_BINARY_DIR}/versions.txt" "Emscripten ${EMSCRIPTEN_VERSION}, Dear ImGui ${PD_IMGUI_VERSION}, nlohmann_json ${PD_NLOHMANN_VERSION}\n")
else()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(PD_CXX_NAME clang)
  else()
    set(PD_CXX_NAME g++)
  endif()
  file(WRITE "${CMAKE_BINARY_DIR}/versions.txt" "${PD_CXX_NAME} ${CMAKE_CXX_COMPILER_VERSION}, cpp-httplib ${PD_HTTPLIB_VERSION}, SQLite ${SQLite3_VERSION}, libsodium ${PD_SODIUM_VERSION}, zlib ${ZLIB_VERSION_STRING}, doctest ${doctest_VERSION}, nlohmann_json ${PD_NLOHMANN_VERSION}, date/tz ${date_VERSION}, tzdata ${PD_TZDATA_VERSION}\n")
endif()
