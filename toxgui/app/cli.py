"""The entry points: `toxgui` (the desktop app), `toxgui --headless` (JSON lines),
`toxgui --install-desktop`."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Sequence

from toxgui.app.options import parse_args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Imported here: the headless mode never loads Qt, the desktop mode never the headless reader.
    if args.install_desktop:
        from toxgui.desktop import install_desktop

        for path in install_desktop():
            print(f"installed {path}")
        return 0
    if args.headless:
        from toxgui.app.headless import run_headless

        return asyncio.run(run_headless(args))
    from toxgui.app.gui import run_gui_app

    return run_gui_app(args)


def main_headless() -> int:
    return main(["--headless", *sys.argv[1:]])
