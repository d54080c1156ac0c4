"""Running the desktop UI: profile chooser, backend, session, main window, orderly shutdown.

`toxgui.app.gui` (the composition root) creates the QApplication and the qasync loop and awaits
`run_gui`. Everything here happens on the Qt main thread; only key derivation runs in the
default executor.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from toxgui.i18n import install_translators
from toxgui.models.backend import Backend
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.ui import icons, pyside_guard
from toxgui.ui.dialogs.profile_chooser import CreateProfile, LoadProfile, OpenedProfile, ProfileChooser
from toxgui.ui.main_window import MainWindow
from toxgui.ui.single_instance import SingleInstance
from toxgui.ui.style import apply_style

log = logging.getLogger(__name__)

BackendFactory = Callable[[OpenedProfile, AppSettings], "Backend | Awaitable[Backend]"]


async def _maybe_await(value: Any) -> Any:
    if inspect.isawaitable(value):
        return await value
    return value


def _delete_now(*objects: QObject) -> None:
    """Delete Qt objects now, on this thread, rather than at interpreter exit or from a garbage
    collection on another thread (both have crashed PySide6 here)."""
    for obj in objects:
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def _absolute(path: Path | None) -> str | None:
    return os.path.abspath(path) if path is not None else None


async def close_backend(backend: object) -> None:
    """Call the backend's optional `aclose()` (awaited) or `close()`."""
    for name in ("aclose", "close"):
        fn = getattr(backend, name, None)
        if callable(fn):
            try:
                await _maybe_await(fn())
            except Exception:
                log.exception("closing the backend failed")
            return


async def run_gui(
    app: QApplication,
    backend_factory: BackendFactory,
    *,
    profile_dirs: Sequence[Path],
    create_profile: CreateProfile,
    load_profile: LoadProfile,
    config_dir: Path,
    uri: str | None = None,
    on_window: Callable[[MainWindow], None] | None = None,
    new_profile_path: Path | None = None,
    profile: Path | None = None,
    single_instance: bool = True,
) -> int:
    """Show the profile chooser, start the backend, run the main window until quit.

    - `backend_factory(opened, settings)` returns a Backend (or an awaitable of one) for the
      chosen profile; `opened.data` is what `create_profile`/`load_profile` returned.
    - `create_profile(path, name, password_or_None)` and `load_profile(path, password_or_None)`
      are slow (key derivation) and run in the default executor; they raise on failure (a
      wrong password) with a message that is shown to the user as is.
    - `profile_dirs`: folders listed for existing *.tox profiles; new ones go in the first.
    - `uri`: a tox: link to open in the add-friend dialog once the window shows.
    - `on_window(window)`: called with the main window (e.g. to forward later tox: links to
      `window.open_tox_uri`).
    - `profile`: the profile the user asked for (`--profile`), told to a running toxgui when
      handing over; `new_profile_path` when not given.
    - `single_instance`: one window per `config_dir` (`toxgui.ui.single_instance`). When a
      toxgui already runs with this config folder, it gets `uri` (its window comes to the
      front) and this returns 0 at once, before any profile is opened; otherwise, once the main
      window shows, later starts hand over to it.

    Returns 0 after the user quits (or handed over), 1 when the chooser was closed without a
    profile. The history database is closed and the backend's optional `aclose()`/`close()`
    awaited before returning.
    """
    pyside_guard.install(app)  # no-op unless this PySide6 leaks references to None
    app.setQuitOnLastWindowClosed(False)
    instance = SingleInstance(config_dir) if single_instance else None
    try:
        if instance is not None and await instance.hand_over(uri, _absolute(profile or new_profile_path)):
            return 0  # the running toxgui has the link; no profile was opened here
        return await _run_profile(
            app, backend_factory, profile_dirs=profile_dirs, create_profile=create_profile,
            load_profile=load_profile, config_dir=config_dir, uri=uri, on_window=on_window,
            new_profile_path=new_profile_path, instance=instance,
        )
    finally:
        if instance is not None:
            instance.close()
            _delete_now(instance)


async def _run_profile(
    app: QApplication,
    backend_factory: BackendFactory,
    *,
    profile_dirs: Sequence[Path],
    create_profile: CreateProfile,
    load_profile: LoadProfile,
    config_dir: Path,
    uri: str | None,
    on_window: Callable[[MainWindow], None] | None,
    new_profile_path: Path | None,
    instance: SingleInstance | None,
) -> int:
    """`run_gui` from the profile chooser on; after "Switch profile" the chooser comes back."""
    settings = AppSettings(config_dir)
    apply_style(app, settings.theme)
    app.setWindowIcon(icons.app_icon())
    app.setDesktopFileName("io.github.toxgui.ToxGui")
    install_translators(app, settings.language or None)
    while True:
        chooser = ProfileChooser(profile_dirs, create_profile, load_profile, new_profile_path=new_profile_path)
        opened = await chooser.run()
        _delete_now(chooser)
        if opened is None:
            return 1
        switch = await _run_session(app, backend_factory, opened, settings, uri=uri, on_window=on_window,
                                    instance=instance)
        if not switch:
            return 0
        uri, new_profile_path = None, None  # a link or --profile PATH was for the first profile only
        log.info("profile closed; back to the profile chooser")


async def _run_session(
    app: QApplication,
    backend_factory: BackendFactory,
    opened: OpenedProfile,
    settings: AppSettings,
    *,
    uri: str | None,
    on_window: Callable[[MainWindow], None] | None,
    instance: SingleInstance | None,
) -> bool:
    """One open profile, until the user quits (False) or switches profile (True). The history
    is closed and the backend closed before this returns."""
    backend: Backend | None = None
    try:
        backend = await _maybe_await(backend_factory(opened, settings))
        assert backend is not None
        session = Session(backend, opened.history)
        window = MainWindow(session, settings)
        quitting = asyncio.Event()
        switching: list[bool] = []
        window.quit_requested.connect(quitting.set)
        window.logout_requested.connect(lambda: switching.append(True))
        app.aboutToQuit.connect(quitting.set)
        window.show()
        if instance is not None:
            instance.listen(window)
        if on_window is not None:
            on_window(window)
        if uri:
            window.open_tox_uri(uri)
        await quitting.wait()
        app.aboutToQuit.disconnect(quitting.set)
        if instance is not None:
            if switching:
                instance.window = None  # later starts wait for the next window (none while choosing)
            else:
                instance.close()  # no hand-over reaches a window on its way out
        window.hide()
        session.close()
        _delete_now(window, session)
        return bool(switching)
    finally:
        opened.history.close()  # idempotent
        if backend is not None:
            await close_backend(backend)
