"""The locale dates and times are shown in: the user's, unless it is the bare "C" locale
(`LANG=C.UTF-8`, common in containers and minimal systems), whose formats read like
"2 12 2026 17:48"; then English with spelled-out months."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def display_locale() -> QLocale:
    loc = QLocale()
    if loc.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return loc
