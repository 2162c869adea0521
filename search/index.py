"""The search index, whichever backend keeps it (settings.SEARCH_BACKEND).

- `whoosh` (the default): a Whoosh index folder per machine (search.backends.whoosh).
- `postgres`: posting tables in the database itself (search.backends.postgres), so any number
  of web nodes serve the same fresh search and keep nothing of their own.

Everything outside search/backends (views, the engine, signals, commands, the gunicorn hooks)
goes through the functions here; each backend module provides the same ones.
"""

from contextlib import contextmanager
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import dictionary

BACKENDS = {
    "whoosh": "search.backends.whoosh.index",
    "postgres": "search.backends.postgres.index",
}


def backend_name():
    return getattr(settings, "SEARCH_BACKEND", "whoosh") or "whoosh"


def backend():
    name = backend_name()
    if name not in BACKENDS:
        raise ImproperlyConfigured(f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")
    return import_module(BACKENDS[name])


@contextmanager
def reader(path=None):
    """The engine's Reader on the current index (see search.query), or None when there is none.
    `path` names a Whoosh index folder (ignored by the postgres backend)."""
    with backend().reader(path) as found:
        yield found


def index_status(path=None):
    """{exists, stale, doc_count, analyzer_version, dictionary_version, built_at, rebuilding, …}."""
    return backend().index_status(path)


def rebuild(path=None, progress=True, procs=2):
    """Build a fresh index of every record and swap it in; the site answers from the old one
    meanwhile."""
    return backend().rebuild(path=path, progress=progress, procs=procs)


def sync_keys(keys, path=None):
    """Re-index (or delete) the documents with these keys from the current database state."""
    return backend().sync_keys(keys, path=path)


def location():
    """Where the index lives, for messages: a folder, or the database."""
    return backend().location()


def close_searchers():
    """Let go of what this thread holds open (Whoosh files); cached tables stay."""
    return backend().close_searchers()


invalidate_dictionary = dictionary.invalidate
current_dictionary = dictionary.current
