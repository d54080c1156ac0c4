"""The DHT: node lists, the ping/get-nodes schedule, DHT request routing, hole punching."""

from toxgui.core.dht.dht import CryptoHandler, Dht, DhtCounters, FoundHandler, NodesHandler
from toxgui.core.dht.lists import Assoc, Client, CloseList, SearchList, bucket_index

__all__ = [
    "Assoc",
    "Client",
    "CloseList",
    "CryptoHandler",
    "Dht",
    "DhtCounters",
    "FoundHandler",
    "NodesHandler",
    "SearchList",
    "bucket_index",
]
