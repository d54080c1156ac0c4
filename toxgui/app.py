"""Command line and composition root: `toxgui` (GUI), `toxgui --headless` (JSON lines)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from toxgui import __version__
from toxgui.client import CommandError, parse_bootstrap


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toxgui", description="A desktop Tox messenger.")
    p.add_argument("--version", action="version", version=f"toxgui {__version__}")
    p.add_argument("--headless", action="store_true", help="no window: JSON lines on stdin/stdout")
    p.add_argument("--profile", help="path of the .tox profile (created if missing)")
    p.add_argument("--password-env", metavar="VAR", help="read the profile password from this variable")
    p.add_argument(
        "--bootstrap", action="append", default=[], metavar="HOST:PORT:DHTKEY", help="bootstrap node"
    )
    p.add_argument("--port", type=int, help="UDP port (default: first free in 33445-33545)")
    p.add_argument("--bind", metavar="HOST", help="address to bind (default: all interfaces)")
    p.add_argument("--no-lan", action="store_true", help="disable LAN discovery")
    p.add_argument("--no-ipv6", action="store_true", help="IPv4 only")
    p.add_argument("--demo", action="store_true", help="run a built-in loopback demo network")
    p.add_argument(
        "--install-desktop", action="store_true",
        help="install the menu entry, icon and tox: link handler for this user, then exit",
    )
    p.add_argument("--debug", action="store_true", help="verbose logging on stderr")
    p.add_argument("uri", nargs="?", help="a tox: URI to open in the add-friend dialog")
    return p


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = build_parser()
    args = p.parse_args(argv)
    try:
        args.bootstrap_nodes = [parse_bootstrap(b) for b in args.bootstrap]
    except CommandError as e:
        p.error(str(e))
    if args.headless and not args.profile:
        p.error("--headless needs --profile PATH")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.install_desktop:
        from toxgui.desktop import install_desktop

        for path in install_desktop():
            print(f"installed {path}")
        return 0
    if args.headless:
        from toxgui.headless import run_headless

        return asyncio.run(run_headless(args))
    from toxgui.gui_main import run_gui_app

    return run_gui_app(args)


def main_headless() -> int:
    return main(["--headless", *sys.argv[1:]])
