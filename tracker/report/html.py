"""The briefing as one self-contained HTML file (charts inline as SVG, the Chinese font embedded
as a subset of the characters used), and as PDF through a converter where one is installed."""

from __future__ import annotations

import base64
import io
import re
import shutil
import string
import subprocess
import tempfile
from html import escape
from pathlib import Path

from tracker.domain.labels import status_label, word
from tracker.domain.status_board import Summary
from tracker.domain.vocab import STATUS_ORDER
from tracker.errors import TrackerError
from tracker.report import charts
from tracker.report.model import Briefing, closed_parts, status_parts
from tracker.report.words import say

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_SECONDS = 120
STYLE = """
@font-face { font-family: "Briefing CJK";
  src: url(data:font/otf;base64,{font}) format("opentype"); }
body { font-family: "Briefing CJK", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  max-width: 50em; margin: 2em auto; padding: 0 1em; color: #212121; line-height: 1.6; }
header { border-bottom: 2px solid #1565c0; margin-bottom: 2em; padding-bottom: 1em; }
h1 { font-size: 1.8em; margin: 0; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
.subtitle { font-size: 1.2em; color: #555; margin: .3em 0 1em; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; margin: 0; }
dt { color: #666; } dd { margin: 0; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: .25em .6em; } td.n { text-align: right; }
thead th { background: #e3f2fd; } tr.total td { font-weight: bold; background: #f5f5f5; }
caption, figcaption { color: #555; font-size: .9em; text-align: left; padding: .3em 0; }
figure { margin: 1em 0; } figure svg { width: 100%; height: auto; }
.status { font-weight: bold; } .flag { color: #8e24aa; } sup a { text-decoration: none; }
@media print { header { break-after: page; border: none; }
  h2, h3 { break-after: avoid; } figure, tr, li { break-inside: avoid; } }
"""


def html_text(briefing: Briefing) -> str:
    """The briefing as HTML text."""
    lang = briefing.lang
    body: list[str] = [_header(briefing)]
    summary = briefing.by_pillar
    figures = tables = 0
    body.append(f"<h2>{_e(say('headline', lang))}</h2>")
    body.append(f"<p>{_e(_headline(summary, lang))}</p>")
    with charts.chart_style():
        chart = charts.svg(charts.status_figure(summary.total, lang))
    figures += 1
    body.append(_figure(chart, say("figure", lang, n=figures) + say("status_chart", lang), figures))
    for key, found in (("by_pillar", briefing.by_pillar), ("by_region", briefing.by_region)):
        tables += 1
        body.append(f"<h2>{_e(say(key, lang))}</h2>")
        body.append(_counts_table(found, lang, say("table", lang, n=tables) + say(key, lang)))
    body.append(f"<h2>{_e(say('attention', lang))}</h2>")
    if not briefing.attention:
        body.append(f"<p>{_e(say('attention_none', lang))}</p>")
    for entry in briefing.attention:
        refs = "".join(
            f'<sup><a href="#source-{s.number}">[{s.number}]</a></sup>' for s in entry.sources
        )
        body.append(f"<h3>{_e(entry.heading(lang))}</h3>")
        body.append(
            f'<p><span class="status">{_e(entry.lead(lang))}</span>{_e(entry.text)}{refs}</p>'
        )
        if entry.flags:
            items = "".join(
                f'<li class="flag">{_e(say("flagged", lang))}: {_e(f)}</li>' for f in entry.flags
            )
            body.append(f"<ul>{items}</ul>")
        with charts.chart_style():
            chart = charts.svg(
                charts.trajectory_figure(entry.trajectory, entry.name, entry.item.row.unit, lang)
            )
        figures += 1
        caption = say("figure", lang, n=figures) + say("trajectory", lang, name=entry.name)
        body.append(_figure(chart, caption, figures))
    body.append(f"<h2>{_e(say('reminders', lang))}</h2>")
    if briefing.reminders:
        body.append("<ol>" + "".join(f"<li>{_e(r)}</li>" for r in briefing.reminders) + "</ol>")
    else:
        body.append(f"<p>{_e(say('reminders_none', lang))}</p>")
    body.append(f"<h2>{_e(say('closed', lang))}</h2>")
    if briefing.closed:
        lines = [
            say(
                "closed_line",
                lang,
                programme=p.name,
                end=p.end or "—",
                n=sum(p.finals.values()),
                parts=closed_parts(p.finals, lang),
            )
            for p in briefing.closed
        ]
        body.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>")
    else:
        body.append(f"<p>{_e(say('closed_none', lang))}</p>")
    body.append(f"<h2>{_e(say('sources', lang))}</h2><ol>")
    body.extend(f'<li id="source-{s.number}">{_e(s.text)}</li>' for s in briefing.sources)
    body.append("</ol>")
    content = "\n".join(body)
    style = STYLE.replace("{font}", _font_subset(_visible_text(content)))
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{_e(say("title", lang))} {briefing.as_of}</title>\n'
        f"<style>{style}</style>\n</head>\n<body>\n{content}\n</body>\n</html>\n"
    )


