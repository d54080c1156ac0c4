"""The one error type a decoder may raise."""


class ProtocolError(ValueError):
    """Raised by every decoder for any malformed input, and by nothing else.

    A peer can never make a decoder raise anything but this: receivers catch it, count the
    datagram as dropped and carry on.
    """
