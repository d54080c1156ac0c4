"""A small ctypes wrapper of c-toxcore 0.2.18 (Debian's libtoxcore.so.2), for interop tests only.

Only what the tests need is bound.  Signatures follow toxcore/tox.h and
toxencryptsave/toxencryptsave.h of v0.2.18; options are only touched through the
`tox_options_*` accessor functions (the struct layout is not part of the ABI).

This module never binds a socket by itself: a `Tox` with `udp_enabled=False` and
`tcp_port=0` opens no socket at all (the profile tests check that).  LAN discovery is always off.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import enum
import os
from collections.abc import Callable
from typing import Any

# TOXGUI_LIBTOXCORE overrides where the library is looked for (another distribution's path).
LIB_PATH = os.environ.get("TOXGUI_LIBTOXCORE") or "/usr/lib/x86_64-linux-gnu/libtoxcore.so.2"
# The version the tests expect to load: Debian's 0.2.18 unless TOXGUI_CTOXCORE_VERSION says
# otherwise (the second interop run of `make test` loads a 0.2.23 built from source).
EXPECTED_VERSION = tuple(int(x) for x in os.environ.get("TOXGUI_CTOXCORE_VERSION", "0.2.18").split("."))

PUBLIC_KEY_SIZE = 32
SECRET_KEY_SIZE = 32
ADDRESS_SIZE = 38
PASS_ENCRYPTION_EXTRA_LENGTH = 80
MAX_MESSAGE_LENGTH = 1372


class Connection(enum.IntEnum):
    NONE = 0
    TCP = 1
    UDP = 2


class UserStatus(enum.IntEnum):
    NONE = 0
    AWAY = 1
    BUSY = 2


class MessageType(enum.IntEnum):
    NORMAL = 0
    ACTION = 1


class SavedataType(enum.IntEnum):
    NONE = 0
    TOX_SAVE = 1
    SECRET_KEY = 2


class ErrNew(enum.IntEnum):
    OK = 0
    NULL = 1
    MALLOC = 2
    PORT_ALLOC = 3
    PROXY_BAD_TYPE = 4
    PROXY_BAD_HOST = 5
    PROXY_BAD_PORT = 6
    PROXY_NOT_FOUND = 7
    LOAD_ENCRYPTED = 8
    LOAD_BAD_FORMAT = 9


class ErrOptionsNew(enum.IntEnum):
    OK = 0
    MALLOC = 1


class ErrBootstrap(enum.IntEnum):
    OK = 0
    NULL = 1
    BAD_HOST = 2
    BAD_PORT = 3


class ErrSetInfo(enum.IntEnum):
    OK = 0
    NULL = 1
    TOO_LONG = 2


class ErrFriendAdd(enum.IntEnum):
    OK = 0
    NULL = 1
    TOO_LONG = 2
    NO_MESSAGE = 3
    OWN_KEY = 4
    ALREADY_SENT = 5
    BAD_CHECKSUM = 6
    SET_NEW_NOSPAM = 7
    MALLOC = 8


class ErrFriendDelete(enum.IntEnum):
    OK = 0
    FRIEND_NOT_FOUND = 1


class ErrFriendByPublicKey(enum.IntEnum):
    OK = 0
    NULL = 1
    NOT_FOUND = 2


class ErrFriendGetPublicKey(enum.IntEnum):
    OK = 0
    FRIEND_NOT_FOUND = 1


class ErrFriendQuery(enum.IntEnum):
    OK = 0
    NULL = 1
    FRIEND_NOT_FOUND = 2


class ErrSetTyping(enum.IntEnum):
    OK = 0
    FRIEND_NOT_FOUND = 1


class ErrFriendSendMessage(enum.IntEnum):
    OK = 0
    NULL = 1
    FRIEND_NOT_FOUND = 2
    FRIEND_NOT_CONNECTED = 3
    SENDQ = 4
    TOO_LONG = 5
    EMPTY = 6


class ErrGetPort(enum.IntEnum):
    OK = 0
    NOT_BOUND = 1


class ErrEncryption(enum.IntEnum):
    OK = 0
    NULL = 1
    KEY_DERIVATION_FAILED = 2
    FAILED = 3


class ErrDecryption(enum.IntEnum):
    OK = 0
    NULL = 1
    INVALID_LENGTH = 2
    BAD_FORMAT = 3
    KEY_DERIVATION_FAILED = 4
    FAILED = 5


class FileControl(enum.IntEnum):
    RESUME = 0
    PAUSE = 1
    CANCEL = 2


class ErrFileSend(enum.IntEnum):
    OK = 0
    NULL = 1
    FRIEND_NOT_FOUND = 2
    FRIEND_NOT_CONNECTED = 3
    NAME_TOO_LONG = 4
    TOO_MANY = 5


class ErrFileControl(enum.IntEnum):
    OK = 0
    FRIEND_NOT_FOUND = 1
    FRIEND_NOT_CONNECTED = 2
    NOT_FOUND = 3
    NOT_PAUSED = 4
    DENIED = 5
    ALREADY_PAUSED = 6
    SENDQ = 7


class ErrFileSeek(enum.IntEnum):
    OK = 0
    FRIEND_NOT_FOUND = 1
    FRIEND_NOT_CONNECTED = 2
    NOT_FOUND = 3
    DENIED = 4
    INVALID_POSITION = 5
    SENDQ = 6


class ErrFileSendChunk(enum.IntEnum):
    OK = 0
    NULL = 1
    FRIEND_NOT_FOUND = 2
    FRIEND_NOT_CONNECTED = 3
    NOT_FOUND = 4
    NOT_TRANSFERRING = 5
    INVALID_LENGTH = 6
    SENDQ = 7
    WRONG_POSITION = 8


class ErrFileGet(enum.IntEnum):
    OK = 0
    NULL = 1
    FRIEND_NOT_FOUND = 2
    NOT_FOUND = 3


class ConferenceType(enum.IntEnum):
    TEXT = 0
    AV = 1


class ErrConference(enum.IntEnum):
    """The error codes of the tox_conference_* functions, by number (each function has its own
    enum in tox.h; 0 is OK everywhere, the rest is named in `ToxError.function`'s enum)."""

    OK = 0
    E1 = 1
    E2 = 2
    E3 = 3
    E4 = 4
    E5 = 5
    E6 = 6
    E7 = 7
    E8 = 8


class ToxError(Exception):
    """A c-toxcore call failed; `code` is the member of the function's error enum."""

    def __init__(self, function: str, code: enum.IntEnum) -> None:
        super().__init__(f"{function} failed: {code.name}")
        self.function = function
        self.code = code


# --- library loading and prototypes -----------------------------------------------------------

_c_int = ctypes.c_int  # every C enum of this API is int-sized
_u8p = ctypes.POINTER(ctypes.c_uint8)
_errp = ctypes.POINTER(ctypes.c_int)
_vp = ctypes.c_void_p
_sz = ctypes.c_size_t
_u16 = ctypes.c_uint16
_u32 = ctypes.c_uint32
_bool = ctypes.c_bool

LogCb = ctypes.CFUNCTYPE(None, _vp, _c_int, ctypes.c_char_p, _u32, ctypes.c_char_p, ctypes.c_char_p, _vp)
SelfConnectionStatusCb = ctypes.CFUNCTYPE(None, _vp, _c_int, _vp)
FriendRequestCb = ctypes.CFUNCTYPE(None, _vp, _u8p, _u8p, _sz, _vp)
FriendMessageCb = ctypes.CFUNCTYPE(None, _vp, _u32, _c_int, _u8p, _sz, _vp)
FriendConnectionStatusCb = ctypes.CFUNCTYPE(None, _vp, _u32, _c_int, _vp)
FriendNameCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u8p, _sz, _vp)
FriendStatusMessageCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u8p, _sz, _vp)
FriendStatusCb = ctypes.CFUNCTYPE(None, _vp, _u32, _c_int, _vp)
FriendTypingCb = ctypes.CFUNCTYPE(None, _vp, _u32, _bool, _vp)
FriendReadReceiptCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _vp)
_u64 = ctypes.c_uint64
FileRecvControlCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _c_int, _vp)
FileChunkRequestCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _u64, _sz, _vp)
FileRecvCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _u32, _u64, _u8p, _sz, _vp)
FileRecvChunkCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _u64, _u8p, _sz, _vp)

