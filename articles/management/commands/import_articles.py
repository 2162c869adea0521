import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importer import STATUS_LABELS, default_jobs, explain_paths, import_paths


class Command(BaseCommand):
    help = (
        "Import article files or folders (.txt, .md, .html): clean the text and extract hospitals and facts."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders to import")
        parser.add_argument(
            "--force", action="store_true", help="re-import files even when their text is unchanged"
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="print every fact found in the files with its evidence; store nothing",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help="worker processes that clean and extract (default: one per core); 1 runs in this process",
        )

    def handle(self, *args, paths, force=False, explain=False, jobs=None, **options):
        if explain:
            return self._explain(paths)
        if jobs is not None and jobs < 1:
            raise CommandError("--jobs must be at least 1")
        show_bar = sys.stderr.isatty() and options["verbosity"] > 0
        progress = (lambda files: tqdm(files, desc="导入", unit="文件")) if show_bar else None
        report = import_paths(paths, force=force, progress=progress, jobs=jobs)
        for result in report.results:
            line = f"{STATUS_LABELS[result.status]}  {result.path}  {result.message}"
            if result.status == "failed":
                self.stderr.write(line)
            elif options["verbosity"] > 0:
                self.stdout.write(line)
        self.stdout.write(report.summary())
        if not report.ok:
            raise CommandError(f"{report.count('failed')} 个文件导入失败", returncode=1)

    def _explain(self, paths):
        failed = 0
        for path, error, items in explain_paths(paths):
            if error is not None:
                self.stderr.write(f"失败  {path}  {error}")
                failed += 1
                continue
            for parsed, lines in items:
                self.stdout.write(f"== {path.name} · {parsed.title}")
                for line in lines:
                    self.stdout.write(line)
        if failed:
            raise CommandError(f"{failed} 个文件无法读取", returncode=1)
