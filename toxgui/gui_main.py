"""The desktop app's composition root: QApplication + qasync loop, profile, ToxClient, window.

Everything runs on the Qt main thread on the qasync loop; only key derivation (creating or
unlocking an encrypted profile) goes to the default executor.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
from argparse import Namespace
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")
import qasync
from PySide6.QtWidgets import QApplication

from toxgui.client import ClientOptions, ToxClient
from toxgui.gui_backend import ClientBackend
from toxgui.store.paths import app_dirs
from toxgui.store.profile import Profile

log = logging.getLogger(__name__)


def run_gui_app(args: Namespace) -> int:
    from toxgui.ui import pyside_guard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    pyside_guard.install(app)  # a no-op unless this PySide6 build leaks references to None
    app.setApplicationName("toxgui")
    app.setOrganizationName("toxgui")
    app.setDesktopFileName("toxgui")
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(amain(app, args))


def _bootstrap_entries(args: Namespace, settings: Any) -> list[tuple[str, int, bytes]]:
    entries = list(getattr(args, "bootstrap_nodes", []))
    path = getattr(settings, "bootstrap_nodes", "") or ""
    if not entries and path:
        from toxgui.net.bootstrap import load_nodes

        try:
            for n in load_nodes(path):
                if n.ipv4:
                    entries.append((n.ipv4, n.port, n.public_key))
        except (OSError, ValueError) as e:
            log.warning("bootstrap nodes file %s: %s", path, e)
    return entries


def _new_profile_path(args: Namespace) -> Path | None:
    """`--profile PATH` names the profile itself: when nothing is there yet, "Create" writes PATH
    (not NAME.tox beside it)."""
    if args.profile and not os.path.exists(args.profile):
        return Path(args.profile)
    return None


async def amain(app: QApplication, args: Namespace) -> int:
    from toxgui.ui.app_gui import run_gui

    demo = None
    tmp: tempfile.TemporaryDirectory[str] | None = None
    dirs = app_dirs()
    profile_dirs = [dirs.profiles]
    uri = getattr(args, "uri", None)
    if args.demo:
        from toxgui.demo import DemoNetwork

        demo = DemoNetwork()
        await demo.start()
        if not args.profile:
            # A throwaway profile folder: the demo never touches the user's real profiles.
            tmp = tempfile.TemporaryDirectory(prefix="toxgui-demo-profile-")
            profile_dirs = [Path(tmp.name)]
        uri = uri or f"tox:{demo.echo_tox_id}"
    new_profile_path = _new_profile_path(args)
    if args.profile:
        profile_dirs = [Path(args.profile).parent, *profile_dirs]

    def create_profile(path: Path, name: str, password: str | None) -> Profile:
        return Profile.create(path, name=name, password=password)

    def load_profile(path: Path, password: str | None) -> Profile:
        return Profile.load(path, password=password)

    async def backend_factory(opened: Any, settings: Any) -> ClientBackend:
        profile: Profile = opened.data
        bootstrap = _bootstrap_entries(args, settings)
        loopback = demo is not None or args.bind is not None
        if demo is not None:
            bootstrap += demo.bootstrap
        options = ClientOptions(
            port=args.port or (settings.port or None),
            bind_host=args.bind or ("127.0.0.1" if demo is not None else None),
            ipv6=False if (args.no_ipv6 or loopback) else bool(settings.ipv6),
            lan_discovery=False if (args.no_lan or demo is not None) else bool(settings.lan_discovery),
            bootstrap=bootstrap,
            use_public_nodes=not bootstrap and demo is None,
        )
        client = ToxClient(profile, options)
        await client.start()
        return ClientBackend(client)

    try:
        return await run_gui(
            app,
            backend_factory,
            profile_dirs=profile_dirs,
            create_profile=create_profile,
            load_profile=load_profile,
            config_dir=dirs.config,
            uri=uri,
            new_profile_path=new_profile_path,
        )
    finally:
        if demo is not None:
            await demo.stop()
        if tmp is not None:
            tmp.cleanup()