ConferenceInviteCb = ctypes.CFUNCTYPE(None, _vp, _u32, _c_int, _u8p, _sz, _vp)
ConferenceConnectedCb = ctypes.CFUNCTYPE(None, _vp, _u32, _vp)
ConferenceMessageCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _c_int, _u8p, _sz, _vp)
ConferenceTitleCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _u8p, _sz, _vp)
ConferencePeerNameCb = ctypes.CFUNCTYPE(None, _vp, _u32, _u32, _u8p, _sz, _vp)
ConferencePeerListChangedCb = ctypes.CFUNCTYPE(None, _vp, _u32, _vp)

# name -> (restype, argtypes)
_PROTOTYPES: dict[str, tuple[Any, list[Any]]] = {
    "tox_version_major": (_u32, []),
    "tox_version_minor": (_u32, []),
    "tox_version_patch": (_u32, []),
    "tox_options_new": (_vp, [_errp]),
    "tox_options_free": (None, [_vp]),
    "tox_options_default": (None, [_vp]),
    "tox_options_set_ipv6_enabled": (None, [_vp, _bool]),
    "tox_options_set_udp_enabled": (None, [_vp, _bool]),
    "tox_options_get_udp_enabled": (_bool, [_vp]),
    "tox_options_set_local_discovery_enabled": (None, [_vp, _bool]),
    "tox_options_get_local_discovery_enabled": (_bool, [_vp]),
    "tox_options_set_hole_punching_enabled": (None, [_vp, _bool]),
    "tox_options_set_start_port": (None, [_vp, _u16]),
    "tox_options_set_end_port": (None, [_vp, _u16]),
    "tox_options_set_tcp_port": (None, [_vp, _u16]),
    "tox_options_set_proxy_type": (None, [_vp, _c_int]),
    "tox_options_set_savedata_type": (None, [_vp, _c_int]),
    "tox_options_set_savedata_data": (None, [_vp, _u8p, _sz]),
    "tox_options_set_savedata_length": (None, [_vp, _sz]),
    "tox_options_set_log_callback": (None, [_vp, LogCb]),
    "tox_new": (_vp, [_vp, _errp]),
    "tox_kill": (None, [_vp]),
    "tox_get_savedata_size": (_sz, [_vp]),
    "tox_get_savedata": (None, [_vp, _u8p]),
    "tox_bootstrap": (_bool, [_vp, ctypes.c_char_p, _u16, _u8p, _errp]),
    "tox_add_tcp_relay": (_bool, [_vp, ctypes.c_char_p, _u16, _u8p, _errp]),
    "tox_self_get_connection_status": (_c_int, [_vp]),
    "tox_iteration_interval": (_u32, [_vp]),
    "tox_iterate": (None, [_vp, _vp]),
    "tox_self_get_address": (None, [_vp, _u8p]),
    "tox_self_get_nospam": (_u32, [_vp]),
    "tox_self_set_nospam": (None, [_vp, _u32]),
    "tox_self_get_public_key": (None, [_vp, _u8p]),
    "tox_self_get_dht_id": (None, [_vp, _u8p]),
    "tox_self_get_udp_port": (_u16, [_vp, _errp]),
    "tox_self_set_name": (_bool, [_vp, _u8p, _sz, _errp]),
    "tox_self_get_name_size": (_sz, [_vp]),
    "tox_self_get_name": (None, [_vp, _u8p]),
    "tox_self_set_status_message": (_bool, [_vp, _u8p, _sz, _errp]),
    "tox_self_get_status_message_size": (_sz, [_vp]),
    "tox_self_get_status_message": (None, [_vp, _u8p]),
    "tox_self_set_status": (None, [_vp, _c_int]),
    "tox_self_get_status": (_c_int, [_vp]),
    "tox_friend_add": (_u32, [_vp, _u8p, _u8p, _sz, _errp]),
    "tox_friend_add_norequest": (_u32, [_vp, _u8p, _errp]),
    "tox_friend_delete": (_bool, [_vp, _u32, _errp]),
    "tox_friend_by_public_key": (_u32, [_vp, _u8p, _errp]),
    "tox_friend_exists": (_bool, [_vp, _u32]),
    "tox_self_get_friend_list_size": (_sz, [_vp]),
    "tox_self_get_friend_list": (None, [_vp, ctypes.POINTER(_u32)]),
    "tox_friend_get_public_key": (_bool, [_vp, _u32, _u8p, _errp]),
    "tox_friend_get_name_size": (_sz, [_vp, _u32, _errp]),
    "tox_friend_get_name": (_bool, [_vp, _u32, _u8p, _errp]),
    "tox_friend_get_status_message_size": (_sz, [_vp, _u32, _errp]),
    "tox_friend_get_status_message": (_bool, [_vp, _u32, _u8p, _errp]),
    "tox_friend_get_status": (_c_int, [_vp, _u32, _errp]),
    "tox_friend_get_connection_status": (_c_int, [_vp, _u32, _errp]),
    "tox_self_set_typing": (_bool, [_vp, _u32, _bool, _errp]),
    "tox_friend_send_message": (_u32, [_vp, _u32, _c_int, _u8p, _sz, _errp]),
    "tox_callback_self_connection_status": (None, [_vp, SelfConnectionStatusCb]),
    "tox_callback_friend_request": (None, [_vp, FriendRequestCb]),
    "tox_callback_friend_message": (None, [_vp, FriendMessageCb]),
    "tox_callback_friend_connection_status": (None, [_vp, FriendConnectionStatusCb]),
    "tox_callback_friend_name": (None, [_vp, FriendNameCb]),
    "tox_callback_friend_status_message": (None, [_vp, FriendStatusMessageCb]),
    "tox_callback_friend_status": (None, [_vp, FriendStatusCb]),
    "tox_callback_friend_typing": (None, [_vp, FriendTypingCb]),
    "tox_callback_friend_read_receipt": (None, [_vp, FriendReadReceiptCb]),
    "tox_file_send": (_u32, [_vp, _u32, _u32, _u64, _u8p, _u8p, _sz, _errp]),
    "tox_file_control": (_bool, [_vp, _u32, _u32, _c_int, _errp]),
    "tox_file_seek": (_bool, [_vp, _u32, _u32, _u64, _errp]),
    "tox_file_send_chunk": (_bool, [_vp, _u32, _u32, _u64, _u8p, _sz, _errp]),
    "tox_file_get_file_id": (_bool, [_vp, _u32, _u32, _u8p, _errp]),
    "tox_callback_file_recv_control": (None, [_vp, FileRecvControlCb]),
    "tox_callback_file_chunk_request": (None, [_vp, FileChunkRequestCb]),
    "tox_callback_file_recv": (None, [_vp, FileRecvCb]),
    "tox_callback_file_recv_chunk": (None, [_vp, FileRecvChunkCb]),
    "tox_conference_new": (_u32, [_vp, _errp]),
    "tox_conference_delete": (_bool, [_vp, _u32, _errp]),
    "tox_conference_peer_count": (_u32, [_vp, _u32, _errp]),
    "tox_conference_peer_get_name_size": (_sz, [_vp, _u32, _u32, _errp]),
    "tox_conference_peer_get_name": (_bool, [_vp, _u32, _u32, _u8p, _errp]),
    "tox_conference_peer_get_public_key": (_bool, [_vp, _u32, _u32, _u8p, _errp]),
    "tox_conference_peer_number_is_ours": (_bool, [_vp, _u32, _u32, _errp]),
    "tox_conference_offline_peer_count": (_u32, [_vp, _u32, _errp]),
    "tox_conference_invite": (_bool, [_vp, _u32, _u32, _errp]),
    "tox_conference_join": (_u32, [_vp, _u32, _u8p, _sz, _errp]),
    "tox_conference_send_message": (_bool, [_vp, _u32, _c_int, _u8p, _sz, _errp]),
    "tox_conference_get_title_size": (_sz, [_vp, _u32, _errp]),
    "tox_conference_get_title": (_bool, [_vp, _u32, _u8p, _errp]),
    "tox_conference_set_title": (_bool, [_vp, _u32, _u8p, _sz, _errp]),
    "tox_conference_get_chatlist_size": (_sz, [_vp]),
    "tox_conference_get_chatlist": (None, [_vp, ctypes.POINTER(_u32)]),
    "tox_conference_get_id": (_bool, [_vp, _u32, _u8p]),
    "tox_conference_by_id": (_u32, [_vp, _u8p, _errp]),
    "tox_callback_conference_invite": (None, [_vp, ConferenceInviteCb]),
    "tox_callback_conference_connected": (None, [_vp, ConferenceConnectedCb]),
    "tox_callback_conference_message": (None, [_vp, ConferenceMessageCb]),
    "tox_callback_conference_title": (None, [_vp, ConferenceTitleCb]),
    "tox_callback_conference_peer_name": (None, [_vp, ConferencePeerNameCb]),
    "tox_callback_conference_peer_list_changed": (None, [_vp, ConferencePeerListChangedCb]),
    "tox_pass_encrypt": (_bool, [_u8p, _sz, _u8p, _sz, _u8p, _errp]),
    "tox_pass_decrypt": (_bool, [_u8p, _sz, _u8p, _sz, _u8p, _errp]),
    "tox_is_data_encrypted": (_bool, [_u8p]),
}

