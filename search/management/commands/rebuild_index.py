import sys

from django.core.management.base import BaseCommand, CommandError

from search import index


class Command(BaseCommand):
    help = "Build a fresh search index from the database beside the current one and swap it in."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--procs", type=int, default=2, help="worker processes (default 2)")

    def handle(self, *args, no_progress=False, procs=2, **options):
        progress = not no_progress and sys.stderr.isatty()
        try:
            info = index.rebuild(progress=progress, procs=max(1, procs))
        except OSError as exc:
            # The current index is untouched; say where and why instead of a traceback.
            raise CommandError(
                f"无法写入搜索索引 {index.location()}：{exc.strerror or exc}。"
                "请检查 SEARCH_INDEX_DIR 是否可写。"
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"已建立搜索索引：{info['doc_count']} 条记录 → {info['path']}"))
