import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.cleaning import EmptyArticleError
from articles.importer import ImportFileError, import_paths, read_text
from hospitals.evaluation import extract_file
from hospitals.extraction import explain

STATUS_LABELS = {"created": "新建", "updated": "更新", "unchanged": "未变", "failed": "失败"}


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

    def handle(self, *args, paths, force=False, explain=False, **options):
        if explain:
            return self._explain(paths)
        show_bar = sys.stderr.isatty() and options["verbosity"] > 0
        progress = (lambda files: tqdm(files, desc="导入", unit="文件")) if show_bar else None
        report = import_paths(paths, force=force, progress=progress)
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
        for raw in paths:
            path = Path(raw)
            try:
                items = extract_file(read_text(path))
            except (OSError, ImportFileError, EmptyArticleError) as exc:
                self.stderr.write(f"失败  {path}  {exc}")
                failed += 1
                continue
            for parsed, extraction in items:
                self.stdout.write(f"== {path.name} · {parsed.title}")
                for line in explain(extraction):
                    self.stdout.write(line)
        if failed:
            raise CommandError(f"{failed} 个文件无法读取", returncode=1)
