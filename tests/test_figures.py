"""Figures: the catalogue, the ``figures:`` section, references in prose, the lint, the table."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from lawgov_report import i18n
from lawgov_report.cli.app import app
from lawgov_report.errors import ReportError
from lawgov_report.lint.figures import catalogue_cues, mentions, report_cues
from lawgov_report.model import figures
from lawgov_report.model.catalogue import BY_KEY, CATALOGUE, Kind, catalogue_markdown
from lawgov_report.pipeline import CheckOptions, check, load_report
from lawgov_report.render import figures as printed
from lawgov_report.writers import get_writer

from helpers import DATA, ROOT, docx_paragraphs, markdown_paragraphs

FIGURES = DATA / "figures"
PAIR = ROOT / "examples" / "figures"
README = ROOT / "README.md"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "en")
    i18n.reload()


def _report(
    tmp_path: Path, figures_yaml: str, text: str = "全年组织学法12次。", name: str = "r"
) -> Path:
    source = tmp_path / f"{name}.yaml"
    source.write_text(
        "organization: 某县人民政府\n"
        "year: 2021\n"
        "date: 2022-01-07\n"
        "parts:\n"
        "  - kind: measures\n"
        "    also_covers: [responsibility]\n"
        "    title: 主要举措和成效\n"
        "    paragraphs:\n"
        f"      - {text}\n"
        "  - kind: problems\n"
        "    title: 存在的不足\n"
        "    paragraphs: [制度落实不够。]\n" + figures_yaml,
        encoding="utf-8",
    )
    return source


def _position(text: str, needle: str, skip: int = 0) -> tuple[int, int]:
    """(line, column) of the character ``skip`` characters into ``needle`` in ``text``."""
    at = text.index(needle) + skip
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _html_paragraphs(data: bytes) -> list[str]:
    """The text of each <p> of an HTML page."""
    return [
        re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p[^>]*>(.*?)</p>", data.decode("utf-8"))
    ]


_EXCERPT = re.compile(r"^  [ \d]* \| .*\n", re.M)


def _stderr(runner: CliRunner, *args: str) -> tuple[int, str]:
    """Exit code and stderr, without the source excerpts under each message (and for check, -q)."""
    quiet = ["-q"] if args[:1] == ("check",) else []
    result = runner.invoke(app, [*args[:1], *quiet, *args[1:]])
    return result.exit_code, _EXCERPT.sub("", result.stderr)


# ---------------------------------------------------------------- the catalogue


def test_catalogue_is_consistent() -> None:
    assert len(BY_KEY) == len(CATALOGUE)
    for entry in CATALOGUE:
        assert entry.label
        assert entry.definition
        assert entry.cues
        if entry.kind is Kind.RATE:
            assert entry.units == ()
            for key in (entry.numerator, entry.denominator):
                assert BY_KEY[key].kind is Kind.COUNT, (entry.key, key)
        else:
            assert entry.units, entry.key
        if entry.within:
            assert BY_KEY[entry.within].units[0] == entry.units[0]
    assert len(catalogue_cues()) == len(CATALOGUE)  # every cue compiles


def test_core_definitions() -> None:
    """The definitions reviewers get wrong: 出庭应诉率 over 应出庭, 纠错率 over 审结, 直接 ⊂ 纠错."""
    rate = BY_KEY["出庭应诉率"]
    assert (rate.numerator, rate.denominator) == ("负责人出庭", "应出庭")
    assert "不是全部诉讼案件" in BY_KEY["应出庭"].definition
    assert (BY_KEY["复议纠错率"].numerator, BY_KEY["复议纠错率"].denominator) == (
        "复议纠错",
        "复议审结",
    )
    assert BY_KEY["复议直接纠错"].within == "复议纠错"
    assert BY_KEY["诉讼败诉率"].denominator == "诉讼审结"


def test_readme_documents_the_catalogue(request: pytest.FixtureRequest) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- figures-catalogue:start -->\n", "<!-- figures-catalogue:end -->"
    assert start in text
    assert end in text
    head, rest = text.split(start)
    _old, tail = rest.split(end)
    current = head + start + catalogue_markdown() + end + tail
    if request.config.getoption("--update-golden"):
        README.write_text(current, encoding="utf-8", newline="\n")
    assert text == current, "run pytest --update-golden to regenerate the README's catalogue"


# ---------------------------------------------------------------- the section


def test_forms_of_a_value(tmp_path: Path) -> None:
    source = _report(
        tmp_path,
        "figures:\n"
        "  复议收案: 53\n"
        "  复议审结: 50件\n"
        "  复议纠错: {value: 5}\n"
        "  经费: 190.50万元\n"
        "  精简率: 45/94\n"
        "  参考率:\n"
        "    numerator: 1,234\n"
        "    denominator: 1,234\n"
        "    label: 学法考试参考率\n"
        "  decimals: 2\n",
    )
    report = load_report(source)
    shown = {f.key: printed.display(f, 2) for f in figures.figures_of(report)}
    assert shown == {
        "复议收案": "53",
        "复议审结": "50",
        "复议纠错": "5",
        "复议纠错率": "10%",  # a sentence drops trailing zeros; the table keeps them
        "经费": "190.50",
        "精简率": "47.87%",
        "参考率": "100%",
    }
    labels = {f.key: (f.label, f.unit, f.kind) for f in figures.figures_of(report)}
    assert labels["经费"] == ("经费", "万元", Kind.AMOUNT)
    assert labels["参考率"] == ("学法考试参考率", "%", Kind.RATE)


def test_section_problems_are_located(tmp_path: Path, runner: CliRunner) -> None:
    source = _report(
        tmp_path,
        "figures:\n"
        "  复议收按: 53\n"
        "  复议纠错率: 5/50\n"
        "  诉讼收案: 12万元\n"
        "  学法: 2.5\n"
        "  负责人出庭: {value: 3, label: 出庭}\n"
        "  精简 率: 4/5\n",
    )
    assert _stderr(runner, "check", str(source)) == (
        1,
        f"{source}:14:3: error: figures.复议收按: '复议收按' is not in the catalogue of figures"
        " [LG071]\n"
        "  hint: did you mean '复议收案'? A figure of your own needs its unit: 复议收按: 53件\n"
        f"{source}:15:3: error: figures.复议纠错率: 复议纠错率 is computed from 复议纠错 and"
        " 复议审结, never typed [LG071]\n"
        "  hint: write 复议纠错: … and 复议审结: … under figures: instead\n"
        f"{source}:16:3: error: figures.诉讼收案: 诉讼收案 is counted in 件/宗/个, not 万元 [LG071]\n"
        "  hint: write the number alone: 诉讼收案: 12\n"
        f"{source}:17:3: error: figures.学法: 学法 is a count: a whole number, got 2.5 [LG071]\n"
        f"{source}:18:3: error: figures.负责人出庭: the label of catalogue figure 负责人出庭 is"
        " fixed (负责人出庭应诉案件数) [LG071]\n"
        "  hint: delete label:, or use a key of your own\n"
        f"{source}:19:3: error: figures.精简 率: a figure's key is a name of letters, digits or"
        " Chinese characters: '精简 率' [LG071]\n"
        "  hint: no spaces, dots or punctuation, at most 40 characters; e.g. 精简率\n"
        "6 errors, 0 warnings\n",
    )


def test_value_errors_say_what_to_write(tmp_path: Path, runner: CliRunner) -> None:
    source = _report(
        tmp_path,
        "figures:\n  复议收案: 很多\n  复议审结: -3\n  诉讼收案: 【待填写】\n  精简率: {numerator: 3}\n",
    )
    code, stderr = _stderr(runner, "check", str(source))
    assert code == 1
    assert "14:9: error: figures.复议收案: expected a number (53), a number with its unit" in stderr
    assert "15:9: error: figures.复议审结: a figure cannot be negative (-3)" in stderr
    assert "16:9: error: figures.诉讼收案: the number is not filled in yet (【待填写】)" in stderr
    assert "17:8: error: figures.精简率: a rate needs both numerator and denominator" in stderr


def test_schema_completes_the_catalogue_keys() -> None:
    from lawgov_report.model.schema import build_schema

    section = build_schema()["$defs"]["FigureSection"]
    for entry in CATALOGUE:
        assert entry.label in section["properties"][entry.key]["description"]
        if entry.kind is Kind.RATE:
            assert section["properties"][entry.key]["not"] == {}
    assert section["additionalProperties"] == {"$ref": "#/$defs/FigureValue"}


# ---------------------------------------------------------------- references


def test_reference_renders_the_same_number_in_every_output(tmp_path: Path) -> None:
    source = _report(
        tmp_path,
        "figures:\n  负责人出庭: 19\n  应出庭: 23\n",
        "行政机关负责人出庭应诉{负责人出庭}件，出庭应诉率｛出庭应诉率｝，应出庭{出庭应诉率.分母}件。",
    )
    report = load_report(source)
    expected = "行政机关负责人出庭应诉19件，出庭应诉率82.6%，应出庭23件。"
    texts = {
        "md": markdown_paragraphs(get_writer("md")(report).decode("utf-8")),
        "docx": docx_paragraphs(get_writer("docx")(report)),
        "html": _html_paragraphs(get_writer("html")(report)),
        "html-fragment": _html_paragraphs(get_writer("html-fragment")(report)),
    }
    for fmt, paragraphs in texts.items():
        assert expected in paragraphs, fmt
    if shutil.which("soffice") and shutil.which("pdftotext"):
        from lawgov_report.pipeline import build

        build(source, tmp_path / "pdf", ("pdf",))
        pdf_text = subprocess.run(
            ["pdftotext", str(tmp_path / "pdf" / "r.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert expected in "".join(pdf_text.split())  # lines joined: the PDF breaks them
    assert str(report.parts[0].paragraphs[0].text).startswith(
        "行政机关负责人出庭应诉{负责人出庭}件"
    )


def test_unknown_reference_is_an_error_at_its_line_and_column(
    tmp_path: Path, runner: CliRunner
) -> None:
    source = _report(
        tmp_path,
        "figures:\n  复议收案: 53\n",
        "|\n        受理行政复议案件{复议收按}件，审结{复议审结}件，纠错率{复议纠错率}，{复议收案.分子}。",
    )
    assert _stderr(runner, "check", str(source)) == (
        1,
        f"{source}:10:17: error: parts[0].paragraphs[0]: unknown figure {{复议收按}} [LG070]\n"
        "  hint: did you mean {复议收案}?\n"
        f"{source}:10:27: error: parts[0].paragraphs[0]: figure 复议审结 is cited but not given"
        " under figures: [LG070]\n"
        "  hint: add it under figures:, e.g. 复议审结: 12\n"
        f"{source}:10:38: error: parts[0].paragraphs[0]: figure 复议纠错率 is computed from"
        " 复议纠错、复议审结, which are not given under figures: [LG070]\n"
        "  hint: add 复议纠错、复议审结 under figures:\n"
        f"{source}:10:46: error: parts[0].paragraphs[0]: '分子' is not part of figure 复议收案"
        " [LG070]\n"
        "  hint: write {复议收案}\n"
        "4 errors, 0 warnings\n",
    )


def test_template_looking_text_is_not_a_reference(tmp_path: Path) -> None:
    source = _report(tmp_path, "", "'{{ 7*7 }} {% raw %} { 空格 } {a*b}'")
    report = load_report(source)
    assert "{{ 7*7 }} {% raw %} { 空格 } {a*b}" in markdown_paragraphs(
        get_writer("md")(report).decode("utf-8")
    )


def test_zero_over_zero_is_a_dash(tmp_path: Path) -> None:
    report = load_report(_report(tmp_path, "figures:\n  应出庭: 0\n  负责人出庭: 0\n"))
    rate = figures.figure_map(report)["出庭应诉率"]
    assert rate.value is None
    assert printed.display(rate, 1) == "—"


@pytest.mark.parametrize(
    ("numerator", "denominator", "decimals", "shown"),
    [
        (1, 8, 0, "13%"),
        (1, 40, 1, "2.5%"),
        (1, 400, 1, "0.3%"),
        (2, 3, 2, "66.67%"),
        (5, 5, 1, "100%"),
        (5, 5, 0, "100%"),
    ],
)
def test_rates_round_half_up(numerator: int, denominator: int, decimals: int, shown: str) -> None:
    rate = figures.Figure(
        "r", "r", Kind.RATE, "%", figures.percentage(Decimal(numerator), Decimal(denominator))
    )
    assert printed.display(rate, decimals) == shown


# ---------------------------------------------------------------- lint


def _codes(source: Path, *, previous: Path | None = None) -> list[tuple[int, int, str]]:
    checked = check(source, CheckOptions(select=("LG19",), previous=previous))
    return [(d.location.line, d.location.column, d.code) for d in checked.findings]


def test_numerator_above_denominator(tmp_path: Path) -> None:
    source = _report(
        tmp_path,
        "figures:\n  负责人出庭: 25\n  应出庭: 19\n  复议纠错: 3\n  复议直接纠错: 4\n  精简率: 95/94\n",
    )
    assert sorted(_codes(source)) == [(14, 10, "LG190"), (17, 11, "LG190"), (18, 8, "LG190")]


def test_rate_above_100_in_the_text(tmp_path: Path) -> None:
    source = _report(tmp_path, "", "负责人出庭应诉率达到105%。")
    assert _codes(source) == [(9, 19, "LG191")]


@pytest.mark.parametrize(
    ("text", "quiet"),
    [
        ("受理行政复议案件53件。", True),
        ("受理行政复议案件35件。", False),
        ("全年共受理行政复议申请53宗，审结50宗。", True),
        ("收到行政复议申请60件，受理行政复议案件53件。", True),  # 60 is 复议申请, not given
        ("行政复议纠错率9.4%。", False),  # 5/50 = 10%
        ("行政复议纠错率10.0%。", True),
        ("纠错率9.4%。", True),  # not said to be 行政复议
        ("行政复议纠错12件，其中直接纠错3件。", False),  # 纠错 is 5
        ("行政复议纠错5件，其中直接纠错3件。", True),
        ("受理行政复议案件超过50件。", True),
        ("受理行政复议案件超过60件。", False),
        ("受理行政复议案件约60件。", True),
        ("受理行政复议案件近50件。", False),
        ("2020年受理行政复议案件35件。", True),  # another year
        ("比上年受理行政复议案件35件有所增加。", True),
        ("对纳入目录的6项重大行政决策事项及2项听证事项进行督办。", True),
        ("对纳入目录的6项重大行政决策事项及3项听证事项进行督办。", False),
    ],
)
def test_prose_number_next_to_a_label(tmp_path: Path, text: str, quiet: bool) -> None:
    source = _report(
        tmp_path,
        "figures:\n  复议收案: 53\n  复议审结: 50\n  复议纠错: 5\n  复议直接纠错: 3\n"
        "  重大决策: 6\n  重大决策听证: 2\n",
        text,
    )
    found = _codes(source)
    assert (found == []) is quiet, found


def test_mentions_read_units_approximations_and_wan() -> None:
    found = mentions(
        "通过平台发布4.46万个岗位，抽查行政执法案件254宗，法律顾问室共审查涉法事务超过600项。", 2021
    )
    assert [(m.key, m.value, m.bound) for m in found] == [
        ("案卷评查", Decimal(254), ""),
        ("法律顾问审查", Decimal(600), "min"),
    ]


# ---------------------------------------------------------------- the 光明区 2021 report


@pytest.fixture
def guangming(tmp_path: Path, runner: CliRunner) -> Path:
    """The 光明区 2021 report imported from its web text, then given its figures."""
    text = tmp_path / "guangming-2021.txt"
    shutil.copy(FIGURES / "guangming-2021.txt", text)
    target = tmp_path / "2021.yaml"
    result = runner.invoke(app, ["import", str(text), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n" + (FIGURES / "guangming-figures.yaml").read_text(encoding="utf-8"))
    return target


def test_guangming_with_its_figures_is_silent(guangming: Path, runner: CliRunner) -> None:
    assert _stderr(runner, "check", "--select", "LG19", str(guangming)) == (0, "")
    report = load_report(guangming)
    cues = report_cues(report)
    found = {
        (m.key, m.value) for _kp, t in figures.body_texts(report) for m in mentions(t, 2021, cues)
    }
    # The lint really looked: these numbers of the text were matched to their figures.
    for key, value in [
        ("复议收案", 53),
        ("诉讼收案", 80),
        ("负责人出庭", 19),
        ("案卷评查", 254),
        ("规范性文件制定", 11),
        ("重大决策", 6),
        ("重大决策听证", 2),
    ]:
        assert (key, Decimal(value)) in found


def test_guangming_changed_number_is_named_at_its_line(guangming: Path, runner: CliRunner) -> None:
    text = guangming.read_text(encoding="utf-8")
    guangming.write_text(text.replace("行政诉讼案件80宗", "行政诉讼案件86宗"), encoding="utf-8")
    line_no, column = _position(text, "行政诉讼案件80宗", len("行政诉讼案件"))
    code, stderr = _stderr(runner, "check", "--select", "LG19", str(guangming))
    assert code == 1
    assert stderr.startswith(
        f"{guangming}:{line_no}:{column}: error: parts[0].items[5].paragraphs[0].points[1]: "
        "the text says 86宗 for 一审行政诉讼收案数, but figures: gives 80 [LG192]\n"
        "  hint: correct the number, or write {诉讼收案} so that the text shows the figure\n"
    )


def test_guangming_reference_in_every_output(guangming: Path, tmp_path: Path) -> None:
    text = guangming.read_text(encoding="utf-8")
    guangming.write_text(
        text.replace("受理行政复议案件53宗", "受理行政复议案件{复议收案}宗"), encoding="utf-8"
    )
    report = load_report(guangming)
    sentence = "光明区全年受理行政复议案件53宗。"
    assert any(sentence in p for p in markdown_paragraphs(get_writer("md")(report).decode()))
    assert any(sentence in p for p in docx_paragraphs(get_writer("docx")(report)))


# ---------------------------------------------------------------- last year


def test_example_pair_is_clean(runner: CliRunner) -> None:
    assert _stderr(
        runner, "check", "--strict", str(PAIR / "2021.yaml"), str(PAIR / "2022.yaml")
    ) == (0, "")
    checked = check(PAIR / "2022.yaml")
    assert checked.previous is not None
    assert checked.previous.year == 2021


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    for year in ("2021", "2022"):
        shutil.copy(PAIR / f"{year}.yaml", tmp_path / f"{year}.yaml")
    return tmp_path


def test_year_on_year_direction_contradicting_last_year(pair: Path, runner: CliRunner) -> None:
    """2022 says 同比下降 for 复议收案, which rose from 48 to 61."""
    source = pair / "2022.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("同比上升27.1%", "同比下降"), encoding="utf-8")
    line_no, column = _position(text, "同比上升27.1%", 2)
    assert _stderr(runner, "check", str(source)) == (
        1,
        f"{source}:{line_no}:{column}: error: parts[0].items[1].paragraphs[0]: the text says"
        " 行政复议收案数 下降 on last year, but it went from 48 to 61 (上升) [LG193]\n"
        "  hint: correct the wording, or the figures of this year or last year\n"
        "1 error, 0 warnings\n",
    )


def test_year_on_year_amount(pair: Path) -> None:
    source = pair / "2022.yaml"
    text = source.read_text(encoding="utf-8").replace("同比上升27.1%", "同比上升17.1%")
    source.write_text(text.replace("提高1.2个百分点", "提高2个百分点"), encoding="utf-8")
    messages = [d.message for d in check(source, CheckOptions(select=("LG193",))).findings]
    assert messages == [
        "the text says 行政执法证件持证率 changed by 2个百分点, but it went from 96.7% to 97.9%"
        " (1.2 percentage points)",
        "the text says 行政复议收案数 changed by 17.1%, but it went from 48 to 61 (27.1%)",
    ]


def test_previous_named_on_the_command_line(pair: Path, tmp_path: Path, runner: CliRunner) -> None:
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    source = elsewhere / "this-year.yaml"
    text = (pair / "2022.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("同比上升27.1%", "同比持平"), encoding="utf-8")
    assert _stderr(runner, "check", str(source))[0] == 0  # no last year found: nothing to compare
    code, stderr = _stderr(runner, "check", "--previous", str(pair / "2021.yaml"), str(source))
    assert code == 1
    assert (
        "the text says 行政复议收案数 持平 on last year, but it went from 48 to 61 (上升) [LG193]"
        in stderr
    )


def test_unreadable_last_year_is_a_warning(pair: Path, runner: CliRunner) -> None:
    (pair / "2021.yaml").write_text("organization: [\n", encoding="utf-8")
    code, stderr = _stderr(runner, "check", str(pair / "2022.yaml"))
    assert (code, stderr) == (
        0,
        f"{pair / '2021.yaml'}: warning: last year's report has errors; the figures are not"
        " compared with it [LG194]\n"
        f"  hint: run lawgov check {pair / '2021.yaml'}\n"
        "0 errors, 1 warning\n",
    )
    with pytest.raises(ReportError):
        check(pair / "2022.yaml", CheckOptions(previous=pair / "2021.yaml"))


# ---------------------------------------------------------------- the table


def test_markdown_table_with_last_year(pair: Path, golden: object) -> None:
    checked = check(pair / "2022.yaml")
    from lawgov_report.model.settings import RenderOptions

    markdown = get_writer("md")(checked.report, RenderOptions(previous=checked.previous)).decode()
    golden(ROOT / "tests" / "golden" / "figures-2022.md", markdown)  # type: ignore[operator]
    table = markdown.split("**某县人民政府2022年度法治政府建设主要数据**")[1]
    assert "| 行政复议收案数 | 件 | 61 | 48 | +13（+27.1%） |" in table
    assert "| 行政机关负责人出庭应诉率 | % | 100.0 | 90.0 | +10.0个百分点 |" in table
    assert "附件：1.某县人民政府2022年度法治政府建设主要数据" in markdown


def test_table_without_last_year_and_numbering(tmp_path: Path) -> None:
    source = _report(
        tmp_path,
        "attachments: [有关文件]\nfigures:\n  attachment: true\n  attachment_title: 主要数据表\n"
        "  应出庭: 0\n  负责人出庭: 0\n",
    )
    report = printed.substitute(load_report(source))
    table = printed.table(report)
    assert table is not None
    assert (table.mark, table.title) == ("附件2", "主要数据表")
    assert report.attachments == ["有关文件", "主要数据表"]
    assert table.header == ["项目", "单位", "2021年"]
    assert table.rows[-1] == ["行政机关负责人出庭应诉率", "%", "—"]


def test_no_table_unless_asked(tmp_path: Path) -> None:
    report = load_report(_report(tmp_path, "figures:\n  复议收案: 1\n"))
    assert printed.table(printed.substitute(report)) is None
    assert "附件" not in get_writer("md")(report).decode()


def test_new_year_keeps_the_keys_not_the_numbers(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "2021.yaml"
    source.write_text(
        (PAIR / "2021.yaml").read_text(encoding="utf-8")
        + "  精简率: {numerator: 45, denominator: 94, label: 事业单位精简率}\n"
        + "  经费: 190.5万元\n  attachment_title: 2021年度主要数据\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["new", "2022", "--from", str(source)])
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "2022.yaml").read_text(encoding="utf-8"))
    assert data["figures"]["复议收案"] == "【待填写】"
    assert data["figures"]["精简率"] == {
        "numerator": "【待填写】",
        "denominator": "【待填写】",
        "label": "事业单位精简率",
    }
    assert data["figures"]["经费"] == {"value": "【待填写】", "unit": "万元"}
    assert data["figures"]["attachment_title"] == "2022年度主要数据"
    assert "{复议收案}" in str(data["parts"])  # references carry over
    code, stderr = _stderr(runner, "check", str(tmp_path / "2022.yaml"))
    assert code == 1
    assert "figures.复议收案: the number is not filled in yet (【待填写】) [LG012]" in stderr


# ---------------------------------------------------------------- two years, many units


def test_changes_between_two_years() -> None:
    old, new = load_report(PAIR / "2021.yaml"), load_report(PAIR / "2022.yaml")
    found = {c.key: c for c in printed.changes(old, new)}
    assert found["复议收案"] == printed.FigureChange(
        "复议收案", "行政复议收案数", "48件", "61件", "+13（+27.1%）", "上升"
    )
    assert found["出庭应诉率"][2:] == ("90%", "100%", "+10.0个百分点", "上升")
    assert found["学法"][4:] == ("持平", "持平")
    assert found["规范性文件制定"][2:] == ("9件", None, "", "")  # given in 2021 only


def _unit(**given: str) -> dict[str, figures.Figure]:
    text = "".join(f"  {key}: {value}\n" for key, value in given.items())
    data = yaml.safe_load("figures:\n" + text) if text else {}
    from lawgov_report.model.report import Report

    report = Report.model_validate(
        {
            "organization": "单位",
            "year": 2021,
            "date": "2022-01-07",
            "parts": [{"kind": "measures", "title": "举措"}],
            **data,
        }
    )
    return figures.figure_map(report)


def test_totals_recompute_rates_from_numerators_and_denominators() -> None:
    units = [
        _unit(负责人出庭="9", 应出庭="10", 复议收案="3"),
        _unit(负责人出庭="1", 应出庭="10"),
        _unit(负责人出庭="0", 应出庭="0"),
        _unit(),
    ]
    total = figures.totals(units)
    assert total["复议收案"].value == 3
    assert (total["出庭应诉率"].numerator, total["出庭应诉率"].denominator) == (
        Decimal(10),
        Decimal(20),
    )
    assert printed.display(total["出庭应诉率"], 1) == "50%"  # not the mean of 90% and 10%
    assert printed.display(units[2]["出庭应诉率"], 1) == "—"
    assert figures.ranks(units, "出庭应诉率") == [1, 2, None, None]
    assert figures.ranks(units, "复议收案") == [1, None, None, None]


def test_ranks_share_places_and_lower_is_better_for_losses() -> None:
    units = [
        _unit(诉讼败诉="1", 诉讼审结="10"),
        _unit(诉讼败诉="3", 诉讼审结="10"),
        _unit(诉讼败诉="1", 诉讼审结="10"),
    ]
    assert figures.ranks(units, "诉讼败诉率") == [1, 3, 1]
    assert figures.ranks(units, "诉讼败诉") == [2, 1, 2]


# ---------------------------------------------------------------- trend plots (HTML only)


def _plotted(tmp_path: Path, years: dict[int, str]) -> Path:
    for year, given in years.items():
        _report(tmp_path, f"figures:\n  plots: true\n{given}", name=str(year))
        source = tmp_path / f"{year}.yaml"
        text = source.read_text(encoding="utf-8").replace("year: 2021", f"year: {year}")
        source.write_text(text.replace("date: 2022-01-07", f"date: {year + 1}-01-07"), "utf-8")
    return tmp_path / f"{max(years)}.yaml"


def test_trend_plots_over_the_years_found_beside(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from lawgov_report.pipeline import TemplateChoice, render_options
    from lawgov_report.render.plot import trend_plots

    source = _plotted(
        tmp_path,
        {
            2019: "  复议收案: 30\n",
            2020: "  复议收案: 41\n  应出庭: 10\n  负责人出庭: 8\n",
            2021: "  复议收案: 48\n  应出庭: 10\n  负责人出庭: 9\n",
            2022: "  复议收案: 61\n  应出庭: 0\n  负责人出庭: 0\n  学法: 12\n",
        },
    )
    checked = check(source)
    options = render_options(checked, source, TemplateChoice())
    assert [r.year for r in options.history] == [2019, 2020]
    assert checked.previous is not None
    history = [*options.history, checked.previous]
    plots = trend_plots(checked.report, history, ("Noto Sans CJK SC",))
    # 学法 has one year only: no plot; 出庭应诉率 is 0/0 in 2022: the years that have a rate
    assert [p.key for p in plots] == ["复议收案", "应出庭", "负责人出庭", "出庭应诉率"]
    assert plots[0].alt == "行政复议收案数（件）：2019年30件，2020年41件，2021年48件，2022年61件"
    assert plots[3].alt == "行政机关负责人出庭应诉率（%）：2020年80%，2021年90%"
    assert plots[0].png.startswith(b"\x89PNG\r\n\x1a\n")
    assert plots[0].data_uri.startswith("data:image/png;base64,iVBOR")
    again = trend_plots(checked.report, history, ("Noto Sans CJK SC",))
    assert [p.png for p in again] == [p.png for p in plots]  # same bytes every run


def test_no_plots_unless_asked_and_a_clear_message_without_matplotlib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from lawgov_report.errors import OutputError
    from lawgov_report.render.plot import trend_plots

    source = _plotted(tmp_path, {2020: "  复议收案: 41\n", 2021: "  复议收案: 48\n"})
    checked = check(source)
    assert checked.previous is not None
    unasked = checked.report.model_copy(
        update={"figures": checked.report.figures.model_copy(update={"plots": False})}  # type: ignore[union-attr]
    )
    assert trend_plots(unasked, [checked.previous]) == []
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(OutputError) as caught:
        trend_plots(checked.report, [checked.previous])
    assert caught.value.diagnostics[0].hint.startswith(
        'install it with: pip install "lawgov-report[plot]"'
    )


def test_diff_lines_for_the_figures() -> None:
    old, new = load_report(PAIR / "2021.yaml"), load_report(PAIR / "2022.yaml")
    lines = printed.diff_lines(old, new)
    assert lines[0] == ("~", "行政复议收案数：48件 → 61件，+13（+27.1%），上升")
    assert ("~", "行政机关负责人出庭应诉率：90% → 100%，+10.0个百分点，上升") in lines
    assert ("-", "行政规范性文件制定数：9件") in lines
    assert not any("学法" in text for _sign, text in lines)
    assert ("=", "领导班子集体学法次数：12次") in printed.diff_lines(old, new, show_same=True)


def test_lawgov_diff_shows_the_figures_after_the_headings(runner: CliRunner, chinese: None) -> None:
    result = runner.invoke(app, ["diff", str(PAIR / "2021.yaml"), str(PAIR / "2022.yaml")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = lines.index("  主要数据")
    assert lines[header + 1] == "  ~ 行政复议收案数：48件 → 61件，+13（+27.1%），上升"
    assert "  - 行政规范性文件制定数：9件" in lines[header:]
    assert not any("学法" in line for line in lines)  # unchanged figures only with --all
    shown = runner.invoke(
        app, ["diff", "--all", str(PAIR / "2021.yaml"), str(PAIR / "2022.yaml")]
    ).stdout
    assert "  = 领导班子集体学法次数：12次" in shown.splitlines()
    review = runner.invoke(
        app, ["diff", "--format", "md", str(PAIR / "2021.yaml"), str(PAIR / "2022.yaml")]
    ).stdout
    assert "  - **修改** 行政复议收案数：48件 → 61件，+13（+27.1%），上升" in review.splitlines()


def test_lawgov_diff_without_figures_has_no_figures_section(runner: CliRunner) -> None:
    example = ROOT / "examples" / "2021.yaml"
    result = runner.invoke(app, ["diff", str(example), str(example)])
    assert "主要数据" not in result.stdout


def test_import_proposals_are_comments_that_check_clean(guangming: Path) -> None:
    from lawgov_report.lint.figures import proposal_comment, propose

    text = guangming.read_text(encoding="utf-8")
    report = load_report(guangming)
    block = proposal_comment(propose(report))
    assert all(line.startswith("# ") for line in block.splitlines())
    assert "#   复议收案: 53  # 行政复议收案数：“光明区全年受理行政复议案件53宗”" in block
    assert "#   重大决策听证: 2  #" in block
    assert "超过600" not in block  # 约数 are not proposed
    # Uncommented, the proposals are a figures: section that agrees with the text.
    without_figures = text.split("\n# 光明区2021年度报告")[0]
    uncommented = "".join(line[2:] + "\n" for line in block.splitlines()[1:])
    guangming.write_text(without_figures + "\n" + uncommented, encoding="utf-8")
    checked = check(guangming, CheckOptions(select=("LG19",)))
    assert checked.findings == []
    assert figures.figure_map(checked.report)["负责人出庭"].value == 19


def test_a_number_next_to_a_figure_not_given_is_not_taken_for_another(tmp_path: Path) -> None:
    # 审结 50 is 诉讼审结, not given: it must not be checked against 诉讼收案 (80), whose
    # label 行政诉讼案件 is inside 审结行政诉讼案件.
    source = _report(tmp_path, "figures:\n  诉讼收案: 80\n", "全年审结行政诉讼案件50件。")
    assert _codes(source) == []


# ---------------------------------------------------------------- the .docx 附件


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_body(data: bytes) -> object:
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _style_of(element: Any) -> str:
    """A paragraph's style, or the element's tag (``tbl``)."""
    style = element.find(f"{W}pPr/{W}pStyle")
    if element.tag == f"{W}p" and style is not None:
        return str(style.get(f"{W}val"))
    return str(element.tag).split("}")[1]


@pytest.mark.parametrize("variant", ["web", "print"])
def test_docx_attachment_is_a_three_line_table(pair: Path, variant: str, tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    from lawgov_report.model.report import Variant
    from lawgov_report.pipeline import TemplateChoice, render_options

    source = pair / "2022.yaml"
    if variant == "print":
        text = source.read_text(encoding="utf-8")
        source.write_text(
            text + "print: {printed_by: 某县人民政府办公室, printed_date: 2023-01-18}\n", "utf-8"
        )
    checked = check(source)
    options = render_options(checked, source, TemplateChoice(variant=Variant(variant)))
    data = get_writer("docx")(checked.report, options)
    body = _docx_body(data)
    children = list(body)  # type: ignore[call-overload]
    styles = [_style_of(c) for c in children]
    mark = styles.index("GwAttachmentMark")
    assert styles[mark - 1] == "GwDate"  # after the 成文日期, on a page of its own (style)
    assert styles[mark + 2] == "GwAttachmentTitle"
    assert styles[mark + 4] == "tbl"
    # The 版记 of the paper version comes after the attachment (GB/T 9704 7.3.7).
    anchors = [i for i, c in enumerate(children) if c.find(f".//{W}txbxContent") is not None]
    assert anchors == ([mark + 6] if variant == "print" else [])
    texts = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in children]
    assert texts[mark] == "附件"
    assert texts[mark + 2] == "某县人民政府2022年度法治政府建设主要数据"
    table = children[mark + 4]
    rows = [
        ["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.iter(f"{W}tc")]
        for row in table.iter(f"{W}tr")
    ]
    assert rows[0] == ["项目", "单位", "2022年", "2021年", "增减"]
    assert rows[1] == ["行政复议收案数", "件", "61", "48", "+13（+27.1%）"]
    assert ["行政机关负责人出庭应诉率", "%", "100.0", "90.0", "+10.0个百分点"] in rows
    assert len(rows) == 1 + len(figures.figures_of(checked.report))

    def rules(row: object) -> set[tuple[str, str]]:
        return {
            (border.tag.split("}")[1], border.get(f"{W}sz"))
            for border in row.iter()  # type: ignore[attr-defined]
            if border.tag in (f"{W}top", f"{W}bottom") and border.getparent().tag == f"{W}tcBorders"
        }

    trs = list(table.iter(f"{W}tr"))
    assert rules(trs[0]) == {("top", "12"), ("bottom", "6")}  # thick above, thin below the header
    assert all(rules(row) == set() for row in trs[1:-1])
    assert rules(trs[-1]) == {("bottom", "12")}
    assert not list(table.iter(f"{W}left")) or all(
        b.getparent().tag == f"{W}tblCellMar" for b in table.iter(f"{W}left")
    )  # no vertical rules
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    assert [str(e) for e in OpenXmlValidator().validate(path).errors] == []


def test_docx_table_styles_follow_the_local_fonts(pair: Path) -> None:
    import io
    import zipfile

    source = pair / "2022.yaml"
    source.write_text(
        source.read_text(encoding="utf-8") + "output: {fonts: {body: 仿宋, heading1: 方正黑体}}\n",
        "utf-8",
    )
    data = get_writer("docx")(load_report(source))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")

    def east_asian(style_id: str) -> str:
        block = styles.split(f'w:styleId="{style_id}"')[1].split("</w:style>")[0]
        return block.split('w:eastAsia="')[1].split('"')[0]

    assert east_asian("GwTableText") == "仿宋"
    assert east_asian("GwTableHeader") == "方正黑体"
    assert 'w:val="28"' in styles.split('w:styleId="GwTableText"')[1].split("</w:style>")[0]


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext, pdftoppm)",
)
def test_attachment_page_in_libreoffice(pair: Path, tmp_path: Path) -> None:
    """附件 on a page of its own after the 成文日期, three rules, the 版记 below the table."""
    from lawgov_report.pipeline import build

    from pdf_layout import TEXT_LEFT, convert, rules, text_lines

    source = pair / "2022.yaml"
    source.write_text(
        source.read_text(encoding="utf-8")
        + "output: {variant: print}\n"
        + "print: {printed_by: 某县人民政府办公室, printed_date: 2023-01-18}\n",
        "utf-8",
    )
    out = tmp_path / "out"
    build(source, out, ("docx",))
    convert([out / "2022.docx"], out)
    pages = text_lines(out / "2022.pdf")
    last = [line.text for line in pages[-1]]
    assert last[0] == "附件"
    assert abs(pages[-1][0].left - TEXT_LEFT) < 1  # flush left
    assert last[1:3] == ["某县人民政府", "2022年度法治政府建设主要数据"]
    assert last[3] == "项目单位2022年2021年增减"
    assert any(text.startswith("行政复议收案数") for text in last)
    assert last[-2].startswith("某县人民政府办公室")  # the 版记, then the page number
    assert any(line.text == "2023年1月18日" for line in pages[-2])
    black = [r for r in rules(out / "2022.pdf", len(pages)) if r.colour == "black"]
    # three rules of the table, then the 版记's two
    assert len(black) == 5
    assert all(rule.width > 150 for rule in black)  # each as wide as the 版心 (156 mm)


# ---------------------------------------------------------------- the HTML page


def _pair_page(pair: Path, fmt: str = "html", plots: bool = False) -> str:
    from lawgov_report.pipeline import TemplateChoice, render_options

    source = pair / "2022.yaml"
    if plots and "plots: true" not in source.read_text(encoding="utf-8"):
        text = source.read_text(encoding="utf-8")
        source.write_text(
            text.replace("  attachment: true\n", "  attachment: true\n  plots: true\n")
        )
    checked = check(source)
    options = render_options(checked, source, TemplateChoice())
    return get_writer(fmt)(checked.report, options).decode("utf-8")


@pytest.mark.parametrize("fmt", ["html", "html-fragment"])
def test_html_table_with_row_and_column_headers(pair: Path, fmt: str) -> None:
    page = _pair_page(pair, fmt)
    section = page.split('aria-labelledby="figures-title"')[1].split("</section>")[0]
    assert ">附件</p>" in section
    assert ">某县人民政府2022年度法治政府建设主要数据</h2>" in section
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', section)
    assert headers == ["项目", "单位", "2022年", "2021年", "增减"]
    rows = re.findall(r"<tr><th scope=\"row\"[^>]*>([^<]*)</th>(.*?)</tr>", section)
    assert rows[0][0] == "行政复议收案数"
    assert re.findall(r"<td[^>]*>([^<]*)</td>", rows[0][1]) == ["件", "61", "48", "+13（+27.1%）"]
    assert len(rows) == 18
    assert "<img" not in section  # no plots unless asked
    if fmt == "html-fragment":
        assert "class=" not in section  # inline styles only, for a website's editor


def test_html_trend_plots(pair: Path) -> None:
    pytest.importorskip("matplotlib")
    page = _pair_page(pair, plots=True)
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', page)
    assert len(images) == 18
    assert images[0][1] == "行政复议收案数（件）：2021年48件，2022年61件"
    assert _pair_page(pair, plots=True) == page  # same bytes every run


def test_importing_the_page_leaves_the_table_out(pair: Path, tmp_path: Path) -> None:
    from lawgov_report.importers import import_file

    page = tmp_path / "2022.html"
    page.write_text(_pair_page(pair), encoding="utf-8")
    imported = import_file(page)
    text = str(imported.data)
    assert "行政复议收案数" not in text  # the table is the YAML's figures:, not report text
    # the table comes back as figures: (whose attachment lists its title), not as attachments
    assert "attachments" not in imported.data
    assert imported.data["figures"]["attachment"] is True
    assert imported.data["figures"]["复议收案"] == 61


def test_lint_reads_the_text_as_printed(tmp_path: Path) -> None:
    """A reference is not a full stop after a Chinese character (LG126): rules read numbers."""
    source = _report(
        tmp_path,
        "figures:\n  精简率: 45/94\n",
        "事业单位从{精简率.分母}家减少到{精简率.分子}家,精简率{精简率}。",
    )
    checked = check(source, CheckOptions(select=("LG126", "LG120")))
    assert [d.code for d in checked.findings] == ["LG120"]  # only the half-width comma


# ---------------------------------------------------------------- lawgov status


FIGURES_OF_UNITS = [
    "  复议收案: 10\n  复议审结: 8\n  复议纠错: 2\n  应出庭: 9\n  负责人出庭: 9\n",
    "  复议收案: 5\n  复议审结: 4\n  复议纠错: 0\n  应出庭: 0\n  负责人出庭: 0\n",  # 0/0
    "",  # no figures at all
    "  复议收案: 7\n  复议审结: 8\n  复议纠错: 1\n  应出庭: 11\n  负责人出庭: 5\n",
]


@pytest.fixture
def county_with_figures(tmp_path: Path) -> Path:
    from supervise_corpus import make_county

    roster = make_county(tmp_path / "county", units=4)
    for i, given in enumerate(FIGURES_OF_UNITS):
        if given:
            source = tmp_path / "county" / "units" / f"{i:05d}" / "2021.yaml"
            source.write_text(source.read_text(encoding="utf-8") + "figures:\n" + given, "utf-8")
    return roster


def test_status_spreadsheet_has_the_figures(county_with_figures: Path, tmp_path: Path) -> None:
    import openpyxl

    from supervise_corpus import AS_OF

    target = tmp_path / "status.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "status",
            str(county_with_figures),
            "-f",
            "xlsx",
            "-o",
            str(target),
            "--as-of",
            AS_OF.isoformat(),
        ],
    )
    assert result.stdout.strip() == str(target), result.output
    book = openpyxl.load_workbook(target)
    sheet = book["figures"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "unit",
        "行政复议收案数（件）",
        "行政复议审结数（件）",
        "行政复议纠错数（件）",
        "行政复议纠错率（%）",
        "复议纠错率 rank",
        "负责人应出庭应诉案件数（件）",
        "负责人出庭应诉案件数（件）",
        "行政机关负责人出庭应诉率（%）",
        "出庭应诉率 rank",
    ]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5  # four units, then the totals
    column = {h: i for i, h in enumerate(headers)}
    rate, rank = column["行政机关负责人出庭应诉率（%）"], column["出庭应诉率 rank"]
    assert [r[rate] for r in rows[:4]] == [
        1.0,
        "—",
        None,
        pytest.approx(5 / 11, abs=1e-5),
    ]  # 0/0 is —
    assert [r[rank] for r in rows[:4]] == [1, None, None, 2]
    assert sheet.cell(2, rate + 1).number_format == "0.0%"
    total = rows[4]
    assert total[0] == "total"
    assert total[column["行政复议收案数（件）"]] == 22
    assert total[column["负责人出庭应诉案件数（件）"]] == 14
    # recomputed from the summed numerators and denominators: 14/20, not the mean of the rates
    assert total[rate] == pytest.approx(0.7)
    assert total[column["行政复议纠错率（%）"]] == pytest.approx(3 / 20)
    # lower is better for the 纠错率: unit 2 (0 of 4) ranks first
    assert [r[column["复议纠错率 rank"]] for r in rows[:4]] == [3, 1, None, 2]
    status = book["status"]
    status_headers = [c.value for c in status[1]]
    assert "出庭应诉率" in status_headers
    values = [
        r[status_headers.index("出庭应诉率")] for r in status.iter_rows(min_row=2, values_only=True)
    ]
    assert values == [1.0, "—", None, pytest.approx(5 / 11, abs=1e-5)]


def test_status_terminal_and_json_show_the_core_rates(county_with_figures: Path) -> None:
    import json

    from supervise_corpus import AS_OF

    args = ["status", str(county_with_figures), "--as-of", AS_OF.isoformat()]
    text = CliRunner().invoke(app, args).stdout
    for shown in ("出庭应诉率", "100%", "45.5%", "—"):
        assert shown in text
    units = json.loads(CliRunner().invoke(app, [*args, "-f", "json"]).stdout)["units"]
    assert [u["figure_出庭应诉率"] for u in units] == [100.0, None, None, pytest.approx(45.4545)]


def test_compile_summarises_the_rates(county_with_figures: Path, tmp_path: Path) -> None:
    out = tmp_path / "汇编.docx"
    result = CliRunner().invoke(app, ["compile", str(county_with_figures), "-o", str(out)])
    assert out.exists(), result.output
    paragraphs_md = (out.with_suffix(".md")).read_text(encoding="utf-8")
    table = paragraphs_md.split("| 序号 | 单位 | 复议纠错率 | 诉讼败诉率 | 出庭应诉率 |")[1]
    rows = [line.split(" | ") for line in table.strip().splitlines()[1:6]]
    assert [r[-1].rstrip(" |") for r in rows] == ["100%", "—", "", "45.5%", "70%"]  # 合计: 14/20
    assert rows[-1][1] == "合计"
    body = _docx_body(out.read_bytes())
    cells = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in body.iter(f"{W}tc")]  # type: ignore[attr-defined]
    assert cells[-5:] == ["", "合计", "15%", "", "70%"]


def test_lawgov_import_proposes_figures_as_comments(tmp_path: Path, runner: CliRunner) -> None:
    text = tmp_path / "guangming-2021.txt"
    shutil.copy(FIGURES / "guangming-2021.txt", text)
    target = tmp_path / "2021.yaml"
    result = runner.invoke(app, ["import", str(text), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert f"7 figures found in the text are proposed, commented out, at the end of {target}" in (
        result.stderr
    )
    written = target.read_text(encoding="utf-8")
    assert "#   复议收案: 53  # 行政复议收案数：“光明区全年受理行政复议案件53宗”" in written
    assert load_report(target).figures is None  # proposed, never applied silently


# ---------------------------------------------------------------- references outside the body


def test_title_and_attachments_cite_figures_in_every_output(tmp_path: Path) -> None:
    source = _report(
        tmp_path,
        "title: 某县2021年度法治政府建设情况报告（复议{复议收案}件）\n"
        "attachments: [行政复议案件统计（｛复议收案｝件）]\n"
        "closing: 以上共{复议收案}件。\n"
        "figures:\n  attachment: true\n  attachment_title: 主要数据（复议{复议收案}件）\n"
        "  复议收案: 53\n",
    )
    report = load_report(source)
    title = "某县2021年度法治政府建设情况报告（复议53件）"
    markdown = get_writer("md")(report).decode("utf-8")
    assert markdown.startswith(f"# {title}\n")
    assert "附件：1.行政复议案件统计（53件）" in markdown
    assert "2.主要数据（复议53件）" in markdown
    assert "**主要数据（复议53件）**" in markdown
    assert "以上共53件。" in markdown_paragraphs(markdown)
    docx = "".join(docx_paragraphs(get_writer("docx")(report)))
    html = get_writer("html")(report).decode("utf-8")
    for fmt, text in (("md", markdown), ("docx", docx), ("html", html)):
        assert "复议53件" in text, fmt
        assert "统计（53件）" in text, fmt
        assert "{复议收案}" not in text, fmt
        assert "｛复议收案｝" not in text, fmt
    assert check(source).findings == []  # the title's lint reads the printed title


def test_reference_where_text_prints_as_written_is_an_error(
    tmp_path: Path, runner: CliRunner
) -> None:
    source = _report(
        tmp_path,
        "title: 某县2021年度报告（复议{复议收按}件）\n"
        "doc_number: 某政字〔2022〕{复议收案}号\n"
        "recipients: 县委{复议收案}：\n"
        "attachments:\n  - 统计（{复议收按}件）\n"
        "print:\n  copy_to:\n    - 县人大{复议收案}\n"
        "figures:\n  复议收案: 53\n",
    )
    text = source.read_text(encoding="utf-8")

    def at(needle: str) -> str:
        return "{}:{}:{}".format(source, *_position(text, needle))

    title, attachment = at("{复议收按}件）\n"), at("{复议收按}件）\nprint")
    number, recipients, copy_to = at("{复议收案}号"), at("{复议收案}："), at("{复议收案}\nfig")
    as_written = (
        " a figure cannot be cited here: this text is printed as written [LG070]\n"
        "  hint: write the text itself here; figures are cited in the title, the body, the"
        " closing and the attachments' names\n"
    )
    assert _stderr(runner, "check", str(source)) == (
        1,
        f"{title}: error: title: unknown figure {{复议收按}} [LG070]\n"
        "  hint: did you mean {复议收案}?\n"
        f"{number}: error: doc_number:{as_written}"
        f"{recipients}: error: recipients:{as_written}"
        f"{attachment}: error: attachments[0]: unknown figure {{复议收按}} [LG070]\n"
        "  hint: did you mean {复议收案}?\n"
        f"{copy_to}: error: print.copy_to[0]:{as_written}"
        "5 errors, 0 warnings\n",
    )


# ---------------------------------------------------------------- totals that agree with themselves


@pytest.fixture
def county_with_gaps(tmp_path: Path) -> Path:
    """出庭 given without 应出庭 by one unit, 0/0 by another, a typed rate (LG071) by a third."""
    from supervise_corpus import make_county

    roster = make_county(tmp_path / "county", units=4)
    given = [
        "  应出庭: 4\n  负责人出庭: 4\n",
        "  负责人出庭: 5\n  复议审结: 0\n  复议纠错: 0\n",
        "  应出庭: 16\n  负责人出庭: 12\n",
        "  复议纠错率: 10\n",
    ]
    for i, figures_yaml in enumerate(given):
        source = tmp_path / "county" / "units" / f"{i:05d}" / "2021.yaml"
        source.write_text(source.read_text(encoding="utf-8") + "figures:\n" + figures_yaml, "utf-8")
    return roster


def test_status_totals_say_what_a_rate_leaves_out(county_with_gaps: Path, tmp_path: Path) -> None:
    import openpyxl

    from supervise_corpus import AS_OF

    target = tmp_path / "status.xlsx"
    args = ["status", str(county_with_gaps), "--as-of", AS_OF.isoformat()]
    CliRunner().invoke(app, [*args, "-f", "xlsx", "-o", str(target)])
    sheet = openpyxl.load_workbook(target)["figures"]
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    total = rows[5]
    assert total[0] == "total"
    counts = (
        total[headers.index("负责人应出庭应诉案件数（件）")],
        total[headers.index("负责人出庭应诉案件数（件）")],
        total[headers.index("行政机关负责人出庭应诉率（%）")],
    )
    assert counts == (20, 21, pytest.approx(0.8))  # every count is summed; the rate is 16/20
    assert rows[6] == (None,) * len(headers)  # a blank row, then the note, under the table
    assert rows[7][0] == (
        "行政机关负责人出庭应诉率 in the total row is 16/20, over the units that give both"
        " counts; the counts' totals also include: 县教育和体育局 gives 负责人出庭 (5) without 应出庭"
    )
    assert len(rows) == 8
    assert sheet.auto_filter.ref == "A1:I6"  # the note is not sorted with the units


def test_status_json_tells_zero_over_zero_from_not_given(county_with_gaps: Path) -> None:
    import json

    from supervise_corpus import AS_OF

    args = ["status", str(county_with_gaps), "--as-of", AS_OF.isoformat(), "-f", "json"]
    document = json.loads(CliRunner().invoke(app, args).stdout)
    units = document["units"]
    assert [u["figure_复议纠错率"] for u in units] == [None, None, None, None]
    assert "复议纠错率" not in units[0]["figures"]  # not given
    assert units[1]["figures"]["复议纠错率"] == {
        "label": "行政复议纠错率",
        "unit": "%",
        "value": None,  # 0/0
        "numerator": 0,
        "denominator": 0,
    }
    assert units[2]["figures"]["出庭应诉率"]["value"] == 75.0
    assert units[1]["figures"]["负责人出庭"] == {
        "label": "负责人出庭应诉案件数",
        "unit": "件",
        "value": 5,
    }
    # the unit whose figures: has an error: its row counts it, and so does the summary
    assert (units[3]["state"], units[3]["errors"]) == ("unreadable", 1)
    assert document["summary"]["with_errors"] == 1


def test_status_summary_counts_every_row_with_errors(
    county_with_gaps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supervise_corpus import AS_OF

    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    args = ["status", str(county_with_gaps), "--as-of", AS_OF.isoformat()]
    result = CliRunner().invoke(app, args)
    assert result.stderr.rstrip().endswith("无法读取1个，有检查错误1个"), result.stderr


# ---------------------------------------------------------------- one way to print a rate


def test_decimals_round_alike_and_only_sentences_drop_trailing_zeros(
    pair: Path, runner: CliRunner
) -> None:
    """``decimals`` rounds the same number everywhere; a sentence writes 100%, a table 100.00.

    Reports say 出庭应诉率100% in their text, never 100.00%; a table column keeps every place so
    its numbers line up. The value never differs between them, only the trailing zeros.
    """
    for year in ("2021", "2022"):
        source = pair / f"{year}.yaml"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("figures:\n", "figures:\n  decimals: 2\n", 1), "utf-8")
    checked = check(pair / "2022.yaml")
    from lawgov_report.model.settings import RenderOptions

    markdown = get_writer("md")(checked.report, RenderOptions(previous=checked.previous)).decode()
    assert "纠错率14.04%。" in markdown  # 8/57, as the table prints it
    assert "出庭应诉率100%。" in markdown
    assert "| 行政复议纠错率 | % | 14.04 | 13.33 | +0.71个百分点 |" in markdown
    assert "| 行政机关负责人出庭应诉率 | % | 100.00 | 90.00 | +10.00个百分点 |" in markdown
    shown = runner.invoke(app, ["diff", str(pair / "2021.yaml"), str(pair / "2022.yaml")]).stdout
    assert "  ~ 行政机关负责人出庭应诉率：90% → 100%，+10.00个百分点，上升" in shown


# ---------------------------------------------------------------- lawgov build's options


def test_build_takes_last_years_report_like_check(
    pair: Path, tmp_path: Path, runner: CliRunner
) -> None:
    elsewhere = tmp_path / "this"
    elsewhere.mkdir()
    source = elsewhere / "report.yaml"
    shutil.copy(pair / "2022.yaml", source)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "| 2021年 |" not in (out / "report.md").read_text(encoding="utf-8")
    result = runner.invoke(
        app,
        ["build", str(source), "-f", "md", "-o", str(out), "--previous", str(pair / "2021.yaml")],
    )
    assert result.exit_code == 0, result.stderr
    table = (out / "report.md").read_text(encoding="utf-8")
    assert "| 项目 | 单位 | 2022年 | 2021年 | 增减 |" in table
    assert "| 行政复议收案数 | 件 | 61 | 48 | +13（+27.1%） |" in table
    refused = runner.invoke(
        app,
        ["build", str(source), str(pair / "2021.yaml"), "--previous", str(pair / "2021.yaml")],
    )
    assert refused.exit_code == 2
    assert "--previous names last year's report of one file; give one report file with it" in (
        refused.stderr
    )
    refused = runner.invoke(app, ["check", str(pair), "--previous", str(pair / "2021.yaml")])
    assert refused.exit_code == 2  # a directory of reports is several reports too


def test_build_formats_repeated_or_comma_separated(tmp_path: Path, runner: CliRunner) -> None:
    source = _report(tmp_path, "")
    result = runner.invoke(
        app, ["build", str(source), "-f", "md", "-f", "html,md", "-o", str(tmp_path / "a")]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        str(tmp_path / "a" / "r.md"),
        str(tmp_path / "a" / "r.html"),
    ]
    refused = runner.invoke(app, ["build", str(source), "-f", "md", "-f", "odt"])
    assert refused.exit_code == 2
    assert "unknown format odt" in refused.stderr


def test_trend_plots_follow_the_previous_named_on_the_command_line(tmp_path: Path) -> None:
    from lawgov_report.pipeline import TemplateChoice, render_options

    last = _plotted(
        tmp_path, {2019: "  复议收案: 30\n", 2020: "  复议收案: 41\n", 2021: "  复议收案: 48\n"}
    )
    elsewhere = tmp_path / "this-year"
    elsewhere.mkdir()
    source = elsewhere / "report.yaml"
    text = last.read_text(encoding="utf-8").replace("2021", "2022").replace("48", "61")
    source.write_text(text, encoding="utf-8")
    checked = check(source, CheckOptions(previous=last))
    assert checked.previous is not None
    assert checked.previous.year == 2021
    options = render_options(checked, source, TemplateChoice(), last)
    assert [r.year for r in options.history] == [2019, 2020]
