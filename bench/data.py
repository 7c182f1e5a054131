"""Deterministic synthetic data at provincial scale, in the import formats users' files use."""

from __future__ import annotations

import csv
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

INDICATOR_COLUMNS = (
    "code",
    "name",
    "name_en",
    "unit",
    "direction",
    "region",
    "pillar",
    "lead",
    "responsible",
    "frequency",
    "description",
)
OBSERVATION_COLUMNS = (
    "indicator",
    "kind",
    "period",
    "value",
    "unit",
    "comparator",
    "source_doc",
    "quote",
    "note",
)

# Regions as the seed file names them (code, Chinese name); cities carry most indicators.
REGIONS = (
    ("SY", "沈阳"),
    ("DL", "大连"),
    ("AS", "鞍山"),
    ("FS", "抚顺"),
    ("BX", "本溪"),
    ("DD", "丹东"),
    ("JZ", "锦州"),
    ("YK", "营口"),
    ("FX", "阜新"),
    ("LY", "辽阳"),
    ("PJ", "盘锦"),
    ("TL", "铁岭"),
    ("CY", "朝阳"),
    ("HLD", "葫芦岛"),
    ("SFZ", "沈抚改革创新示范区"),
    ("SY-HN", "浑南区"),
    ("SY-YH", "于洪区"),
    ("SY-SJT", "苏家屯区"),
    ("SY-SBX", "沈北新区"),
    ("SY-SH", "沈河区"),
    ("SY-DD", "大东区"),
    ("SY-XM", "新民市"),
    ("SY-LZ", "辽中县"),
    ("SY-FK", "法库县"),
    ("TL-TLX", "铁岭县"),
    ("TL-CT", "昌图县"),
    ("TL-XF", "西丰县"),
    ("TL-KY", "开原市"),
    ("TL-DBS", "调兵山市"),
    ("TL-QH", "清河区"),
    ("SYMC", "沈阳现代化都市圈"),
    ("SYEZ", "沈阳经济区"),
    ("LN", "辽宁省"),
)

QUALIFIERS = (
    ("", ""),
    ("中心城区", "central districts"),
    ("县域", "counties"),
    ("重点园区", "key parks"),
    ("开发区", "development zones"),
    ("农村地区", "rural areas"),
    ("城乡接合部", "urban fringe"),
    ("沿线地区", "corridor areas"),
    ("重点企业", "key firms"),
    ("新建项目", "new projects"),
    ("民营经济", "private sector"),
    ("国有企业", "state firms"),
)


@dataclass(frozen=True)
class Metric:
    """A kind of figure the plans track, with its unit, direction and a plausible range."""

    name: str
    name_en: str
    unit: str
    direction: str
    pillar: str
    low: float
    high: float
    lead: str


