"""`partact`: the command line, calling the services.

One small function per command (``set_defaults(handler=...)``). Every command exits 0 on success and 2 on bad
input, with one clear line per problem on stderr (in the language of ``settings.cli_language()``), and changes
nothing when it fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from partact_app import settings
from partact_app.i18n import t

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    def __init__(self, *lines: str) -> None:
        self.lines = lines
        super().__init__(lines[0] if lines else "")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 with usage; keep that, but one clear line
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


# --------------------------------------------------------------------------- commands
# Each takes the parsed arguments and the language, opens one transaction through the services, and prints.


def cmd_db_upgrade(args: argparse.Namespace, lang: str) -> None:
    print(t("cli.db_ready", lang))


def cmd_event_create(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services import events

    with db.session_scope() as session:
        event, key = events.create_event(
            session,
            args.slug,
            name=args.name,
            rounds=args.rounds,
            tables=args.tables,
            round_minutes=args.round_minutes,
            break_minutes=args.break_minutes,
            date=args.date,
            venue=args.venue,
            start_time=args.start_time,
        )
        print(t("cli.event_created", lang, slug=event.slug, name=event.name))
    print(t("cli.key_hint", lang))
    print(key)


def cmd_event_key(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services import events

    with db.session_scope() as session:
        key = events.rotate_key(session, args.slug)
    print(t("cli.key_rotated", lang, slug=args.slug.strip().lower()))
    print(key)


def cmd_import(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services import registrations

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise BadInput(t("cli.file_unreadable", lang, path=str(args.file), reason=error.strerror or str(error)))
    with db.session_scope() as session:
        summary = registrations.import_registrations(session, args.slug, data, args.file.name)
    print(
        t(
            "cli.imported",
            lang,
            total=summary.total,
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
        )
    )


def cmd_schedule(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services.scheduling import schedule_event

    with db.session_scope() as session:
        report = schedule_event(session, args.slug, seated=args.seated)
    print(json.dumps(report, sort_keys=True))


def cmd_publish(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services.scheduling import publish

    with db.session_scope() as session:
        event = publish(session, args.slug)
        print(t("cli.published", lang, slug=event.slug))


def cmd_replan(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services.scheduling import replan_event

    with db.session_scope() as session:
        replanned = replan_event(session, args.slug)
    for change in replanned.changes:
        print(t("cli.replan_change", lang, round=change.round, organisation=change.organisation,
                before=change.before or "—", after=change.after or "—"))
    print(json.dumps(replanned.report, sort_keys=True))


def cmd_export(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services import exports

    with db.session_scope() as session:
        text = exports.export(session, args.slug, args.what)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def cmd_demo(args: argparse.Namespace, lang: str) -> None:
    from partact_app import db
    from partact_app.services import demo

    with db.session_scope() as session:
        result = demo.ensure_demo(session)
        people = demo.sample_participants(session, result.event)
        print(t("cli.demo_created" if result.created else "cli.demo_exists", lang, slug=result.event.slug))
        print(f"{t('cli.organiser_url', lang)}: {settings.organiser_url()}")
        for person in people:
            print(f"{t('cli.participant_url', lang)} ({person.organisation}): {settings.participant_url(person.token)}")
    print(f"organiser key: {result.key}")


def cmd_engine_worker(args: argparse.Namespace, lang: str) -> None:
    from partact_app.services import engine_queue

    if not settings.redis_url():
        raise BadInput(t("cli.engine_worker_needs_redis", lang))
    engine_queue.work()


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="partact", description="partact: speed meetings between companies and associations")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    event = commands.add_parser("event", help="create an event, or set a new organiser key")
    event_commands = event.add_subparsers(dest="event_command", required=True, parser_class=_Parser)
    create = event_commands.add_parser("create", help="create an event; prints its organiser key last")
    create.add_argument("slug")
    create.add_argument("--name", required=True)
    create.add_argument("--rounds", type=int, required=True)
    create.add_argument("--tables", type=int, required=True)
    create.add_argument("--round-minutes", type=int, required=True)
    create.add_argument("--break-minutes", type=int, default=0)
    create.add_argument("--date", type=_date)
    create.add_argument("--venue", default="")
    create.add_argument("--start-time", default="", help="HH:MM, local time of round 1")
    create.set_defaults(handler=cmd_event_create)
    key = event_commands.add_parser("key", help="set a new organiser key (the old one stops working)")
    key.add_argument("slug")
    key.set_defaults(handler=cmd_event_key)

    importing = commands.add_parser("import", help="import registrations (CSV or XLSX)")
    importing.add_argument("slug")
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=cmd_import)

    schedule = commands.add_parser("schedule", help="compute and store the schedule")
    schedule.add_argument("slug")
    schedule.add_argument(
        "--seated",
        choices=["company", "association", "none", "auto"],
        help="the side that keeps one table all event, or none (both sides move); default: the side that fits; "
        "kept for later re-plans",
    )
    schedule.set_defaults(handler=cmd_schedule)

    publish = commands.add_parser("publish", help="publish the stored schedule: participants see their agendas")
    publish.add_argument("slug")
    publish.set_defaults(handler=cmd_publish)

    replan = commands.add_parser("replan", help="re-plan the rounds after the current one (no-shows, walk-ins)")
    replan.add_argument("slug")
    replan.set_defaults(handler=cmd_replan)

    export = commands.add_parser("export", help="CSV export to stdout or a file")
    export.add_argument("slug")
    export.add_argument("what")
    export.add_argument("-o", "--output", type=Path)
    export.set_defaults(handler=cmd_export)

    demo = commands.add_parser("demo", help="create the demo event once; print a fresh organiser key and URLs")
    demo.set_defaults(handler=cmd_demo)

    worker = commands.add_parser(
        "engine-worker", help="compute the schedules of every instance of a deployment on Redis (make run-cluster)"
    )
    worker.set_defaults(handler=cmd_engine_worker, database=False)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    db_commands.add_parser("upgrade", help="apply the migrations").set_defaults(handler=cmd_db_upgrade)
    return parser


def main(argv: list[str] | None = None) -> int:
    lang = settings.cli_language()
    args = build_parser().parse_args(argv)
    from partact_app.services.errors import ServiceError

    try:
        if getattr(args, "database", True):  # the engine worker never opens the database (nor loads its code)
            from partact_app import db

            db.upgrade()  # every command that reads or writes the database runs on the current schema
        args.handler(args, lang)
    except ServiceError as error:
        for line in error.messages(lang):
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except BadInput as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a user never sees a stack trace; the type and message help a bug report
        print(t("cli.internal_error", lang, error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
