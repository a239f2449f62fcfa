from __future__ import annotations

import pytest

from lawgov_report.render.numbering import (
    chinese_ordinal,
    heading_marker,
    join_points,
    official_date,
    point_marker,
)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (2, "二"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (30, "三十"),
        (99, "九十九"),
        (100, "一百"),
    ],
)
def test_chinese_ordinal(n: int, text: str) -> None:
    assert chinese_ordinal(n) == text


@pytest.mark.parametrize("n", [0, -1, 1000])
def test_ordinal_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        chinese_ordinal(n)


def test_no_liang_or_ling() -> None:
    every = "".join(chinese_ordinal(n) for n in range(1, 1000))
    assert "两" not in every
    assert "〇" not in every
    assert not any(chinese_ordinal(n).startswith("一十") for n in range(10, 20))


@pytest.mark.parametrize(
    ("level", "n", "marker"),
    [(1, 1, "一、"), (1, 12, "十二、"), (2, 3, "（三）"), (3, 4, "4."), (4, 10, "（10）")],
)
def test_heading_marker(level: int, n: int, marker: str) -> None:
    assert heading_marker(level, n) == marker


def test_heading_marker_level_out_of_range() -> None:
    with pytest.raises(ValueError, match="level"):
        heading_marker(5, 1)


def test_points() -> None:
    assert point_marker(3) == "三是"
    assert join_points("引导，", ["甲；", "乙。"], "尾。") == "引导，一是甲；二是乙。尾。"
    assert join_points(None, ["甲。"], None) == "一是甲。"


def test_official_date_has_no_padding() -> None:
    assert official_date(2022, 1, 7) == "2022年1月7日"