# name | English name | unit | direction | pillar | low | high | lead department
METRIC_TABLE = """
地区生产总值|Gross regional product|亿元|increase|产业共链|200|9000|省发展改革委
规模以上工业增加值|Industry value added|亿元|increase|产业共链|50|3000|省工业和信息化厅
社会消费品零售总额|Retail sales of consumer goods|亿元|increase|平台共享|80|4000|省商务厅
固定资产投资|Fixed-asset investment|万元|increase|产业共链|50000|900000|省发展改革委
实际使用外资|Foreign investment actually used|万美元|increase|对外开放|1000|90000|省商务厅
进出口总额|Imports and exports|亿元|increase|对外开放|20|2000|沈阳海关
接待游客人次|Tourist visits|万人次|increase|文旅共建|50|9000|省文化和旅游厅
旅游总收入|Tourism revenue|亿元|increase|文旅共建|10|1500|省文化和旅游厅
高速公路通车里程|Expressway length in service|公里|increase|交通共联|80|1200|省交通运输厅
城际公交线路|Inter-city bus routes|条|increase|交通共联|5|120|省交通运输厅
铁路客运量|Rail passengers|人次|increase|交通共联|200000|9000000|中国铁路沈阳局集团
空气质量优良天数比例|Share of good-air days|%|increase|生态共保|70|92|省生态环境厅
细颗粒物(PM2.5)平均浓度|Mean PM2.5 concentration|微克/立方米|decrease|生态共保|25|48|省生态环境厅
单位地区生产总值能耗|Energy use per unit of GRP|吨标准煤/万元|decrease|生态共保|0.4|1.2|省发展改革委
森林覆盖率|Forest cover|%|increase|生态共保|30|72|省林业和草原局
高新技术企业数量|High-tech enterprises|家|increase|科技创新|40|3000|省科技厅
研发经费投入强度|R&D spending intensity|%|increase|科技创新|1.2|3.4|省科技厅
技术合同成交额|Technology contract turnover|亿元|increase|科技创新|5|600|省科技厅
科技型中小企业|Tech-based SMEs|家|increase|科技创新|100|6000|省科技厅
城镇新增就业人数|New urban jobs|人|increase|社会共治|2000|120000|省人力资源社会保障厅
城镇调查失业率|Surveyed urban unemployment|%|decrease|社会共治|4.2|6.5|省人力资源社会保障厅
异地就医直接结算人次|Cross-city medical settlements|万人次|increase|社会共治|1|80|省医疗保障局
政务服务事项跨市通办|Services handled across cities|项|increase|体制改革|20|400|省营商环境建设局
新登记市场主体|Newly registered businesses|户|increase|体制改革|3000|90000|省市场监督管理局
普惠小微贷款余额|Inclusive small-business loans|亿元|increase|金融服务|30|2500|人民银行辽宁省分行
直接融资规模|Direct financing|亿元|increase|金融服务|10|900|省地方金融管理局
专项规划编制完成率|Sectoral plans completed|%|milestone|规划共绘|100|100|省发展改革委
重点项目开工率|Key projects started|%|milestone|规划共绘|100|100|省发展改革委
城市生活垃圾无害化处理率|Household waste safely treated|%|increase|生态共保|88|99|省住房和城乡建设厅
5G基站数量|5G base stations|个|increase|平台共享|500|60000|省通信管理局
"""
METRICS = tuple(
    Metric(n, en, u, d, p, float(lo), float(hi), lead)
    for n, en, u, d, p, lo, hi, lead in (
        line.split("|") for line in METRIC_TABLE.strip().splitlines()
    )
)

DOCUMENTS = (
    "000_cb4f7902fb00548b",
    "001_429e4e3d7d47d75c",
    "003_f23afacf029143a4",
    "004_4b9e2cbfea7744a3",
)
NOTES = ("", "", "", "", "", "", "月报", "快报数据", "统计公报口径", "根据部门报送数据")
FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
# Magnitude-free units whose values are sometimes written with 万 (6.1万 into 人次 is 61000).
WAN_UNITS = {"人次", "人", "户", "个"}
FIRST_YEAR = 2018


@dataclass(frozen=True)
class Size:
    """How much data one run generates."""

    name: str
    indicators: int
    per_indicator: int
    tui_indicators: int
    tui_per_indicator: int
    repeats: int
    # The shape of a coordinator's store a year in: the TUI's indicators, each with a baseline,
    # two targets and this many monthly actuals.
    tui_actuals: int = 4


SIZES = {
    "smoke": Size("smoke", 40, 12, 120, 4, 1),
    "small": Size("small", 1_000, 100, 10_000, 4, 3),
    "full": Size("full", 10_000, 100, 100_000, 4, 5),
}


