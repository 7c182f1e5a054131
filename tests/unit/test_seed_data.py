"""Every seeded row is traceable: its quote stands verbatim in its shipped document and states it,
its period follows a written rule, and its kind, bound and programme are what the text says."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.config import seeds_dir
from tracker.domain.numbers import MAGNITUDES, chinese_numeral, split_unit

DOCUMENTS = seeds_dir() / "documents"
README = seeds_dir() / "README.md"

COMPARATORS = {"", "=", ">", ">=", "<", "<=", "~"}
BASES = {"", "stated", "plan_end", "assumed"}
STATES = {"planned", "started", "approved", "completed"}
MEASURES = {"", "level", "rate", "rank"}
RANK_WORDS = {"首位": Decimal(1)}  # 第一 is read as the numeral 一
SENTENCE_END = "。;;\n"
# A period: a year, month or day, a quarter, a half-year, or a range first..last.
POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
PERIOD = re.compile(rf"{POINT}|\d{{4}}Q[1-4]|\d{{4}}H[12]|{POINT}\.\.{POINT}")


def rows(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    with ((folder or seeds_dir()) / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


INDICATORS = {r["code"]: r for r in rows("indicators")}
OBSERVATIONS = rows("observations")
MILESTONES = rows("milestones")
PROGRAMMES = {r["code"]: r for r in rows("programmes")}
DOCUMENT_IDS = {r["id"] for r in rows("documents")}


def document(doc_id: str) -> str:
    return (DOCUMENTS / f"{doc_id}.txt").read_text(encoding="utf-8")


def period_rules() -> set[str]:
    """The period rules the seed README defines (`期:<rule>`)."""
    return set(re.findall(r"`期:([^`]+)`", README.read_text(encoding="utf-8")))


def numbers_in(quote: str) -> set[Decimal]:
    """Every number a reader can see in a quote, with 万/亿 read as magnitudes too."""
    found: set[Decimal] = set()
    for match in re.finditer(
        r"(\d+(?:\.\d+)?)(万亿|千亿|亿|千万|百万|万|千)?", quote.replace(",", "")
    ):
        number = Decimal(match[1])
        found.add(number)
        if match[2]:
            found.add(number * dict(MAGNITUDES)[match[2]])
    for match in re.finditer(r"[零〇一二两三四五六七八九十百千]+", quote):
        value = chinese_numeral(match[0])
        if value is not None:
            found.add(Decimal(value))
    for word, factor in MAGNITUDES:  # "千亿元", "万亿级": a bare magnitude is one of it
        if word in quote:
            found.add(factor)
    found.update(number for word, number in RANK_WORDS.items() if word in quote)
    return found


def readable_values(value: Decimal, unit: str) -> set[Decimal]:
    """The value as it may be written: in the unit, or in the unit's base (6.1 万个 = 61000 个)."""
    factor, _ = split_unit(unit)
    return {value, value * factor}


def sentence_of(quote: str, text: str) -> str:
    """The sentence of the document the quote stands in (a quote may span sentences)."""
    start = text.index(quote)
    end = start + len(quote)
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    return text[start:end]


def years_of(period: str) -> set[str]:
    return set(re.findall(r"\d{4}", period))


def dated_in_its_sentence(row: dict[str, str]) -> bool:
    """Every year of the row's period is written in the quote's sentence."""
    sentence = sentence_of(row["quote"], document(row["source_doc"]))
    years = years_of(row["period"])
    return bool(years) and all(re.search(rf"(?<!\d){y}(?!\d)", sentence) for y in years)


def rules_named(note: str) -> list[str]:
    return [m.split("(")[0] for m in re.findall(r"期:([^;;,]+)", note)]


