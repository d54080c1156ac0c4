"""c-toxcore 0.2.18 DHT constants (DHT.h, ping.c, ping_array.c, LAN_discovery.c)."""

LCLIENT_LENGTH = 128  # close-list buckets
LCLIENT_NODES = 8  # nodes per bucket
MAX_FRIEND_CLIENTS = 8  # nodes per search list
MAX_CLOSE_TO_BOOTSTRAP_NODES = 8
MAX_SENT_NODES = 4
DHT_FAKE_FRIEND_NUMBER = 2
DHT_FRIEND_MAX_LOCKS = 32
MAX_SEARCHES = 4096  # bound on searched keys (c-toxcore has none; a friend list is never this big)

PING_TIMEOUT = 5.0  # reply window for pings and get-nodes
PING_ARRAY_SIZE = 512  # outstanding ping ids per array (ping.c PING_NUM_MAX, DHT_PING_ARRAY_SIZE)
PING_INTERVAL = 60.0  # get-nodes to every node of every list
GET_NODE_INTERVAL = 20.0  # one random get-nodes per list
MAX_BOOTSTRAP_TIMES = 5  # first ticks of a list: a random get-nodes every tick
BAD_NODE_TIMEOUT = 122.0
KILL_NODE_TIMEOUT = 182.0
TICK = 1.0  # do_dht runs once per mono_time second
FLUSH_SPACING = 0.05  # queued get-nodes go out at most this often between ticks (c-toxcore: every 50 ms loop)
REFRESH_BOOTSTRAP_TICKS = 10  # bucket-refresh lookups: one per tick for this many ticks
MAX_FRESH = 64  # newly added entries awaiting their first get-nodes

MAX_TO_PING = 32
TIME_TO_PING = 2.0

PUNCH_INTERVAL = 3.0
PUNCH_RESET_TIME = 40.0
MAX_PUNCHING_PORTS = 48
MAX_NORMAL_PUNCHING_TRIES = 5

LAN_DISCOVERY_INTERVAL = 10.0
LAN_DISCOVERY_PORT = 33445
LAN_DISCOVERY_PORT_RANGE = (33446, 33545)
LAN_DISCOVERY_PORTS_PER_ROUND = 10

STATUS_MIN_INTERVAL = 1.0  # DhtStatus events at most once per second

# Bootstrap entries are retried until they answer: after 2 s, then doubling up to 120 s.
BOOTSTRAP_RETRY_FIRST = 2.0
BOOTSTRAP_RETRY_MAX = 120.0
MAX_BOOTSTRAP_RETRY = 32
MAX_BOOTSTRAP_NODES = 32  # the last bootstrap entries kept (onion paths use them early on)
MAX_LOADED_NODES = 1024  # saved nodes bootstrapped from at start
