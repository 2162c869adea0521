"""Keep the index fresh: model saves and deletes re-index the documents they touch.

Keys are collected per thread while a transaction runs; the first on_commit callback
flushes them all in one index write, so an import of a hundred rows in one transaction
re-indexes each document once, and a rolled-back transaction writes nothing (its keys
are only re-read from the database by the next commit).

During an import of many files (`import_paths`, between its batch signals) the keys of
BATCH_FILES committed files are flushed together: a hospital's document, which every one of
its articles touches, is re-indexed once per batch instead of once per article.
"""

import logging
import threading

from django.db import transaction

from . import index
from .documents import affected_keys, key_for

logger = logging.getLogger(__name__)
_state = threading.local()

DICTIONARY_MODELS = ("hospital", "hospitalalias", "initiative")
BATCH_FILES = 100


def _pending():
    keys = getattr(_state, "keys", None)
    if keys is None:
        keys = _state.keys = set()
    return keys


def discard_pending():
    """Forget keys collected on this thread (tests whose transactions never commit)."""
    _pending().clear()


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
    if getattr(_state, "batch", None) is not None:
        return  # the batch flushes them (see on_batch_file)
    # Every save registers the callback (test helpers that capture callbacks only see their
    # own), but the first one to run flushes all keys and the rest find nothing to do.
    transaction.on_commit(flush)


def on_batch_started(sender, **kwargs):
    _state.batch = 0


def on_batch_file(sender, **kwargs):
    """An imported file's rows are saved (its transaction commits next): every BATCH_FILES
    files, flush after that commit."""
    if getattr(_state, "batch", None) is None:
        return
    _state.batch += 1
    if _state.batch >= BATCH_FILES:
        _state.batch = 0
        transaction.on_commit(flush)


def on_batch_finished(sender, **kwargs):
    _state.batch = None
    transaction.on_commit(flush)  # at once outside a transaction


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
