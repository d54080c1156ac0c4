"""The wheel is the product: built, installed into a fresh virtual environment outside the
source tree, and run from another folder, it has everything it reads at run time."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.headless_proc import HeadlessProc
from toxgui import __version__
from toxgui.core.toxid import ToxId

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(venv, an empty working folder, environment) with toxgui installed from its wheel only.

    Dependencies (PySide6 is large) come from the test environment's site-packages through a
    plain .pth line, which adds that folder but not the .pth files inside it (so an editable
    install of the source tree stays invisible); toxgui itself comes only from the wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist, venv, elsewhere = tmp / "dist", tmp / "venv", tmp / "elsewhere"
    elsewhere.mkdir()
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist, ROOT, cwd=tmp)
    (wheel,) = dist.glob("toxgui-*.whl")
    assert wheel.name == f"toxgui-{__version__}-py3-none-any.whl"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    py = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp)
    purelib = Path(_run(py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp).strip())
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (purelib / "_toxgui_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    # PYTHONPATH empty rather than absent: HeadlessProc layers this over os.environ.
    env.update(PYTHONPATH="", HOME=str(tmp / "home"), XDG_RUNTIME_DIR=str(tmp), TOXGUI_NO_PUBLIC_BOOTSTRAP="1",
               PATH=f"{venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}")
    return venv, elsewhere, env


def test_installed_package_comes_from_the_wheel_and_carries_its_data(installed) -> None:
    venv, elsewhere, env = installed
    probe = r"""
import json, sys, toxgui
from importlib import resources
from toxgui import i18n
from toxgui.net import bootstrap
root = resources.files("toxgui")
print(json.dumps({
    "file": toxgui.__file__, "path": sys.path,
    "nodes": len(bootstrap.bundled_nodes()),
    "qm": sorted(p.name for p in (root / "translations").iterdir() if p.name.endswith(".qm")),
    "languages": i18n.available_languages(),
    "linux": sorted(p.name for p in (root / "resources" / "linux").iterdir()),
}))
"""
    info = json.loads(_run(venv / "bin" / "python", "-c", probe, cwd=elsewhere, env=env))
    assert Path(info["file"]).resolve().is_relative_to(venv.resolve())
    # The dependencies' site-packages may sit inside the source tree (.venv); what matters is
    # that no folder on the path but the wheel's own can provide the package.
    providers = [p for p in info["path"] if (Path(p or elsewhere) / "toxgui" / "__init__.py").exists()]
    assert [Path(p).resolve() for p in providers] == [Path(info["file"]).resolve().parents[1]], info["path"]
    assert ROOT not in [Path(p or elsewhere).resolve() for p in info["path"]], info["path"]
    assert info["nodes"] >= 10
    shipped = sorted(p.stem.split("_", 1)[1] for p in (ROOT / "toxgui" / "translations").glob("toxgui_*.ts"))
    assert info["qm"] == [f"toxgui_{lang}.qm" for lang in shipped]
    assert info["languages"] == shipped
    assert {"io.github.toxgui.ToxGui.desktop", "io.github.toxgui.ToxGui.metainfo.xml", "icons"} <= set(info["linux"])


def test_installed_scripts_version_and_help(installed) -> None:
    venv, elsewhere, env = installed
    assert _run(venv / "bin" / "toxgui", "--version", cwd=elsewhere, env=env).strip() == f"toxgui {__version__}"
    assert "--headless" in _run(venv / "bin" / "toxgui", "--help", cwd=elsewhere, env=env)
    assert "--install-desktop" in _run(venv / "bin" / "toxgui-headless", "--help", cwd=elsewhere, env=env)


def test_installed_headless_demo_reaches_echo(installed) -> None:
    venv, elsewhere, env = installed
    p = HeadlessProc(elsewhere / "me.tox", "--demo", command=[str(venv / "bin" / "toxgui")], env=env, cwd=elsewhere)
    try:
        ready = p.wait_event("ready", timeout=30)
        assert ready["profile"] == str(elsewhere / "me.tox")
        demo = p.wait_event("demo", timeout=10)
        echo = ToxId.parse(demo["echo_tox_id"]).public_key.hex().upper()
        p.send(command="add_friend", tox_id=demo["echo_tox_id"], message="hi echo")
        p.wait_event(lambda e: e["event"] == "friend_connection" and e["public_key"] == echo and e["status"] == "udp",
                     timeout=90)
        p.send(command="quit")
        p.wait_event("quit", timeout=20)
        assert p.wait_exit() == 0
    finally:
        p.stop()
