"""Text in spreadsheet cells stays text: formula-like values are neutralised in every export."""

from __future__ import annotations

import csv

import pandas as pd

# A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read `text` as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralised(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return f"'{text}" if formula_like(text) else text


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with a BOM, so Excel reads accents) where no text is a formula.

    Every text is quoted: a bare carriage return inside one (`x\r=2+2`) would otherwise end the
    cell for a spreadsheet, and what follows it would start a new cell as a formula."""
    safe = frame.map(lambda v: neutralised(v) if isinstance(v, str) else v)
    safe.columns = [neutralised(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")
