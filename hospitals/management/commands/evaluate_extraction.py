import json

from django.core.management.base import BaseCommand

from hospitals.evaluation import evaluate


class Command(BaseCommand):
    help = "Score extraction on the seed articles against the seed expectations; prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("--spec", default=None, help="path of seed_expectations.json")
        parser.add_argument("--fixtures", default=None, help="folder of the seed articles")

    def handle(self, *args, spec=None, fixtures=None, **options):
        result = evaluate(spec, fixtures)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
