#!/usr/bin/env bash
# dev.sh: set-up, build and test in one command, on a fresh Debian 12 machine.
#
#   ./dev.sh example   install what is missing, build, clean the bundled
#                      Sputnik France example page and print the article
#   ./dev.sh test      install what is missing, build, run the whole test
#                      suite through ctest (the README's test command)
#   ./dev.sh build     install what is missing and build
#   ./dev.sh sanitize  the whole test suite built with ASan, UBSan and LSan
#                      (tests/sanitize, in build-asan/)
#   ./dev.sh fuzz S    every libFuzzer target for S seconds, under ASan and
#                      UBSan, after replaying the saved crash inputs
#                      (tests/fuzz/run, in build-fuzz/; installs clang)
#   ./dev.sh ci        test, sanitize and fuzz 10: what .ci/run calls
#
# Packages are installed with apt-get only when missing (as root, or through
# sudo); when everything is there, nothing is installed.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ cmake make pkg-config libgumbo-dev libre2-dev libboost-test-dev
          libboost-program-options-dev libuchardet-dev nlohmann-json3-dev zlib1g-dev libbrotli-dev libssl-dev python3)
BUILD_DIR=${PITH_BUILD_DIR:-build}
JOBS=$(nproc 2>/dev/null || echo 2)

FUZZ_PACKAGES=(clang libclang-rt-14-dev)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  install_missing
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS" >/dev/null
}

case "${1:-}" in
  example)
    build
    "$BUILD_DIR/pith" fixtures/sputnik-fr-lavrov-tillerson/page.html
    ;;
  test)
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
    ;;
  build)
    build
    ;;
  sanitize)
    install_missing
    tests/sanitize
    ;;
  fuzz)
    [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "usage: ./dev.sh fuzz SECONDS" >&2; exit 2; }
    install_missing "${FUZZ_PACKAGES[@]}"
    tests/fuzz/run "$2"
    ;;
  ci)
    "$0" test
    "$0" sanitize
    # A fixed seed: the short CI run tries the same inputs every time (the
    # long, random runs are tests/fuzz/run's job).
    PITH_FUZZ_ARGS="-seed=1 ${PITH_FUZZ_ARGS:-}" "$0" fuzz 10
    ;;
  *)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
