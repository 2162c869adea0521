"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi:application`.

The application, jieba's dictionaries, the pinyin readings (articles.pinyin), the search index's
per-document tables and field lengths, and the tables built from the collection's names (short
forms, completions, did you mean) are loaded once, in the master, before the workers fork:
jieba's main dictionary alone takes about a second, and the document tables grow with the index
(about 1.5 s at 10,000 articles with their facts). A new worker then answers its first search
without that wait, and all workers share those pages with the master instead of each holding a
copy. The master closes the index files
before forking, so no file position is shared between processes; the tables are kept by
segment, and a worker that reopens the same index finds them. After `rebuild_index` each
worker builds the new segments' tables on its first search; restarting gunicorn preloads them
again.

Every value can be overridden on the command line (`--workers 3`) or with GUNICORN_CMD_ARGS.
"""

import ctypes
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
# Any word most documents contain; its answer is thrown away.
WARM_QUERY = "医院"


def when_ready(server):
    """In the master, after the app is loaded and before any worker forks."""
    from django.db import DatabaseError, connections

    from articles import pinyin
    from search import analysis, index, shortforms, spelling, suggest
    from search.query import search

    analysis.load_user_words([])  # jieba's main dictionary
    pinyin.tables()  # pinyin readings (read from pypinyin in a child process)
    try:
        # Hospital names (from the database) into jieba, then the index's document tables and a
        # common term's postings, as any first search would load them.
        search(WARM_QUERY)
        # The tables built from the collection's names: short forms (every search page reads
        # them), completions and pinyin readings of letters, did-you-mean's readings of names.
        shortforms.lookup(WARM_QUERY)
        suggest.table()
        spelling.correction(WARM_QUERY)
    except DatabaseError as exc:  # not migrated yet: workers load the names on first use
        server.log.warning("search not preloaded: %s", exc)
    finally:
        index.close_searchers()
    # Each worker opens its own database connection; none may inherit the master's.
    connections.close_all()
    # Give back the heap the warm-up's temporary rows left free (about 25 MB at 10,000 articles),
    # so no worker starts with it; glibc only, elsewhere this is skipped.
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    # Objects made so far stay out of the garbage collector's passes, which would otherwise
    # write to (and so copy) every shared page in every worker.
    gc.freeze()
