"""Benchmark every page type on a throwaway database (see hospitals/benchpages.py)."""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

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
            self._check_throwaway(Path(throwaway))
            report = benchpages.run(articles, rounds=rounds, worker=not no_worker)
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench_pages",
            f"--articles={articles}",
            f"--rounds={rounds}",
            f"--in-throwaway={tmp}",
        ]
        if no_worker:
            command.append("--no-worker")
        try:
            done = subprocess.run(
                command,
                env=benchpages.throwaway_env(tmp),
                capture_output=True,
                text=True,
                cwd=settings.BASE_DIR,
            )
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise CommandError("the benchmark subprocess failed")
        report = json.loads(done.stdout.strip().splitlines()[-1])
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))

    @staticmethod
    def _check_throwaway(tmp):
        # Never migrate or fill anything but the temporary database and folder.
        from django.db import connection

        database = Path(str(connection.settings_dict["NAME"])).resolve()
        index_dir = Path(settings.SEARCH_INDEX_DIR).resolve()
        tmp = tmp.resolve()
        if connection.vendor != "sqlite" or tmp not in database.parents or tmp not in index_dir.parents:
            raise CommandError(
                "--in-throwaway is internal: the database and index must be inside that folder"
            )
