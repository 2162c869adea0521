"""A per-process cache of decoded posting arrays, bounded in bytes."""

import threading
from collections import OrderedDict

from django.conf import settings


class LRU:
    """Thread-safe least-recently-used map bounded by the summed nbytes of its values."""

    def __init__(self, limit_mb=None):
        self._limit_mb = limit_mb  # None: settings.SEARCH_POSTINGS_CACHE_MB
        self._items = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def _limit(self):
        limit_mb = self._limit_mb
        if limit_mb is None:
            limit_mb = getattr(settings, "SEARCH_POSTINGS_CACHE_MB", 256)
        return int(limit_mb * 1024 * 1024)

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value, nbytes):
        limit = self._limit()
        with self._lock:
            if key in self._items or nbytes > limit:
                return
            self._items[key] = (value, nbytes)
            self._bytes += nbytes
            while self._bytes > limit:
                _key, (_value, size) = self._items.popitem(last=False)
                self._bytes -= size

    def clear(self):
        with self._lock:
            self._items.clear()
            self._bytes = 0

    @property
    def nbytes(self):
        return self._bytes
