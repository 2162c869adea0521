from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "搜索"

    def ready(self):
        # Only connect receivers here: the index and jieba load lazily on first use.
        from articles.models import Article
        from articles.signals import article_imported, import_batch_finished, import_batch_started
        from hospitals.models import Hospital, HospitalAlias, Initiative, Mention, Metric, Person

        from . import signals

        for model in (Article, Hospital, HospitalAlias, Initiative, Metric, Person, Mention):
            post_save.connect(signals.on_save, sender=model, dispatch_uid=f"search-save-{model.__name__}")
            post_delete.connect(
                signals.on_delete, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
            )
        import_batch_started.connect(signals.on_batch_started, dispatch_uid="search-batch-started")
        article_imported.connect(signals.on_batch_file, dispatch_uid="search-batch-file")
        import_batch_finished.connect(signals.on_batch_finished, dispatch_uid="search-batch-finished")
