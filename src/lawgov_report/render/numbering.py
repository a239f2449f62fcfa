"""Chinese ordinals and the heading markers of GB/T 9704-2012 7.3.3.

Why: numbers in a report are always generated, never typed, so inserting an item renumbers the
rest. The rules (no 两, no 〇, 十 not 一十) follow GBT9704.md §6.
"""

from __future__ import annotations

import functools

_DIGITS = "一二三四五六七八九"


@functools.cache
def chinese_ordinal(n: int) -> str:
    """Return the Chinese numeral for 1 ≤ n ≤ 999: 十, 十一, 二十, 九十九, 一百, 一百零一, 一百一十."""
    if not 1 <= n <= 999:
        raise ValueError(f"ordinal out of range 1..999: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = _DIGITS[hundreds - 1] + "百" if hundreds else ""
    if tens:
        # 十 alone below 20 (十一, not 一十一), but 一百一十 after a hundred.
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens - 1]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += _DIGITS[ones - 1]
    return text


def heading_marker(level: int, n: int) -> str:
    """The marker of the n-th heading at ``level`` 1–4: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_ordinal(n)}、"
    if level == 2:
        return f"（{chinese_ordinal(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level must be 1..4, got {level}")


def point_marker(n: int) -> str:
    """The lead of the n-th parallel point in a paragraph: 一是, 二是, and so on."""
    return f"{chinese_ordinal(n)}是"


def join_points(lead: str | None, points: list[str], after: str | None) -> str:
    """One paragraph's text: the lead, then 一是…二是… before each point, then the tail."""
    numbered = "".join(point_marker(i) + point for i, point in enumerate(points, start=1))
    return (lead or "") + numbered + (after or "")


def official_date(year: int, month: int, day: int) -> str:
    """A date as GB/T 9704 7.3.5.4 writes it: Arabic numerals, no zero padding (2022年1月7日)."""
    return f"{year}年{month}月{day}日"
