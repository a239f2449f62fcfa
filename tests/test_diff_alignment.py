"""lawgov diff pairs headings by content: deletions, insertions, moves and edits are each named."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.pipeline import load_report
from lawgov_report.workflow.compare import compare, inline_diff, render_markdown

from helpers import EXAMPLE

NEW_ITEM = (
    "      - title: 推进数字法治建设。\n        run_in: true\n        paragraphs:\n"
    "          - 建成行政执法信息平台，全部执法案件网上办理。\n\n"
)


def _next_year(tmp_path: Path) -> Path:
    """2022 from 2021: one item deleted, one inserted, two swapped, four edited."""
    text = EXAMPLE.read_text(encoding="utf-8")
    # Deleted: the first item of part 三 (the case that used to shift every later item).
    start = text.index("      - title: 在学法、懂法的基础上")
    text = text[:start] + text[text.index("      - title: 进一步规范人员依法行政行为") :]
    # Swapped: items （二） and （三） of part 一.
    second = text.index("      - title: 健全行政决策机制")
    third = text.index("      - title: 深化政务公开")
    fourth = text.index("      - title: 畅通诉求渠道")
    text = text[:second] + text[third:fourth] + text[second:third] + text[fourth:]
    # Inserted: a new item before 畅通诉求渠道.
    fourth = text.index("      - title: 畅通诉求渠道")
    text = text[:fourth] + NEW_ITEM + text[fourth:]
    # Edited: two titles and a text in part 一, one title in part 三.
    for old, new in [
        ("强队伍建设", "强化队伍建设"),
        ("组织开展了“安全生产月”活动", "组织开展了“科技活动周”活动"),
        ("切实提高依法行政人员的业务水平", "切实提高执法人员的业务水平"),
        ("加大督查力度", "加大督查考核力度"),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / "2022.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_change_is_reported_as_what_it_is(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(_next_year(tmp_path))])
    assert result.exit_code == 0, result.stderr
    headings = [
        line for line in result.stdout.splitlines() if re.match(r" *[-+~> ] [一二三（]", line)
    ]
    assert headings == [
        "    一、法治政府建设的主要举措和成效",
        "    ~ （一）强队伍建设，履行第一责任人职责。 → （一）强化队伍建设，履行第一责任人职责。",
        "    > （三）深化政务公开，使权利运行在阳光下。 → （二）深化政务公开，使权利运行在阳光下。",
        "    > （二）健全行政决策机制，规范行政行为。 → （三）健全行政决策机制，规范行政行为。",
        "    + （四）推进数字法治建设。",
        "    ~ （六）丰富普法宣传学习活动形式，加强机关干部法制教育。",
        "    三、下一步工作措施",
        "    - （一）在学法、懂法的基础上，进一步加强学法教育，提高全体干部职工的学法意识。",
        "    ~ （二）进一步规范人员依法行政行为，切实提高依法行政人员的业务水平、业务能力和素质，"
        "推动依法行政工作顺利进行。 → （一）进一步规范人员依法行政行为，切实提高执法人员的业务水平、"
        "业务能力和素质，推动依法行政工作顺利进行。",
        "    ~ （四）进一步加快依法行政工作，加大督查力度，加强责任追究，全面完成法治政府建设的各项"
        "工作任务。 → （三）进一步加快依法行政工作，加大督查考核力度，加强责任追究，全面完成法治政府"
        "建设的各项工作任务。",
    ]
    assert (
        "        ……等法律法规的宣传和普及。组织开展了“[-安全生产月-]{+科技活动周+}”活动和"
        "“安全生产宣传咨询日”……"
    ) in result.stdout.splitlines()


def test_moves_in_the_markdown_review(tmp_path: Path, chinese: None) -> None:
    changes = compare(load_report(EXAMPLE), load_report(_next_year(tmp_path)))
    markdown = render_markdown(changes, "2021.yaml", "2022.yaml")
    assert (
        "    - **移动** （二）健全行政决策机制，规范行政行为。 → （三）健全行政决策机制，规范行政行为。"
        in (markdown.splitlines())
    )
    assert (
        "    - **删除** （一）在学法、懂法的基础上，进一步加强学法教育，提高全体干部职工的学法意识。"
        in (markdown.splitlines())
    )


def test_a_long_move_marks_only_the_item_that_moved(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    first = text.index("      - title: 强队伍建设")
    second = text.index("      - title: 健全行政决策机制")
    last = text.index("  - kind: problems")
    moved = text[:first] + text[second:last] + text[first:second] + text[last:]
    (tmp_path / "moved.yaml").write_text(moved, encoding="utf-8")
    changes = compare(load_report(EXAMPLE), load_report(tmp_path / "moved.yaml"))
    assert [(c.sign, c.label[:6]) for c in changes if c.sign not in "= "] == [(">", "（一）强队伍")]


def test_a_shared_stock_phrase_in_titles_does_not_pair_new_text(tmp_path: Path) -> None:
    """“规范行政行为。” and “规范执法行为。” make two titles half alike; the text decides."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("      - title: 健全行政决策机制")
    end = text.index("      - title: 深化政务公开")
    replaced = (
        "      - title: 推进行政执法“三项制度”，规范执法行为。\n        run_in: true\n"
        "        paragraphs:\n          - 全面落实行政执法公示制度、执法全过程记录制度、"
        "重大执法决定法制审核制度，全年审核重大执法决定3件。\n\n"
    )
    (tmp_path / "2022.yaml").write_text(text[:start] + replaced + text[end:], encoding="utf-8")
    changes = compare(load_report(EXAMPLE), load_report(tmp_path / "2022.yaml"))
    assert [(c.sign, c.label) for c in changes if c.sign not in "= "] == [
        ("+", "（二）推进行政执法“三项制度”，规范执法行为。"),
        ("-", "（二）健全行政决策机制，规范行政行为。"),
    ]


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(6)), st.sets(st.integers(0, 5), max_size=3))
def test_reordering_and_deleting_loses_nothing(order: list[int], deleted: set[int]) -> None:
    """Every item of either year appears once: kept, moved, removed or added — never mixed up."""
    report = load_report(EXAMPLE)
    part = report.parts[0]
    items = list(part.items)
    kept = part.model_copy(update={"items": [items[i] for i in order if i not in deleted]})
    shuffled = report.model_copy(update={"parts": [kept, *report.parts[1:]]})
    changes = compare(report, shuffled)
    start = next(i for i, c in enumerate(changes) if c.depth == 1) + 1
    end = next(i for i, c in enumerate(changes) if c.depth == 1 and i >= start)
    items_shown = [c for c in changes[start:end] if c.depth == 2]
    removed = sorted(c.label[3:] for c in items_shown if c.sign == "-")
    assert removed == sorted(items[i].title for i in deleted)
    assert all(c.sign in "=->" for c in items_shown)
    assert len(items_shown) == len(items)


