"""The plain-language "waiting for" line of a friend's connection, built from the core's facts.

The core reports facts (`FriendFacts`), never sentences; the headless `progress` event's
`details.waiting_for` is this English line, and the GUI's dashboard builds its own translated
sentence from the same facts (toxgui/models/dashboard.py).
"""

from __future__ import annotations

from toxgui.core.onion.constants import MAX_SEARCH_NODES
from toxgui.core.spec import Stage
from toxgui.core.status import FriendFacts

_BY_STAGE = {
    Stage.AcquiringIPAddress: "searching the DHT for the friend's IP address",
    Stage.AcquiringCookie: "asking the friend for a cookie (a reply proves the address works)",
    Stage.AwaitingHandshake: "waiting for the friend's handshake",
    Stage.AwaitingSessionPacket: "waiting for the first encrypted packet of the session",
    Stage.Established: "",
}


def waiting_for(facts: FriendFacts) -> str:
    if facts.stage == Stage.AwaitingDHTKey:
        stored, answered = facts.announce_nodes, facts.search_answered
        if stored:
            line = (f"Found on the onion ({stored} of {answered} nodes report it announced); "
                    "waiting for the friend's DHT key")
            if not facts.request_accepted:
                line += " (the friend has not accepted our request yet)"
            return line
        if answered:
            return (f"Searching the onion for this friend: {answered} of {MAX_SEARCH_NODES} nodes "
                    "answered, not announced yet")
        return "Searching the onion for this friend: no node answered yet"
    if facts.stage == Stage.AcquiringIPAddress and facts.stale_address is not None:
        return "the last known address did not answer; searching the DHT for a fresh one"
    return _BY_STAGE[facts.stage]


def progress_details(facts: FriendFacts) -> dict[str, object]:
    """The `details` of a headless `progress` event: the facts plus `waiting_for`."""
    d = facts.as_dict()
    d["waiting_for"] = waiting_for(facts)
    return d
