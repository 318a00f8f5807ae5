"""The summary's sentences in the reports' register, from the apps' items
(federation.kernel.hooks.SummaryItem).

- A line of work is "（一）<name>。<opening sentence>一是…。二是…。"; a line with nothing to say is
  left out.
- An item's phrase is split into clauses at "，" and into parts at "、"; a part whose figure is
  zero or missing is left out, and so is the item when its main (first) figure is.
- Each figure is written with its unit once, money in 万元 from 10,000 元
  (federation.kernel.numbers).
- A comparison with last year only where last year has a figure of at least
  MIN_CHANGE_BASE; progress against the annual target where one is set ("完成年度任务的58%").
"""

from __future__ import annotations

import re

from federation.kernel import numbers
from federation.kernel.hooks import Figure, SummaryItem

PLACEHOLDER = re.compile(r"\{(\w+)\}")
NUMERALS = "一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (up to 99)."""
    if n < 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def written(f: Figure) -> str:
    return numbers.figure(f.value, f.unit, f.money, f.rounded)


def comparison(f: Figure) -> str:
    """"同比增长12.3%" / "同比下降4%" / "与去年同期持平"; "" without a comparable last year."""
    change = f.change
    if numbers.is_empty(f.value) or change is None:
        return ""
    if change == 0:  # no sentence about a zero
        return ""
    return f"同比{'增长' if change > 0 else '下降'}{numbers.percent(abs(change))}"


def progress(f: Figure) -> str:
    if numbers.is_empty(f.value) or f.progress is None:
        return ""
    return f"完成年度任务的{numbers.percent(f.progress)}"


def main_figure(item: SummaryItem) -> Figure | None:
    for key in PLACEHOLDER.findall(item.phrase):
        found = item.figure(key)
        if found is not None:
            return found
    return item.figures[0] if item.figures else None


def sentence(item: SummaryItem) -> str:
    """The item as one sentence without the closing "。", or "" when it has nothing to say."""
    if not item.phrase:
        return item.highlight.rstrip("。")
    main = main_figure(item)
    if main is not None and numbers.is_empty(main.value):
        return ""
    clauses, main_at = [], None
    main_key = f"{{{main.key}}}" if main is not None else None
    for clause in item.phrase.split("，"):
        parts = []
        for part in clause.split("、"):
            keys = PLACEHOLDER.findall(part)
            figures = [item.figure(key) for key in keys]
            if any(f is None or numbers.is_empty(f.value) for f in figures):
                continue
            parts.append(PLACEHOLDER.sub(lambda m: written(item.figure(m.group(1))), part))
        if parts:
            if main_key and main_key in clause and main_at is None:
                main_at = len(clauses)
            clauses.append("、".join(parts))
    if not clauses:
        return ""
    if main is not None:
        # The comparison and the progress follow the clause that states the main figure.
        extra = [text for text in (comparison(main), progress(main)) if text]
        at = len(clauses) if main_at is None else main_at + 1
        clauses[at:at] = extra
    text = "，".join(clauses)
    if item.highlight:
        text += "，" + item.highlight.rstrip("。")
    return text


def enumerate_items(sentences: list[str]) -> str:
    """"一是…。二是…。" (one item: the sentence alone)."""
    sentences = [s for s in sentences if s]
    if len(sentences) == 1:
        return sentences[0] + "。"
    return "".join(f"{chinese_ordinal(n)}是{s}。" for n, s in enumerate(sentences, start=1))


def paragraph(intro: str, items: list[SummaryItem]) -> str:
    """A line of work's paragraph after its heading, or "" when no item has anything to say."""
    body = enumerate_items([sentence(item) for item in sorted(items, key=lambda i: i.order)])
    if not body:
        return ""
    return (intro or "") + body


def numbered_heading(n: int, name: str) -> str:
    return f"（{chinese_ordinal(n)}）{name}"
