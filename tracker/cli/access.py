"""`tracker access grant|revoke|list`: which PostgreSQL roles may write which region's figures."""

import os
import sys
from typing import Annotated

import typer

from tracker import services
from tracker.cli.options import DbOption, JsonOption, actor, open_store, say
from tracker.errors import TrackerError

PASSWORD_ENV = "TRACKER_ROLE_PASSWORD"

app = typer.Typer(
    help="Per-region write permission on a PostgreSQL database (enforced by row-level security).",
    no_args_is_help=True,
)

RoleArgument = Annotated[str, typer.Argument(help="The coordinator's database login role.")]


@app.command("grant")
def grant(
    role: RoleArgument,
    region: Annotated[
        str,
        typer.Option(
            "--region",
            help="Region name or code (铁岭, TL); its sub-regions are included. The province"
            " (辽宁省, LN) means every region.",
        ),
    ],
    reset_password: Annotated[
        bool, typer.Option("--reset-password", help="Set a new password for an existing role.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Let ROLE write the figures, flags and indicators of a region; ROLE reads everything.

    A role that does not exist yet is created as a login role. Its password is read from
    TRACKER_ROLE_PASSWORD, else asked for (hidden) when there is a terminal; it is never
    printed or logged. A role that may not grant is refused before anything is asked.

    Example: TRACKER_ROLE_PASSWORD=... tracker access grant tl_wang --region 铁岭
    """

    store = open_store(db, create=False)
    password = None
    if services.grant_needs_password(store, role=role, region=region, reset=reset_password):
        password = os.environ.get(PASSWORD_ENV) or ask_password(role)
    said = services.grant_access(
        store, role=role, region=region, actor=actor(), origin="cli", password=password
    )
    typer.echo(f"{store.where}: {said}")


def ask_password(role: str) -> str:
    """The new password, asked for twice without echo; refused without a terminal, where it
    could be echoed or read from a pipe by mistake."""

    if not sys.stdin.isatty():
        raise TrackerError(
            f"no terminal to ask for the password of {role} without showing it; set"
            f" {PASSWORD_ENV} in the environment instead. Nothing was changed."
        )
    password: str = typer.prompt(f"password for {role}", hide_input=True, confirmation_prompt=True)
    return password


@app.command("revoke")
def revoke(
    role: RoleArgument,
    region: Annotated[
        str | None,
        typer.Option("--region", help="Only this region; without it, every region."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Take away ROLE's write permission (the role can still log in and read).

    Example: tracker access revoke tl_wang --region 铁岭
    """

    store = open_store(db, create=False)
    removed = services.revoke_access(store, role=role, region=region, actor=actor(), origin="cli")
    if not removed:
        typer.echo(say("cli.not_granted", where=store.where, role=role))
        return
    typer.echo(say("cli.revoked", where=store.where, role=role, regions=", ".join(removed)))


@app.command("list")
def list_(db: DbOption = None, json_: JsonOption = False) -> None:
    """Every coordinator role and the regions it may write.

    Example: tracker access list --db postgresql+psycopg://admin@db.example/tracker
    """
    import json

    store = open_store(db, create=False)
    grants = services.access_grants(store)
    if json_:
        rows = [{"role": g.role, "login": g.login, "regions": g.regions} for g in grants]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not grants:
        typer.echo(say("cli.no_grants", where=store.where))
        return
    width = max(len(g.role) for g in grants)
    for item in grants:
        login = "" if item.login else "  (no login)"
        regions = ", ".join(item.regions) or "(reads only)"
        typer.echo(f"{item.role:<{width}}  {regions}{login}")