def indicator_rows(count: int, seed: int) -> Iterator[dict[str, str]]:
    """Indicator definitions: every region x qualifier x metric, shuffled, first `count`."""
    rng = random.Random(seed)
    combos = [(r, q, m) for r in REGIONS for q in QUALIFIERS for m in METRICS]
    rng.shuffle(combos)
    for number in range(count):
        (region_code, region), (qualifier, qualifier_en), metric = combos[number % len(combos)]
        lap = number // len(combos)
        suffix = f"(第{lap + 1}批)" if lap else ""
        suffix_en = f" (batch {lap + 1})" if lap else ""
        responsible = (
            f"{region}人民政府" if not region.endswith(("区", "圈")) else f"{region}管委会"
        )
        yield {
            "code": f"{region_code}-M{METRICS.index(metric):02d}-{number:06d}",
            "name": f"{region}{qualifier}{metric.name}{suffix}",
            "name_en": f"{metric.name_en}, {qualifier_en + ', ' if qualifier_en else ''}"
            f"{region_code}{suffix_en}",
            "unit": metric.unit,
            "direction": metric.direction,
            "region": region,
            "pillar": metric.pillar,
            "lead": metric.lead,
            "responsible": responsible,
            "frequency": "monthly",
            "description": f"{region}{qualifier}{metric.name},按月报送。",
            "metric": str(METRICS.index(metric)),
        }


def months(count: int) -> list[tuple[int, int]]:
    """The last `count` months up to January 2026, oldest first."""
    out = []
    year, month = 2026, 1
    for _ in range(count):
        out.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def written_period(year: int, month: int, rng: random.Random) -> str:
    """A month as people write it: mostly 2021-03, sometimes 2021年3月 or 2021/3."""
    roll = rng.random()
    if roll < 0.75:
        return f"{year}-{month:02d}"
    if roll < 0.9:
        return f"{year}年{month}月"
    return f"{year}/{month}"


def plain(number: float, places: int) -> str:
    """A number as plain text with at most `places` decimals and no trailing zeros."""
    text = f"{number:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def written_value(value: float, unit: str, rng: random.Random) -> tuple[str, str]:
    """A value and the unit column, written the varied ways spreadsheets hold them."""
    places = 2 if value < 1000 else 1
    text = plain(value, places)
    roll = rng.random()
    if unit == "%" and roll < 0.3:
        return text + "%", ""
    if unit in WAN_UNITS and value >= 10_000 and roll < 0.2:
        return plain(value / 10_000, 4) + "万", ""
    if unit == "万人次" and roll < 0.2:
        return plain(round(value, 2) * 10_000, 0), "人次"
    if unit == "亿元" and roll < 0.1:
        return plain(round(value, 2) * 10_000, 0), "万元"
    if value >= 1000 and roll < 0.4:
        whole, _, frac = text.partition(".")
        return f"{int(whole):,}" + (f".{frac}" if frac else ""), ""
    if roll > 0.99:
        return text.translate(FULL_WIDTH), ""
    return text, ""


def observation_rows(
    indicators: list[dict[str, str]], per_indicator: int, seed: int
) -> Iterator[list[str]]:
    """Per indicator: a 2020 baseline, targets for 2025 and 2030, then monthly actuals."""
    rng = random.Random(seed)
    actual_months = months(max(per_indicator - 3, 0))
    for ind in indicators:
        metric = METRICS[int(ind["metric"])]
        code, unit = ind["code"], ind["unit"]
        if metric.direction == "milestone":
            start, drift = rng.uniform(15, 40), rng.uniform(0.3, 1.2)
            baseline, goals = start, (100.0, 100.0)
        else:
            start = rng.uniform(metric.low, metric.high)
            pace = rng.uniform(-0.002, 0.008) * (1 if metric.direction == "increase" else -1)
            drift = pace
            baseline = start * (1 - 2 * pace * 12)
            growth = (
                rng.uniform(1.0, 1.4) if metric.direction == "increase" else rng.uniform(0.6, 1.0)
            )
            goals = (start * growth, start * growth * growth)
        if unit == "%" and metric.direction != "milestone":
            baseline, goals = min(baseline, 99.0), (min(goals[0], 100.0), min(goals[1], 100.0))
        yield [code, "baseline", "2020", plain(baseline, 2), "", "", rng.choice(DOCUMENTS), "", ""]
        for year, goal in zip((2025, 2030), goals, strict=True):
            comparator = rng.choice(
                (">=", "不低于", "", "达到")
                if metric.direction != "decrease"
                else ("<=", "不超过", "")
            )
            period = f"{year}" if rng.random() < 0.7 else f"{year}年底"
            yield [code, "target", period, plain(goal, 2), "", comparator, "", "", "规划目标"]
        value = start
        for year, month in actual_months:
            if metric.direction == "milestone":
                value = min(100.0, value + drift * rng.uniform(0.5, 1.5))
            else:
                value = value * (1 + drift + rng.uniform(-0.01, 0.01))
                if unit == "%":
                    value = min(value, 99.9)
            text, written_unit = written_value(value, unit, rng)
            kind = "actual" if rng.random() < 0.95 else "实际"
            yield [
                code,
                kind,
                written_period(year, month, rng),
                text,
                written_unit,
                "",
                "",
                "",
                rng.choice(NOTES),
            ]


