"""Read replica routing (DATABASE_REPLICA_URL).

Only reads made while a visitor's safe request to a public page is being answered go to the
replica; `config.middleware.public_reads` marks those requests. Everything else reads the primary:
writes and what reads around them, the admin, signed-in staff (who must see what they just saved,
whatever the replica's lag), management commands (imports, rebuild_index) and any code outside a
request. The router is installed only when the replica is configured (config/settings/base.py).
"""

from contextlib import contextmanager
from contextvars import ContextVar

REPLICA = "replica"
PRIMARY = "default"

# A context variable rather than a thread-local: each gthread worker thread and each asyncio task
# gets its own value, and a reset restores whatever was there before.
_public_read = ContextVar("hf_public_read", default=False)


@contextmanager
def public_reads():
    """Reads inside this block may be answered by the replica."""
    token = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(token)


def reading_publicly():
    return _public_read.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _public_read.get() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may be related to one
        # written to the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema by streaming replication.
        return db == PRIMARY
