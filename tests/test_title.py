"""Long titles broken between words, shaped 梯形 or 菱形 (GB/T 9704 7.3.1).

The table lists real titles of bodies at every level — ministry, province, autonomous region and
prefecture, city, district, county, 街道, 镇, 派出机构, 垂直管理 — with the lines chosen for them.
Each row was checked by eye; the properties below hold for all of them.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from lawgov_report.pipeline import load_report
from lawgov_report.render.title import LINE_WIDTH, MAX_OVERHANG, break_title, text_width
from lawgov_report.writers.docx.placement import title_lines

from helpers import ROOT

TITLES: list[tuple[str, list[str]]] = [
    ("深圳市光明区人民政府", ["深圳市光明区人民政府", "2021年度法治政府建设工作报告"]),
    (
        "国家税务总局深圳市光明区税务局",
        ["国家税务总局深圳市光明区税务局", "2021年度法治政府建设工作报告"],
    ),
    ("中华人民共和国生态环境部", ["中华人民共和国生态环境部", "2021年法治政府建设年度报告"]),
    ("国家市场监督管理总局", ["国家市场监督管理总局", "2021年法治政府建设年度报告"]),
    ("国家知识产权局", ["国家知识产权局", "2021年法治政府建设年度报告"]),
    ("广东省人民政府", ["广东省人民政府", "关于2021年度法治政府建设情况的报告"]),
    ("北京市西城区人民政府", ["北京市西城区人民政府", "关于2021年法治政府建设情况的报告"]),
    ("上海市浦东新区人民政府", ["上海市浦东新区人民政府", "关于2021年度法治政府建设情况的报告"]),
    (
        "新疆维吾尔自治区伊犁哈萨克自治州人民政府",
        ["新疆维吾尔自治区伊犁哈萨克自治州人民政府", "2021年度法治政府建设工作报告"],
    ),
    (
        "内蒙古自治区鄂尔多斯市伊金霍洛旗人民政府",
        ["内蒙古自治区鄂尔多斯市伊金霍洛旗人民政府", "2021年度法治政府建设工作报告"],
    ),
    (
        "宁夏回族自治区银川市兴庆区人民政府",
        ["宁夏回族自治区银川市兴庆区人民政府", "2021年度法治政府建设工作报告"],
    ),
    (
        "四川省阿坝藏族羌族自治州汶川县人民政府",
        ["四川省阿坝藏族羌族自治州汶川县人民政府", "关于2021年度法治政府建设情况的报告"],
    ),
    (
        "中共深圳市光明区委全面依法治区委员会办公室",
        ["中共深圳市光明区委", "全面依法治区委员会办公室", "关于2021年度法治政府建设情况的报告"],
    ),
    (
        "广东省东莞市松山湖高新技术产业开发区管理委员会",
        ["广东省东莞市松山湖高新技术产业开发区", "管理委员会2021年度法治政府建设工作报告"],
    ),
    (
        "湖北省武汉东湖新技术开发区管理委员会",
        ["湖北省武汉东湖新技术开发区管理委员会", "关于2021年度法治政府建设情况的报告"],
    ),
    (
        "深圳市市场监督管理局光明监管局",
        ["深圳市市场监督管理局光明监管局", "2021年度法治政府建设工作报告"],
    ),
    (
        "中国银行保险监督管理委员会深圳监管局",
        ["中国银行保险监督管理委员会深圳监管局", "2021年度法治政府建设工作报告"],
    ),
    (
        "山东省淄博市生态环境局高青分局",
        ["山东省淄博市生态环境局高青分局", "2021年度法治政府建设工作报告"],
    ),
    ("高青县科学技术局", ["高青县科学技术局", "2021年度法治政府建设工作报告"]),
    ("淄博市高青县人民政府", ["淄博市高青县人民政府", "2021年度法治政府建设工作报告"]),
    ("高青县高城镇人民政府", ["高青县高城镇人民政府", "2021年度法治政府建设工作报告"]),
    (
        "重庆市渝中区解放碑街道办事处",
        ["重庆市渝中区解放碑街道办事处", "2021年度法治政府建设工作报告"],
    ),
    (
        "浙江省杭州市余杭区仓前街道办事处",
        ["浙江省杭州市余杭区仓前街道办事处", "2021年度法治政府建设工作报告"],
    ),
    (
        "黑龙江省哈尔滨市香坊区司法局",
        ["黑龙江省哈尔滨市香坊区司法局", "2021年度法治政府建设工作报告"],
    ),
    ("江苏省人民政府办公厅", ["江苏省人民政府办公厅", "2021年度法治政府建设工作报告"]),
]


@pytest.mark.parametrize(("organization", "lines"), TITLES, ids=[t[0] for t in TITLES])
def test_long_titles_break_between_words(organization: str, lines: list[str]) -> None:
    assert break_title("".join(lines), organization) == lines


@pytest.mark.parametrize(("organization", "lines"), TITLES, ids=[t[0] for t in TITLES])
def test_every_layout_fits_and_is_shaped(organization: str, lines: list[str]) -> None:
    widths = [text_width(line) for line in lines]
    assert max(widths) <= LINE_WIDTH
    assert min(widths) >= 4  # no dangling word
    for n, (upper, lower) in enumerate(itertools.pairwise(widths)):
        if n == 0 and lines[0] == organization:
            continue  # the body's whole name on line 1 may stand over a shorter line (倒梯形)
        assert upper - lower <= MAX_OVERHANG  # 梯形 (or 菱形): never top-heavy


@pytest.mark.parametrize(("organization", "lines"), TITLES, ids=[t[0] for t in TITLES])
def test_a_name_that_fits_a_line_is_never_split(organization: str, lines: list[str]) -> None:
    """A split name reads as two bodies; it is split only when it is wider than the line."""
    if text_width(organization) <= LINE_WIDTH:
        assert organization in lines[0]


def test_a_name_wider_than_the_line_is_still_split_between_words() -> None:
    name = "中共深圳市光明区委全面依法治区委员会办公室"  # 21 字
    lines = break_title(name + "关于2021年度法治政府建设情况的报告", name)
    assert lines[:2] == ["中共深圳市光明区委", "全面依法治区委员会办公室"]


def test_a_name_on_line_one_still_prefers_a_trapezoid_when_one_exists() -> None:
    """The 倒梯形 is the fallback: a body whose line can stand over a longer one keeps 梯形."""
    name = "宁夏回族自治区银川市兴庆区人民政府"  # 17 字 over 14.25: within MAX_OVERHANG
    assert break_title(name + "2021年度法治政府建设工作报告", name) == [
        name,
        "2021年度法治政府建设工作报告",
    ]


def test_the_table_covers_every_level() -> None:
    assert len(TITLES) >= 20
    names = "".join(org for org, _ in TITLES)
    for level in ("国家", "省", "自治区", "自治州", "市", "区", "县", "旗", "镇", "街道"):
        assert level in names


def test_short_title_stays_on_one_line() -> None:
    assert break_title("国家知识产权局2021年度报告", "国家知识产权局") == [
        "国家知识产权局2021年度报告"
    ]


def test_a_title_without_the_body_breaks_before_guanyu() -> None:
    title = "深圳市光明区人民政府关于2021年度法治政府建设情况的报告"
    assert break_title(title) == ["深圳市光明区人民政府", "关于2021年度法治政府建设情况的报告"]


def test_default_title_of_guangming_is_broken_at_a_word(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    text = (ROOT / "tests" / "data" / "valid" / "guangming.yaml").read_text(encoding="utf-8")
    source.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("title:")),
        encoding="utf-8",
    )
    report = load_report(source)
    assert report.full_title == "深圳市光明区人民政府2021年度法治政府建设工作报告"
    assert title_lines(report) == ["深圳市光明区人民政府", "2021年度法治政府建设工作报告"]


def test_title_given_as_lines_is_kept(tmp_path: Path) -> None:
    report = load_report(ROOT / "examples" / "print-2021.yaml")
    assert title_lines(report) == ["高青县科学技术局2021年度", "法治政府建设工作报告"]


def test_width_counts_digits_as_half_and_libreoffice_gaps() -> None:
    assert text_width("法治") == 2
    assert text_width("2021") == 2
    assert text_width("2021年度") == 4.25
