from contextlib import contextmanager

from django.db import connections

from config import routers


@contextmanager
def added_replica(conf):
    """The replica alias DATABASE_REPLICA_URL adds, with these settings, for a test module. Added
    before any test's database set-up, which only lets a test use aliases that exist by then;
    connections.settings is settings.DATABASES itself, so the middleware sees the alias too."""
    connections.settings[routers.REPLICA] = conf
    try:
        yield
    finally:
        connections[routers.REPLICA].close()
        del connections[routers.REPLICA]
        del connections.settings[routers.REPLICA]
