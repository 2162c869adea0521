from django.apps import AppConfig


class HospitalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hospitals"
    verbose_name = "医院"

    def ready(self):
        from django.db.models.signals import post_migrate

        from articles.signals import article_explained, article_imported, article_parsed

        from .receivers import explain_facts, extract_facts, prepare_facts, restore_indicators

        article_parsed.connect(prepare_facts, dispatch_uid="hospitals.prepare_facts")
        article_imported.connect(extract_facts, dispatch_uid="hospitals.extract_facts")
        article_explained.connect(explain_facts, dispatch_uid="hospitals.explain_facts")
        post_migrate.connect(restore_indicators, sender=self, dispatch_uid="hospitals.restore_indicators")