_lib: ctypes.CDLL | None = None


def library_path() -> str | None:
    """Path of libtoxcore.so.2 if it is installed, else None."""
    if os.path.exists(LIB_PATH):
        return LIB_PATH
    if os.environ.get("TOXGUI_LIBTOXCORE"):
        return None  # an explicit path that does not exist: no fallback
    return ctypes.util.find_library("toxcore")


def lib() -> ctypes.CDLL:
    """The loaded library with every prototype set (loaded once)."""
    global _lib
    if _lib is None:
        path = library_path()
        if path is None:
            raise OSError("libtoxcore.so.2 is not installed (Debian package libtoxcore2)")
        handle = ctypes.CDLL(path)
        for name, (restype, argtypes) in _PROTOTYPES.items():
            fn = getattr(handle, name)
            fn.restype = restype
            fn.argtypes = argtypes
        _lib = handle
    return _lib


def version() -> tuple[int, int, int]:
    """The version of the loaded library, from tox_version_major/minor/patch."""
    h = lib()
    return (h.tox_version_major(), h.tox_version_minor(), h.tox_version_patch())


def check_version() -> None:
    """Raise RuntimeError unless the loaded library is the expected c-toxcore version."""
    got = version()
    if got != EXPECTED_VERSION:
        want = ".".join(map(str, EXPECTED_VERSION))
        raise RuntimeError(f"libtoxcore is {'.'.join(map(str, got))}, the interop tests expect {want}")


