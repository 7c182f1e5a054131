"""The briefing for leadership (调度通报): one store, one date, written as Word, HTML or PDF.

  model   what the briefing says, built from the services' verdicts and summary
  charts  the status and trajectory charts (matplotlib, in the CJK font the project installs)
  docx    the Word document (python-docx)
  html    one self-contained HTML file with the charts inline as SVG, and PDF from it
  words   the briefing's words in Chinese and English

Nothing here is imported by `tracker --help`: matplotlib and python-docx load when a briefing
is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import TrackerError, ValidationError

if TYPE_CHECKING:
    from tracker.services.store import Store

FORMATS = (".docx", ".html", ".pdf")


def write_report(
    store: Store,
    path: Path,
    *,
    as_of: date,
    region: str | None = None,
    pillar: str | None = None,
    lang: str = "zh",
) -> Path:
    """Write the briefing for `as_of` to `path`, its format chosen by the suffix; the same
    store and date give the same bytes."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            f"{path}: cannot write a briefing as {suffix or 'a file without a suffix'};"
            f" expected one of {', '.join(FORMATS)}"
        )
    # The store's read (SQLAlchemy), python-docx and matplotlib load here, for the format
    # asked for: never for `tracker report --help` or the TUI's start.
    from tracker.report.model import build_briefing

    briefing = build_briefing(store, as_of=as_of, region=region, pillar=pillar, lang=lang)
    if suffix == ".docx":
        from tracker.report.docx import docx_bytes

        data = docx_bytes(briefing)
    elif suffix == ".html":
        from tracker.report.html import html_text

        data = html_text(briefing).encode("utf-8")
    else:
        from tracker.report.html import pdf_bytes

        data = pdf_bytes(briefing)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise TrackerError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
