"""Identicons: a symmetric 5x5 pattern and a colour, both derived from a public key."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPixmap

from toxgui.ui import style

_cache: dict[tuple[bytes, int, float, bool], QPixmap] = {}


def _colors(digest: bytes, dark: bool = False) -> tuple[QColor, QColor]:
    """Pattern and background colours: a dark pattern on a pale tint, or in the dark theme a
    light pattern on a deep tint, so the square neither glares nor fades into the window."""
    hue = int.from_bytes(digest[0:2], "big") % 360
    sat = 0.45 + (digest[2] / 255) * 0.25
    light, bg_light, step = (0.68, 0.22, 0.03) if dark else (0.42, 0.93, -0.03)
    bg = QColor.fromHslF(hue / 360, sat * 0.6, bg_light)
    fg = QColor.fromHslF(hue / 360, sat, light)
    while style.contrast_ratio(fg, bg) < 3.2 and 0.05 < light < 0.95:  # bright hues (yellow, green)
        light += step
        fg = QColor.fromHslF(hue / 360, sat, light)
    return fg, bg


def cells(public_key: bytes) -> list[list[bool]]:
    """The 5x5 grid (rows of columns); columns 3 and 4 mirror columns 1 and 0."""
    digest = hashlib.blake2b(public_key, digest_size=32, person=b"toxgui-identicon").digest()
    bits = int.from_bytes(digest[4:12], "big")
    grid = []
    for row in range(5):
        left = [(bits >> (row * 3 + col)) & 1 == 1 for col in range(3)]
        grid.append([left[0], left[1], left[2], left[1], left[0]])
    if not any(any(r) for r in grid):
        grid[2][2] = True
    return grid


def identicon(public_key: bytes, size: int, dpr: float = 2.0) -> QPixmap:
    """A rounded-square identicon of `size` logical pixels."""
    dark = style.DARK_MODE
    key = (bytes(public_key), size, dpr, dark)
    pm = _cache.get(key)
    if pm is not None:
        return pm
    digest = hashlib.blake2b(public_key, digest_size=32, person=b"toxgui-identicon").digest()
    fg, bg = _colors(digest, dark)
    pm = QPixmap(int(size * dpr), int(size * dpr))
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(dpr, dpr)
    clip = QPainterPath()
    clip.addRoundedRect(QRectF(0, 0, size, size), size * 0.24, size * 0.24)
    p.setClipPath(clip)
    p.fillRect(QRectF(0, 0, size, size), bg)
    margin = size * 0.16
    cell = (size - 2 * margin) / 5
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fg)
    for r, row in enumerate(cells(public_key)):
        for c, on in enumerate(row):
            if on:
                p.drawRect(QRectF(margin + c * cell, margin + r * cell, cell + 0.4, cell + 0.4))
    p.end()
    pm.setDevicePixelRatio(dpr)
    if len(_cache) > 512:
        _cache.clear()
    _cache[key] = pm
    return pm


def face(public_key: bytes, avatar: bytes, size: int, dpr: float = 2.0) -> QPixmap:
    """The avatar image cut to the identicon's rounded square, or the identicon when there is
    no avatar or it cannot be read as an image."""
    if not avatar:
        return identicon(public_key, size, dpr)
    key = (hashlib.blake2b(avatar, digest_size=16).digest(), size, dpr)
    pm = _faces.get(key)
    if pm is not None:
        return pm
    img = QImage.fromData(avatar)
    if img.isNull():
        return identicon(public_key, size, dpr)
    px = int(size * dpr)
    scaled = img.scaled(px, px, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation)
    pm = QPixmap(px, px)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addRoundedRect(QRectF(0, 0, px, px), px * 0.24, px * 0.24)
    p.setClipPath(clip)
    p.drawImage(int((px - scaled.width()) / 2), int((px - scaled.height()) / 2), scaled)
    p.end()
    pm.setDevicePixelRatio(dpr)
    if len(_faces) > 512:
        _faces.clear()
    _faces[key] = pm
    return pm


_faces: dict[tuple[bytes, int, float], QPixmap] = {}
