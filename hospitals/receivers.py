from .extraction import extract
from .store import save_extraction


def extract_facts(sender, article, parsed, **kwargs):
    """Turn a freshly imported article into hospitals and facts, in the import's transaction."""
    return save_extraction(article, extract(parsed))
