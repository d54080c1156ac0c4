"""The error types of the core.

`ProtocolError` is what a peer can make the core raise: every decoder raises it (and nothing
else) for malformed input, and so does every key agreement with a key libsodium refuses.
Receivers catch it, count the datagram as dropped under the packet kind and the error's fixed
`code` (never its message, which may carry sizes a peer chooses), and carry on.
"""


class ProtocolError(ValueError):
    """Malformed or unusable input from a peer.  `code` is a fixed string to count it by (the
    message may name sizes; the code never does)."""

    code = "malformed"

    def __init__(self, message: str = "", code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class LowOrderKey(ProtocolError):
    """A public key that libsodium refuses for key agreement (all zeros or another point of small
    order): no shared key exists, so nothing from or to this key can be decrypted or sent."""

    code = "low-order key"

    def __init__(self) -> None:
        super().__init__("a public key of small order (no shared key)")


class NotAFriend(KeyError):
    """A command named a public key that is not in the friend list."""

    def __init__(self) -> None:
        super().__init__("not a friend")

    def __str__(self) -> str:
        return "not a friend"
