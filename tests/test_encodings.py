"""Exports in the encodings real tools and Excel write load with their exact text, and text that
cannot be read exactly is refused with the file and line, never loaded garbled."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from etl import textfile
from etl.load import ImportFailure, describe, load_files
from etl.textfile import RecordCounter
from studio import query

TOGGL = [
    ["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
     "Start time", "End date", "End time", "Duration"],
    ["Zoë Brontë", "zoe@example.com", "Café Müller – Zürich", "“Logo” € budget", "Design",
     "naïve résumé, 2nd round", "Yes", "2026-11-02", "09:00:00", "2026-11-02", "11:30:00",
     "02:30:00"],
    ["Ada Lovelace", "ada@example.com", "Acme", "Brand", "Design", "plain", "No", "2026-11-03",
     "09:00:00", "2026-11-03", "10:00:00", "01:00:00"],
]  # fmt: skip
LATIN_1 = [TOGGL[0], ["José Núñez", "jose@example.com", "Crème brûlée Société", "Carte", "Menu",
                      "Ça va", "Yes", "2026-11-02", "09:00:00", "2026-11-02", "10:00:00", "01:00:00"]]  # fmt: skip


def write(
    path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",", end: str = "\r\n"
) -> Path:
    """A CSV of `rows` in `encoding`, cells with the delimiter quoted, lines ended by `end`
    (CRLF as Excel writes)."""

    def cell(text: str) -> str:
        return f'"{text}"' if delimiter in text else text

    text = "".join(delimiter.join(map(cell, row)) + end for row in rows)
    path.write_bytes(text.encode(encoding))
    return path


def loaded(pointer: Path) -> list[tuple]:
    """The time entries as stored: person, client, project, notes, hours."""
    return query(
        pointer,
        "SELECT person, client, project, notes, hours::DOUBLE FROM raw_time_entries ORDER BY line",
    )


EXPECTED = [
    ("Zoë Brontë", "Café Müller – Zürich", "“Logo” € budget", "naïve résumé, 2nd round", 2.5),
    ("Ada Lovelace", "Acme", "Brand", "plain", 1.0),
]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "label"),
    [
        ("utf-8", ",", "UTF-8"),
        ("utf-8-sig", ",", "UTF-8"),  # with a byte-order mark
        ("cp1252", ",", "Windows-1252"),  # Excel on Windows, "CSV (Comma delimited)"
        ("utf-16", "\t", "UTF-16"),  # Excel "Unicode Text": UTF-16 LE with a mark, tabs
        ("utf-16-be", "\t", "UTF-16"),  # no mark: told by its zero bytes
    ],
)
def test_each_encoding_loads_the_exact_text(tmp_path, encoding, delimiter, label):
    path = write(tmp_path / "toggl.csv", TOGGL, encoding, delimiter)
    pointer = tmp_path / "studio.duckdb"
    (result,) = load_files([path], pointer, echo=lambda _: None)
    assert loaded(pointer) == EXPECTED
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 2, 0)
    assert f"toggl.csv: Toggl Track detailed report, {label} — 2 rows" in describe(result)
    assert query(pointer, "SELECT encoding FROM import_files") == [(result.encoding,)]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_lines_ended_by_a_carriage_return_alone_load_with_their_numbers(tmp_path, encoding):
    """Old Mac exports: the header was not found ("the header lacks: User, Client, …")."""
    rows = [*TOGGL, [*TOGGL[2][:-1], "lots"]]
    path = write(tmp_path / "toggl.csv", rows, encoding, end="\r")
    pointer = tmp_path / "studio.duckdb"
    (result,) = load_files([path], pointer, echo=lambda _: None)
    assert loaded(pointer) == EXPECTED
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 2, 1)
    assert query(pointer, "SELECT line, value FROM rejects") == [(4, "lots")]
    assert query(pointer, "SELECT line FROM raw_time_entries ORDER BY line") == [(2,), (3,)]


def test_carriage_return_lines_with_a_line_feed_inside_a_cell(tmp_path):
    """Excel breaks a line inside a cell with a line feed: the file's lines still end in CR."""
    header, row = ",".join(TOGGL[0]), ",".join(TOGGL[2])
    path = tmp_path / "toggl.csv"
    path.write_text(header + "\r" + row.replace("plain", '"two\nlines"') + "\r" + row + "\r")
    pointer = tmp_path / "studio.duckdb"
    (result,) = load_files([path], pointer, echo=lambda _: None)
    assert (result.rows_read, result.rows_loaded) == (2, 2)
    assert query(pointer, "SELECT line, notes FROM raw_time_entries ORDER BY line") == [
        (2, "two\nlines"), (4, "plain"),  # the first row's two lines: 2 and 3
    ]  # fmt: skip


