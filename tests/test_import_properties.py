"""Property test: whatever rows an export holds, the importer never crashes and loses nothing."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.formats import FORMATS, Format
from etl.load import ImportFailure, load_files

PLAUSIBLE = {
    "text": st.sampled_from(["Acme Corporation", "Birch & Co ", "Café Søren", "P-1", ""]),
    "number": st.sampled_from(["7.5", "1,234.50", "2.000,0", "$13.50", "(12.50)", "0", ""]),
    "duration": st.sampled_from(["1:30:00", "01:30", "1.5", "0:00:00", "25:00"]),
    "date": st.sampled_from(["2026-03-02", "27/03/2026", "03/27/2026", "2026-02-30", ""]),
    "bool": st.sampled_from(["Yes", "No", "Ja", "Nein", "maybe", ""]),
    "currency": st.sampled_from(["EUR", "Euro - EUR", "USD", "€", ""]),
    "fraction": st.sampled_from(["35%", "0.35", "35", "140%", "-0.1", "0,35", ""]),
    "year": st.sampled_from(["2026", "1999", "26", "2026.5", ""]),
}
HOSTILE = st.one_of(
    st.text(max_size=30),  # any Unicode, control characters included
    st.sampled_from(['quote " inside', "line\nbreak", "9" * 40, "-", "=SUM(A1)", "1e308"]),
)


FURNITURE = st.sampled_from([
    ["Total", "", "12.5"],
    ["Grand total"],
    ["Friday, 4 July 2025 09:12 AM GMTZ", "", "", ""],
    ["", "", ""],
])  # fmt: skip
TITLES = st.lists(
    st.sampled_from([["Time report"], ["Acme Studio", ""], ["1 Mar 2026 - 31 Mar 2026"]]),
    max_size=3,
)


@st.composite
def export_file(draw: st.DrawFn, fmt: Format) -> str:
    """A CSV in `fmt`'s layout with plausible, corrupt, missing and extra cells; maybe a BOM,
    title rows, blank lines, totals and a footer, as report exports have."""
    headers = list(dict.fromkeys(c.headers[0] for c in fmt.columns.values()))
    parsers = {c.headers[0]: c.parser for c in fmt.columns.values()}
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        row = [draw(st.one_of(PLAUSIBLE[parsers[h]], HOSTILE)) for h in headers]
        width = draw(st.sampled_from([len(row), len(row), len(row) - 1, len(row) + 2]))
        rows.append((row + ["extra"] * 2)[:width])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerows(draw(TITLES))
    writer.writerow(headers)
    for row in rows:
        if draw(st.booleans()) and draw(st.booleans()):
            out.write("\n")  # a blank line
        writer.writerow(row)
    writer.writerows(draw(st.lists(FURNITURE, max_size=2)))
    return ("\ufeff" if draw(st.booleans()) else "") + out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_rows_are_loaded_rejected_or_skipped_never_lost(fmt, data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop")
    path = folder / f"{fmt.name}.csv"
    text = data.draw(export_file(fmt))
    path.write_text(text, encoding="utf-8")
    try:
        (result,) = load_files([path], folder / "w.duckdb", echo=lambda _: None)
    except ImportFailure as failure:  # e.g. dates that fit both orders: refused, and says so
        assert path.name in str(failure)
        return
    # Every record but the header, counted here by Python's csv module (blank lines are none).
    records = sum(
        1 for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")) if row
    )
    assert result.rows_read == records - 1
    assert result.rows_read == result.rows_loaded + result.rows_rejected + result.rows_skipped
