"""The narrative draft (.docx) in the reports' register: 一、<period>工作情况 by line of work,
each "（一）<line>。<opening>一是…。二是…。", then 二、<next>工作思路 drafted from the plan items
and next year's targets (federation.portal.summary.plan). Staff rewrite the text; the figures
come from the same items as the workbook."""

from __future__ import annotations

import datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt

from federation.kernel.hooks import SummaryItem
from federation.kernel.periods import Period
from federation.portal.summary import register
from federation.portal.summary.items import by_line

PERIOD_WORDS = {"Y": "", "H1": "上半年", "H2": "下半年", "Q1": "第一季度", "Q2": "第二季度",
                "Q3": "第三季度", "Q4": "第四季度"}


def period_words(period: Period) -> str:
    """"2026年", "2026年上半年", "2026年1—9月"."""
    if period.kind == "YTD" and not period.is_year:
        return f"{period.year}年1—{period.months[1]}月"
    return f"{period.year}年{PERIOD_WORDS.get(period.kind, '')}"


def title(org_name: str, period: Period) -> str:
    if period.is_year:
        return f"{org_name}{period.year}年工作总结和{period.year + 1}年工作思路"
    plan = "下半年工作思路" if period.kind == "H1" else "下一步工作思路"
    return f"{org_name}{period_words(period)}工作总结和{plan}"


def plan_heading(period: Period) -> str:
    if period.is_year:
        return f"二、{period.year + 1}年工作思路"
    return "二、下半年工作思路" if period.kind == "H1" else "二、下一步工作思路"


def work_sections(items: list[SummaryItem]) -> list[tuple[str, str]]:
    """(heading, paragraph) per line of work with something to say."""
    sections = []
    for line, line_items in by_line(items):
        text = register.paragraph(line.intro, line_items)
        if text:
            sections.append((line.name, text))
    return [(register.numbered_heading(n, name), text)
            for n, (name, text) in enumerate(sections, start=1)]


def opening(org_name: str, period: Period) -> str:
    return (f"{period_words(period)}，{org_name}在区委、区政府的坚强领导和上级妇联的指导下，"
            "以习近平新时代中国特色社会主义思想为指导，团结引领广大妇女建功新时代，"
            "各项工作取得新成效。现将工作情况总结如下。")


def write_narrative(path: Path, *, org_name: str, period: Period, items: list[SummaryItem],
                    plan: list[tuple[str, str]], generated: datetime.datetime) -> None:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_heading(title(org_name, period), 0)
    doc.add_paragraph(f"（草稿，{generated:%Y-%m-%d %H:%M}由妇联工作平台根据填报数据生成，"
                      "文字可自由修改）")
    doc.add_paragraph(opening(org_name, period))
    doc.add_heading(f"一、{period_words(period)}工作情况", 1)
    for heading, text in work_sections(items):
        doc.add_heading(heading, 2)
        doc.add_paragraph(text)
    doc.add_heading(plan_heading(period), 1)
    for heading, text in plan:
        doc.add_heading(heading, 2)
        doc.add_paragraph(text)
    doc.save(path)