@dataclass
class Dataset:
    """The generated files of one size."""

    folder: Path
    indicators: Path
    observations: Path
    observations_gb18030: Path
    tui_indicators: Path
    tui_observations: Path
    tui_reported: Path
    observation_count: int = 0
    tui_observation_count: int = 0
    tui_reported_count: int = 0


def write_csv(path: Path, header: tuple[str, ...], rows: Iterator[list[str]]) -> int:
    """Write rows as UTF-8 CSV; returns the number of data rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


SEED = 20260101


def dataset(size: Size, folder: Path, seed: int = SEED) -> tuple[Dataset, dict[str, object]]:
    """The files of the data set of `size` under `folder`, and what its manifest must say."""
    data = Dataset(
        folder,
        folder / "indicators.csv",
        folder / "observations.csv",
        folder / "observations_gb18030.csv",
        folder / "tui_indicators.csv",
        folder / "tui_observations.csv",
        folder / "tui_reported.csv",
    )
    return data, {"size": asdict(size), "seed": seed, "version": 3}


def existing(size: Size, folder: Path, seed: int = SEED) -> Dataset | None:
    """The data set when it has been generated already for this size and seed."""
    data, wanted = dataset(size, folder, seed)
    manifest = folder / "manifest.json"
    if not manifest.exists():
        return None
    known = json.loads(manifest.read_text())
    if known.get("wanted") != wanted:
        return None
    data.observation_count = known["observations"]
    data.tui_observation_count = known["tui_observations"]
    data.tui_reported_count = known["tui_reported"]
    return data


def generate(size: Size, folder: Path, seed: int = SEED) -> Dataset:
    """Write the data set of `size` under `folder` (reused when already there for this seed)."""
    found = existing(size, folder, seed)
    if found is not None:
        return found
    folder.mkdir(parents=True, exist_ok=True)
    data, wanted = dataset(size, folder, seed)
    manifest = folder / "manifest.json"
    indicators = list(indicator_rows(size.indicators, seed))
    write_csv(
        data.indicators, INDICATOR_COLUMNS, ([r[c] for c in INDICATOR_COLUMNS] for r in indicators)
    )
    data.observation_count = write_csv(
        data.observations,
        OBSERVATION_COLUMNS,
        observation_rows(indicators, size.per_indicator, seed),
    )
    data.observations_gb18030.write_bytes(
        data.observations.read_text(encoding="utf-8").encode("gb18030")
    )
    tui = list(indicator_rows(size.tui_indicators, seed + 1))
    write_csv(
        data.tui_indicators, INDICATOR_COLUMNS, ([r[c] for c in INDICATOR_COLUMNS] for r in tui)
    )
    data.tui_observation_count = write_csv(
        data.tui_observations,
        OBSERVATION_COLUMNS,
        observation_rows(tui, size.tui_per_indicator, seed + 1),
    )
    data.tui_reported_count = write_csv(
        data.tui_reported,
        OBSERVATION_COLUMNS,
        observation_rows(tui, 3 + size.tui_actuals, seed + 2),
    )
    manifest.write_text(
        json.dumps(
            {
                "wanted": wanted,
                "observations": data.observation_count,
                "tui_observations": data.tui_observation_count,
                "tui_reported": data.tui_reported_count,
            }
        )
    )
    return data


if __name__ == "__main__":
    # Run in its own process by the bench, so that the measuring process stays small.
    generate(SIZES[sys.argv[1]], Path(sys.argv[2]))
