"""Messages with a number in them, translated with Qt's plural forms.

pyside6-lupdate marks a message as plural (`numerus="yes"`, one form per plural rule of the
language) only for `self.tr(text, "", n)` inside a class; `QCoreApplication.translate(..., n)`
in a plain function gives a single form, wrong for most numbers. So every numeric message that
is not in a QObject of its own lives here, as a method of `Counts` (its translation context).
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class Counts(QObject):
    def unread(self, n: int) -> str:
        return self.tr("%n unread message(s)", "", n)

    # how long ago (contacts.fmt_ago)
    def seconds_ago(self, n: int) -> str:
        return self.tr("%n s ago", "", n)

    def minutes_ago(self, n: int) -> str:
        return self.tr("%n min ago", "", n)

    def hours_ago(self, n: int) -> str:
        return self.tr("%n h ago", "", n)

    def days_ago(self, n: int) -> str:
        return self.tr("%n day(s) ago", "", n)

    # countdowns (dashboard.fmt_in)
    def seconds(self, n: int) -> str:
        return self.tr("%n s", "", n)

    def minutes(self, n: int) -> str:
        return self.tr("%n min", "", n)

    def hours(self, n: int) -> str:
        return self.tr("%n h", "", n)

    # conferences
    def peers(self, n: int) -> str:
        return self.tr("%n peer(s)", "", n)

    # the add-friend dialog's Tox ID check
    def id_too_short(self, n: int) -> str:
        return self.tr("Too short: a Tox ID has 76 characters, this has %n.", "", n)

    def id_too_long(self, n: int) -> str:
        return self.tr("Too long: a Tox ID has 76 characters, this has %n.", "", n)

    # the dashboard's summary (%1 and %2 are filled in afterwards)
    def onion_asked(self, n: int) -> str:
        return self.tr("Looking for %1's current DHT key on the onion: asked %n node(s), %2.", "", n)


_counts: list[Counts] = []


def counts() -> Counts:
    """The one `Counts` (made on first use, on the calling thread: the GUI thread)."""
    if not _counts:
        _counts.append(Counts())
    return _counts[0]
