"""Linux desktop integration files: .desktop entry, AppStream metainfo, icon."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from toxgui.ui.icons import APP_ICON_SVG

LINUX = Path(__file__).resolve().parents[2] / "toxgui" / "resources" / "linux"
APP_ID = "io.github.toxgui.ToxGui"


def test_desktop_entry_handles_tox_links() -> None:
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    entry = cp["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == APP_ID
    assert entry["Exec"] == "toxgui %u"
    assert "x-scheme-handler/tox" in entry["MimeType"].split(";")
    assert {"Network", "InstantMessaging", "Chat"} <= set(entry["Categories"].split(";"))
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")], check=True)


def test_metainfo_matches_desktop_entry() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("provides/mediatype").text == "x-scheme-handler/tox"  # type: ignore[union-attr]
    if not shutil.which("appstreamcli"):
        pytest.skip("appstreamcli not installed")
    subprocess.run(["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")], check=True)


def test_icon_file_is_the_builtin_icon() -> None:
    assert (LINUX / "icons" / f"{APP_ID}.svg").read_text(encoding="utf-8") == APP_ICON_SVG
