"""The briefing as a Word document (python-docx): real headings, styled tables, pictures with
captions, and the sources as a numbered section; the same briefing gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.domain.labels import status_label, word
from tracker.domain.status_board import Summary
from tracker.domain.vocab import STATUS_ORDER, Status
from tracker.report import charts
from tracker.report.model import Briefing, closed_parts, status_parts
from tracker.report.words import say

TABLE_STYLE = "Light Grid Accent 1"
EAST_ASIAN_FONT = "宋体"  # what Word and WPS offer in every Chinese office
PICTURE_WIDTH = Cm(15.5)


def docx_bytes(briefing: Briefing) -> bytes:
    """The briefing as a .docx file's bytes."""
    lang = briefing.lang
    doc = Document()
    _fonts(doc)
    _title_page(doc, briefing)
    figures = tables = 0
    summary = briefing.by_pillar
    doc.add_heading(say("headline", lang), level=1)
    doc.add_paragraph(_headline(summary, lang))
    with charts.chart_style():
        picture = charts.png(charts.status_figure(summary.total, lang))
    figures += 1
    _picture(doc, picture, say("figure", lang, n=figures) + say("status_chart", lang))
    for key, found in (("by_pillar", briefing.by_pillar), ("by_region", briefing.by_region)):
        doc.add_heading(say(key, lang), level=1)
        tables += 1
        _caption(doc, say("table", lang, n=tables) + say(key, lang))
        _counts_table(doc, found, lang)
    doc.add_heading(say("attention", lang), level=1)
    if not briefing.attention:
        doc.add_paragraph(say("attention_none", lang))
    for entry in briefing.attention:
        doc.add_heading(entry.heading(lang), level=2)
        refs = "".join(f"[{s.number}]" for s in entry.sources)
        doc.add_paragraph(f"{entry.lead(lang)}{entry.text}{refs}")
        for flag in entry.flags:
            doc.add_paragraph(f"{say('flagged', lang)}:{flag}", style="List Bullet")
        title = say("trajectory", lang, name=entry.name)
        with charts.chart_style():
            picture = charts.png(
                charts.trajectory_figure(entry.trajectory, entry.name, entry.item.row.unit, lang)
            )
        figures += 1
        _picture(doc, picture, say("figure", lang, n=figures) + title)
    doc.add_heading(say("reminders", lang), level=1)
    if not briefing.reminders:
        doc.add_paragraph(say("reminders_none", lang))
    for line in briefing.reminders:
        doc.add_paragraph(line, style="List Number")
    doc.add_heading(say("closed", lang), level=1)
    if not briefing.closed:
        doc.add_paragraph(say("closed_none", lang))
    for programme in briefing.closed:
        doc.add_paragraph(
            say(
                "closed_line",
                lang,
                programme=programme.name,
                end=programme.end or "—",
                n=sum(programme.finals.values()),
                parts=closed_parts(programme.finals, lang),
            ),
            style="List Bullet",
        )
    doc.add_heading(say("sources", lang), level=1)
    for source in briefing.sources:
        doc.add_paragraph(f"[{source.number}] {source.text}")
    _pin(doc, briefing)
    out = io.BytesIO()
    doc.save(out)
    return _pinned_zip(out.getvalue(), briefing)


def _headline(summary: Summary, lang: str) -> str:
    return say(
        "headline_text",
        lang,
        total=sum(summary.total.values()),
        parts=status_parts(summary.total, lang) or say("none", lang),
        attention=len(summary.attention),
        not_reported=len(summary.not_reported),
    )


def _fonts(doc: DocumentObject) -> None:
    """Chinese text in a font every office has; Latin text in the template's."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption"):
        style = doc.styles[name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    doc.styles["Normal"].font.size = Pt(11)


def _title_page(doc: DocumentObject, briefing: Briefing) -> None:
    lang = briefing.lang
    doc.add_heading(say("title", lang), level=0)
    doc.add_paragraph(say("programme", lang), style="Subtitle")
    for key, value in (
        ("as_of", str(briefing.as_of)),
        ("scope", briefing.scope),
        ("store", briefing.store),
    ):
        doc.add_paragraph(f"{say(key, lang)}{':' if lang == 'zh' else ': '}{value}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _caption(doc: DocumentObject, text: str) -> None:
    doc.add_paragraph(text, style="Caption")


def _picture(doc: DocumentObject, data: bytes, caption: str) -> None:
    doc.add_picture(io.BytesIO(data), width=PICTURE_WIDTH)
    _caption(doc, caption)


def _counts_table(doc: DocumentObject, summary: Summary, lang: str) -> None:
    """A row per pillar (or region), a column per status present, and the totals."""
    shown = [s for s in STATUS_ORDER if summary.total[s]]
    key = "pillar" if summary.group_by == "pillar" else "region"
    head = [word(key, lang), *(status_label(s, lang) for s in shown), word("total", lang)]
    table = doc.add_table(rows=1, cols=len(head))
    table.style = TABLE_STYLE
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    rows: list[tuple[str, Counter[Status]]] = [
        (name_en if lang == "en" and name_en else name, counts)
        for name, name_en, counts in summary.groups
    ]
    rows.append((word("total", lang), summary.total))
    for name, counts in rows:
        cells = table.add_row().cells
        values = [name, *(str(counts[s]) for s in shown), str(sum(counts.values()))]
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def _pin(doc: DocumentObject, briefing: Briefing) -> None:
    """Document properties from the briefing, not the clock."""
    when = datetime(briefing.as_of.year, briefing.as_of.month, briefing.as_of.day, tzinfo=UTC)
    props = doc.core_properties
    props.title = say("title", briefing.lang)
    props.author = props.last_modified_by = "tracker"
    props.created = props.modified = when
    props.revision = 1


def _pinned_zip(data: bytes, briefing: Briefing) -> bytes:
    """The same package with every member dated the briefing's day (a zip member carries the
    time it was written)."""
    stamp = (briefing.as_of.year, briefing.as_of.month, briefing.as_of.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
