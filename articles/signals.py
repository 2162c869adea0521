from django.dispatch import Signal

# Sent for each item of a file right after it is parsed, before anything is stored, with
# `parsed` (ParsedArticle), `page_context` (a dict shared by the items cut from one print page)
# and `prepared` (a dict of this item's own). It may run in an import worker process, so
# receivers must not touch the database: they do their CPU-heavy, pure work here (fact
# extraction) and put picklable results into `prepared`, which comes back to them in
# `article_imported`. This is how the importer uses every core without importing extraction.
article_parsed = Signal()

# Sent inside the import transaction of each article, after it is saved, with
# `article` (Article), `parsed` (ParsedArticle), `page_context` (a dict shared by the
# items cut from one print page) and `prepared` (what `article_parsed` receivers put there,
# or an empty dict when it was not sent). Extraction listens to it, so an
# extraction failure rolls the whole file back.
article_imported = Signal()

# Sent by `import_articles --explain` for each parsed item, with `parsed` and `page_context`
# as above. Receivers return lines of text saying what an import would store, and store nothing.
article_explained = Signal()

# Sent by `import_paths` before its first file and after its last (also when it fails), with
# `files` (how many). Listeners that would act on every file's commit (the search index) may
# gather that work and do it once per batch instead.
import_batch_started = Signal()
import_batch_finished = Signal()
