from django.apps import AppConfig


class HospitalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hospitals"
    verbose_name = "医院"

    def ready(self):
        from articles.signals import article_explained, article_imported, article_parsed

        from .receivers import explain_facts, extract_facts, prepare_facts

        article_parsed.connect(prepare_facts, dispatch_uid="hospitals.prepare_facts")
        article_imported.connect(extract_facts, dispatch_uid="hospitals.extract_facts")
        article_explained.connect(explain_facts, dispatch_uid="hospitals.explain_facts")
