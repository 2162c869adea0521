from .extraction import extract
from .store import save_extraction


def extract_facts(sender, article, parsed, page_context, **kwargs):
    """Turn a freshly imported article into hospitals and facts, in the import's transaction.

    Short items cut from the same page that name no hospital belong to the lead item's subject.
    """
    extraction = extract(parsed, fallback_subject=page_context.get("subject"))
    if page_context.get("subject") is None and extraction.subject is not None:
        page_context["subject"] = extraction.subject
    return save_extraction(article, extraction)