def test_latin_1_loads_the_exact_text(tmp_path):
    path = write(tmp_path / "toggl.csv", LATIN_1, "latin-1")
    pointer = tmp_path / "studio.duckdb"
    load_files([path], pointer, echo=lambda _: None)
    assert loaded(pointer) == [("José Núñez", "Crème brûlée Société", "Carte", "Ça va", 1.0)]


def test_windows_1252_text_far_into_a_file_is_read_as_such(tmp_path):
    # The first 20,000 rows are plain ASCII, so the file's first bytes look like UTF-8.
    ascii_rows = [[*TOGGL[2][:5], f"row {i}", *TOGGL[2][6:]] for i in range(20_000)]
    path = write(tmp_path / "toggl.csv", [TOGGL[0], *ascii_rows, TOGGL[1]], "cp1252")
    assert path.stat().st_size > 256 * 1024
    pointer = tmp_path / "studio.duckdb"
    (result,) = load_files([path], pointer, echo=lambda _: None)
    assert result.encoding == "cp1252"
    last = query(pointer, "SELECT person, client, project FROM raw_time_entries WHERE line = 20002")
    assert last == [("Zoë Brontë", "Café Müller – Zürich", "“Logo” € budget")]


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        # What a Windows-1252 en dash becomes when the file was converted as Latin-1.
        ("Café Müller \x96 Zürich", "utf-8", "line 3: holds the control character U+0096"),
        ("Caf\ufffd M\ufffdller", "utf-8", "line 3: holds a replacement character (U+FFFD)"),
    ],
)
def test_text_already_garbled_is_refused_with_its_line(tmp_path, text, encoding, message):
    rows = [TOGGL[0], TOGGL[2], [*TOGGL[1][:2], text, *TOGGL[1][3:]]]
    path = write(tmp_path / "toggl.csv", rows, encoding)
    pointer = tmp_path / "studio.duckdb"
    with pytest.raises(ImportFailure) as failure:
        load_files([path], pointer, echo=lambda _: None)
    assert str(failure.value).startswith(f"toggl.csv, {message}")
    assert "Save it again as UTF-8" in str(failure.value)
    assert not pointer.exists()


def test_a_byte_no_encoding_explains_is_refused_with_its_line(tmp_path):
    path = tmp_path / "toggl.csv"
    body = write(tmp_path / "ok.csv", TOGGL, "cp1252").read_bytes()
    path.write_bytes(
        body + b"Ann,a@x,Caf\x81,P,T,D,Yes,2026-11-04,09:00:00,2026-11-04,10:00:00,1:00:00\r\n"
    )
    with pytest.raises(
        ImportFailure, match=r"toggl.csv, line 4: byte 0x81 is not a character in Windows-1252"
    ):
        load_files([path], tmp_path / "studio.duckdb", echo=lambda _: None)


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ("a,b\n1,2\n", 2),
        ("a,b\n1,2", 2),  # no final line break
        ("a,b\r\n\r\n1,2\r\n\n", 2),  # blank lines are not records
        ('a,b\n"1\n2",3\n', 2),  # a quoted line break stays inside its record
        ('a,b\n"say ""hi""\n",3\n,\n', 3),  # doubled quotes; a row of empty cells is a record
        ("", 0),
    ],
)
def test_the_record_counter_counts_records_not_lines(text, records):
    counter = RecordCounter()
    data = text.encode()
    for start in range(0, len(data), 3):  # in chunks that cut records and quoted cells
        counter.add(data[start : start + 3])
    assert counter.total() == records


def test_a_bom_alone_is_an_empty_file(tmp_path):
    path = tmp_path / "toggl.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"\r\n")
    with pytest.raises(ImportFailure, match=r"toggl\.csv: the file is empty"):
        load_files([path], tmp_path / "studio.duckdb", echo=lambda _: None)


@pytest.mark.parametrize(
    ("data", "not_utf8", "bad"),
    [
        ("name\nZoë\nplain text\n".encode(), None, None),  # ë cut between two chunks
        (b"name\nZo\xc3\nplain text\n", (2, 0xC3), None),  # a character left unfinished
        (b"name\nab\xc2\x96\nplain text\n", None, (2, "\x96")),  # C1 control cut between chunks
        (b"name\nplain text\nZo\xc3", (3, 0xC3), None),  # the file ends inside a character
    ],
)
def test_the_byte_pass_checks_utf8_across_chunks_of_plain_ascii(
    tmp_path, monkeypatch, data, not_utf8, bad
):
    # Chunks of 8 bytes: the second ends in the middle of line 2, the rest are ASCII.
    monkeypatch.setattr(textfile, "CHUNK", 8)
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    scan = textfile.scan(path, check_utf8=True)
    assert (scan.not_utf8, scan.bad, scan.lines, scan.records) == (not_utf8, bad, 3, 3)
