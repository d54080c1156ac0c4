"""A stand-in for a desktop's notification server (org.freedesktop.Notifications), for tests.

Run with a Python that has PyGObject (Debian's /usr/bin/python3 with python3-gi) on the test's
own session bus (DBUS_SESSION_BUS_ADDRESS). It checks argument types as GLib servers (GNOME
Shell, dunst, xfce4-notifyd) do, since Gio rejects a call whose signature differs from the
introspection data, and records every call as one JSON line on stdout: "ready" first, then
{"method": ..., "args": [...]}. Lines on stdin drive it: "invoke ID ACTION" emits ActionInvoked,
"close ID" emits NotificationClosed, "quit" (or end of input) stops it.
"""

from __future__ import annotations

import json
import sys
import threading

from gi.repository import Gio, GLib  # type: ignore[import-not-found]

XML = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  </interface>
</node>
"""
PATH = "/org/freedesktop/Notifications"
NAME = "org.freedesktop.Notifications"


def say(obj: object) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> None:
    loop = GLib.MainLoop()
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    node = Gio.DBusNodeInfo.new_for_xml(XML)
    next_id = [0]

    def call(conn, sender, path, iface, method, params, invocation):
        args = params.unpack()
        say({"method": method, "signature": params.get_type_string(), "args": args})
        if method == "Notify":
            next_id[0] += 1
            invocation.return_value(GLib.Variant("(u)", (next_id[0],)))
        elif method == "GetCapabilities":
            invocation.return_value(GLib.Variant("(as)", (["actions", "body", "body-markup", "sound"],)))
        elif method == "GetServerInformation":
            invocation.return_value(GLib.Variant("(ssss)", ("fake", "toxgui tests", "1", "1.2")))
        else:
            invocation.return_value(None)

    bus.register_object(PATH, node.interfaces[0], call, None, None)

    def acquired(*_a: object) -> None:
        say("ready")

    Gio.bus_own_name_on_connection(bus, NAME, Gio.BusNameOwnerFlags.NONE, acquired, lambda *a: loop.quit())

    def emit(line: str) -> bool:
        parts = line.split()
        if parts[:1] == ["invoke"]:
            bus.emit_signal(None, PATH, NAME, "ActionInvoked", GLib.Variant("(us)", (int(parts[1]), parts[2])))
        elif parts[:1] == ["close"]:
            bus.emit_signal(None, PATH, NAME, "NotificationClosed", GLib.Variant("(uu)", (int(parts[1]), 2)))
        else:
            loop.quit()
        return False

    def read() -> None:
        for line in sys.stdin:
            GLib.idle_add(emit, line)
        GLib.idle_add(emit, "quit")

    threading.Thread(target=read, daemon=True).start()
    loop.run()


if __name__ == "__main__":
    main()
