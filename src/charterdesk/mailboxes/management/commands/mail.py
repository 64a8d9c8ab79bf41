"""`charterdesk mail ingest|poll|smtpd`: the three doors of inbound mail."""

import json
import signal
import sys
import threading
from collections import Counter
from typing import Any, NoReturn

from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from charterdesk.core.management.base import CharterCommand, port_number, positive_int
from charterdesk.mailboxes.gateway import DEFAULT_MAX_SIZE, gateway, serve_forever
from charterdesk.mailboxes.imap import poll_mailboxes
from charterdesk.mailboxes.ingest import OUTCOMES, ingest_many
from charterdesk.mailboxes.ingest import ingest as ingest_mail
from charterdesk.mailboxes.models import Mailbox
from charterdesk.mailboxes.sources import Source, SourceError, open_sources

PROGRESS_FROM = 10  # messages; fewer get no progress bar


class Command(CharterCommand):
    help = "Inbound mail: import files, poll IMAP mailboxes, or run the SMTP gateway."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ingest|poll|smtpd")
        ingest = actions.add_parser("ingest", help="Import .eml files, mbox files, Maildirs, -.")
        ingest.add_argument("paths", nargs="+", metavar="PATH")
        ingest.add_argument("--json", action="store_true", help="One JSON line per message.")
        poll = actions.add_parser("poll", help="Read new mail from the IMAP mailboxes once.")
        poll.add_argument("--mailbox", metavar="NAME", help="Only this mailbox.")
        smtpd = actions.add_parser("smtpd", help="Run the SMTP gateway.")
        smtpd.add_argument("--host", default="127.0.0.1")
        smtpd.add_argument("--port", type=port_number, default=2525)
        smtpd.add_argument("--max-size", type=positive_int, default=DEFAULT_MAX_SIZE)
        self._actions = actions

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for name, sub in self._actions.choices.items():
            sub.error = _one_line_error(f"{subcommand} {name}")  # type: ignore[method-assign]
        return parser

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"handle_{options['action']}")(options)

    def handle_ingest(self, options: dict[str, Any]) -> None:
        try:
            sources = open_sources(options["paths"], sys.stdin.buffer)
        except SourceError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        counts = self._ingest_all(sources, as_json=options["json"])
        total = sum(counts.values())
        summary = f"{total} message{'s' if total != 1 else ''}: " + ", ".join(
            f"{counts[outcome]} {outcome}" for outcome in OUTCOMES
        )
        (self.stderr if options["json"] else self.stdout).write(summary)

    def _ingest_all(self, sources: list[Source], *, as_json: bool) -> Counter[str]:
        counts: Counter[str] = Counter()
        total = sum(source.count for source in sources)
        bar = tqdm(
            total=total, unit="msg", file=sys.stderr, disable=as_json or total < PROGRESS_FROM
        )
        messages = (message for source in sources for message in source.messages())
        with bar:
            try:
                # Several messages a transaction; each result once its batch committed.
                for result in ingest_many(messages):
                    counts[result.outcome] += 1
                    bar.update()
                    self._report(result, result.source, as_json=as_json, bar=bar)
            except Exception as exc:  # the database is down: stop, rerunning is safe
                done = sum(counts.values())
                raise CommandError(
                    f"could not store message {done + 1} ({type(exc).__name__}: {exc}); the "
                    f"{done} message(s) before it were stored; run it again (stored messages "
                    "are recognised)",
                    returncode=1,
                ) from exc
        return counts

    def _report(self, result: Any, name: str, *, as_json: bool, bar: tqdm) -> None:
        if as_json:
            line = {
                "source": name,
                "outcome": result.outcome,
                "ticket": result.ticket,
                "reason": result.reason,
            }
            self.stdout.write(json.dumps(line))
            self.stdout.flush()
        elif result.outcome == "quarantined":
            bar.write(f"{name}: quarantined ({result.reason})", file=sys.stdout)

    def handle_poll(self, options: dict[str, Any]) -> None:
        name = options["mailbox"]
        if name is not None and not Mailbox.objects.filter(name=name).exists():
            raise CommandError(f"no mailbox is named '{name}'", returncode=2)
        if not Mailbox.objects.filter(enabled=True).exists():
            self.stdout.write("No enabled mailboxes (add one in the admin: Mailboxes).")
            return
        reports = poll_mailboxes(name=name, ingest=ingest_mail, force=True)
        for report in reports:
            self.stdout.write(report.line())
        if any(report.error for report in reports):
            raise CommandError("a mailbox could not be read (see above)", returncode=1)

    def handle_smtpd(self, options: dict[str, Any]) -> None:
        controller = gateway(
            host=options["host"],
            port=options["port"],
            max_size=options["max_size"],
            ingest=ingest_mail,
        )
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        accepted = ", ".join(controller.handler.accepted)
        self.stdout.write(
            f"SMTP gateway on {options['host']}:{options['port']} for {accepted}; Ctrl-C stops"
        )
        try:
            serve_forever(controller, stop)
        except OSError as exc:
            raise CommandError(f"cannot listen on port {options['port']}: {exc}") from exc


def _one_line_error(prog: str) -> Any:
    def error(message: str) -> NoReturn:
        sys.stderr.write(f"charterdesk {prog}: {message} (see 'charterdesk {prog} --help')\n")
        sys.exit(2)

    return error
