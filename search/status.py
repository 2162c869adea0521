"""What `index_status()` reports, whichever backend answers it."""

from . import analysis, dictionary


def is_stale(analyzer_version, dictionary_version):
    """Whether an index built with these versions is out of step with the running analyser or
    the user dictionary the database holds now."""
    return analyzer_version != analysis.ANALYZER_VERSION or dictionary_version != dictionary.current()


def status(
    *, path, exists, rebuilding, doc_count=0, analyzer_version=None, dictionary_version=None, built_at=None
):
    """The status dict: whether an index exists, and whether it is stale (built by another
    analyser, or with another user dictionary than the database holds now)."""
    current_dictionary = dictionary.current()
    return {
        "exists": exists,
        "path": path,
        "stale": exists and is_stale(analyzer_version, dictionary_version),
        "doc_count": doc_count,
        "analyzer_version": analyzer_version,
        "dictionary_version": dictionary_version,
        "current_analyzer_version": analysis.ANALYZER_VERSION,
        "current_dictionary_version": current_dictionary,
        "built_at": built_at,
        "rebuilding": rebuilding,
    }
