"""Policy documents (.txt, .html, .docx, text .pdf) into paragraphs, a title and their dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from tracker.errors import ValidationError

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PUBLISHED = re.compile(r"发布时间[::]\s*" + _DATE)
_SOURCE = re.compile(r"来源[::]\s*(\S*?)(?:\s|$)")
_SIGNED = re.compile(r"^" + _DATE + r"$")
_ISSUER = re.compile(r"(人民政府办公室|人民政府|委员会|办公室|发展改革委|厅|局)$")
# Lines a government page repeats around its text (navigation, sharing, print buttons).
_CHROME = re.compile(
    r"^(首页|当前位置|您当前的位置|打印本页|关闭窗口|分享到|字号|【.*】|上一篇|下一篇|扫一扫|"
    r"网站地图|联系我们|主办单位|版权所有|ICP备|政府信息公开|返回顶部)"
)


@dataclass
class Document:
    """A document's text as paragraphs, with what its own text says of it."""

    id: str
    path: str
    paragraphs: list[str]
    title: str = ""
    issuer: str = ""
    source: str = ""
    written: date | None = None  # the date under the signature
    published: date | None = None  # 发布时间
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole text, one paragraph a line."""
        return "\n".join(self.paragraphs)

    @property
    def dated(self) -> date | None:
        """The day the text speaks from: the signature's date, else the publication's."""
        return self.written or self.published


class _TextOfHtml(HTMLParser):
    """Block text of a page, leaving out scripts, styles, navigation, headers and footers."""

    SKIP = {"script", "style", "nav", "header", "footer", "noscript", "select", "button"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "td"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0
        self.title = ""
        self._in_title = False
        self._skip_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = " ".join(value or "" for name, value in attrs if name in ("class", "id"))
        void = tag in ("br", "img", "hr", "input", "meta", "link")
        skip = re.search(r"\b(nav|menu|breadcrumb|footer|header)\b", classes)
        if not void and (tag in self.SKIP or skip or self.skipping):
            self.skipping += 1
            self._skip_tags.append(tag)
            return
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tags and self._skip_tags[-1] == tag:
            self._skip_tags.pop()
            self.skipping -= 1
            return
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data.strip()
            return
        if not self.skipping:
            self.lines[-1] += data
        elif re.search("来源|发布时间", data):  # a page's header still says where and when
            self.lines.extend([data, ""])


def _html_lines(raw: str) -> tuple[list[str], str]:
    parser = _TextOfHtml()
    parser.feed(raw)
    lines = [re.sub(r"\s+", " ", line).strip() for line in parser.lines]
    return [line for line in lines if line and not _CHROME.match(line)], parser.title


def _docx_lines(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def _pdf_lines(path: Path) -> list[str]:
    from pypdf import PdfReader

    lines: list[str] = []
    for page in PdfReader(str(path)).pages:
        lines.extend((page.extract_text() or "").splitlines())
    # A PDF breaks a paragraph at every line's end: join lines that do not end a sentence.
    joined: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if joined and not re.search(r"[。::!?;;]$", joined[-1]) and not _starts_block(line):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _starts_block(line: str) -> bool:
    return bool(
        re.match(r"^([一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))]|\d+\.)", line)
    )


def _date(match: re.Match[str]) -> date | None:
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_document(path: Path) -> Document:
    """Read one file; raise ValidationError naming the file when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(f"{path}: expected a .txt, .html, .docx or .pdf file")
    page_title = ""
    try:
        if suffix == ".docx":
            lines = _docx_lines(path)
        elif suffix == ".pdf":
            lines = _pdf_lines(path)
        else:
            raw = path.read_bytes().decode("utf-8-sig")
            if suffix in (".html", ".htm"):
                lines, page_title = _html_lines(raw)
            else:
                lines = raw.splitlines()
    except ValidationError:
        raise
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except Exception as exc:  # a damaged .docx or .pdf: the reader's own reason, one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValidationError(f"{path}: cannot be read ({reason})") from exc
    return describe(path.stem, str(path), [line.strip() for line in lines], page_title)


def describe(doc_id: str, path: str, lines: list[str], page_title: str = "") -> Document:
    """Find the source, dates, issuer and title in a document's own lines."""
    doc = Document(id=doc_id, path=path, paragraphs=[])
    body: list[str] = []
    for line in lines:
        if not line:
            continue
        published = _PUBLISHED.search(line)
        if published or line.startswith("来源"):
            if published:
                doc.published = _date(published)
            source = _SOURCE.search(line)
            if source and source[1] and not source[1].startswith("发布时间"):
                doc.source = source[1]
            rest = _PUBLISHED.sub("", _SOURCE.sub("", line)).strip()
            if rest:
                body.append(rest)
            continue
        body.append(line)
    # The signature: a date alone on one of the last lines, the issuer just above it.
    for index in range(len(body) - 1, max(len(body) - 4, -1), -1):
        signed = _SIGNED.match(body[index])
        if signed:
            doc.written = _date(signed)
            if index > 0 and _ISSUER.search(body[index - 1]):
                doc.issuer = body[index - 1]
            break
    doc.paragraphs = body
    doc.title = page_title or _title(body)
    if not doc.issuer:
        issuer = re.match(r"^(.+?(?:人民政府办公室|人民政府))关于", doc.title)
        doc.issuer = issuer[1] if issuer else doc.source
    return doc


def _title(body: list[str]) -> str:
    # A title is the opening lines before the salutation (…:) or the first heading; a
    # reply has none of its own and is named by what it answers.
    head: list[str] = []
    for line in body[:3]:
        if line.endswith((":", ":")) or _starts_block(line) or len(line) > 60:
            break
        head.append(line)
    if head:
        return "".join(head)
    for line in body[:3]:
        answered = re.search(r"提出的(关于.+?的提案)", line)
        if answered:
            return f"{answered[1]}的答复"
    first = body[0] if body else ""
    year_plan = re.match(r"^.*?(\d{4}年.{2,30}?工作)", first)
    return year_plan[1] + "方案" if year_plan else first[:40]