def implied_comparator(row: dict[str, str]) -> str | None:
    """The comparator the words around the value's number say, if any."""
    unit = INDICATORS[row["indicator"]]["unit"]
    wanted = readable_values(Decimal(row["value"]), unit)
    quote = row["quote"].replace(",", "")
    for match in re.finditer(r"(\d+(?:\.\d+)?)(万亿|千亿|亿|千万|百万|万|千)?", quote):
        number = Decimal(match[1])
        seen = {number, number * dict(MAGNITUDES).get(match[2] or "", Decimal(1))}
        if not seen & wanted:
            continue
        before = quote[max(0, match.start() - 3) : match.start()]
        after = re.split(r"[,,、。;]", quote[match.end() : match.end() + 4])[0]
        if after.startswith("余") or before.endswith(("超过", "突破")):
            return ">"
        if "以上" in after or before.endswith(("不低于", "不少于")):
            return ">="
        about = before.endswith("约") and not before.endswith(("签约", "预约", "合约"))
        if before.endswith("近") or about or "左右" in after:
            return "~"
    return None


def row_id(row: dict[str, str]) -> str:
    return f"{row['indicator']}:{row.get('kind', row.get('state'))}:{row['period']}"


# --- the documents ship with the seed ------------------------------------------------------


def test_every_document_ships_verbatim_beside_the_seed() -> None:
    assert {p.stem for p in DOCUMENTS.glob("*.txt")} == DOCUMENT_IDS
    assert len(DOCUMENT_IDS) == 5
    for doc_id in DOCUMENT_IDS:
        assert document(doc_id).strip(), f"{doc_id}.txt is empty"


def test_every_document_contributes() -> None:
    cited = {r["source_doc"] for r in OBSERVATIONS} | {r["source_doc"] for r in MILESTONES}
    assert cited == DOCUMENT_IDS


# --- observations: quote, value, period, bound ----------------------------------------------


@pytest.mark.parametrize("row", OBSERVATIONS, ids=row_id)
def test_quote_is_verbatim_and_states_the_value(row: dict[str, str]) -> None:
    assert row["source_doc"] in DOCUMENT_IDS
    assert row["quote"], "every seeded observation carries a quote"
    assert row["quote"] in document(row["source_doc"]), (
        f"quote not found verbatim in {row['source_doc']}.txt"
    )
    indicator = INDICATORS[row["indicator"]]
    if row["relative_to"]:
        # "不低于全省经济增速": the target is another series, not a number.
        assert not row["value"] and row["kind"] == "target"
        assert row["relative_to"] in INDICATORS and row["relative_to"] != row["indicator"]
        return
    if indicator["direction"] == "milestone" and row["kind"] == "target":
        # A task's target is its completion (100 %); the quote names the task, not a number.
        assert Decimal(row["value"]) == 100
        return
    assert readable_values(Decimal(row["value"]), indicator["unit"]) & numbers_in(row["quote"]), (
        f"value {row['value']} {indicator['unit']} cannot be read from {row['quote']!r}"
    )


@pytest.mark.parametrize("row", OBSERVATIONS + MILESTONES, ids=row_id)
def test_a_row_not_dated_in_its_own_sentence_names_its_period_rule(row: dict[str, str]) -> None:
    assert not row["period"] or PERIOD.fullmatch(row["period"]), f"bad period {row['period']!r}"
    named = rules_named(row["note"])
    assert set(named) <= period_rules(), f"{named} are not all rules of seed_data/README.md"
    if not row["period"]:
        assert "开放承诺" in named, "an empty period is an open commitment and says so"
    elif not dated_in_its_sentence(row):
        assert named, f"{row['period']} is not in its sentence: the note must name the rule"


def test_the_period_rules_read_the_documents_as_the_readme_says() -> None:
    by_rule: dict[str, list[dict[str, str]]] = {}
    for row in OBSERVATIONS + MILESTONES:
        for rule in rules_named(row["note"]):
            by_rule.setdefault(rule, []).append(row)
    written = {r["id"]: r["written"] for r in rows("documents")}
    for row in by_rule["答复日"]:
        assert row["period"] == written[row["source_doc"]]
    for row in by_rule["上年"]:
        assert int(row["period"][:4]) == int(written[row["source_doc"]][:4]) - 1
    for row in by_rule["今年"]:
        assert row["period"][:4] == written[row["source_doc"]][:4]
    for row in by_rule["今年以来"]:
        year = written[row["source_doc"]][:4]
        assert row["period"] == f"{year}-01..{written[row['source_doc']]}"


