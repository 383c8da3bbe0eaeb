"""Property test: whatever rows an export holds, the importer never crashes and loses nothing."""

from __future__ import annotations

import csv
import io
import itertools

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
}
HOSTILE = st.one_of(
    st.text(max_size=30),  # any Unicode, control characters included
    st.sampled_from(['quote " inside', "line\nbreak", "9" * 40, "-", "=SUM(A1)", "1e308"]),
)


@st.composite
def export_file(draw: st.DrawFn, fmt: Format) -> str:
    """A CSV in `fmt`'s layout with plausible, corrupt, missing and extra cells."""
    headers = list(dict.fromkeys(c.headers[0] for c in fmt.columns.values()))
    parsers = {c.headers[0]: c.parser for c in fmt.columns.values()}
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        row = [draw(st.one_of(PLAUSIBLE[parsers[h]], HOSTILE)) for h in headers]
        width = draw(st.sampled_from([len(row), len(row), len(row) - 1, len(row) + 2]))
        rows.append((row + ["extra"] * 2)[:width])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_rows_are_loaded_or_rejected_never_lost(fmt, data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop")
    path = folder / f"{fmt.name}.csv"
    text = data.draw(export_file(fmt))
    path.write_text(text, encoding="utf-8")
    try:
        (result,) = load_files([path], folder / "w.duckdb", echo=lambda _: None)
    except ImportFailure as failure:  # e.g. dates that fit both orders: refused, and says so
        assert path.name in str(failure)
        return
    written = sum(1 for _ in itertools.islice(csv.reader(io.StringIO(text, newline="")), 1, None))
    assert result.rows_read == result.rows_loaded + result.rows_rejected
    assert result.rows_read <= written  # blank and footer rows are not data rows