def pdf_bytes(briefing: Briefing) -> bytes:
    """The HTML briefing printed to PDF by WeasyPrint or a headless Chromium, whichever is
    installed; a TrackerError naming both when neither is."""
    text = html_text(briefing)
    try:
        from weasyprint import HTML  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        pass
    else:
        return _pinned_dates(bytes(HTML(string=text).write_pdf()), briefing)
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        raise TrackerError(
            "cannot write a PDF: no converter is installed (WeasyPrint: pip install weasyprint;"
            " or Chromium: apt-get install chromium); write .docx or .html instead"
        )
    with tempfile.TemporaryDirectory(prefix="tracker-briefing-") as folder:
        page, pdf = Path(folder) / "briefing.html", Path(folder) / "briefing.pdf"
        page.write_text(text, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={folder}/profile",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise TrackerError(f"{browser} did not print the PDF in {PDF_SECONDS} s") from None
        if not pdf.is_file():
            raise TrackerError(f"{browser} did not print the PDF")
        return _pinned_dates(pdf.read_bytes(), briefing)


def _pinned_dates(data: bytes, briefing: Briefing) -> bytes:
    """The printer's clock replaced by the briefing's date, digit for digit (so that the byte
    offsets the PDF's cross-reference table holds stay true)."""
    day = f"{briefing.as_of:%Y%m%d}000000".encode()
    return re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}", rb"/\1 (D:" + day, data)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _headline(summary: Summary, lang: str) -> str:
    return say(
        "headline_text",
        lang,
        total=sum(summary.total.values()),
        parts=status_parts(summary.total, lang) or say("none", lang),
        attention=len(summary.attention),
        not_reported=len(summary.not_reported),
    )


def _header(briefing: Briefing) -> str:
    lang = briefing.lang
    facts = "".join(
        f"<dt>{_e(say(key, lang))}</dt><dd>{_e(value)}</dd>"
        for key, value in (
            ("as_of", briefing.as_of),
            ("scope", briefing.scope),
            ("store", briefing.store),
        )
    )
    return (
        f"<header><h1>{_e(say('title', lang))}</h1>"
        f'<p class="subtitle">{_e(say("programme", lang))}</p><dl>{facts}</dl></header>'
    )


def _counts_table(summary: Summary, lang: str, caption: str) -> str:
    shown = [s for s in STATUS_ORDER if summary.total[s]]
    key = "pillar" if summary.group_by == "pillar" else "region"
    head = [word(key, lang), *(status_label(s, lang) for s in shown), word("total", lang)]
    rows = [
        "<tr>"
        + f"<td>{_e(name_en if lang == 'en' and name_en else name)}</td>"
        + "".join(f'<td class="n">{counts[s]}</td>' for s in shown)
        + f'<td class="n">{sum(counts.values())}</td></tr>'
        for name, name_en, counts in summary.groups
    ]
    total = summary.total
    rows.append(
        f'<tr class="total"><td>{_e(word("total", lang))}</td>'
        + "".join(f'<td class="n">{total[s]}</td>' for s in shown)
        + f'<td class="n">{sum(total.values())}</td></tr>'
    )
    header = "".join(f"<th>{_e(h)}</th>" for h in head)
    return (
        f"<table><caption>{_e(caption)}</caption><thead><tr>{header}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _figure(svg: str, caption: str, number: int) -> str:
    """An SVG inline, its ids made unique to the figure (several charts share one page)."""
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg[svg.index("<svg") :], flags=re.S)
    prefix = f"f{number}-"
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{prefix}\2"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", svg)
    return f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>"


def _visible_text(content: str) -> str:
    """The characters a reader sees (outside tags and SVG), for the font subset."""
    without_svg = re.sub(r"<svg.*?</svg>", "", content, flags=re.S)
    return re.sub(r"<[^>]+>", "", without_svg)


def _font_subset(text: str) -> str:
    """The CJK font cut down to the characters of `text`, as base64 (a few hundred KB instead
    of 16 MB; the same text gives the same bytes)."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(charts.font_path()), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text + string.printable))))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return base64.b64encode(out.getvalue()).decode("ascii")
