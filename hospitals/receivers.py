from .extraction import explain, extract
from .store import save_extraction

# Where prepare_facts leaves an item's extraction in the importer's `prepared` dict.
PREPARED_KEY = "hospitals.extraction"


def extract_item(parsed, page_context):
    """Extraction of one item cut from a page; `page_context` (a dict shared by the page's items)
    carries the lead item's subject to later short items that name no hospital themselves.

    The import and the evaluation both read pages through this, so they score what gets stored.
    """
    extraction = extract(parsed, fallback_subject=page_context.get("subject"))
    if page_context.get("subject") is None and extraction.subject is not None:
        page_context["subject"] = extraction.subject
    return extraction


def prepare_facts(sender, parsed, page_context, prepared, **kwargs):
    """Extract where the file is parsed, possibly in an import worker: pure work, no database."""
    prepared[PREPARED_KEY] = extract_item(parsed, page_context)


def extract_facts(sender, article, parsed, page_context, prepared=None, **kwargs):
    """Turn a freshly imported article into hospitals and facts, in the import's transaction."""
    extraction = (prepared or {}).get(PREPARED_KEY)
    if extraction is None:
        extraction = extract_item(parsed, page_context)
    return save_extraction(article, extraction)


def explain_facts(sender, parsed, page_context, **kwargs):
    """Lines for `import_articles --explain`: every fact found, with its evidence."""
    return explain(extract_item(parsed, page_context))


# The data migrations that seed the canonical indicators, in order.
_INDICATOR_SEEDS = (
    "0007_seed_indicators",
    "0008_more_indicators",
    "0011_county_indicators",
    "0012_more_county_indicators",
)
_SYNONYM_SEEDS = ("0010_search_synonyms",)


def restore_indicators(sender, using="default", **kwargs):
    """Put the canonical indicators and search synonyms back after a flush (`manage.py flush`, or a
    transactional test) emptied the rows the data migrations seeded, so that imports still link
    their metrics and searches still expand their words."""
    from importlib import import_module

    from django.apps import apps
    from django.db import connections

    from .models import Indicator, SearchSynonym

    tables = set(connections[using].introspection.table_names())
    if not {Indicator._meta.db_table, SearchSynonym._meta.db_table} <= tables:
        return  # migrated to an earlier state: nothing to restore
    seeds = [] if Indicator.objects.using(using).exists() else list(_INDICATOR_SEEDS)
    seeds += [] if SearchSynonym.objects.using(using).exists() else list(_SYNONYM_SEEDS)
    for name in seeds:
        import_module(f"hospitals.migrations.{name}").seed(apps, None)
