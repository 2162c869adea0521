from django.dispatch import Signal

# Sent inside the import transaction of each article, after it is saved, with
# `article` (Article), `parsed` (ParsedArticle) and `page_context` (a dict shared by the
# items cut from one print page). Extraction listens to it, so an
# extraction failure rolls the whole file back.
article_imported = Signal()
