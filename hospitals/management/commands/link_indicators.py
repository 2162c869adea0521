from django.core.management.base import BaseCommand
from django.db import transaction

from hospitals.models import Metric
from hospitals.observations import rebuild_all, relink


class Command(BaseCommand):
    help = "Link stored metrics to their indicators by the current synonyms and rebuild observations."

    def add_arguments(self, parser):
        parser.add_argument("--name", help="only metrics with exactly this name (default: all)")

    @transaction.atomic
    def handle(self, *args, name=None, **options):
        metrics = Metric.objects.filter(name=name) if name else None
        changed = relink(metrics)
        observations = rebuild_all() if name is None else None
        linked = Metric.objects.filter(indicator__isnull=False).count()
        total = Metric.objects.count()
        share = f"{linked / total:.1%}" if total else "—"
        summary = f"{changed} metrics relinked; {linked} of {total} linked ({share})"
        if observations is not None:
            summary += f"; {observations} observations"
        self.stdout.write(summary)
