"""TCP relays: the wire protocol (protocol.py) and a relay server (server.py), sans-I/O."""
