"""What a headless process keeps out of memory: no Qt, no OpenSSL (neither asyncio's `ssl` nor
hashlib's libcrypto), no urllib.request/http/email, each several MB resident, nor shutil and its
compression modules (0.7 MB); and a later `import ssl` still gets the real module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NOT_LOADED = ("ssl", "_ssl", "_hashlib", "hashlib", "hmac", "urllib.request", "http.client", "email",
              "importlib.resources", "concurrent.futures.thread", "platformdirs", "PySide6", "qasync",
              "toxgui.app.demo", "toxgui.app.gui", "toxgui.ui", "toxgui.models",
              # argparse's help formatter and tempfile would bring shutil and with it zlib, bz2 and
              # lzma (the first run below writes a new profile)
              "tempfile", "random", "shutil", "zlib", "bz2", "lzma", "unicodedata", "base64", "nacl.encoding",
              "toxgui.net.tcp_relay", "toxgui.core.tcp.server")

SCRIPT = """
import json, sys
from toxgui.app.cli import main
rc = main(sys.argv[2:])
loaded = sorted(m for m in json.loads(sys.argv[1]) if sys.modules.get(m) is not None)
import asyncio.base_events, asyncio.sslproto
asyncio_tls = asyncio.base_events.ssl is not None or asyncio.sslproto.ssl is not None
import ssl, urllib.request
ssl.create_default_context()
out = {"rc": rc, "loaded": loaded, "asyncio_tls": asyncio_tls, "https": hasattr(urllib.request, "HTTPSHandler")}
print("RESULT " + json.dumps(out), file=sys.stderr)
"""


def _run(tmp_path: Path, *args: str) -> dict[str, object]:
    cmd = [sys.executable, "-c", SCRIPT, json.dumps(NOT_LOADED), *args]
    env = {**os.environ, "TOXGUI_NO_PUBLIC_BOOTSTRAP": "1"}
    done = subprocess.run(cmd, input='{"command": "quit"}\n', capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("RESULT ")]
    assert lines, done.stderr
    result: dict[str, object] = json.loads(lines[-1][len("RESULT "):])
    events = [json.loads(ln)["event"] for ln in done.stdout.splitlines()]
    assert "ready" in events, done.stdout
    return result


def test_headless_run_loads_no_openssl_no_qt_no_http(tmp_path: Path) -> None:
    profile = tmp_path / "lean.tox"
    common = ("--bind", "127.0.0.1", "--no-lan", "--no-ipv6")
    for _ in range(2):  # a new profile, then the existing one
        r = _run(tmp_path, "--headless", "--profile", str(profile), *common)
        assert r["rc"] == 0
        assert r["loaded"] == [], f"the headless process loaded {r['loaded']}"
        # asyncio went without TLS (toxgui never asks it for any), while a later `import ssl`
        # (urllib's https download of the public nodes list) got the real module
        assert r["asyncio_tls"] is False
        assert r["https"] is True


def test_tls_is_left_alone_when_ssl_or_asyncio_is_already_loaded() -> None:
    code = ("import ssl, sys; from toxgui.app.cli import import_asyncio_without_tls as f; f(); "
            "import asyncio.base_events as b; print(b.ssl is ssl)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "True", done.stderr
