import json

from django.core.management.base import BaseCommand

from hospitals.evaluation import evaluate


class Command(BaseCommand):
    help = (
        "Score extraction against the seed spec and the evaluation set (fixtures/evaluation); prints "
        "precision, recall and F1 per fact kind, overall and per article, as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--set", dest="which", choices=["seeds", "own", "all"], default="all")
        parser.add_argument("--spec", default=None, help="another seed spec (articles relative to it)")
        parser.add_argument("--own-spec", default=None, help="another evaluation set's expectations.json")
        parser.add_argument("--summary", action="store_true", help="overall figures only, no articles")

    def handle(self, *args, which="all", spec=None, own_spec=None, summary=False, **options):
        result = evaluate(which, seed_spec=spec, own_spec=own_spec)
        if summary:
            result = {"sets": {name: {"overall": s["overall"]} for name, s in result["sets"].items()}}
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
