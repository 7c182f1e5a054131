"""Each format a document arrives in reads to the same paragraphs, dates and issuer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.errors import ValidationError
from tracker.extract.reading import read_document

PAGE = """<html><head><title>关于某事的提案的答复</title></head><body>
<div class="nav"><a>首页</a><a>政务公开</a><a>累计访问100000次</a></div>
<div class="breadcrumb">当前位置:首页 > 建议提案办理</div>
<div class="info header">来源:省发展改革委 发布时间:2025年12月03日</div>
<div class="content"><p>王委员:</p><p>已实现210项都市圈跨域通办事项。</p>
<p>辽宁省发展和改革委员会</p><p>2025年5月26日</p></div>
<div class="footer">版权所有 主办单位:某某 ICP备12345号</div>
<script>var visits = 12345;</script></body></html>"""


def test_a_government_page_keeps_its_text_source_and_date_not_its_navigation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reply.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.paragraphs == [
        "王委员:",
        "已实现210项都市圈跨域通办事项。",
        "辽宁省发展和改革委员会",
        "2025年5月26日",
    ]
    assert (doc.title, doc.source, doc.issuer) == (
        "关于某事的提案的答复",
        "省发展改革委",
        "辽宁省发展和改革委员会",
    )
    assert (doc.published, doc.written) == (date(2025, 12, 3), date(2025, 5, 26))


def test_a_docx_reads_paragraph_by_paragraph(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ["发布时间:2024年08月29日", "某委员:", "累计建成5G基站6.1万个。", "2024年6月3日"]:
        document.add_paragraph(text)
    path = tmp_path / "reply.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.paragraphs == ["某委员:", "累计建成5G基站6.1万个。", "2024年6月3日"]
    assert doc.written == date(2024, 6, 3)


def _pdf(lines: list[str]) -> bytes:
    # A one-page PDF with a standard font: enough for a text layer to read.
    stream = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_a_text_pdf_joins_the_lines_of_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf(["1. Build 20 parks", "by 2025.", "2. Open 3 lines."]))
    doc = read_document(path)
    assert doc.paragraphs == ["1. Build 20 parksby 2025.", "2. Open 3 lines."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.rtf", b"x", "expected a .txt, .html, .docx or .pdf file"),
        ("reply.txt", "王委员".encode("gb18030"), "not UTF-8 text"),
        ("reply.docx", b"not a zip", "cannot be read"),
        ("reply.pdf", b"%PDF-garbage", "cannot be read"),
    ],
)
def test_a_file_that_cannot_be_read_is_named_with_the_reason(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message) as caught:
        read_document(path)
    assert str(path) in str(caught.value)
