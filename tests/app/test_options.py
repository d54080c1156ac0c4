"""One set of rules turns the command line (and the GUI's saved preferences, and the demo) into
node options, for both front ends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest

from toxgui.app.options import NetworkPrefs, client_options, parse_args

KEY = "AB" * 32


class FakeDemo:
    bootstrap: ClassVar = [("127.0.0.1", 40001, bytes(range(32)))]


def test_headless_and_desktop_read_the_command_line_alike() -> None:
    argv = ["--profile", "p.tox", "--port", "33999", "--no-lan", f"--bootstrap=198.18.1.3:33445:{KEY}"]
    gui = client_options(parse_args(argv), NetworkPrefs())
    headless = client_options(parse_args(["--headless", *argv]))
    assert gui == headless
    assert headless.port == 33999 and not headless.lan_discovery and headless.ipv6
    assert headless.bootstrap == [("198.18.1.3", 33445, bytes.fromhex(KEY))]
    assert not headless.use_public_nodes


def test_demo_is_loopback_ipv4_without_lan_discovery() -> None:
    for argv in (["--demo"], ["--headless", "--profile", "p.tox", "--demo"]):
        o = client_options(parse_args(argv), NetworkPrefs(ipv6=True, lan_discovery=True), FakeDemo())  # type: ignore[arg-type]
        assert o.bind_host == "127.0.0.1" and not o.ipv6 and not o.lan_discovery
        assert o.bootstrap == FakeDemo.bootstrap and not o.use_public_nodes


@pytest.mark.parametrize(("bind", "ipv6"), [("127.0.0.1", False), ("::1", True), (None, True)])
def test_a_node_bound_to_ipv4_speaks_ipv4(bind: str | None, ipv6: bool) -> None:
    argv = ["--headless", "--profile", "p.tox"] + (["--bind", bind] if bind else [])
    assert client_options(parse_args(argv)).ipv6 is ipv6


def test_command_line_wins_over_saved_preferences(tmp_path: Path) -> None:
    nodes = tmp_path / "nodes.json"
    nodes.write_text(json.dumps({"nodes": [{"ipv4": "198.18.9.9", "ipv6": "-", "port": 33445,
                                            "public_key": KEY, "status_udp": True}]}))
    prefs = NetworkPrefs(port=34000, ipv6=False, lan_discovery=False, bootstrap_file=str(nodes))
    saved = client_options(parse_args([]), prefs)
    assert saved.port == 34000 and not saved.ipv6 and not saved.lan_discovery
    assert saved.bootstrap == [("198.18.9.9", 33445, bytes.fromhex(KEY))]
    given = client_options(parse_args(["--port", "35000", f"--bootstrap=198.18.1.1:1:{KEY}"]), prefs)
    assert given.port == 35000 and given.bootstrap == [("198.18.1.1", 1, bytes.fromhex(KEY))]


def test_unreadable_bootstrap_file_means_public_nodes(tmp_path: Path) -> None:
    bad = tmp_path / "nodes.json"
    bad.write_text("{not json")
    o = client_options(parse_args([]), NetworkPrefs(bootstrap_file=str(bad)))
    assert o.bootstrap == [] and o.use_public_nodes


def test_bad_bootstrap_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        parse_args(["--bootstrap", "nonsense"])
    assert e.value.code == 2 and "HOST:PORT:64-HEX-KEY" in capsys.readouterr().err


def test_relays_udp_and_proxies_from_the_command_line_and_the_settings() -> None:
    base = ["--headless", "--profile", "p.tox"]
    o = client_options(parse_args([*base, f"--tcp-relay=127.0.0.3:443:{KEY}", f"--tcp-relay=[::1]:3389:{KEY}",
                                   "--tcp-relay-port", "0", "--no-udp"]))
    assert o.tcp_relays == [("127.0.0.3", 443, bytes.fromhex(KEY)), ("::1", 3389, bytes.fromhex(KEY))]
    assert o.tcp_relay_port == 0 and not o.udp and o.proxy is None
    o = client_options(parse_args([*base, "--proxy", "socks5://127.0.0.1:1080"]))
    assert o.udp and o.proxy is not None and str(o.proxy) == "socks5://127.0.0.1:1080"
    # the settings page's "Use UDP" box and proxy field; the command line wins
    o = client_options(parse_args(["--profile", "p.tox"]), NetworkPrefs(udp=False, proxy="http://[::1]:8080"))
    assert not o.udp and o.proxy is not None and (o.proxy.kind, o.proxy.host, o.proxy.port) == ("http", "::1", 8080)
    o = client_options(parse_args(["--profile", "p.tox", "--proxy", "socks5://127.0.0.2:9050"]),
                       NetworkPrefs(proxy="http://[::1]:8080"))
    assert o.proxy is not None and o.proxy.host == "127.0.0.2"
    assert client_options(parse_args(["--profile", "p.tox"]), NetworkPrefs(proxy="nonsense")).proxy is None
    # the demo network is plain UDP on loopback whatever the settings say
    o = client_options(parse_args(["--demo"]), NetworkPrefs(udp=False, proxy="socks5://h:1"), FakeDemo())  # type: ignore[arg-type]
    assert o.udp and o.proxy is None


@pytest.mark.parametrize("argv", [["--proxy", "socks4://h:1"], ["--tcp-relay", "h:1:nothex"],
                                  ["--tcp-relay-port", "70000"]])
def test_bad_relay_and_proxy_arguments_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--headless", "--profile", "p.tox", *argv])
    assert "error" in capsys.readouterr().err
