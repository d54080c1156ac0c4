"""The command line and what it means for a node, in one place for both front ends.

`toxgui` (the desktop app) and `toxgui --headless` take the same options; `client_options`
turns them, the GUI's saved network preferences and the demo network into the service's
`ClientOptions` by one set of rules.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from toxgui import __version__
from toxgui.app.errors import CommandError
from toxgui.core.record import record
from toxgui.net.proxy import ProxySpec

if TYPE_CHECKING:
    from toxgui.app.demo import DemoNetwork
    from toxgui.app.service import ClientOptions

# Parsing the command line imports neither the service nor the demo (nor, through them, asyncio):
# the headless front end imports asyncio itself, without TLS (see toxgui.app.cli).

log = logging.getLogger(__name__)

Entry = tuple[str, int, bytes]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, but it learns the terminal's width without `shutil` (which brings zlib, bz2
    and lzma, 0.7 MB resident in a headless process that never prints help): the same rule as
    shutil.get_terminal_size, $COLUMNS first, then the terminal, then 80 columns."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0"))
        except ValueError:
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
            except (AttributeError, ValueError, OSError):
                columns = 0
        super().__init__(prog, width=max((columns or 80) - 2, 11))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toxgui", description="A desktop Tox messenger.",
                                formatter_class=_HelpFormatter)
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
    p.add_argument("--no-udp", action="store_true",
                   help="no UDP at all: reach friends and the onion through TCP relays only (give --tcp-relay)")
    p.add_argument("--proxy", metavar="URL",
                   help="socks5://HOST:PORT or http://HOST:PORT: every TCP relay connection through this proxy "
                        "(turns UDP off; host names are resolved by the proxy)")
    p.add_argument("--tcp-relay", action="append", default=[], metavar="HOST:PORT:KEY",
                   help="a TCP relay to connect to (repeatable); its key is its DHT key")
    p.add_argument("--tcp-relay-port", type=int, metavar="N",
                   help="also run a TCP relay on this port for other Tox clients (0: any free port)")
    p.add_argument("--download-dir", metavar="PATH",
                   help="where accepted files are saved (default: the desktop's downloads folder)")
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
        args.tcp_relay_nodes = [parse_bootstrap(b, "TCP relay") for b in args.tcp_relay]
        args.proxy_spec = ProxySpec.parse(args.proxy) if args.proxy else None
    except (CommandError, ValueError) as e:
        p.error(str(e))
    if args.headless and not args.profile:
        p.error("--headless needs --profile PATH")
    if args.tcp_relay_port is not None and not 0 <= args.tcp_relay_port < 65536:
        p.error("--tcp-relay-port: a port number 0..65535")
    return args


def parse_bootstrap(text: str, what: str = "bootstrap node") -> Entry:
    """`HOST:PORT:DHTKEY` (IPv6 hosts in brackets: `[::1]:33445:KEY`)."""
    try:
        if text.startswith("["):
            host, rest = text[1:].split("]:", 1)
            port_s, key_s = rest.split(":", 1)
        else:
            host, port_s, key_s = text.rsplit(":", 2)
        port = int(port_s)
        key = bytes.fromhex(key_s)
    except ValueError as e:
        raise CommandError(f"{what} {text!r}: expected HOST:PORT:64-HEX-KEY") from e
    if len(key) != 32 or not 0 < port < 65536:
        raise CommandError(f"{what} {text!r}: expected HOST:PORT:64-HEX-KEY")
    return host, port, key


@record(frozen=True)
class NetworkPrefs:
    """The user's saved network preferences (the GUI's settings; headless has none)."""

    port: int | None = None
    ipv6: bool = True
    lan_discovery: bool = True
    bootstrap_file: str = ""  # a nodes JSON file to bootstrap from when no --bootstrap is given
    udp: bool = True  # the "Use UDP" box: off means TCP relays only
    proxy: str = ""  # socks5://HOST:PORT or http://HOST:PORT, or empty


def demo_state_dir(args: argparse.Namespace) -> Path | None:
    """With `--demo --profile PATH`, the demo keeps Echo beside the profile (`.toxgui-demo/`), so
    the same Echo is the same friend every run; without a profile the demo is throwaway."""
    return Path(args.profile).parent / ".toxgui-demo" if args.demo and args.profile else None


def bootstrap_file_entries(path: str) -> list[Entry]:
    """The IPv4 entries of a bootstrap nodes file; none (logged) when it cannot be read."""
    from toxgui.net.bootstrap import load_nodes

    try:
        return [(n.ipv4, n.port, n.public_key) for n in load_nodes(path) if n.ipv4]
    except (OSError, ValueError) as e:
        log.warning("bootstrap nodes file %s: %s", path, e)
        return []


def _prefs_proxy(text: str) -> ProxySpec | None:
    if not text.strip():
        return None
    try:
        return ProxySpec.parse(text.strip())
    except ValueError as e:
        log.warning("the saved proxy setting is not used: %s", e)
        return None


def _default_download_dir() -> Path:
    """The user's Downloads folder (platformdirs, imported only when a file first needs it)."""
    from toxgui.store.paths import download_dir

    return download_dir()


def client_options(
    args: argparse.Namespace, prefs: NetworkPrefs | None = None, demo: DemoNetwork | None = None
) -> ClientOptions:
    """What a node started with these arguments does on the network.

    Command-line options win over saved preferences.  The demo network is loopback only: bound to
    127.0.0.1, IPv4, no LAN discovery, bootstrapping from the demo's nodes.  A node bound to an
    IPv4 address speaks IPv4 only.  With no bootstrap node at all, front ends use the public list
    (which TOXGUI_NO_PUBLIC_BOOTSTRAP=1 forbids)."""
    from toxgui.app.service import ClientOptions
    from toxgui.net.runtime import is_v6

    prefs = prefs or NetworkPrefs()
    bootstrap = list(args.bootstrap_nodes)
    if not bootstrap and prefs.bootstrap_file:
        bootstrap = bootstrap_file_entries(prefs.bootstrap_file)
    bind = args.bind
    if demo is not None:
        from toxgui.app.demo import LOOPBACK

        bootstrap += demo.bootstrap
        bind = bind or LOOPBACK
    return ClientOptions(
        port=args.port or prefs.port or None,
        bind_host=bind,
        ipv6=not args.no_ipv6 and prefs.ipv6 and demo is None and (bind is None or is_v6(bind)),
        lan_discovery=not args.no_lan and prefs.lan_discovery and demo is None,
        bootstrap=bootstrap,
        use_public_nodes=not bootstrap and demo is None,
        download_dir=Path(args.download_dir) if args.download_dir else _default_download_dir,
        tcp_relay_port=getattr(args, "tcp_relay_port", None),
        tcp_relays=list(getattr(args, "tcp_relay_nodes", [])),
        udp=not getattr(args, "no_udp", False) and (prefs.udp or demo is not None),
        proxy=getattr(args, "proxy_spec", None) or (_prefs_proxy(prefs.proxy) if demo is None else None),
    )
