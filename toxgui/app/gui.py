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

from toxgui.app.demo import DemoNetwork
from toxgui.app.gui_backend import ClientBackend
from toxgui.app.options import NetworkPrefs, client_options, demo_state_dir
from toxgui.app.service import ToxClient
from toxgui.store.paths import app_dirs
from toxgui.store.profile import Profile
from toxgui.ui import pyside_guard
from toxgui.ui.app_gui import run_gui

log = logging.getLogger(__name__)


def run_gui_app(args: Namespace) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    pyside_guard.install(app)  # a no-op unless this PySide6 build leaks references to None
    app.setApplicationName("toxgui")
    app.setOrganizationName("toxgui")
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(amain(app, args))


def _new_profile_path(args: Namespace) -> Path | None:
    """`--profile PATH` names the profile itself: when nothing is there yet, "Create" writes PATH
    (not NAME.tox beside it)."""
    if args.profile and not os.path.exists(args.profile):
        return Path(args.profile)
    return None


async def amain(app: QApplication, args: Namespace) -> int:
    demo = None
    tmp: tempfile.TemporaryDirectory[str] | None = None
    dirs = app_dirs()
    profile_dirs = [dirs.profiles]
    uri = args.uri
    if args.demo:
        demo = DemoNetwork(state_dir=demo_state_dir(args))
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
        prefs = NetworkPrefs(
            port=settings.port or None, ipv6=bool(settings.ipv6), lan_discovery=bool(settings.lan_discovery),
            bootstrap_file=settings.bootstrap_nodes or "", udp=bool(settings.udp),
            proxy=str(getattr(settings, "proxy", "") or ""),
        )
        options = client_options(args, prefs, demo)
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
            profile=Path(args.profile) if args.profile else None,
        )
    finally:
        if demo is not None:
            await demo.stop()
        if tmp is not None:
            tmp.cleanup()
