import random
from typing import Any

from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from charterdesk.core.management.base import CharterCommand, positive_int
from charterdesk.demo.seed import seed


class Command(CharterCommand):
    help = "Add synthetic organizations and tickets (with conversations) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tickets", type=positive_int, required=True)
        parser.add_argument(
            "--orgs",
            type=positive_int,
            default=None,
            help="Organizations to add (default: one per 1,000 tickets).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (repeatable runs).")

    def handle(self, *args: Any, **options: Any) -> None:
        tickets = options["tickets"]
        orgs = options["orgs"] or max(1, tickets // 1000)
        with tqdm(total=tickets, unit="ticket", unit_scale=True, file=self.stderr._out) as bar:
            try:
                rng = random.Random(options["seed"])  # noqa: S311 - synthetic data
                written = seed(tickets, orgs, bar.update, rng)
            except ValueError as exc:
                raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"Seeded {written:,} tickets across {orgs:,} organizations.")
