"""Lint rules for publishing on the web: personal data, and the 4月1日 deadline.

Why: the report is published on the government website (《法治政府建设与责任落实督察工作规定》
第二十四条: before 4月1日 each year), where a 身份证号 or a private mobile number typed into a
paragraph (a legal adviser's, a clerk's) is a leak of personal information that cannot be taken
back. A number is only reported when it really is one: a 身份证号 needs a real date of birth and
a valid check digit (GB 11643-1999), a mobile number the 1[3-9] prefix and eleven digits, so
statistics and document numbers pass. The deadline is checked against the publication date
(``published``) when the YAML gives one.

Both number patterns start with a look-behind, which the regular-expression engine tries at
every character of every text; each is guarded by a pattern that starts with what every match
contains (17 digits in a row; ``1`` and a digit from 3 to 9), which the engine finds fast, so
the common text without such a number costs a tenth as much.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..errors import Severity
from ..i18n import _
from ..model.report import Report
from ..render.numbering import official_date
from .base import Context, Finding, Message, Rule, TextField

_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{4})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![0-9])")
# What every match of the pattern above contains: a text without it has no such number.
_ID_DIGITS = re.compile(r"[1-9]\d{16}")
_MOBILE_START = re.compile(r"1[3-9]\d")


def _valid_id_number(match: re.Match[str]) -> bool:
    """A real date of birth and the check digit of GB 11643-1999 (ISO 7064 MOD 11-2)."""
    year, month, day = int(match.group(2)), int(match.group(3)), int(match.group(4))
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    digits = match.group(0)[:17]
    total = sum(int(d) * w for d, w in zip(digits, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == match.group(6).upper()


def _id_number(text: TextField, report: Report) -> Message | None:
    if _ID_DIGITS.search(text.text) is None:
        return None
    for match in _ID_NUMBER.finditer(text.text):
        if _valid_id_number(match):
            number = match.group(0)
            masked = number[:6] + "*" * 8 + number[-4:]
            return (
                _(
                    "contains a citizen ID number ({number}); a published report must not "
                    "show personal data"
                ).format(number=masked),
                _("delete the number, or write the person's role instead"),
            )
    return None


def _mobile_number(text: TextField, report: Report) -> Message | None:
    if _MOBILE_START.search(text.text) is None:
        return None
    match = _MOBILE.search(text.text)
    if match is None:
        return None
    masked = match.group(1) + "****" + match.group(3)
    return (
        _(
            "contains a mobile phone number ({number}); a published report must not show "
            "personal contact data"
        ).format(number=masked),
        _("give the office's public telephone number, or delete it"),
    )


def _deadline(report: Report) -> dt.date:
    return dt.date(report.year + 1, 3, 31)


def _check_published_late(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    published = report.published
    if published is not None and published > _deadline(report):
        yield (
            ("published",),
            _(
                "published on {published}, after {deadline}: the 2019 规定 (第二十四条) asks "
                "for the {year} report to be made public before 1 April {next_year}"
            ).format(
                published=official_date(published.year, published.month, published.day),
                deadline=official_date(report.year + 1, 3, 31),
                year=report.year,
                next_year=report.year + 1,
            ),
            _("publish it by 31 March, or explain the delay to the supervising office"),
        )


def _check_published_before_date(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    published = report.published
    if published is not None and published < report.date:
        yield (
            ("published",),
            _("published on {published}, before the report was signed ({date})").format(
                published=official_date(published.year, published.month, published.day),
                date=official_date(report.date.year, report.date.month, report.date.day),
            ),
            _("the publication date is on or after the 成文日期 (date)"),
        )


PUBLICATION_RULES: tuple[Rule, ...] = (
    Rule("LG180", Severity.ERROR, "正文中有身份证号", text_check=_id_number),
    Rule("LG181", Severity.WARNING, "正文中有手机号码", text_check=_mobile_number),
    Rule("LG182", Severity.WARNING, "公开日期晚于次年3月31日", _check_published_late),
    Rule("LG183", Severity.ERROR, "公开日期早于成文日期", _check_published_before_date),
)
