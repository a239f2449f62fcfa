"""A county's worth of generated unit reports, with planted cases, for status and compile.

Text is made of random two-character words from a pool of common characters, so that two units
share no more than chance does (their 不足 parts are not "similar" unless planted), mixed with
what real reports contain and the line layout must handle: digits, dates, percentages, Latin
words, 《》“”（）, ——, ……, 一是/二是 points, run-in and standalone headings, long titles.
``bench/`` uses the same generator for its 10 000 units.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any, NamedTuple

import yaml

CHARS = (
    "的一在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线"
    "内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并"
    "提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见"
    "计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七"
    "海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场身"
    "车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石"
    "记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青"
)
PUNCTUATION_SNIPPETS = [
    "，",
    "，",
    "，",
    "、",
    "；",
    "：",
]
KIND_TITLES = {
    "measures": "法治政府建设的主要举措和成效",
    "responsibility": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "problems": "存在的不足和原因",
    "plans": "下一年度推进法治政府建设的主要安排",
    "other": "其他需要报告的情况",
}
SUFFIXES = ["局", "委员会", "办公室", "中心", "镇", "街道办事处", "乡"]
LEVEL_OF = {"局": "部门", "委员会": "部门", "办公室": "部门", "中心": "部门"}


def word(rng: random.Random) -> str:
    return rng.choice(CHARS) + rng.choice(CHARS)


def clause(rng: random.Random, words: int) -> str:
    parts = [word(rng) for _ in range(words)]

    def insert(text: str) -> None:
        parts.insert(rng.randrange(1, len(parts) + 1), text)

    roll = rng.random()
    if roll < 0.12:
        insert(f"{rng.randint(1, 3000)}")
    elif roll < 0.2:
        insert(f"{rng.randint(1, 99)}.{rng.randint(1, 9)}%")
    elif roll < 0.26:
        insert(f"{rng.randint(2019, 2022)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    elif roll < 0.32:
        insert("《" + word(rng) + word(rng) + "条例》")
    elif roll < 0.38:
        insert("“" + word(rng) + word(rng) + "”")
    elif roll < 0.42:
        insert(rng.choice(["App", "ISO9001", "12345"]))
    elif roll < 0.46:
        insert("（" + word(rng) + word(rng) + "）")
    elif roll < 0.49:
        parts.append("——" + word(rng) + word(rng))
    elif roll < 0.51:
        parts.append(word(rng) + "……")
    return "".join(parts)


def sentence(rng: random.Random, length: int = 0) -> str:
    clauses = [clause(rng, rng.randint(2, 7)) for _ in range(length or rng.randint(1, 4))]
    text = clauses[0]
    for c in clauses[1:]:
        text += rng.choice(PUNCTUATION_SNIPPETS) + c
    return text + "。"


def paragraph(rng: random.Random) -> Any:
    if rng.random() < 0.2:
        return {
            "text": sentence(rng, 1),
            "points": [sentence(rng) for _ in range(rng.randint(2, 4))],
        }
    return "".join(sentence(rng) for _ in range(rng.randint(1, 4)))


def item(rng: random.Random) -> dict[str, Any]:
    run_in = rng.random() < 0.5
    data: dict[str, Any] = {"title": clause(rng, rng.randint(3, 8)) + ("。" if run_in else "")}
    if run_in:
        data["run_in"] = True
    data["paragraphs"] = [paragraph(rng) for _ in range(rng.randint(1, 3))]
    if not run_in and rng.random() < 0.2:
        data["items"] = [
            {"title": clause(rng, 3) + "。", "run_in": True, "paragraphs": [paragraph(rng)]}
            for _ in range(rng.randint(1, 3))
        ]
    return data


def report(
    rng: random.Random,
    organization: str,
    year: int,
    size: int = 3,
    kinds: tuple[str, ...] = ("measures", "responsibility", "problems", "plans"),
    date: dt.date | None = None,
) -> dict[str, Any]:
    """A report's data: ``size`` items in each part (the measures part gets twice as many)."""
    signed = date or dt.date(year + 1, rng.randint(1, 2), rng.randint(1, 27))
    data: dict[str, Any] = {
        "organization": organization,
        "year": year,
        "date": signed.isoformat(),
    }
    title = f"{organization}{year}年度法治政府建设工作报告"
    if len(title) > 20 and rng.random() < 0.7:
        data["title"] = [f"{organization}{year}年度", "法治政府建设工作报告"]
    elif rng.random() < 0.3:
        data["title"] = f"{organization}关于{year}年度法治政府建设情况的报告"
    if rng.random() < 0.5:
        data["doc_number"] = f"{organization[:2]}字〔{signed.year}〕{rng.randint(1, 30)}号"
    data["opening"] = [paragraph(rng)]
    parts = []
    for kind in kinds:
        count = size * 2 if kind == "measures" else max(1, size // 2 + rng.randint(0, 1))
        parts.append(
            {"kind": kind, "title": KIND_TITLES[kind], "items": [item(rng) for _ in range(count)]}
        )
    data["parts"] = parts
    if rng.random() < 0.6:
        data["closing"] = "特此报告。"
    if rng.random() < 0.3:
        data["recipients"] = "中共示范县委、示范县人民政府："
    if rng.random() < 0.15:
        data["attachments"] = [clause(rng, rng.randint(3, 14)) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.1:
        data["output"] = {"seal": True}
    return data


REAL_NAMES = [
    ("县发展和改革局", "部门"),
    ("县教育和体育局", "部门"),
    ("县科学技术局", "部门"),
    ("县公安局", "部门"),
    ("城关镇", "乡镇街道"),
    ("县民政局", "部门"),
    ("县司法局", "部门"),
    ("县财政局", "部门"),
    ("青城镇", "乡镇街道"),
    ("县人力资源和社会保障局", "部门"),
    ("县自然资源局", "部门"),
    ("县住房和城乡建设局", "部门"),
    ("高城镇", "乡镇街道"),
    ("县交通运输局", "部门"),
    ("县水利局", "部门"),
    ("县农业农村局", "部门"),
    ("唐坊镇", "乡镇街道"),
    ("县商务局", "部门"),
    ("县文化和旅游局", "部门"),
    ("县卫生健康局", "部门"),
    ("常家镇", "乡镇街道"),
    ("县应急管理局", "部门"),
    ("县审计局", "部门"),
    ("县市场监督管理局", "部门"),
    ("花沟镇", "乡镇街道"),
    ("县统计局", "部门"),
    ("县医疗保障局", "部门"),
    ("木李镇", "乡镇街道"),
    ("田镇街道办事处", "乡镇街道"),
    ("芦湖街道办事处", "乡镇街道"),
]


def unit_name(rng: random.Random, i: int) -> tuple[str, str]:
    if i < len(REAL_NAMES):
        return REAL_NAMES[i]
    suffix = SUFFIXES[i % len(SUFFIXES)]
    name = "县" + word(rng) + word(rng)[: 1 + i % 2] + suffix
    if suffix in ("镇", "乡", "街道办事处"):
        name = word(rng) + suffix
    return name, LEVEL_OF.get(suffix, "乡镇街道")


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


class Planted(NamedTuple):
    """Which unit (by roster index) carries which planted case."""

    missing: list[int]
    not_yet_due: int
    late: dict[int, int]  # index → days late
    no_problems: list[int]
    copies_last_year: int
    shared_pair: tuple[int, int]
    docx: int
    broken: int
    lint_error: int
    title_year: int
    published_late: int


AS_OF = dt.date(2022, 3, 10)
PLANTED = Planted(
    missing=[5, 17, 33],
    not_yet_due=52,
    late={8: 4, 21: 4, 40: 2},
    no_problems=[11, 26, 47],
    copies_last_year=14,
    shared_pair=(30, 31),
    docx=50,
    broken=55,
    lint_error=44,
    title_year=36,
    published_late=3,
)


def _share_text(rng: random.Random, data: dict[str, Any], share: float) -> dict[str, Any]:
    """A copy of ``data`` with every fifth paragraph (for share 0.8) rewritten."""
    copy: dict[str, Any] = yaml.safe_load(dump(data))
    every = round(1 / (1 - share))
    count = 0

    def walk(node: Any) -> None:
        nonlocal count
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "paragraphs":
                    for i in range(len(value)):
                        count += 1
                        if count % every == 0:
                            value[i] = paragraph(rng)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(copy["parts"])
    return copy


def make_county(root: Path, units: int = 60, year: int = 2021, seed: int = 16) -> Path:
    """Write a roster and every unit's folder under ``root``; return the roster's path."""
    from lawgov_report.pipeline import build

    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    planted = PLANTED if units >= 60 else None
    roster_units: list[dict[str, Any]] = []
    names: list[str] = []
    reports: dict[int, dict[str, Any]] = {}
    for i in range(units):
        name, level = unit_name(rng, i)
        while name in names:
            name, level = unit_name(rng, i)
        names.append(name)
        folder = root / "units" / f"{i:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        entry: dict[str, Any] = {"name": name, "level": level, "report": f"units/{i:05d}"}
        kinds: tuple[str, ...] = ("measures", "responsibility", "problems", "plans")
        if rng.random() < 0.3:
            kinds = (*kinds, "other")
        date = None
        if planted:
            if i in planted.no_problems:
                kinds = tuple(k for k in kinds if k != "problems")
            if i == 40:
                date = dt.date(year + 1, 3, 3)
            if i in (8, 21):
                entry["submitted"] = dt.date(year + 1, 3, 5).isoformat()
            if i == planted.not_yet_due:
                entry["deadline"] = dt.date(year + 1, 3, 20).isoformat()
            if i % 7 == 0:
                entry["published"] = dt.date(year + 1, 3, 20).isoformat()
                entry["url"] = f"http://www.example.gov.cn/fzzf/{i}.html"
            if i == planted.published_late:
                entry["published"] = dt.date(year + 1, 4, 5).isoformat()
        size = 1 + (i * 7) % 5
        if planted and i in planted.shared_pair:
            size = 4
        data = report(rng, name, year, size, kinds, date)
        previous = report(rng, name, year - 1, size, kinds)
        if planted and i == planted.copies_last_year:
            current_problems = next(p for p in data["parts"] if p["kind"] == "problems")
            last_problems = next(p for p in previous["parts"] if p["kind"] == "problems")
            last_problems["items"] = current_problems["items"]
        if planted and i == planted.shared_pair[1]:
            data = _share_text(rng, reports[planted.shared_pair[0]], 0.8)
            data["organization"] = name
            data.pop("title", None)
            data.pop("doc_number", None)
        if planted and i == planted.lint_error:
            data["parts"][0]["items"][0]["paragraphs"].append("依法行政,全面推进。")
        if planted and i == planted.title_year:
            data["title"] = f"{name}{year - 1}年度法治政府建设工作报告"
        if planted and i == planted.docx:
            data["parts"].insert(
                1, {"kind": "thematic", "title": "数字政府与政务公开", "items": [item(rng)]}
            )
        reports[i] = data
        if planted and i in [*planted.missing, planted.not_yet_due]:
            (folder / f"{year - 1}.yaml").write_text(dump(previous), encoding="utf-8")
            roster_units.append(entry)
            continue
        (folder / f"{year - 1}.yaml").write_text(dump(previous), encoding="utf-8")
        source = folder / f"{year}.yaml"
        if planted and i == planted.broken:
            source.write_text(dump(data).replace("parts:", "parts:\n  - kind: [measures", 1))
        else:
            source.write_text(dump(data), encoding="utf-8")
        if planted and i == planted.docx:
            build(source, folder, ("docx",))
            source.unlink()
        roster_units.append(entry)
    roster = {
        "office": "中共示范县委全面依法治县委员会办公室",
        "year": year,
        "title": f"示范县{year}年度法治政府建设年度报告汇编",
        "date": dt.date(year + 1, 4, 10).isoformat(),
        "units": roster_units,
    }
    path = root / "units.yaml"
    path.write_text(dump(roster), encoding="utf-8")
    return path
