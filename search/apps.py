from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "搜索"

    def ready(self):
        # Only connect receivers here: the index and jieba load lazily on first use.
        from articles.models import Article
        from hospitals.models import Hospital, HospitalAlias, Initiative, Mention, Metric, Person

        from . import signals

        for model in (Article, Hospital, HospitalAlias, Initiative, Metric, Person, Mention):
            post_save.connect(signals.on_save, sender=model, dispatch_uid=f"search-save-{model.__name__}")
            post_delete.connect(
                signals.on_delete, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
            )
