"""Benchmark every page type on a throwaway database (see hospitals/benchpages.py)."""

import json

from django.core.management.base import BaseCommand

from articles import throwaway as throwaway_run
from hospitals import benchpages


class Command(BaseCommand):
    help = (
        "Time, count the queries of and weigh every page type on N synthetic articles (throwaway database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--rounds", type=int, default=20, help="timed requests per page")
        parser.add_argument("--no-worker", action="store_true", help="skip the gunicorn worker memory check")
        # Internal: set on the subprocess that runs against the throwaway database.
        parser.add_argument("--in-throwaway", dest="throwaway", default="", help="(internal)")

    def handle(self, *args, articles=2000, rounds=20, no_worker=False, throwaway="", **options):
        if throwaway:
            throwaway_run.check(throwaway)
            report = benchpages.run(articles, rounds=rounds, worker=not no_worker)
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        argv = [f"--articles={articles}", f"--rounds={rounds}"] + (["--no-worker"] if no_worker else [])
        report = throwaway_run.run("bench_pages", argv, "bench-pages-", env=benchpages.throwaway_env)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
