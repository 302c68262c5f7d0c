#!/usr/bin/env bash
# extract/ is three rooms whose dependencies point one way only: kg -> nlp -> text and
# kg -> text (extract/CMakeLists.txt). The link order catches a lower library calling a
# higher one; this catches an #include that reaches up, or out to graph/, export/, cli/ or
# kgbuild/, before it turns into such a call. Tests next to their units obey it too.
#   tests/extract_rooms_test.sh SOURCE_DIR
set -u
src=${1:?usage: extract_rooms_test.sh SOURCE_DIR}
status=0
check() {  # room, then the include prefixes it must not use
  local room=$1; shift
  local files=("$src/extract/$room"/*.h "$src/extract/$room"/*.cpp)
  [[ -e ${files[0]} ]] || { echo "extract/$room: no sources found" >&2; status=1; return; }
  for prefix in "$@"; do
    if hits=$(grep -Hn "^#include \"$prefix" "${files[@]}"); then
      echo "extract/$room must not include $prefix*:" >&2
      echo "${hits//$src\//}" >&2
      status=1
    fi
  done
}
check text extract/nlp/ extract/kg/ graph/ export/ cli/ kgbuild/
check nlp extract/kg/ graph/ export/ cli/ kgbuild/
check kg graph/ export/ cli/ kgbuild/
# Every header and source of extract/ sits in one of the three rooms.
if stray=$(find "$src/extract" -maxdepth 1 -name '*.h' -o -maxdepth 1 -name '*.cpp' | grep .); then
  echo "files outside the rooms of extract/: $stray" >&2
  status=1
fi
((status == 0)) && echo "extract rooms: text, nlp, kg include only downwards"
exit $status