@pytest.mark.parametrize("row", [r for r in OBSERVATIONS if r["value"]], ids=row_id)
def test_bound_words_set_the_comparator(row: dict[str, str]) -> None:
    assert row["comparator"] in COMPARATORS
    implied = implied_comparator(row)
    if implied is not None:
        assert row["comparator"] == implied, f"{row['quote']!r} is a bound: {implied}"
    elif row["kind"] != "target":
        assert row["comparator"] in ("", "="), f"{row['quote']!r} states no bound"


def test_every_target_names_a_programme_and_its_deadline_basis() -> None:
    for row in OBSERVATIONS:
        assert row["deadline_basis"] in BASES
        assert not row["quarantine"] or row["quote"]
        if row["kind"] != "target":
            assert not (row["programme"] or row["deadline_basis"] or row["relative_to"])
            assert row["period"], "only a target may have an empty period"
            continue
        where = row_id(row)
        assert row["programme"] in PROGRAMMES, f"{where} names no programme"
        programme = PROGRAMMES[row["programme"]]
        assert programme["document"] in ("", row["source_doc"]), where
        if not row["period"]:
            assert row["deadline_basis"] == "", f"{where}: an open commitment has no deadline"
        elif row["deadline_basis"] == "plan_end":
            assert row["period"] == programme["end"], f"{where}: plan_end is the programme's end"
        else:
            assert row["deadline_basis"] in ("", "stated")
            # "2025年,…" or "今年全年…": the sentence itself gives the deadline
            in_sentence = dated_in_its_sentence(row) or "今年" in rules_named(row["note"])
            assert in_sentence, f"{where}: a stated deadline is in its sentence"


def test_programmes_have_spans_and_documents() -> None:
    for code, programme in PROGRAMMES.items():
        assert programme["document"] in DOCUMENT_IDS | {""}, code
        assert PERIOD.fullmatch(programme["start"]), code
        assert not programme["end"] or programme["end"] >= programme["start"], code
    used = {r["programme"] for r in OBSERVATIONS if r["programme"]}
    assert used == set(PROGRAMMES)


def test_the_implausible_magnitude_is_quarantined_with_its_quote() -> None:
    held = [r for r in OBSERVATIONS if r["quarantine"]]
    assert [(r["indicator"], r["value"]) for r in held] == [("SY-GOV-E-PRESCRIPTIONS", "106031")]
    assert "106031万笔" in held[0]["quote"]


# --- indicators ------------------------------------------------------------------------------


def test_indicator_columns_are_from_their_vocabularies() -> None:
    regions = {r["name"] for r in rows("regions")}
    pillars = {r["name"] for r in rows("pillars")}
    for code, indicator in INDICATORS.items():
        assert indicator["measure"] in MEASURES, code
        assert indicator["region"] in regions, code
        assert indicator["pillar"] in pillars, code
        if indicator["measure"] == "rank":
            assert indicator["direction"] == "decrease", f"{code}: a lower rank is better"


def test_rates_and_ranks_are_read_from_their_words() -> None:
    for row in OBSERVATIONS:
        measure = INDICATORS[row["indicator"]]["measure"]
        if measure == "rate" and not row["relative_to"]:
            assert re.search(r"增长|降低|增速", row["quote"]), row_id(row)
        if measure == "rank":
            assert re.search(r"首位|第[一二三四五六七八九十\d]|前\d+名", row["quote"]), row_id(row)
    growth = [r for r in OBSERVATIONS if "增长" in r["quote"] and "%" in r["quote"]]
    for row in growth:  # "增长153%" is a rate of change, never a level of the same series
        value = Decimal(row["value"])
        if f"增长{value}%" in row["quote"]:
            assert INDICATORS[row["indicator"]]["measure"] == "rate", row_id(row)


def test_no_duplicate_series() -> None:
    keys = Counter((r["indicator"], r["kind"], r["period"], r["relative_to"]) for r in OBSERVATIONS)
    assert [k for k, n in keys.items() if n > 1] == []
    same = Counter((r["name"], r["region"]) for r in INDICATORS.values())
    assert [k for k, n in same.items() if n > 1] == []
    steps = Counter(
        (r["indicator"], r["deliverable"], r["state"], r["period"], r["source_doc"])
        for r in MILESTONES
    )
    assert [k for k, n in steps.items() if n > 1] == []
    observed = {r["indicator"] for r in OBSERVATIONS} | {r["indicator"] for r in MILESTONES}
    assert set(INDICATORS) - observed == {"LN-CN-ECON-GROWTH-HIGHER"}  # a reference series


