"""A table a process builds from the database and keeps until what it was built from changes."""

import threading
import time


class CheckedTable:
    """`build(data)` kept until `read()`'s fingerprint changes; `read()` (returning
    (fingerprint, data)) runs at most once every `ttl()` seconds, so most requests cost nothing."""

    def __init__(self, read, build, ttl):
        self._read, self._build, self._ttl = read, build, ttl
        self._lock = threading.Lock()
        self._state = (None, None, 0.0)  # fingerprint, table, when checked; replaced whole

    def get(self):
        now = time.monotonic()
        _fingerprint, table, checked = self._state
        if table is not None and now - checked < self._ttl():
            return table
        with self._lock:
            fingerprint, table, checked = self._state
            if table is None or now - checked >= self._ttl():
                found, data = self._read()
                if found != fingerprint or table is None:
                    table = self._build(data)
                self._state = (found, table, now)
            return self._state[1]

    @property
    def built(self):
        return self._state[1] is not None

    def clear(self):
        self._state = (None, None, 0.0)
