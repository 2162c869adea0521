import json

from django.core.management.base import BaseCommand

from hospitals.evaluation import SETS, evaluate


class Command(BaseCommand):
    help = (
        "Score extraction against the seed spec, the evaluation set (evaluation/own) and the held-out "
        "set (evaluation/heldout); prints precision, recall and F1 per fact kind, overall and per article, "
        "as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--set", dest="which", choices=[*SETS, "all"], default="all")
        parser.add_argument("--spec", default=None, help="another seed spec (articles relative to it)")
        parser.add_argument("--own-spec", default=None, help="another evaluation set's expectations.json")
        parser.add_argument("--heldout-spec", default=None, help="another held-out set's expectations.json")
        parser.add_argument("--summary", action="store_true", help="overall figures only, no articles")

    def handle(
        self, *args, which="all", spec=None, own_spec=None, heldout_spec=None, summary=False, **options
    ):
        result = evaluate(which, seed_spec=spec, own_spec=own_spec, heldout_spec=heldout_spec)
        if summary:
            result = {"sets": {name: {"overall": s["overall"]} for name, s in result["sets"].items()}}
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
