"""The source of a figure: the document text found, the quote located in its sentence, the
import it came from; and a view written to csv or xlsx as shown."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from tests.tui.conftest import rows, scalar
from tracker import services
from tracker.errors import ValidationError
from tracker.services.sources import (
    indicators_citing,
    locate,
    observation_source,
    source_document,
)
from tracker.services.store import context
from tracker.services.view_export import write_view
from tracker.storage.audit import record_audit
from tracker.storage.engine import writing

DOC = "001_429e4e3d7d47d75c"
QUOTE = "今年中欧班列(沈阳)开行数量力争突破900列"


def test_a_shipped_document_is_read_and_the_quote_found_in_its_sentence(
    store: services.Store,
) -> None:
    document = source_document(store, DOC)
    assert document is not None and document.kept == "seed"
    assert document.title.startswith("关于更好发挥沈阳、大连")
    assert not any(p.startswith(("来源", "发布时间")) for p in document.paragraphs)
    at = locate(document.paragraphs, QUOTE)
    assert at is not None
    paragraph = document.paragraphs[at.paragraph]
    assert paragraph[at.start : at.end] == QUOTE
    sentence = paragraph[at.sentence_start : at.sentence_end]
    assert QUOTE in sentence and sentence.endswith(("。", "；")) and "。" not in sentence[:-1]


def test_a_quote_written_with_other_spaces_and_widths_is_found() -> None:
    paragraphs = ("第一段。", "全年开行 ９００ 列，同比增长。下一句。")
    at = locate(paragraphs, "全年开行900列")
    assert at is not None and at.paragraph == 1
    assert paragraphs[1][at.start : at.end] == "全年开行 ９００ 列"
    assert paragraphs[1][at.sentence_start : at.sentence_end] == "全年开行 ９００ 列，同比增长。"
    assert locate(paragraphs, "没有这句") is None


def test_an_imported_documents_text_comes_from_its_review(store: services.Store) -> None:
    assert source_document(store, "new_reply") is None
    with writing(store.engine) as session:
        session.execute(
            sa.text(
                "INSERT INTO document (id, title, issuer, kind)"
                " VALUES ('new_reply', '新答复', '', 'cppcc_reply')"
            )
        )
        record_audit(
            session=session,
            ctx=context("t", "review"),
            action="text",
            entity="document",
            entity_id="new_reply",
            after={"text": "标题\n今年完成投资30亿元。", "source": "", "path": "x.txt"},
        )
    document = source_document(store, "new_reply")
    assert document is not None and document.kept == "review" and document.title == "新答复"
    assert document.paragraphs == ("标题", "今年完成投资30亿元。")


def test_an_imported_value_names_its_file_and_line(store: services.Store, tmp_path: Path) -> None:
    path = tmp_path / "2025-06.csv"
    path.write_text("indicator,kind,period,value\n\nSY-OPEN-CRE-TRAINS,actual,2025,1200\n", "utf-8")
    services.import_file(store, path, actor="t")
    obs_id = scalar(
        store.url, "SELECT max(id) FROM observation WHERE period = '2025' AND kind = 'actual'"
    )
    found = observation_source(store, obs_id)
    assert found.imported_file == "2025-06.csv" and found.origin is not None
    assert found.imported_line == 3  # after the header and a blank line
    assert found.origin.actor == "t"
    services.record(
        store, code="SY-OPEN-CRE-TRAINS", value="5", period="2026", actor="t", origin="tui"
    )
    newest = scalar(store.url, "SELECT max(id) FROM observation")
    typed = observation_source(store, newest)
    assert typed.imported_file is None and typed.imported_line is None


def test_the_indicators_citing_a_document_and_set_by_a_programme(
    store: services.Store,
) -> None:
    by_document = indicators_citing(store, document=DOC)
    by_programme = indicators_citing(store, programme="R001")
    both = indicators_citing(store, document=DOC, programme="R001")
    assert "SY-OPEN-CRE-TRAINS" in both and both == by_document & by_programme
    # A deliverable citing the document counts too.
    tasks = {
        c
        for (c,) in rows(
            store.url,
            "SELECT DISTINCT i.code FROM milestone m JOIN"
            " indicator i ON i.id = m.indicator_id WHERE m.source_doc = :d",
            d=DOC,
        )
    }
    assert tasks and tasks <= by_document
    assert indicators_citing(store, document="no-such-document") == set()
    assert indicators_citing(store) == set()


def test_a_view_is_written_as_shown(tmp_path: Path) -> None:
    headers = ["编码", "数值", "说明"]
    rows = [["A-1", Decimal("1613.50"), "=SUM(A1)"], ["B-2", None, "铁岭"]]
    assert write_view(tmp_path / "v.csv", headers, rows) == 2
    raw = (tmp_path / "v.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert read == [headers, ["A-1", "1613.5", "'=SUM(A1)"], ["B-2", "", "铁岭"]]
    assert write_view(tmp_path / "v.xlsx", headers, rows) == 2
    sheet = load_workbook(tmp_path / "v.xlsx").active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values == [headers, ["A-1", 1613.5, "=SUM(A1)"], ["B-2", None, "铁岭"]]
    assert sheet["C2"].data_type == "s"  # text, never run as a formula
    with pytest.raises(ValidationError, match=r"\.json"):
        write_view(tmp_path / "v.json", headers, rows)
