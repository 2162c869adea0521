from django.apps import AppConfig


class HospitalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hospitals"
    verbose_name = "医院"

    def ready(self):
        from articles.signals import article_imported

        from .receivers import extract_facts

        article_imported.connect(extract_facts, dispatch_uid="hospitals.extract_facts")
