"""`tracker indicator add|edit`: indicator definitions, validated as an indicators file is."""

from typing import Annotated

import typer

from tracker import services
from tracker.cli.options import DbOption, JsonOption, actor, emit_json, open_store, say

app = typer.Typer(help="Indicator definitions.", no_args_is_help=True)

ORIGIN = "cli"
CodeArgument = Annotated[str, typer.Argument(help="Indicator code, e.g. SY-OPEN-CRE-TRAINS.")]
NameOption = Annotated[str | None, typer.Option(help="Chinese name.")]
NameEnOption = Annotated[str | None, typer.Option("--name-en", help="English name.")]
UnitOption = Annotated[str | None, typer.Option(help="Unit, e.g. 个, 万人次, %, 亿元.")]
DirectionOption = Annotated[
    str | None, typer.Option(help="increase, decrease or milestone (正向, 逆向, 里程碑).")
]
RegionOption = Annotated[str | None, typer.Option(help="Region code or name, e.g. 铁岭.")]
PillarOption = Annotated[str | None, typer.Option(help="Pillar code or name, e.g. 交通共联.")]
FrequencyOption = Annotated[str | None, typer.Option(help="monthly, quarterly, annual or once.")]
DescriptionOption = Annotated[str | None, typer.Option(help="What exactly is counted.")]
LeadOption = Annotated[
    list[str] | None, typer.Option("--lead", help="Lead department; repeat for several.")
]
ResponsibleOption = Annotated[
    list[str] | None,
    typer.Option("--responsible", help="Responsible department; repeat for several."),
]


def fields_of(**given: object) -> dict[str, str]:
    """The options given (not None) as the text fields of an indicators file row."""
    fields: dict[str, str] = {}
    for key, value in given.items():
        if value is None:
            continue
        fields[key] = "、".join(value) if isinstance(value, list) else str(value)
    return fields


@app.command("add")
def add(
    code: CodeArgument,
    name: NameOption = None,
    direction: DirectionOption = None,
    region: RegionOption = None,
    pillar: PillarOption = None,
    db: DbOption = None,
    name_en: NameEnOption = None,
    unit: UnitOption = None,
    frequency: FrequencyOption = None,
    description: DescriptionOption = None,
    lead: LeadOption = None,
    responsible: ResponsibleOption = None,
    json_: JsonOption = False,
) -> None:
    """Define a new indicator (name, direction, region and pillar are required).

    Example:

    \b
      tracker indicator add TL-TRANS-BUS-LINES --name 铁沈公交线路 --unit 条 \\
        --direction increase --region 铁岭 --pillar 交通共联
    """

    fields = fields_of(
        code=code,
        name=name or "",
        direction=direction or "",
        region=region or "",
        pillar=pillar or "",
        name_en=name_en,
        unit=unit,
        frequency=frequency,
        description=description,
        lead=lead,
        responsible=responsible,
    )
    created = services.add_indicator(open_store(db), fields=fields, actor=actor(), origin=ORIGIN)
    if json_:
        emit_json({"code": created.code, "version": created.version})
        return
    typer.echo(say("cli.added", code=created.code, version=created.version))


@app.command("edit")
def edit(
    code: CodeArgument,
    db: DbOption = None,
    name: NameOption = None,
    name_en: NameEnOption = None,
    unit: UnitOption = None,
    direction: DirectionOption = None,
    region: RegionOption = None,
    pillar: PillarOption = None,
    frequency: FrequencyOption = None,
    description: DescriptionOption = None,
    lead: LeadOption = None,
    responsible: ResponsibleOption = None,
    expected_version: Annotated[
        int | None,
        typer.Option("--expected-version", help="Refuse if the version is no longer this one."),
    ] = None,
    json_: JsonOption = False,
) -> None:
    """Change the given fields of an indicator's definition; the rest stay as they are.

    Example: tracker indicator edit SY-OPEN-CRE-TRAINS --name-en "China-Europe trains"
    """

    fields = fields_of(
        name=name,
        name_en=name_en,
        unit=unit,
        direction=direction,
        region=region,
        pillar=pillar,
        frequency=frequency,
        description=description,
        lead=lead,
        responsible=responsible,
    )
    if not fields:
        raise typer.BadParameter("give at least one field to change, e.g. --name")
    changed = services.edit_indicator(
        open_store(db),
        code=code,
        fields=fields,
        actor=actor(),
        origin=ORIGIN,
        expected_version=expected_version,
    )
    if json_:
        emit_json({"code": code.strip().upper(), "changed": changed})
        return
    typer.echo(f"{code.upper()}: {'changed' if changed else 'unchanged, nothing differs'}")
