"""Keep the index fresh: model saves and deletes re-index the documents they touch.

Keys are collected per thread while a transaction runs and flushed by one on_commit
callback, so an import of a hundred rows in one transaction re-indexes each document once,
and a rolled-back transaction re-indexes nothing.
"""

import logging
import threading

from django.db import connection, transaction

from . import index
from .documents import affected_keys, key_for

logger = logging.getLogger(__name__)
_state = threading.local()

DICTIONARY_MODELS = ("hospital", "hospitalalias", "initiative")


def _pending():
    keys = getattr(_state, "keys", None)
    if keys is None:
        keys = _state.keys = set()
    return keys


def flush():
    """Re-index every key collected on this thread (runs after the commit)."""
    keys = _pending()
    if not keys:
        return
    batch = set(keys)
    keys.clear()
    try:
        index.sync_keys(batch)
    except Exception:
        # A failed index update must not turn a successful save into an error page;
        # the index can always be rebuilt.
        logger.exception("search index update failed for %d documents", len(batch))


def _schedule(keys):
    _pending().update(keys)
    if connection.in_atomic_block:
        # One callback per transaction, even if an earlier transaction rolled back its own.
        if any(func is flush for _sids, func, *_rest in connection.run_on_commit):
            return
    transaction.on_commit(flush)


def on_save(sender, instance, **kwargs):
    if sender._meta.model_name in DICTIONARY_MODELS:
        index.invalidate_dictionary()
    try:
        _schedule(affected_keys(instance))
    except Exception:
        logger.exception("could not work out which search documents %r affects", instance)


def on_delete(sender, instance, **kwargs):
    if sender._meta.model_name in DICTIONARY_MODELS:
        index.invalidate_dictionary()
    keys = set()
    kind = sender._meta.model_name
    if kind in ("article", "hospital", "initiative", "metric"):
        keys.add(key_for(kind, instance.pk))
    try:
        keys |= affected_keys(instance)
    except Exception:
        logger.exception("could not work out which search documents %r affects", instance)
    _schedule(keys)