def _buf(data: bytes) -> Any:
    """A C copy of `data` (non-empty, so the pointer is never NULL)."""
    return (ctypes.c_uint8 * max(1, len(data))).from_buffer_copy(data or b"\0")


def _out(n: int) -> Any:
    return (ctypes.c_uint8 * max(1, n))()


def _check(function: str, err: ctypes.c_int, enum_type: type[enum.IntEnum]) -> None:
    if err.value != 0:
        try:
            code = enum_type(err.value)
        except ValueError:
            raise RuntimeError(f"{function} failed with unknown error {err.value}") from None
        raise ToxError(function, code)


# --- toxencryptsave ------------------------------------------------------------------------------


def pass_encrypt(plaintext: bytes, passphrase: bytes) -> bytes:
    """tox_pass_encrypt: the toxEsave format (magic, salt, nonce, MAC+ciphertext)."""
    out = _out(len(plaintext) + PASS_ENCRYPTION_EXTRA_LENGTH)
    err = ctypes.c_int(0)
    ok = lib().tox_pass_encrypt(
        _buf(plaintext), len(plaintext), _buf(passphrase), len(passphrase), out, ctypes.byref(err)
    )
    _check("tox_pass_encrypt", err, ErrEncryption)
    if not ok:
        raise RuntimeError("tox_pass_encrypt returned false without an error code")
    return bytes(out)[: len(plaintext) + PASS_ENCRYPTION_EXTRA_LENGTH]


def pass_decrypt(ciphertext: bytes, passphrase: bytes) -> bytes:
    """tox_pass_decrypt; raises ToxError (ErrDecryption) on a wrong passphrase or bad data."""
    n = max(0, len(ciphertext) - PASS_ENCRYPTION_EXTRA_LENGTH)
    out = _out(n)
    err = ctypes.c_int(0)
    ok = lib().tox_pass_decrypt(
        _buf(ciphertext), len(ciphertext), _buf(passphrase), len(passphrase), out, ctypes.byref(err)
    )
    _check("tox_pass_decrypt", err, ErrDecryption)
    if not ok:
        raise RuntimeError("tox_pass_decrypt returned false without an error code")
    return bytes(out)[:n]


def is_data_encrypted(data: bytes) -> bool:
    """tox_is_data_encrypted (reads the first 8 bytes; shorter input is padded, not overread)."""
    padded = data + b"\0" * max(0, PASS_ENCRYPTION_EXTRA_LENGTH - len(data))
    return bool(lib().tox_is_data_encrypted(_buf(padded)))


# --- Tox instance -------------------------------------------------------------------------------


