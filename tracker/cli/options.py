"""Options the commands share, and turning option text into typed values (usage errors: exit 2)."""

import functools
import inspect
import os
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker import config, services
from tracker.config import ENV_URL, current_actor, resolve_url
from tracker.domain.labels import STATUS_LABELS
from tracker.domain.vocab import Status
from tracker.i18n import t

if TYPE_CHECKING:
    from tracker.services import IndicatorFilter, Store


@dataclass(frozen=True)
class Settings:
    """The global options, kept in Typer's context object for the commands."""

    debug: bool = False


def debugging(ctx: typer.Context) -> bool:
    """Whether --debug was given (tracebacks instead of one-line messages)."""
    settings = ctx.find_root().obj
    return isinstance(settings, Settings) and settings.debug


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite path [env: TRACKER_DATABASE_URL; default: tracker.db].",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


# The command's --lang, for messages said away from its context. Typer carries its own copy
# of click, whose current-context stack no other code can read, so the choice is kept here too.
_COMMAND_LANG: ContextVar[str | None] = ContextVar("tracker_command_lang", default=None)


def forget_command_lang() -> None:
    """Start a command with no --lang chosen yet (the callback below sets it)."""
    _COMMAND_LANG.set(None)


def _chosen_lang(ctx: typer.Context, value: str | None) -> str | None:
    # Kept for the edge, so that it says an error in this language too.
    if value and not value.lower().startswith(("zh", "en")):
        raise typer.BadParameter(f"{value!r}: expected zh or en")
    if value:
        _COMMAND_LANG.set(value)
    return value


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Labels and errors in zh or en [env: TRACKER_LANG].",
        show_default=False,
        callback=_chosen_lang,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Judge status as of this date (YYYY-MM-DD; default: today)."),
]
RegionOption = Annotated[
    str | None, typer.Option(help="Only this region and its sub-regions (code or name).")
]
PillarOption = Annotated[str | None, typer.Option(help="Only this pillar (code or name).")]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="Only this status (off_track, accelerate, on_track, achieved, not_reported,"
        " insufficient_data, open_commitment, no_target, closed, or its label such as 滞后 or"
        " 逾期未报); repeat for several.",
        show_default=False,
    ),
]
DepartmentOption = Annotated[
    str | None, typer.Option(help="Only indicators whose lead or responsible unit contains this.")
]
FlaggedOption = Annotated[
    bool, typer.Option("--flagged", help="Only indicators with an open flag.")
]
StaleOption = Annotated[
    bool, typer.Option("--stale", help="Only indicators whose latest actual is overdue.")
]
IncludeClosedOption = Annotated[
    bool,
    typer.Option(
        "--include-closed",
        help="Also the indicators of programmes that have ended, with their final state.",
    ),
]
SearchOption = Annotated[
    str | None,
    typer.Option("--search", "-s", help="Only codes or Chinese/English names containing this."),
]


def lang_of(value: str | None) -> str:
    """zh unless en was asked for (by option or TRACKER_LANG)."""
    chosen = (value or os.environ.get("TRACKER_LANG") or "zh").lower()
    return "en" if chosen.startswith("en") else "zh"


def shell_lang() -> str:
    """The language of the shell's messages: the current command's --lang, else
    TRACKER_LANG, else English."""
    chosen = _COMMAND_LANG.get() or os.environ.get("TRACKER_LANG")
    return "en" if (chosen or "en").lower().startswith("en") else "zh"


def say(key: str, **params: object) -> str:
    """A message of the shell (catalogue `key`) in `shell_lang()`."""
    return t(key, shell_lang(), **params)


def open_store(db: str | None, *, create: bool = False) -> "Store":
    """The store for a command. It must exist: only `tracker init`, and `tracker` alone on the
    default tracker.db (`first_run`), create one."""

    return services.open_store(resolve_url(db), create=create)


def first_run() -> None:
    """Create and seed the default store (tracker.db) if it does not exist yet; a store named
    by --db or TRACKER_DATABASE_URL is never created here."""
    path = config.default_db_path()
    if os.environ.get(ENV_URL) or path.exists():
        return
    store = services.open_store(f"sqlite:///{path}", create=True)
    store.engine.dispose()
    typer.echo(say("cli.created", path=path), err=True)


def actor() -> str:
    """Who the change is recorded as."""

    return current_actor()


def as_of_date(text: str | None, option: str = "--as-of") -> date:
    """A date option (YYYY-MM-DD), today when absent; a usage error otherwise."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None


def statuses_of(values: list[str] | None) -> "tuple[Status, ...]":
    """Status options as statuses: the value (off_track) or a label in either language."""

    words: dict[str, Status] = {}
    for status, (zh, en) in STATUS_LABELS.items():
        words.update({status.value: status, zh: status, en: status, en.replace(" ", "_"): status})
    found: list[Status] = []
    for value in values or []:
        match: Status | None = words.get(value.strip().lower()) or words.get(value.strip())
        if match is None:
            expected = ", ".join(s.value for s in Status)
            raise typer.BadParameter(
                f"{value!r}: expected one of {expected}", param_hint="--status"
            )
        found.append(match)
    return tuple(dict.fromkeys(found))


# The options that choose indicators, shared by `list` and the exports: (name, type, default).
FILTER_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("region", RegionOption, None),
    ("pillar", PillarOption, None),
    ("status", StatusOption, None),
    ("department", DepartmentOption, None),
    ("flagged", FlaggedOption, False),
    ("stale", StaleOption, False),
    ("search", SearchOption, None),
)
CLOSED_OPTION: tuple[str, Any, Any] = ("include_closed", IncludeClosedOption, False)


def filter_options(*, closed: bool = False) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared filter options (with --include-closed when `closed`), passed
    to it as one `where: IndicatorFilter` argument."""
    chosen = (*FILTER_OPTIONS, CLOSED_OPTION) if closed else FILTER_OPTIONS
    names = [name for name, _, _ in chosen]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        kept = [p for p in signature.parameters.values() if p.name != "where"]
        added = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind
            )
            for name, kind, default in chosen
        ]

        @functools.wraps(command)
        def with_filter(**given: Any) -> None:
            values = {name: given.pop(name) for name in names}
            command(**given, where=indicator_filter(**values))

        with_filter.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*kept, *added]
        )
        with_filter.__annotations__ = {
            **{p.name: p.annotation for p in kept},
            **{name: kind for name, kind, _ in chosen},
        }
        return with_filter

    return decorate


def indicator_filter(
    *,
    region: str | None = None,
    pillar: str | None = None,
    status: list[str] | None = None,
    department: str | None = None,
    flagged: bool = False,
    stale: bool = False,
    search: str | None = None,
    include_closed: bool = False,
) -> "IndicatorFilter":
    """The filter the list and export commands share."""

    return services.IndicatorFilter(
        region=region,
        pillar=pillar,
        statuses=statuses_of(status),
        department=department,
        flagged=flagged,
        stale=stale,
        search=search,
        include_closed=include_closed,
    )


def emit_json(data: object) -> None:
    """Print data as indented JSON (Chinese kept readable)."""
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
