"""toxgui: a desktop Tox messenger written natively in Python."""

__version__ = "0.1.0"
