"""The weekly status report as Markdown: the deck's sections, charts given as their data."""

from __future__ import annotations

import re

from reports.content import Report, Table, chart_table

# Where Markdown would find a web address or an e-mail address and make it a link even with
# its marks escaped: "://", "www." and "@" get an invisible word joiner, which no link has.
LINK_STARTS = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")


def render(report: Report) -> bytes:
    """The report as UTF-8 Markdown."""
    lines = [f"# {_escape(report.title)}", "", f"_{_escape(report.subtitle)}_", ""]
    for section in report.sections:
        lines += [f"## {_escape(section.title)}", ""]
        if section.text:
            lines += [_escape(section.text), ""]
        for chart in section.charts:
            lines += [f"**{_escape(chart.title)}**", "", *_table(chart_table(chart)), ""]
        if section.table:
            lines += [*_table(section.table), ""]
    return "\n".join(lines).encode("utf-8")


def _table(table: Table) -> list[str]:
    """A pipe table; text columns left-aligned, figures right-aligned."""
    align = ["---:" if figures else "---" for figures in table.figure_columns()]
    return [
        _row(table.columns),
        f"|{'|'.join(align)}|",
        *(_row(row) for row in table.rows),
    ]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_escape(c) for c in cells) + " |"


def unlinked(text: str) -> str:
    """`text` as it reads, but with no web or e-mail address a Markdown viewer would link."""
    return LINK_STARTS.sub("\u2060", text)


def _escape(text: str) -> str:
    """Text that Markdown shows as written: no table breaks, emphasis, links or HTML."""
    text = unlinked(text)
    for char in "\\|*_[]<>`#":
        text = text.replace(char, f"\\{char}")
    return text.replace("\n", " ")
