"""`tracker report -o briefing.html` (one self-contained file) and `.pdf`."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.report.conftest import AS_OF, Run, summary_json
from tracker.domain.labels import STATUS_LABELS
from tracker.report import html

STATUS_OF = {zh: status.value for status, (zh, _) in STATUS_LABELS.items()}


class Page(HTMLParser):
    """What a reader's browser would fetch, the ids, the headings and the table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.ids: Counter[str] = Counter()
        self.tables: list[list[list[str]]] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("src", "href"):
            value = found.get(key) or ""
            if value and not value.startswith("#") and tag not in ("a",):
                self.fetched.append(value)
        if tag == "link" or tag == "script" or tag == "img":
            self.fetched.append(tag)
        if found.get("id"):
            self.ids[found["id"] or ""] += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2", "h3"):
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._heading:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def write(run: Run, path: Path, *args: str) -> str:
    result = run("report", "--as-of", str(AS_OF), "-o", str(path), *args)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_the_html_briefing_is_one_file_with_the_summarys_numbers(run: Run, tmp_path: Path) -> None:
    text = write(run, tmp_path / "briefing.html")
    page = Page()
    page.feed(text)
    data = summary_json(run)
    assert page.fetched == []  # nothing outside the file: no links, scripts, images, URLs
    assert "http://" not in re.sub(r'xmlns(:\w+)?="[^"]+"', "", text)
    assert [i for i, n in page.ids.items() if n > 1] == []  # several SVGs, no clashing ids
    codes = [a["code"] for a in data["attention"]]
    assert text.count("<svg") == 1 + len(codes)
    assert [h for level, h in page.headings if level == "h3"] == [
        f"{a['name']}({a['code']})" for a in data["attention"]
    ]
    head, *rows = page.tables[0]
    statuses = [STATUS_OF[h] for h in head[1:-1]]
    found = {r[0]: dict(zip(statuses, map(int, r[1:-1]), strict=True)) for r in rows}
    for group in data["groups"]:
        assert found[group["name"]] == {s: group["counts"][s] for s in statuses}
    assert found["合计"] == {s: data["total"][s] for s in statuses}
    assert [s for s, n in data["total"].items() if n] == statuses
    # The Chinese font travels inside the file, cut down to the characters it uses.
    font = re.search(r"base64,([A-Za-z0-9+/=]+)", text)
    assert font is not None and 10_000 < len(font.group(1)) < 2_000_000


def test_the_same_store_and_date_give_the_same_html(run: Run, tmp_path: Path) -> None:
    first = write(run, tmp_path / "first.html")
    assert write(run, tmp_path / "second.html") == first


def test_without_a_converter_a_pdf_is_refused_in_one_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html, "BROWSERS", ("no-such-browser",))
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)
    result = run("report", "--as-of", str(AS_OF), "-o", str(tmp_path / "briefing.pdf"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: cannot write a PDF: no converter is installed (WeasyPrint: pip install"
        " weasyprint; or Chromium: apt-get install chromium); write .docx or .html instead"
    ]
    assert not (tmp_path / "briefing.pdf").exists()


CHROMIUM = next((b for b in html.BROWSERS if shutil.which(b)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")
def test_a_pdf_through_headless_chromium(run: Run, tmp_path: Path) -> None:
    result = run("report", "--as-of", str(AS_OF), "-o", str(tmp_path / "briefing.pdf"))
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "briefing.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3
    assert re.findall(rb"/CreationDate \(D:(\d{14})", pdf) == [b"20251231000000"]
    time.sleep(1.1)  # the printer dates its PDF to the second
    again = run("report", "--as-of", str(AS_OF), "-o", str(tmp_path / "again.pdf"))
    assert again.exit_code == 0, again.output
    assert (tmp_path / "again.pdf").read_bytes() == pdf


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")
def test_chromium_paints_the_page(run: Run, tmp_path: Path) -> None:
    from PIL import Image

    write(run, tmp_path / "briefing.html")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1000,1600",
            f"--screenshot={shot}",
            (tmp_path / "briefing.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    image = Image.open(shot).convert("L")
    # Headings, tables and charts put ink on the page: far from blank, far from black.
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert 0.01 < dark < 0.5
