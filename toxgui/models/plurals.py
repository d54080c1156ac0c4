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


_counts: list[Counts] = []


def counts() -> Counts:
    """The one `Counts` (made on first use, on the calling thread: the GUI thread)."""
    if not _counts:
        _counts.append(Counts())
    return _counts[0]
