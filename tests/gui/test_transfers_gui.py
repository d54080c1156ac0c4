"""Files in the desktop app: the attach path and drops send, an offer shows Accept/Reject, a
transfer shows its progress and ends with Open / Show in folder.  Two real application services
in one process on loopback (the window drives Alice's; Bob's is driven directly)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, Qt
from PySide6.QtGui import QColor, QImage

from bench import profiles as P
from tests.gui.conftest import wait_signal
from toxgui.app.gui_backend import ClientBackend
from toxgui.app.service import ClientOptions, ToxClient
from toxgui.app.transfers import AvatarChanged, FileComplete, FilePaused, FileRequest
from toxgui.core.events import Event, FriendConnection
from toxgui.models.roles import Role
from toxgui.models.session import Session
from toxgui.models.settings import AppSettings
from toxgui.models.transfers import TransferState
from toxgui.store.history import History
from toxgui.store.profile import Profile
from toxgui.ui.identicon import face, identicon
from toxgui.ui.main_window import MainWindow


def _client(path: Path, downloads: Path) -> ToxClient:
    return ToxClient(Profile.load(path), ClientOptions(bind_host="127.0.0.1", ipv6=False, lan_discovery=False,
                                                       download_dir=downloads))


async def test_files_through_the_window(qtbot, tmp_path: Path) -> None:
    a, b = P.new_identity("Alice"), P.new_identity("Bob")
    P.befriend(a, b)
    alice = _client(P.write_toxgui(a, tmp_path / "alice.tox"), tmp_path / "alice-downloads")
    bob = _client(P.write_toxgui(b, tmp_path / "bob.tox"), tmp_path / "bob-downloads")
    bob_events: list[Event] = []
    bob_changed = asyncio.Event()

    def on_bob(e: Event) -> None:
        bob_events.append(e)
        bob_changed.set()

    async def bob_wait(kind: type) -> Event:
        async with asyncio.timeout(30):
            while True:
                for e in bob_events:
                    if isinstance(e, kind):
                        bob_events.remove(e)
                        return e
                bob_changed.clear()
                await bob_changed.wait()

    bob.subscribe(on_bob)
    await alice.start()
    await bob.start()
    session = Session(ClientBackend(alice), History(tmp_path / "alice.db"))
    win = MainWindow(session, AppSettings(tmp_path / "config"))
    qtbot.addWidget(win)
    win.show()
    try:
        online = wait_signal(session.contacts.dataChanged, timeout=30)
        alice.set_route(bob.public_key, bob.dht_key, "127.0.0.1", bob.udp_port)
        bob.set_route(alice.public_key, alice.dht_key, "127.0.0.1", alice.udp_port)
        await bob_wait(FriendConnection)
        await online
        assert win.select_friend(bob.public_key)
        assert win.composer.attach.isVisible()

        # --- Alice sends by dropping a file on the chat ---
        src = tmp_path / "holiday.jpg"
        src.write_bytes(os.urandom(200_000))
        win.chat_view.files_dropped.emit([str(src)])
        (row,) = session.transfers.rows_for(bob.public_key)
        assert row.state == TransferState.WAITING and not row.incoming and row.name == "holiday.jpg"
        item = win.transfer_strip.item(row.transfer)
        assert item is not None and item.buttons["cancel"].isVisible() and not item.buttons["accept"].isVisible()
        req = await bob_wait(FileRequest)
        assert isinstance(req, FileRequest)
        done = wait_signal(session.transfers_changed,
                           lambda pk: session.transfers.get(pk, row.transfer).state == TransferState.DONE, timeout=30)
        bob.accept_file(alice.public_key, req.transfer)
        await done
        got = await bob_wait(FileComplete)
        assert isinstance(got, FileComplete) and got.path == str(tmp_path / "bob-downloads" / "holiday.jpg")
        assert (tmp_path / "bob-downloads" / "holiday.jpg").read_bytes() == src.read_bytes()

        # --- a file that cannot be sent says why, under the input ---
        win.send_files([str(tmp_path / "missing.bin")])
        assert win.composer.hint.isVisible() and "missing.bin" in win.composer.hint.text()

        # --- Bob offers a file with a hostile name; Alice accepts it with the button ---
        evil = tmp_path / "<b>bold<i>.txt"
        evil.write_bytes(b"hello from bob")
        offered = wait_signal(session.file_offered, timeout=30)
        bob.send_file(alice.public_key, str(evil))
        pk, name = await offered
        assert pk == bob.public_key and name == "_b_bold_i_.txt"
        inc = next(r for r in session.transfers.rows_for(bob.public_key) if r.incoming)
        item = win.transfer_strip.item(inc.transfer)
        assert item is not None and item.buttons["accept"].isVisible() and item.buttons["reject"].isVisible()
        assert item.name.textFormat() == Qt.TextFormat.PlainText
        finished = wait_signal(session.transfers_changed,
                               lambda pk: session.transfers.get(pk, inc.transfer).state == TransferState.DONE,
                               timeout=30)
        qtbot.mouseClick(item.buttons["accept"], Qt.MouseButton.LeftButton)
        await finished
        saved = tmp_path / "alice-downloads" / "_b_bold_i_.txt"
        assert saved.read_bytes() == b"hello from bob"
        assert session.transfers.get(bob.public_key, inc.transfer).path == str(saved)
        assert item.buttons["open"].isVisible() and item.buttons["folder"].isVisible()
        assert "Done" in item.status.text()

        # --- avatars: Bob's shows in Alice's contact list; Alice picks a big picture of hers ---
        img = QImage(640, 480, QImage.Format.Format_RGB32)
        img.fill(QColor("#3366aa"))
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")
        bob_png = bytes(buf.data().data())
        changed = wait_signal(session.avatar_changed, lambda pk, path: pk == bob.public_key and bool(path),
                              timeout=30)
        bob.set_avatar_image(bob_png)
        await changed
        idx = session.contacts.index_of(bob.public_key)
        assert idx.data(Role.Avatar) == bob_png
        assert face(bob.public_key, bob_png, 38).toImage() != identicon(bob.public_key, 38).toImage()
        noisy = QImage(1600, 1200, QImage.Format.Format_RGB32)
        for y in range(0, 1200, 3):  # detail that compresses badly, so scaling down must shrink it
            for x in range(0, 1600, 7):
                noisy.setPixelColor(x, y, QColor((x * 31 + y * 17) % 256, (x * 7) % 256, (y * 13) % 256))
        big = tmp_path / "me.png"
        assert noisy.save(str(big), "PNG") and big.stat().st_size > 64 * 1024
        theirs = await _bob_avatar_of(bob_events, bob_changed, alice.public_key, session, str(big))
        assert theirs is not None and len(theirs) <= 64 * 1024
        assert QImage.fromData(theirs).width() <= 256
        assert session.own_avatar() == theirs
        assert "change" in win.self_header.avatar.toolTip()

        # --- a picture pasted into the input is sent as a PNG, and previewed once sent ---
        assert win.transfer_strip.item(row.transfer).preview.isHidden()  # holiday.jpg is no picture
        pic = QImage(320, 200, QImage.Format.Format_RGB32)
        pic.fill(QColor("#cc5500"))
        mime = QMimeData()
        mime.setImageData(pic)
        win.composer.input.insertFromMimeData(mime)
        pasted = next(r for r in session.transfers.rows_for(bob.public_key) if r.name.startswith("pasted-"))
        assert pasted.name.endswith(".png") and not pasted.incoming and win.composer.input.toPlainText() == ""
        req = await bob_wait(FileRequest)
        assert isinstance(req, FileRequest) and req.name == pasted.name
        sent_done = wait_signal(session.transfers_changed,
                                lambda pk: session.transfers.get(pk, pasted.transfer).state == TransferState.DONE,
                                timeout=30)
        bob.accept_file(alice.public_key, req.transfer)
        await sent_done
        got = await bob_wait(FileComplete)
        while not (isinstance(got, FileComplete) and got.path.endswith(pasted.name)):
            got = await bob_wait(FileComplete)  # Bob's side of the earlier transfers
        assert QImage(got.path).size() == pic.size()
        preview = win.transfer_strip.item(pasted.transfer).preview
        assert preview.isVisible() and preview.pixmap().width() <= 240 and preview.pixmap().height() <= 160

        # --- automatic accept: up to Bob's limit, into the folder chosen in the settings ---
        win.settings.download_dir = str(tmp_path / "chosen")
        win.settings.set_auto_accept(bob.public_key, 1)  # MB
        small, large = tmp_path / "small.png", tmp_path / "large.bin"
        assert pic.save(str(small), "PNG")
        large.write_bytes(os.urandom(1_500_000))
        auto = wait_signal(session.transfers_changed, lambda pk: any(
            r.name == "small.png" and r.state == TransferState.DONE for r in session.transfers.rows_for(pk)),
            timeout=30)
        bob.send_file(alice.public_key, str(small))
        await auto
        assert (tmp_path / "chosen" / "small.png").read_bytes() == small.read_bytes()
        offered = wait_signal(session.file_offered, lambda pk, name: name == "large.bin", timeout=30)
        bob.send_file(alice.public_key, str(large))
        await offered
        (big_offer,) = [r for r in session.transfers.rows_for(bob.public_key) if r.name == "large.bin"]
        assert big_offer.state == TransferState.OFFERED  # over the limit: asks
        qtbot.mouseClick(win.transfer_strip.item(big_offer.transfer).buttons["reject"], Qt.MouseButton.LeftButton)
        win.settings.set_auto_accept(bob.public_key, 0)
        win.settings.download_dir = ""

        # --- pause and resume: Alice's buttons, then Bob's side pausing ---
        big_src = tmp_path / "big.bin"
        big_src.write_bytes(os.urandom(60 * 1024 * 1024))
        offered = wait_signal(session.file_offered, lambda pk, name: name == "big.bin", timeout=30)
        sent = bob.send_file(alice.public_key, str(big_src))
        await offered
        big = next(r for r in session.transfers.rows_for(bob.public_key) if r.name == "big.bin")
        item = win.transfer_strip.item(big.transfer)
        assert item is not None
        qtbot.mouseClick(item.buttons["accept"], Qt.MouseButton.LeftButton)
        assert item.buttons["pause"].isVisible() and not item.buttons["resume"].isVisible()
        qtbot.mouseClick(item.buttons["pause"], Qt.MouseButton.LeftButton)
        paused = await bob_wait(FilePaused)
        assert isinstance(paused, FilePaused) and paused.paused
        assert item.buttons["resume"].isVisible() and not item.buttons["pause"].isVisible()
        assert "Paused" in item.status.text() and "friend" not in item.status.text()
        qtbot.mouseClick(item.buttons["resume"], Qt.MouseButton.LeftButton)
        resumed = await bob_wait(FilePaused)
        assert isinstance(resumed, FilePaused) and not resumed.paused
        by_friend = wait_signal(session.transfers_changed,
                                lambda pk: session.transfers.get(pk, big.transfer).paused_by_friend, timeout=30)
        bob.control_file(alice.public_key, sent.transfer, "pause")
        await by_friend
        assert "Paused by your friend" in item.status.text()
        done = wait_signal(session.transfers_changed,
                           lambda pk: session.transfers.get(pk, big.transfer).state == TransferState.DONE, timeout=60)
        bob.control_file(alice.public_key, sent.transfer, "resume")
        await done
        assert (tmp_path / "alice-downloads" / "big.bin").read_bytes() == big_src.read_bytes()
    finally:
        win.close()
        session.close()
        await bob.stop()
        bob.profile.close()
        await alice.stop()
        alice.profile.close()


async def _bob_avatar_of(events: list[Event], changed: asyncio.Event, pk: bytes, session: Session,
                         path: str) -> bytes | None:
    """Alice sets her picture from `path`; what Bob stores for her once it arrived."""
    session.set_avatar_file(path)
    async with asyncio.timeout(30):
        while True:
            for e in events:
                if isinstance(e, AvatarChanged) and e.public_key == pk and e.path:
                    return _read(e.path)
            changed.clear()
            await changed.wait()


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()
