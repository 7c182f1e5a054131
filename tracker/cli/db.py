"""`tracker init`, `tracker db upgrade|current`: the schema and the seed data."""

from __future__ import annotations

import typer

from tracker.cli.options import DbOption

app = typer.Typer(help="Schema migrations.", no_args_is_help=True)


def init(db: DbOption = None) -> None:
    """Create the schema and load the seed data; running it again changes nothing.

    Example: tracker init --db /tmp/trial.db
    """
    from tracker import services
    from tracker.config import resolve_url
    from tracker.storage.engine import make_engine

    store = services.Store(resolve_url(db), make_engine(resolve_url(db)))
    counts = services.initialize(store)
    typer.echo(
        f"{store.where}: schema current; seed rows new {counts.get('new', 0)},"
        f" changed {counts.get('changed', 0)}, unchanged {counts.get('unchanged', 0)}"
    )


@app.command("upgrade")
def upgrade(
    db: DbOption = None,
    revision: str = typer.Argument("head", help="Target revision."),
) -> None:
    """Upgrade the schema (back up first: `tracker backup FILE`).

    Example: tracker db upgrade --db postgresql+psycopg://tracker@localhost/tracker
    """
    from tracker.config import resolve_url
    from tracker.storage import migrate
    from tracker.storage.engine import make_engine, mask_url
    from tracker.storage.schema import revision_of

    url = resolve_url(db)
    engine = make_engine(url)
    migrate.upgrade(engine, revision)
    typer.echo(f"{mask_url(url)}: at revision {revision_of(engine)}")


@app.command("current")
def current(db: DbOption = None) -> None:
    """Print the schema revision of the database and the one this tracker needs.

    Example: tracker db current
    """
    from tracker.config import resolve_url
    from tracker.storage.engine import make_engine, mask_url
    from tracker.storage.schema import HEAD_REVISION, revision_of

    url = resolve_url(db)
    found = revision_of(make_engine(url, create=False))
    typer.echo(f"{mask_url(url)}: revision {found or 'none'} (this tracker needs {HEAD_REVISION})")
