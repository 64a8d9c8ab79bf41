from typing import Any

from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from charterdesk.core.management.base import CharterCommand
from charterdesk.search import rebuild


class Command(CharterCommand):
    help = "Search indexes: `rebuild` refills them from the tickets and documents they index."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        refill = actions.add_parser("rebuild", help="Refill the indexes (all, or one kind).")
        refill.add_argument(
            "--kind", help="Only this kind: 'tickets' or a document kind such as 'article'."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = rebuild.kinds()
        kind = options["kind"]
        if kind is not None and kind not in known:
            raise CommandError(
                f"no index of kind '{kind}'; use one of: {', '.join(known)}", returncode=2
            )
        for name in [kind] if kind else known:
            total = rebuild.count(name)
            with tqdm(total=total, unit=name, unit_scale=True, file=self.stderr._out) as bar:
                done = rebuild.rebuild(name, bar.update)
            self.stdout.write(f"Rebuilt the {name} index: {done:,} indexed.")
