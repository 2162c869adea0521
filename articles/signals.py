from django.dispatch import Signal

# Sent inside the import transaction of each article, after it is saved, with
# `article` (Article) and `parsed` (ParsedArticle). Extraction listens to it, so an
# extraction failure rolls the whole file back.
article_imported = Signal()
