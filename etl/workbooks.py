"""A workbook's sheets as text, read in a child process bounded in memory and time.

The spreadsheet reader (python-calamine) lays a sheet out as one dense block from its first to
its last cell: a 5 KB file with cells at A1 and XFD1048576 makes it ask for 512 GB and abort the
whole process, which no `try` catches, and a zip bomb unpacks to gigabytes. So the archive's
stated sizes are checked first, and the reading itself happens in a child process
(`python -m etl.workbooks`) whose address space and time are capped: whatever the file, the CLI
and the app's server survive it and say what went wrong.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

from settings import CODE

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the reading process, in bytes
TIME_LIMIT = 120  # seconds to read one workbook
MAX_UNPACKED = 1024 * 1024 * 1024  # bytes an .xlsx/.ods archive may unpack to
MAX_CELLS = 50_000_000  # cells a sheet may say it spans (1 M rows of 50 columns)
SAVE_AS_CSV = "Save the sheet as CSV (UTF-8) and import that file"
DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')

Sheets = list[tuple[str, list[list[str | None]]]]  # (sheet name, rows of cell texts)


class WorkbookError(Exception):
    """A workbook that cannot be read within bounds; the message names the file and why."""


def read_sheets(path: Path, rows: int | None = None) -> Sheets:
    """Every sheet of the workbook at `path` as rows of cell texts (None when blank), or only
    each sheet's first `rows` rows."""
    check_archive(path)
    command = [sys.executable, "-m", "etl.workbooks", str(path.resolve()), str(rows or 0)]
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=TIME_LIMIT, check=False, cwd=CODE
        )
    except subprocess.TimeoutExpired:
        raise WorkbookError(
            f"{path.name}: reading the workbook took longer than {TIME_LIMIT} s, so it was "
            f"stopped. {SAVE_AS_CSV}."
        ) from None
    if done.returncode == 2:  # the reader's own message about the file
        raise WorkbookError(f"{path.name}: could not be opened as a workbook ({_said(done)})")
    if done.returncode != 0:
        raise WorkbookError(
            f"{path.name}: the workbook could not be read within "
            f"{MEMORY_LIMIT // 2**20:,} MB of memory; its sheets are laid out larger than any "
            f"export (a cell far to the right or far down, or a damaged file). {SAVE_AS_CSV}."
        )
    return pickle.loads(done.stdout)


def _said(done: subprocess.CompletedProcess) -> str:
    """The last line the reading process wrote to its error output."""
    lines = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else "no reason given"


def check_archive(path: Path) -> None:
    """Refuse an .xlsx/.xlsm/.ods whose parts unpack to more than MAX_UNPACKED bytes or whose
    sheets say they span more than MAX_CELLS cells, before anything is unpacked in earnest."""
    if not zipfile.is_zipfile(path):
        return  # .xls, or not a workbook: the reader says so
    try:
        _check_parts(path)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError) as exc:
        raise WorkbookError(
            f"{path.name}: could not be opened as a workbook ({_damage(exc)}). Save it again "
            "from the spreadsheet program without a password, or save the sheet as CSV (UTF-8) "
            "and import that file."
        ) from None


def _damage(exc: Exception) -> str:
    """Why a workbook's archive could not be unpacked, in a user's words."""
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "it is protected by a password"
    if isinstance(exc, NotImplementedError):
        return "it is compressed in a way that cannot be unpacked here"
    return f"the file is damaged: {exc}"


def _check_parts(path: Path) -> None:
    """`check_archive`'s checks of the parts' sizes and the sheets' stated ranges."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_UNPACKED:
            raise WorkbookError(
                f"{path.name}: the workbook unpacks to {unpacked / 2**20:,.0f} MB "
                f"(from {path.stat().st_size / 2**20:,.1f} MB on disk), more than the "
                f"{MAX_UNPACKED / 2**20:,.0f} MB an export holds. {SAVE_AS_CSV}."
            )
        for part in parts:
            if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                with archive.open(part) as sheet:
                    _check_dimension(path, sheet.read(4096))


def _check_dimension(path: Path, head: bytes) -> None:
    """Refuse a sheet whose stated range (`<dimension ref="A1:XFD1048576"/>`) is absurd."""
    found = DIMENSION.search(head)
    if not found:
        return
    first_column, first_row, last_column, last_row = found.groups()
    columns = _column_number(last_column or first_column) - _column_number(first_column) + 1
    rows = int(last_row or first_row) - int(first_row) + 1
    if columns * rows > MAX_CELLS:
        reference = found.group(0).decode().split('"')[1]
        raise WorkbookError(
            f"{path.name}: a sheet says it spans {reference} ({rows:,} rows × {columns:,} "
            f"columns), more than {MAX_CELLS:,} cells; no export is that large. "
            "Delete the far-away cells or formatting, or save the sheet as CSV (UTF-8)."
        )


def _column_number(letters: bytes) -> int:
    """A spreadsheet column's number: A = 1, Z = 26, AA = 27, XFD = 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def cell_text(value: object) -> str | None:
    """A spreadsheet cell as the text a CSV export would hold (dates ISO, no float noise)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _read(path: str, rows: int) -> Sheets:
    """In the child: every sheet's rows as cell texts."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    sheets = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        cells = sheet.to_python(skip_empty_area=False, nrows=rows or None)
        sheets.append((name, [[cell_text(v) for v in row] for row in cells]))
    return sheets


def main() -> int:
    """The child: cap its own memory, read the workbook, write the sheets to stdout."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    path, rows = sys.argv[1], int(sys.argv[2])
    try:
        sheets = _read(path, rows)
    except MemoryError:
        return 3
    except Exception as exc:  # calamine raises its own error types per file problem
        print(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, file=sys.stderr)
        return 2
    sys.stdout.buffer.write(pickle.dumps(sheets, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
