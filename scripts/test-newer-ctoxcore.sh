#!/bin/sh
# The interop suite a second time, against c-toxcore 0.2.23 (the newest release) built from the
# source in ../shared/vendor, since users' friends run whatever their distribution ships.  The slow
# scenarios run once, against Debian's 0.2.18, in the main run.  Arguments go to pytest.
#
# Without the vendored source or the build tools (cmake, a C compiler, pkg-config, libsodium-dev)
# this says so and succeeds, unless TOXGUI_REQUIRE_NEWER_CTOXCORE=1 (CI sets it).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
vendor="$here/../shared/vendor/build-ctoxcore.sh"
out="$here/build/ctoxcore-0.2.23"
lib="$out/lib/libtoxcore.so.2"
missing=""
[ -f "$vendor" ] || missing="$missing ../shared/vendor/build-ctoxcore.sh"
for tool in cmake cc pkg-config; do command -v $tool >/dev/null 2>&1 || missing="$missing $tool"; done
pkg-config --exists libsodium 2>/dev/null || missing="$missing libsodium-dev"
if [ ! -f "$lib" ] && [ -n "$missing" ]; then
    echo "c-toxcore 0.2.23 interop run skipped: missing$missing"
    [ "${TOXGUI_REQUIRE_NEWER_CTOXCORE:-}" = "1" ] && exit 1
    exit 0
fi
if [ ! -f "$lib" ]; then
    sh "$vendor" "$out"
fi
echo "c-toxcore 0.2.23 interop run: $lib"
TOXGUI_LIBTOXCORE="$lib" TOXGUI_CTOXCORE_VERSION=0.2.23 \
    sh scripts/run-tests.sh tests/interop -m "interop and not slow" -p no:cacheprovider "$@"
