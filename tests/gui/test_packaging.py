"""Linux desktop integration files (.desktop entry, AppStream metainfo, icon) and the release
notes: CHANGELOG.md, the metainfo's releases and `toxgui.__version__` tell the same story."""

from __future__ import annotations

import configparser
import datetime
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import toxgui
from toxgui.ui.icons import APP_ICON_SVG

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "toxgui" / "resources" / "linux"
CHANGELOG = ROOT / "CHANGELOG.md"
APP_ID = "io.github.toxgui.ToxGui"
RELEASE_HEADING = re.compile(r"## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?")
# Keep a Changelog's kinds of change
CHANGE_KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def require_tool(name: str) -> str:
    """The tool's path; without it the test is skipped, or fails in CI (which installs it)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed (CI installs it)")
        pytest.skip(f"{name} not installed")
    return found


def test_desktop_entry_handles_tox_links() -> None:
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    entry = cp["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == APP_ID
    assert entry["Exec"] == "toxgui %u"
    assert "x-scheme-handler/tox" in entry["MimeType"].split(";")
    assert {"Network", "InstantMessaging", "Chat"} <= set(entry["Categories"].split(";"))
    subprocess.run([require_tool("desktop-file-validate"), str(LINUX / f"{APP_ID}.desktop")], check=True, timeout=60)


def test_metainfo_matches_desktop_entry() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("provides/mediatype").text == "x-scheme-handler/tox"  # type: ignore[union-attr]
    appstreamcli = require_tool("appstreamcli")
    subprocess.run([appstreamcli, "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")], check=True, timeout=60)


def test_icon_file_is_the_builtin_icon() -> None:
    assert (LINUX / "icons" / f"{APP_ID}.svg").read_text(encoding="utf-8") == APP_ICON_SVG


def changelog_releases() -> list[tuple[str, str]]:
    """(version, date) of every release in CHANGELOG.md, newest first, checking the layout:
    an Unreleased section first, then dated releases with Keep a Changelog's kinds of change."""
    headings = []
    for line in CHANGELOG.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            m = RELEASE_HEADING.fullmatch(line.rstrip())
            assert m, f"CHANGELOG.md: not a release heading: {line!r}"
            headings.append((m["version"], m["date"]))
        elif line.startswith("### "):
            assert line[4:].strip() in CHANGE_KINDS, f"CHANGELOG.md: not a kind of change: {line!r}"
    assert headings and headings[0] == ("Unreleased", None), "CHANGELOG.md starts with ## [Unreleased]"
    released = headings[1:]
    for version, date in released:
        assert date is not None, f"CHANGELOG.md: release {version} has no date"
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"CHANGELOG.md: {version} is not MAJOR.MINOR.PATCH"
        datetime.date.fromisoformat(date)
    return [(v, d) for v, d in released if d is not None]


def test_changelog_metainfo_and_version_agree() -> None:
    released = changelog_releases()
    assert released, "CHANGELOG.md lists no release"
    versions = [tuple(int(x) for x in v.split(".")) for v, _ in released]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions), "newest first"
    dates = [d for _, d in released]
    assert dates == sorted(dates, reverse=True), "release dates newest first"
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    meta = [(r.get("version"), r.get("date")) for r in root.findall("releases/release")]
    assert meta == released, "the metainfo's <releases> must list the changelog's releases, in its order"
    assert released[0][0] == toxgui.__version__, "the newest release is the package version"
