"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi:application`.

The application and jieba's dictionaries are loaded once, in the master, before the workers
fork (jieba's main dictionary alone takes about a second and tens of MB to load). A new worker
then answers its first search without that wait, and all workers share those pages with the
master instead of each holding a copy. The search index is not opened here: its files are
opened by each worker, so no file position is shared between processes.

Every value can be overridden on the command line (`--workers 3`) or with GUNICORN_CMD_ARGS.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "5"))
threads = 4
timeout = 60
graceful_timeout = 10
preload_app = True
# A worker is replaced now and then, so memory a worker gathered (decoded postings, Python's
# fragmented heap) goes back; with the app preloaded its successor starts warm.
max_requests = 5000
max_requests_jitter = 500


def when_ready(server):
    """In the master, after the app is loaded and before any worker forks."""
    from django.db import DatabaseError, connections

    from search import analysis, index

    analysis.load_user_words([])  # jieba's main dictionary
    try:
        index.current_dictionary()  # hospital names and aliases, from the database
    except DatabaseError as exc:  # not migrated yet: workers load the names on first use
        server.log.warning("hospital names not preloaded: %s", exc)
    # Each worker opens its own database connection; none may inherit the master's.
    connections.close_all()
    # Objects made so far stay out of the garbage collector's passes, which would otherwise
    # write to (and so copy) every shared page in every worker.
    gc.freeze()
