"""Downloads opened in a spreadsheet never run a cell as a formula."""

from __future__ import annotations

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
    assert csv_bytes(frame).decode("utf-8-sig") == "line,value\n5,'=1+1\n6,lots\n"
