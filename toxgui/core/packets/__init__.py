"""Packet codecs, one module per family.  Decoders raise only ProtocolError; each registers
itself (`decoder`) so the fuzz tests can throw junk at every one of them."""

from toxgui.core.packets._registry import DECODERS, decoder, register_decoder
from toxgui.core.packets.kinds import PacketKind

__all__ = ["DECODERS", "PacketKind", "decoder", "register_decoder"]