def test_shortened_context_never_cuts_a_word() -> None:
    old = (
        "建立健全舆情监测、研判、通报、回应机制，及时回应社会关切。强化舆情回应意识和能力，"
        "舆情发生后快速反应、主动介入、及时处置、密切跟进，正确引导社会舆论。"
    )
    new = old.replace("快速反应", "迅速反应")
    diff = inline_diff(old, new, lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}")
    assert diff == "……强化舆情回应意识和能力，舆情发生后[-快-]{+迅+}速反应、主动介入、及时处置、……"
    for piece in diff.split("……"):
        if piece:
            assert piece[0] not in "能力"  # whole words either side
            assert piece[-1] not in "处置"
    # Latin words and numbers are cut at their edges too.
    old = "全县共有7支科技服务队，发放宣传材料10000余份，服务农民6000余人次，覆盖116个重点村。"
    diff = inline_diff(
        old, old.replace("6000", "7000"), lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}"
    )
    assert diff == "……发放宣传材料10000余份，服务农民[-6-]{+7+}000余人次，……"


def test_no_boundary_nearby_keeps_the_text_whole() -> None:
    old = "甲" * 40 + "乙" + "丙" * 40
    diff = inline_diff(old, old.replace("乙", "丁"), lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}")
    assert "……" not in diff
    assert diff == "甲" * 40 + "[-乙-]{+丁+}" + "丙" * 40
