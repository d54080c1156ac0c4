"""Packet codecs, one module per family.  Decoders raise only ProtocolError."""

from toxgui.core.packets._registry import DECODERS, decoder, register_decoder
from toxgui.core.packets.kinds import PacketKind

__all__ = ["DECODERS", "PacketKind", "all_decoders", "decoder", "register_decoder"]


def all_decoders() -> dict[str, object]:
    """Import every packet module (each registers its decoders) and return the registry."""
    import importlib
    import pkgutil

    import toxgui.core.packets as pkg

    for m in pkgutil.iter_modules(pkg.__path__):
        if not m.name.startswith("_"):
            importlib.import_module(f"{pkg.__name__}.{m.name}")
    # Decoders outside this package (the profile formats) register themselves on import too.
    importlib.import_module("toxgui.core.savedata")
    importlib.import_module("toxgui.core.encryptsave")
    return dict(DECODERS)