def test_one_indicator_per_figure_reported_across_documents() -> None:
    series = [r for r in OBSERVATIONS if r["indicator"] == "SYMC-GOV-CROSS-REGION-ITEMS"]
    assert sorted((r["kind"], r["value"]) for r in series) == [
        ("actual", "152"),
        ("actual", "210"),
        ("target", "260"),
    ]
    assert {r["source_doc"] for r in series} == {"001_429e4e3d7d47d75c", "003_f23afacf029143a4"}


def test_a_target_is_never_compared_with_another_series() -> None:
    # 精品旅游线路 (2025) and 特色旅游线路 (2024) are not the ordinary routes counted before.
    routes = [r for r in OBSERVATIONS if r["indicator"] == "SYMC-CULT-TOURISM-ROUTES"]
    assert {r["kind"] for r in routes} == {"actual"}
    for row in OBSERVATIONS:
        if row["kind"] == "target" and "旅游线路" in row["quote"]:
            word = "精品" if "精品" in row["quote"] else "特色"
            assert word in INDICATORS[row["indicator"]]["name"]


# --- milestones -----------------------------------------------------------------------------


@pytest.mark.parametrize("row", MILESTONES, ids=lambda r: f"{r['indicator']}:{r['deliverable']}")
def test_a_milestone_is_a_quoted_state_of_a_qualitative_task(row: dict[str, str]) -> None:
    assert row["state"] in STATES
    assert INDICATORS[row["indicator"]]["direction"] == "milestone"
    assert row["deliverable"]
    assert row["quote"] in document(row["source_doc"]), (
        f"quote not found verbatim in {row['source_doc']}.txt"
    )
    if not row["period"]:
        assert row["state"] == "planned", "only a planned deliverable may be undated"


def test_documents_that_disagree_each_keep_their_statement() -> None:
    plan = [r for r in MILESTONES if r["deliverable"] == "沈阳都市圈国土空间规划"]
    said = {r["source_doc"][:3]: r["state"] for r in plan if r["state"] != "planned"}
    assert said == {"000": "completed", "001": "started", "003": "started"}


# --- departments ----------------------------------------------------------------------------


def departments(cell: str) -> list[str]:
    return [d for d in re.split(r"[、,]", cell) if d]


def test_tieling_tasks_name_lead_and_responsible_units_as_the_text_does() -> None:
    text = document("004_4b9e2cbfea7744a3")
    named = re.findall(r"牵头单位:(.+?);责任单位:(.+)", text)
    tasks = sorted(c for c in INDICATORS if re.fullmatch(r"TL2021-T\d\d", c))
    assert len(named) == len(tasks) == 21
    one_body = {"市营商环境局": "市营商环境建设局"}
    for code, (lead, responsible) in zip(tasks, named, strict=True):
        indicator = INDICATORS[code]
        assert departments(indicator["lead"]) == [one_body.get(d, d) for d in departments(lead)]
        assert departments(indicator["responsible"]) == departments(responsible)


def test_the_2016_plan_names_no_lead() -> None:
    text = document("002_d9f934d189bcf9a8")
    tasks = [r for r in INDICATORS.values() if r["code"].startswith("SY2016-")]
    assert len(tasks) == 16
    for task in tasks:
        assert task["lead"] == "", f"{task['code']}: the 2016 plan lists only 责任部门"
        for unit in departments(task["responsible"]):
            # 市科技局 is written 科技局 after 市发展改革委; 于洪区政府 as 于洪区、…政府
            bare = unit.removeprefix("市").removesuffix("政府")
            assert bare in text, f"{task['code']}: {unit} is not named in the plan"
    assert sum(1 for t in tasks if t["responsible"]) == 15  # SY2016-T16 is cut off in the source


def test_replies_name_no_lead() -> None:
    replied = {
        r["indicator"]
        for r in OBSERVATIONS + MILESTONES
        if r["source_doc"][:3] in ("000", "001", "003")
    }
    assert [c for c in replied if INDICATORS[c]["lead"]] == []
