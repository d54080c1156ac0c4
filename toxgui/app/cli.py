"""The entry points: `toxgui` (the desktop app), `toxgui --headless` (JSON lines),
`toxgui --install-desktop`."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Any

from toxgui.app.options import parse_args


def import_asyncio_without_tls() -> None:
    """Import asyncio without the `ssl` module, when neither is imported yet.

    asyncio imports `ssl` at import time (base_events, selector_events, sslproto: `try: import ssl
    except ImportError: ssl = None`), which maps OpenSSL's libssl and libcrypto: about 4.5 MB
    resident that a headless node never uses.  Toxgui never asks asyncio for TLS: Tox encrypts
    everything itself, TCP relays speak the Tox handshake over plain TCP, proxies are SOCKS5 or
    HTTP CONNECT.  So while asyncio is imported, `ssl` is marked missing (the documented meaning
    of None in sys.modules), as on a Python built without OpenSSL, a configuration asyncio
    supports: TLS calls (`ssl=` on connections and servers, `start_tls`) raise RuntimeError, and
    nothing else changes.  The mark is taken away at once, so a later `import ssl` (urllib's
    https download of the public node list) gets the real module; only asyncio keeps going
    without it."""
    if "asyncio" in sys.modules or "ssl" in sys.modules:
        return
    modules: dict[str, Any] = sys.modules  # typeshed's type leaves out None, "known missing"
    modules["ssl"] = None
    try:
        import asyncio  # noqa: F401
    finally:
        if "ssl" in modules and modules["ssl"] is None:
            del modules["ssl"]


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
        import_asyncio_without_tls()
        import asyncio

        from toxgui.app.headless import run_headless

        return asyncio.run(run_headless(args))
    from toxgui.app.gui import run_gui_app

    return run_gui_app(args)


def main_headless() -> int:
    return main(["--headless", *sys.argv[1:]])
