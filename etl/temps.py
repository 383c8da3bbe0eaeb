"""The temp relations and session variables an import keeps in its connection while it reads,
parses and loads one file, each named once here with what it holds, who creates it, who reads
it and when it goes.

The import reads its files one after the other on one connection. Each file replaces what the
file before it left (`CREATE OR REPLACE`, `SET VARIABLE`) before anything reads it, so nothing
of an earlier file is read for a later one; what the last file left goes with the connection
(the run's copy of the warehouse, `etl.warehouse.new_version`). None of it is stored.

Not the import's scratch, so not named here: the parsing macros (`cell_text`, `parse_date`, …
in `sql/macros/parsers.sql`, created by `build.create_schema`), `etl.build`'s own view
`<links>_to_link` and table `relinked`, and the variable `as_of` of the metric views
(`sql/macros/names.sql`), which `load.reconcile` sets and resets.

Every name is an identifier the code owns; values reach SQL only as parameters.
"""

from __future__ import annotations

# Reading a file (etl/sources.py) -------------------------------------------------------------

SOURCE = "src"
"""View: the file's records after the header: `line`, then one column per cell (`c0`, `c1`, …),
its text trimmed, NULL when blank; a currency named in the header is one more cell.
Created: `sources._define_views`, from `read_source`, and again once the records are numbered.
Read: `parse.parse_sql` (run by `sources.read_into`).
Gone: replaced by the next file."""

SOURCE_CELLS = "src_cells"
"""View: `src` without `line`.
Created: `sources._define_views`, with `src`.
Read: `parse.profile_values`.
Gone: replaced by the next file."""

CSV_SCAN = "src_csv"
"""View: the cells the import reads, straight from the CSV (`read_csv` with the options in the
`CSV_*` variables), in file order; lines unknown.
Created: `sources._define_csv_views`.
Read: `src` and `src_cells` over it; `sources.COPY_RECORDS`.
Gone: replaced by the next CSV; unread once `src` is over another table."""

CSV_RECORDS = "src_text"
"""Table: a copy of `src_csv`, in file order.
Created: `sources.COPY_RECORDS`, run by `sources._number_records` and `sources._scan_csv`.
Read: `src` (line = row id + `FIRST_LINE`) or `NUMBERED`.
Gone: replaced by the next copy."""

NUMBERED = "src_numbered"
"""Table: the records with the exact line each starts on: a CSV's (split by DuckDB or by
Python) or a sheet's rows.
Created: `sources._scan_csv`, `sources._from_rows`.
Read: `src` over it.
Gone: replaced by the next file read so."""

RECORD_STARTS = "starts"
"""Registered DataFrame: the line each record of `src_text` starts on.
Created: `sources._scan_csv`.
Read: `sources._scan_csv` (to make `src_numbered`).
Gone: unregistered by the function that registers it."""

ROWS_FRAME = "src_frame"
"""Registered DataFrame: records Python split into cells.
Created: `sources._from_rows`.
Read: `sources._from_rows` (to make `src_numbered`).
Gone: unregistered by the function that registers it."""

REJECT_ERRORS = "reject_errors"
"""Table: the CSV records DuckDB could not split (`store_rejects`; the name is DuckDB's own).
Created: DuckDB, during a scan of `src_csv`.
Read: `sources._scan_csv`.
Gone: dropped by `sources._run_scan` before every scan."""

REJECT_SCANS = "reject_scans"
"""Table: the scans `reject_errors` refers to (`store_rejects`; DuckDB's own name).
Created: DuckDB, during a scan of `src_csv`.
Read: nothing of the import.
Gone: dropped by `sources._run_scan` before every scan."""

# Parsing it (etl/parse.py, etl/load.py) ------------------------------------------------------

PROFILE = "src_profile"
"""Table: a histogram of each number, duration, date and currency column of `src_cells`.
Created: `parse.profile_values`.
Read: `parse.profile_values` (to make `src_values`).
Gone: replaced by the next file whose values are profiled."""

VALUES = "src_values"
"""Table: the distinct texts of those columns (`col`, `v`, `uses`).
Created: `parse.profile_values`, when `parsed` says the file's values must settle how it reads,
and for a file with shares.
Read: `parse.values_of`, for `parse.decimal_comma`, `parse.date_order` and
`parse.percent_shares`; `load.file_options` calls the first two only after `profile_values` for
the same file, and the last profiles it itself.
Gone: replaced by the next file whose values are profiled."""

PARSED = "parsed"
"""Table: the file's rows typed, with what they hold (`parse.seen_sql`), `problem` and
`problem_value`; furniture is deleted from it and duplicate keys marked.
Created: `load._parse` (through `sources.read_into`), once or twice per file.
Read: `load` (`reporting_currency`, `file_options`, `load_source`, `_keep_skipped`,
`_keep_rejects`, `_insert_replacing`), `parse.settle`, `parse.mark_duplicates`,
`parse.needs_conversion`.
Gone: replaced by the next file."""

# Loading it (etl/load.py) --------------------------------------------------------------------

FILE_SCOPE = "file_scope"
"""Table: the combinations of client, project and person a dated file holds.
Created: `load._file_scope`.
Read: the condition `_file_scope` returns, used within `load._insert_replacing` (`_superseded`,
`_earlier_rows`, `_replace`) for the same file.
Gone: replaced by the next file of a scoped kind (time entries, expenses)."""

EARLIER_FILLS = "earlier_fills"
"""Table: per file of the same format and dates, which scope columns it fills.
Created: `load._file_scope`, when the file fills any.
Read: as `file_scope`; the condition names it only when it was created for this file.
Gone: replaced by the next such file."""

# Session variables (read in SQL with `variable`) ---------------------------------------------

CSV_PATH = "csv_path"
CSV_SKIP = "csv_skip"
CSV_DELIM = "csv_delim"
CSV_COLUMNS = "csv_columns"
CSV_PARALLEL = "csv_parallel"
"""The `read_csv` options of the CSV being read (`sources.CsvOptions`).
Set: `sources._define_csv_views`, for every CSV; `csv_parallel` again by `sources._run_scan`
when DuckDB needs its single-threaded reader for the file.
Read: `src_csv`."""

FIRST_LINE = "src_first_line"
"""The line of a CSV's first record.
Set: `sources._number_records`.
Read: `src` over `src_text`."""

HEADER_CURRENCY = "header_currency"
"""The currency named in the file's header (`Billable Rate (EUR)`).
Set: `sources._define_views`, when the file's layout has one.
Read: `src` and `src_cells`, only then."""

FILE_ID = "file_id"
SOURCE_FORMAT = "source_format"
"""The id and format name of the file whose rows are inserted.
Set: `load._insert_replacing`.
Read: its SELECT of the incoming rows (also inside `etl.build.linking`'s view)."""


def variable(name: str) -> str:
    """SQL reading the session variable `name` (one of the constants above)."""
    return f"getvariable('{name}')"
