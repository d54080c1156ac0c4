#!/bin/sh
# Runs the test suite (or, with --bench, the benchmarks). As root, everything runs inside a
# private network namespace that holds only `lo`, so neither toxgui nor c-toxcore can reach or
# be reached from any other network; c-toxcore binds every interface and has no bind option.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QT_API=pyside6
export TOXGUI_NO_PUBLIC_BOOTSTRAP=1
py="$here/.venv/bin/python"
if [ "${1:-}" = "--bench" ]; then
    shift
    # Bytecode compiled once, as an installed package has it (pip compiles at install): without
    # it every process started compiles toxgui again, about 80 ms and 2 MB more than a user sees.
    "$py" -m compileall -q toxgui >/dev/null
    set -- "$py" -m bench "$@"
elif [ "${1:-}" = "--soak" ]; then
    shift
    set -- "$py" -m bench.soak "$@"
elif [ "${1:-}" = "--onion-loss" ]; then
    shift
    set -- "$py" -m bench.onion_loss "$@"
elif [ "${1:-}" = "--chat-beside" ]; then
    shift
    set -- "$py" -m bench.chat_beside "$@"
elif [ "${1:-}" = "--lossy-files" ]; then
    shift
    set -- "$py" -m bench.lossy_files "$@"
else
    set -- "$py" -m pytest "$@"
fi
if [ "$(id -u)" = "0" ] && command -v unshare >/dev/null 2>&1 && [ -z "${TOXGUI_IN_NETNS:-}" ]; then
    export TOXGUI_IN_NETNS=1
    exec unshare -n -- sh -c 'ip link set lo up && exec "$@"' sh "$@"
fi
exec "$@"
