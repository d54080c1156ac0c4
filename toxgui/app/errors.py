"""The application tier's one error type, in a module of its own so that the command line
(`options`) can raise it without importing the service (and with it asyncio)."""

from __future__ import annotations


class CommandError(ValueError):
    """A command that cannot be carried out; the message says why, for the user."""
