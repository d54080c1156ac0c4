"""Onion timers and sizes.  c-toxcore 0.2.18's values (onion_client.h/.c) are the floor to beat.

Where toxgui is faster than c-toxcore the c-toxcore value is given alongside.
"""

from __future__ import annotations

# --- paths ------------------------------------------------------------------------------------
PATHS_PER_POOL = 6  # NUMBER_ONION_PATHS: one pool for self-announce, one for friend search
PATH_FIRST_TIMEOUT = 4.0  # ONION_PATH_FIRST_TIMEOUT: a path that never answered
PATH_TIMEOUT = 10.0  # ONION_PATH_TIMEOUT: a path that answered before
PATH_MAX_NO_RESPONSE_USES = 4  # ONION_PATH_MAX_NO_RESPONSE_USES
PATH_FREE_USES = 2  # a new path starts with 2 "free" uses (c-toxcore: tries start at -2)
PATH_MAX_LIFETIME = 1200.0  # ONION_PATH_MAX_LIFETIME
PATH_NODE_FRESH = 122.0  # a path node not heard through a path for this long is used only if nothing else is
PATH_CANDIDATES = 16  # good DHT nodes drawn as path candidates
MAX_PATH_NODES = 64  # bounded pool of nodes that answered (c-toxcore: MAX_PATH_NODES 32)

# --- announce / search lists -----------------------------------------------------------------
MAX_ANNOUNCE_NODES = 12  # MAX_ONION_CLIENTS_ANNOUNCE
MAX_SEARCH_NODES = 8  # MAX_ONION_CLIENTS
SENDBACK_TIMEOUT = 10.0  # ANNOUNCE_TIMEOUT: replies after this are lost
MAX_SENDBACKS = 1024  # bound on outstanding requests
NODE_TIMEOUT = 15.0  # ONION_NODE_TIMEOUT
NODE_MAX_PINGS = 3  # ONION_NODE_MAX_PINGS: dead after 3 unanswered requests plus NODE_TIMEOUT
MIN_NODE_PING_GAP = 1.0  # never ask the same node twice within this (c-toxcore: 10 s for candidates)
CANDIDATE_GAP = 10.0  # a returned closer node is asked at most once per this

# self-announce: c-toxcore waits 3 s after start, then 3 s between tries until stored.
ANNOUNCE_UNSTORED_INTERVAL = 1.0  # c-toxcore 3 s
ANNOUNCE_STORED_INTERVAL = 15.0  # ONION_NODE_PING_INTERVAL
ANNOUNCE_STABLE_INTERVAL = 120.0  # once stable (node known >= 90 s, path >= 90 s)
STABLE_AFTER = 90.0
REPOPULATE_INTERVAL = 2.0  # how often random path nodes are asked while the list is thin
REPOPULATE_SELF_COUNT = 6  # c-toxcore: up to 6 (self)
REPOPULATE_FRIEND_COUNT = 8  # up to 8 per friend
LIST_REFRESH = 600.0  # re-populate this long after the list was last full

# friend search: c-toxcore 3 s while "new" (run_count <= 5), then 2^min(12, run-2) s up to 3600 s.
SEARCH_FIRST_INTERVAL = 1.0
SEARCH_FAST_ROUNDS = 10  # rounds at the first interval before backing off
SEARCH_MAX_INTERVAL = 60.0  # c-toxcore caps at 3600 s
SEARCH_EXPLORE = 2  # random nodes asked per round while the friend is not found
# With many friends the rounds share a budget: the first interval stretches to (friends searched /
# SEARCH_ROUNDS_PER_SECOND) s, and the first rounds of a start-up are spread over it, rather than
# 1000 friends asking 8 nodes each every second (which cost as much CPU as c-toxcore's start-up).
SEARCH_ROUNDS_PER_SECOND = 100.0

# Copies over several paths while requests go unanswered (c-toxcore: always one path).  A request
# counts as lost when no answer came within LOSS_AFTER; the counts decay with LOSS_HALF_LIFE and
# mean nothing below LOSS_MIN_SAMPLE.  Answered < 50%: 2 paths; < 25%: MAX_COPIES.
LOSS_AFTER = 2.0
LOSS_HALF_LIFE = 20.0
LOSS_MIN_SAMPLE = 6.0
MAX_COPIES = 3

# --- onion data / DHTPK ---------------------------------------------------------------------
DHTPK_ONION_INTERVAL = 10.0  # ONION_DHTPK_SEND_INTERVAL is 30 s
DHTPK_ONION_FIRST_INTERVAL = 1.0  # after finding the friend: every 1 s 5 times, then 2, 4, 8, 10 s
DHTPK_FAST_SENDS = 5
DHTPK_DHT_INTERVAL = 10.0  # DHT_DHTPK_SEND_INTERVAL is 20 s
ONION_OFFLINE_TIMEOUT = 75.0

# --- announce store (answering announce requests for others) -----------------------------------
STORE_ENTRIES = 160  # ONION_ANNOUNCE_MAX_ENTRIES
STORE_ENTRY_TIMEOUT = 300.0  # ONION_ANNOUNCE_TIMEOUT
PING_ID_WINDOW = 300  # PING_ID_TIMEOUT: ping_ids live 300-600 s

# --- relay ----------------------------------------------------------------------------------
RELAY_SECRET_LIFETIME = 7200.0  # c-toxcore rotates the return-path key every 2 h

# --- friend requests --------------------------------------------------------------------------
FR_FIRST_TIMEOUT = 1.0  # c-toxcore friendrequest_timeout: 5 s, doubling (10, 20, ...)
FR_FAST_SENDS = 5  # the first sends go FR_FIRST_TIMEOUT apart, then the gap doubles
FR_MAX_TIMEOUT = 160.0
FR_RECENT_SENDERS = 32  # c-toxcore MAX_RECEIVED_STORED