class Tox:
    """One c-toxcore instance.  Not thread-safe: drive it from one thread.

    `udp_enabled=False` with the default `tcp_port=0` opens no socket at all.  LAN discovery is
    always off; hole punching is off unless asked for.  `port` binds exactly that UDP port
    (start_port = end_port = port); 0 lets c-toxcore pick from its default range.
    """

    def __init__(
        self,
        *,
        savedata: bytes | None = None,
        secret_key: bytes | None = None,
        udp_enabled: bool = True,
        ipv6_enabled: bool = False,
        port: int = 0,
        hole_punching: bool = False,
        log: Callable[[int, str, int, str, str], None] | None = None,
    ) -> None:
        h = lib()
        self._h = h
        self._ptr: int | None = None
        self._callbacks: dict[str, Any] = {}  # keeps every ctypes callback alive
        err = ctypes.c_int(0)
        opts = h.tox_options_new(ctypes.byref(err))
        _check("tox_options_new", err, ErrOptionsNew)
        if not opts:
            raise MemoryError("tox_options_new")
        try:
            h.tox_options_set_ipv6_enabled(opts, ipv6_enabled)
            h.tox_options_set_udp_enabled(opts, udp_enabled)
            h.tox_options_set_local_discovery_enabled(opts, False)
            h.tox_options_set_hole_punching_enabled(opts, hole_punching)
            h.tox_options_set_start_port(opts, port)
            h.tox_options_set_end_port(opts, port)
            h.tox_options_set_tcp_port(opts, 0)
            h.tox_options_set_proxy_type(opts, 0)
            if h.tox_options_get_local_discovery_enabled(opts):
                raise RuntimeError("could not turn LAN discovery off")
            data_buf = None
            if savedata is not None and secret_key is not None:
                raise ValueError("give savedata or secret_key, not both")
            if savedata is not None:
                data_buf = _buf(savedata)
                h.tox_options_set_savedata_type(opts, SavedataType.TOX_SAVE)
                h.tox_options_set_savedata_data(opts, data_buf, len(savedata))
            elif secret_key is not None:
                data_buf = _buf(secret_key)
                h.tox_options_set_savedata_type(opts, SavedataType.SECRET_KEY)
                h.tox_options_set_savedata_data(opts, data_buf, len(secret_key))
            if log is not None:

                def _log(_tox, level, file, line, func, message, _ud):  # type: ignore[no-untyped-def]
                    log(level, (file or b"").decode(errors="replace"), line,
                        (func or b"").decode(errors="replace"), (message or b"").decode(errors="replace"))

                self._callbacks["log"] = LogCb(_log)
                h.tox_options_set_log_callback(opts, self._callbacks["log"])
            err = ctypes.c_int(0)
            ptr = h.tox_new(opts, ctypes.byref(err))
            del data_buf  # the options only borrowed it for the duration of tox_new
        finally:
            h.tox_options_free(opts)
        _check("tox_new", err, ErrNew)
        if not ptr:
            raise RuntimeError("tox_new returned NULL without an error code")
        self._ptr = ptr

    # lifecycle

    @property
    def ptr(self) -> int:
        if self._ptr is None:
            raise RuntimeError("this Tox instance was killed")
        return self._ptr

    def kill(self) -> None:
        if self._ptr is not None:
            self._h.tox_kill(self._ptr)
            self._ptr = None

    def __enter__(self) -> Tox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()

    def iterate(self) -> None:
        self._h.tox_iterate(self.ptr, None)

    def iteration_interval(self) -> int:
        """Milliseconds until the next tox_iterate is due."""
        return int(self._h.tox_iteration_interval(self.ptr))

    def get_savedata(self) -> bytes:
        n = self._h.tox_get_savedata_size(self.ptr)
        out = _out(n)
        self._h.tox_get_savedata(self.ptr, out)
        return bytes(out)[:n]

    def bootstrap(self, host: str, port: int, public_key: bytes) -> None:
        if len(public_key) != PUBLIC_KEY_SIZE:
            raise ValueError("a DHT public key is 32 bytes")
        err = ctypes.c_int(0)
        self._h.tox_bootstrap(self.ptr, host.encode(), port, _buf(public_key), ctypes.byref(err))
        _check("tox_bootstrap", err, ErrBootstrap)

    def add_tcp_relay(self, host: str, port: int, public_key: bytes) -> None:
        """tox_add_tcp_relay: connect to this TCP relay (its key is its DHT key)."""
        if len(public_key) != PUBLIC_KEY_SIZE:
            raise ValueError("a relay's public key is 32 bytes")
        err = ctypes.c_int(0)
        self._h.tox_add_tcp_relay(self.ptr, host.encode(), port, _buf(public_key), ctypes.byref(err))
        _check("tox_add_tcp_relay", err, ErrBootstrap)

    # self

    @property
    def address(self) -> bytes:
        out = _out(ADDRESS_SIZE)
        self._h.tox_self_get_address(self.ptr, out)
        return bytes(out)

    @property
    def tox_id(self) -> str:
        """The 76 upper-case hex characters of the Tox ID."""
        return self.address.hex().upper()

    @property
    def public_key(self) -> bytes:
        out = _out(PUBLIC_KEY_SIZE)
        self._h.tox_self_get_public_key(self.ptr, out)
        return bytes(out)

    @property
    def dht_id(self) -> bytes:
        out = _out(PUBLIC_KEY_SIZE)
        self._h.tox_self_get_dht_id(self.ptr, out)
        return bytes(out)

    @property
    def nospam(self) -> int:
        return int(self._h.tox_self_get_nospam(self.ptr))

    @nospam.setter
    def nospam(self, value: int) -> None:
        self._h.tox_self_set_nospam(self.ptr, value)

    @property
    def udp_port(self) -> int | None:
        """The bound UDP port, or None when no UDP socket is bound."""
        err = ctypes.c_int(0)
        port = self._h.tox_self_get_udp_port(self.ptr, ctypes.byref(err))
        if err.value == ErrGetPort.NOT_BOUND:
            return None
        _check("tox_self_get_udp_port", err, ErrGetPort)
        return int(port)

    @property
    def connection_status(self) -> Connection:
        return Connection(self._h.tox_self_get_connection_status(self.ptr))

    @property
    def name(self) -> bytes:
        n = self._h.tox_self_get_name_size(self.ptr)
        out = _out(n)
        self._h.tox_self_get_name(self.ptr, out)
        return bytes(out)[:n]

    @name.setter
    def name(self, value: bytes) -> None:
        err = ctypes.c_int(0)
        self._h.tox_self_set_name(self.ptr, _buf(value), len(value), ctypes.byref(err))
        _check("tox_self_set_name", err, ErrSetInfo)

    @property
    def status_message(self) -> bytes:
        n = self._h.tox_self_get_status_message_size(self.ptr)
        out = _out(n)
        self._h.tox_self_get_status_message(self.ptr, out)
        return bytes(out)[:n]

    @status_message.setter
    def status_message(self, value: bytes) -> None:
        err = ctypes.c_int(0)
        self._h.tox_self_set_status_message(self.ptr, _buf(value), len(value), ctypes.byref(err))
        _check("tox_self_set_status_message", err, ErrSetInfo)

    @property
    def status(self) -> UserStatus:
        return UserStatus(self._h.tox_self_get_status(self.ptr))

    @status.setter
    def status(self, value: int) -> None:
        self._h.tox_self_set_status(self.ptr, int(UserStatus(value)))

    # friends

    def friend_add(self, address: bytes, message: bytes) -> int:
        if len(address) != ADDRESS_SIZE:
            raise ValueError("a Tox address is 38 bytes")
        err = ctypes.c_int(0)
        n = self._h.tox_friend_add(self.ptr, _buf(address), _buf(message), len(message), ctypes.byref(err))
        _check("tox_friend_add", err, ErrFriendAdd)
        return int(n)

    def friend_add_norequest(self, public_key: bytes) -> int:
        if len(public_key) != PUBLIC_KEY_SIZE:
            raise ValueError("a public key is 32 bytes")
        err = ctypes.c_int(0)
        n = self._h.tox_friend_add_norequest(self.ptr, _buf(public_key), ctypes.byref(err))
        _check("tox_friend_add_norequest", err, ErrFriendAdd)
        return int(n)

    def friend_delete(self, friend: int) -> None:
        err = ctypes.c_int(0)
        self._h.tox_friend_delete(self.ptr, friend, ctypes.byref(err))
        _check("tox_friend_delete", err, ErrFriendDelete)

    def friend_by_public_key(self, public_key: bytes) -> int:
        err = ctypes.c_int(0)
        n = self._h.tox_friend_by_public_key(self.ptr, _buf(public_key), ctypes.byref(err))
        _check("tox_friend_by_public_key", err, ErrFriendByPublicKey)
        return int(n)

    def friend_exists(self, friend: int) -> bool:
        return bool(self._h.tox_friend_exists(self.ptr, friend))

    def friend_list(self) -> list[int]:
        n = self._h.tox_self_get_friend_list_size(self.ptr)
        out = (_u32 * max(1, n))()
        self._h.tox_self_get_friend_list(self.ptr, out)
        return [int(out[i]) for i in range(n)]

    def friend_public_key(self, friend: int) -> bytes:
        out = _out(PUBLIC_KEY_SIZE)
        err = ctypes.c_int(0)
        self._h.tox_friend_get_public_key(self.ptr, friend, out, ctypes.byref(err))
        _check("tox_friend_get_public_key", err, ErrFriendGetPublicKey)
        return bytes(out)

    def friend_name(self, friend: int) -> bytes:
        err = ctypes.c_int(0)
        n = self._h.tox_friend_get_name_size(self.ptr, friend, ctypes.byref(err))
        _check("tox_friend_get_name_size", err, ErrFriendQuery)
        out = _out(n)
        self._h.tox_friend_get_name(self.ptr, friend, out, ctypes.byref(err))
        _check("tox_friend_get_name", err, ErrFriendQuery)
        return bytes(out)[:n]

    def friend_status_message(self, friend: int) -> bytes:
        err = ctypes.c_int(0)
        n = self._h.tox_friend_get_status_message_size(self.ptr, friend, ctypes.byref(err))
        _check("tox_friend_get_status_message_size", err, ErrFriendQuery)
        out = _out(n)
        self._h.tox_friend_get_status_message(self.ptr, friend, out, ctypes.byref(err))
        _check("tox_friend_get_status_message", err, ErrFriendQuery)
        return bytes(out)[:n]

    def friend_status(self, friend: int) -> UserStatus:
        err = ctypes.c_int(0)
        s = self._h.tox_friend_get_status(self.ptr, friend, ctypes.byref(err))
        _check("tox_friend_get_status", err, ErrFriendQuery)
        return UserStatus(s)

    def friend_connection_status(self, friend: int) -> Connection:
        err = ctypes.c_int(0)
        s = self._h.tox_friend_get_connection_status(self.ptr, friend, ctypes.byref(err))
        _check("tox_friend_get_connection_status", err, ErrFriendQuery)
        return Connection(s)

    def set_typing(self, friend: int, typing: bool) -> None:
        err = ctypes.c_int(0)
        self._h.tox_self_set_typing(self.ptr, friend, typing, ctypes.byref(err))
        _check("tox_self_set_typing", err, ErrSetTyping)

    def send_message(self, friend: int, message: bytes, kind: int = MessageType.NORMAL) -> int:
        """tox_friend_send_message; returns the message id that the read receipt will carry."""
        err = ctypes.c_int(0)
        mid = self._h.tox_friend_send_message(
            self.ptr, friend, int(kind), _buf(message), len(message), ctypes.byref(err)
        )
        _check("tox_friend_send_message", err, ErrFriendSendMessage)
        return int(mid)

    # file transfers

    def file_send(self, friend: int, kind: int, size: int, file_id: bytes | None, filename: bytes) -> int:
        err = ctypes.c_int(0)
        n = self._h.tox_file_send(self.ptr, friend, kind, size, _buf(file_id) if file_id else None,
                                  _buf(filename), len(filename), ctypes.byref(err))
        _check("tox_file_send", err, ErrFileSend)
        return int(n)

    def file_control(self, friend: int, file_number: int, control: int) -> None:
        err = ctypes.c_int(0)
        self._h.tox_file_control(self.ptr, friend, file_number, int(control), ctypes.byref(err))
        _check("tox_file_control", err, ErrFileControl)

    def file_seek(self, friend: int, file_number: int, position: int) -> None:
        err = ctypes.c_int(0)
        self._h.tox_file_seek(self.ptr, friend, file_number, position, ctypes.byref(err))
        _check("tox_file_seek", err, ErrFileSeek)

    def file_send_chunk(self, friend: int, file_number: int, position: int, data: bytes) -> None:
        err = ctypes.c_int(0)
        self._h.tox_file_send_chunk(self.ptr, friend, file_number, position, _buf(data) if data else None,
                                    len(data), ctypes.byref(err))
        _check("tox_file_send_chunk", err, ErrFileSendChunk)

    def file_id(self, friend: int, file_number: int) -> bytes:
        out = _out(32)
        err = ctypes.c_int(0)
        self._h.tox_file_get_file_id(self.ptr, friend, file_number, out, ctypes.byref(err))
        _check("tox_file_get_file_id", err, ErrFileGet)
        return bytes(out)

    def on_file_recv_control(self, fn: Callable[[int, int, FileControl], None]) -> None:
        self._register(
            "file_recv_control", FileRecvControlCb, "tox_callback_file_recv_control",
            lambda _t, f, n, c, _u: fn(int(f), int(n), FileControl(c)),
        )

    def on_file_chunk_request(self, fn: Callable[[int, int, int, int], None]) -> None:
        self._register(
            "file_chunk_request", FileChunkRequestCb, "tox_callback_file_chunk_request",
            lambda _t, f, n, pos, length, _u: fn(int(f), int(n), int(pos), int(length)),
        )

    def on_file_recv(self, fn: Callable[[int, int, int, int, bytes], None]) -> None:
        self._register(
            "file_recv", FileRecvCb, "tox_callback_file_recv",
            lambda _t, f, n, kind, size, name, length, _u: fn(
                int(f), int(n), int(kind), int(size), ctypes.string_at(name, length) if length else b""),
        )

    def on_file_recv_chunk(self, fn: Callable[[int, int, int, bytes], None]) -> None:
        self._register(
            "file_recv_chunk", FileRecvChunkCb, "tox_callback_file_recv_chunk",
            lambda _t, f, n, pos, data, length, _u: fn(
                int(f), int(n), int(pos), ctypes.string_at(data, length) if length else b""),
        )

    # conferences (toxcore/tox.h tox_conference_*)

    def _conf_call(self, function: str, *args: Any) -> Any:
        err = ctypes.c_int(0)
        r = getattr(self._h, function)(self.ptr, *args, ctypes.byref(err))
        _check(function, err, ErrConference)
        return r

    def conference_new(self) -> int:
        return int(self._conf_call("tox_conference_new"))

    def conference_delete(self, conference: int) -> None:
        self._conf_call("tox_conference_delete", conference)

    def conference_invite(self, friend: int, conference: int) -> None:
        self._conf_call("tox_conference_invite", friend, conference)

    def conference_join(self, friend: int, cookie: bytes) -> int:
        return int(self._conf_call("tox_conference_join", friend, _buf(cookie), len(cookie)))

    def conference_send_message(self, conference: int, message: bytes, kind: int = MessageType.NORMAL) -> None:
        self._conf_call("tox_conference_send_message", conference, int(kind), _buf(message), len(message))

    def conference_set_title(self, conference: int, title: bytes) -> None:
        self._conf_call("tox_conference_set_title", conference, _buf(title), len(title))

    def conference_title(self, conference: int) -> bytes:
        err = ctypes.c_int(0)
        n = self._h.tox_conference_get_title_size(self.ptr, conference, ctypes.byref(err))
        if err.value != 0:
            return b""  # no title set
        out = _out(n)
        self._conf_call("tox_conference_get_title", conference, out)
        return bytes(out)[:n]

    def conference_id(self, conference: int) -> bytes:
        out = _out(32)
        if not self._h.tox_conference_get_id(self.ptr, conference, out):
            raise RuntimeError("tox_conference_get_id failed")
        return bytes(out)

    def conference_by_id(self, conference_id: bytes) -> int:
        return int(self._conf_call("tox_conference_by_id", _buf(conference_id)))

    def conference_list(self) -> list[int]:
        n = self._h.tox_conference_get_chatlist_size(self.ptr)
        out = (_u32 * max(1, n))()
        self._h.tox_conference_get_chatlist(self.ptr, out)
        return [int(out[i]) for i in range(n)]

    def conference_peer_count(self, conference: int) -> int:
        return int(self._conf_call("tox_conference_peer_count", conference))

    def conference_offline_peer_count(self, conference: int) -> int:
        return int(self._conf_call("tox_conference_offline_peer_count", conference))

    def conference_peer_public_key(self, conference: int, peer: int) -> bytes:
        out = _out(PUBLIC_KEY_SIZE)
        self._conf_call("tox_conference_peer_get_public_key", conference, peer, out)
        return bytes(out)

    def conference_peer_name(self, conference: int, peer: int) -> bytes:
        n = self._conf_call("tox_conference_peer_get_name_size", conference, peer)
        out = _out(n)
        self._conf_call("tox_conference_peer_get_name", conference, peer, out)
        return bytes(out)[:n]

    def conference_peer_is_ours(self, conference: int, peer: int) -> bool:
        return bool(self._conf_call("tox_conference_peer_number_is_ours", conference, peer))

    def on_conference_invite(self, fn: Callable[[int, int, bytes], None]) -> None:
        self._register(
            "conference_invite", ConferenceInviteCb, "tox_callback_conference_invite",
            lambda _t, f, kind, cookie, n, _u: fn(int(f), int(kind), ctypes.string_at(cookie, n)),
        )

    def on_conference_connected(self, fn: Callable[[int], None]) -> None:
        self._register(
            "conference_connected", ConferenceConnectedCb, "tox_callback_conference_connected",
            lambda _t, c, _u: fn(int(c)),
        )

    def on_conference_message(self, fn: Callable[[int, int, MessageType, bytes], None]) -> None:
        self._register(
            "conference_message", ConferenceMessageCb, "tox_callback_conference_message",
            lambda _t, c, p, kind, msg, n, _u: fn(int(c), int(p), MessageType(kind), ctypes.string_at(msg, n)),
        )

    def on_conference_title(self, fn: Callable[[int, int, bytes], None]) -> None:
        self._register(
            "conference_title", ConferenceTitleCb, "tox_callback_conference_title",
            lambda _t, c, p, title, n, _u: fn(int(c), int(p), ctypes.string_at(title, n) if n else b""),
        )

    def on_conference_peer_name(self, fn: Callable[[int, int, bytes], None]) -> None:
        self._register(
            "conference_peer_name", ConferencePeerNameCb, "tox_callback_conference_peer_name",
            lambda _t, c, p, name, n, _u: fn(int(c), int(p), ctypes.string_at(name, n) if n else b""),
        )

    def on_conference_peer_list_changed(self, fn: Callable[[int], None]) -> None:
        self._register(
            "conference_peer_list_changed", ConferencePeerListChangedCb,
            "tox_callback_conference_peer_list_changed", lambda _t, c, _u: fn(int(c)),
        )

    # callbacks (each ctypes thunk is kept in self._callbacks for the instance's lifetime)

    def _register(self, name: str, cb_type: Any, setter: str, fn: Callable[..., None]) -> None:
        thunk = cb_type(fn)
        self._callbacks[name] = thunk
        getattr(self._h, setter)(self.ptr, thunk)

    def on_self_connection_status(self, fn: Callable[[Connection], None]) -> None:
        self._register(
            "self_connection_status", SelfConnectionStatusCb, "tox_callback_self_connection_status",
            lambda _t, status, _u: fn(Connection(status)),
        )

    def on_friend_request(self, fn: Callable[[bytes, bytes], None]) -> None:
        self._register(
            "friend_request", FriendRequestCb, "tox_callback_friend_request",
            lambda _t, pk, msg, n, _u: fn(ctypes.string_at(pk, PUBLIC_KEY_SIZE), ctypes.string_at(msg, n)),
        )

    def on_friend_message(self, fn: Callable[[int, MessageType, bytes], None]) -> None:
        self._register(
            "friend_message", FriendMessageCb, "tox_callback_friend_message",
            lambda _t, f, kind, msg, n, _u: fn(int(f), MessageType(kind), ctypes.string_at(msg, n)),
        )

    def on_friend_connection_status(self, fn: Callable[[int, Connection], None]) -> None:
        self._register(
            "friend_connection_status", FriendConnectionStatusCb, "tox_callback_friend_connection_status",
            lambda _t, f, status, _u: fn(int(f), Connection(status)),
        )

    def on_friend_name(self, fn: Callable[[int, bytes], None]) -> None:
        self._register(
            "friend_name", FriendNameCb, "tox_callback_friend_name",
            lambda _t, f, s, n, _u: fn(int(f), ctypes.string_at(s, n) if n else b""),
        )

    def on_friend_status_message(self, fn: Callable[[int, bytes], None]) -> None:
        self._register(
            "friend_status_message", FriendStatusMessageCb, "tox_callback_friend_status_message",
            lambda _t, f, s, n, _u: fn(int(f), ctypes.string_at(s, n) if n else b""),
        )

    def on_friend_status(self, fn: Callable[[int, UserStatus], None]) -> None:
        self._register(
            "friend_status", FriendStatusCb, "tox_callback_friend_status",
            lambda _t, f, status, _u: fn(int(f), UserStatus(status)),
        )

    def on_friend_typing(self, fn: Callable[[int, bool], None]) -> None:
        self._register(
            "friend_typing", FriendTypingCb, "tox_callback_friend_typing",
            lambda _t, f, typing, _u: fn(int(f), bool(typing)),
        )

    def on_friend_read_receipt(self, fn: Callable[[int, int], None]) -> None:
        self._register(
            "friend_read_receipt", FriendReadReceiptCb, "tox_callback_friend_read_receipt",
            lambda _t, f, mid, _u: fn(int(f), int(mid)),
        )

    def __repr__(self) -> str:
        state = "killed" if self._ptr is None else self.public_key.hex()[:16].upper()
        return f"<ctox.Tox {state}>"
