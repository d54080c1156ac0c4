"""Attach the session layers (net_crypto, friend_connection, messenger) to a ToxNode.

After `attach(node)`: `node.net_crypto`, `node.friend_connection`, `node.messenger`; the node's
friend list (`node.friends`, made here if the onion wiring did not make one) is shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toxgui.core.friend_connection import FriendConnections
from toxgui.core.friends import FriendList
from toxgui.core.messenger import Messenger
from toxgui.core.net_crypto.layer import NetCrypto

if TYPE_CHECKING:
    from toxgui.core.node import ToxNode


def attach(node: ToxNode) -> None:
    friends = getattr(node, "friends", None)
    if friends is None:
        friends = FriendList(node.ctx)
        node.friends = friends
    nc = NetCrypto(node.ctx)
    node.register(NetCrypto.KINDS, nc.handle)
    node.add_layer(nc)
    fc = FriendConnections(node.ctx, friends, nc, getattr(node, "dht", None))
    node.add_layer(fc)
    node.net_crypto = nc  # type: ignore[attr-defined]
    node.friend_connection = fc  # type: ignore[attr-defined]
    node.messenger = Messenger(node.ctx, friends, fc)  # type: ignore[attr-defined]
    requests = getattr(node, "friend_requests", None)
    handler = getattr(requests, "_on_request", None)
    if handler is not None:
        # A friend request over an existing session (id 18) reads like one through the onion.
        fc.hooks.friend_request = lambda pk, nospam, msg, now: handler(pk, b"\x20" + nospam + msg, now)
