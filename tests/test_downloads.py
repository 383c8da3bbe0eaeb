"""Downloads opened in a spreadsheet never run a cell as a formula."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from reports.cells import csv_bytes, neutralised


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Acme", "Acme"),
        ("1-2", "1-2"),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_text(cell, shown):
    assert neutralised(cell) == shown


def test_the_rejects_csv_keeps_numbers_and_quotes_formulas():
    frame = pd.DataFrame({"line": [5, 6], "value": ["=1+1", "lots"]})
    assert csv_bytes(frame).decode("utf-8-sig") == '"line","value"\n5,"\'=1+1"\n6,"lots"\n'


@pytest.mark.parametrize("text", ["x\r=2+2", "x\n=2+2", "x\r\n@SUM(A1)", 'say "=1"\r+1'])
def test_a_line_break_inside_a_text_cannot_start_a_formula_cell(text):
    frame = pd.DataFrame({"client": [text, "Acme"], "hours": [1.5, 2]})
    text_out = csv_bytes(frame).decode("utf-8-sig")
    # As a spreadsheet splits it: the text stays one cell, and no cell starts a formula.
    rows = list(csv.reader(io.StringIO(text_out, newline="")))
    assert rows == [["client", "hours"], [text, "1.5"], ["Acme", "2.0"]]
    quoted = text.replace('"', '""')
    assert f'"{quoted}"' in text_out  # quoted: the line break is inside the cell
