"""Create the warehouse schema and (re)build every relation in `sql/`, in one explicit order."""

from __future__ import annotations

import hashlib

import duckdb

from etl.formats import FORMATS
from settings import SQL

RAW = (
    "settings",
    "import_runs",
    "import_files",
    "import_replacements",
    "rejects",
    "skipped_rows",
    "raw_exchange_rates",
    "raw_clients",
    "raw_aliases",
    "raw_rate_card",
    "raw_projects",
    "raw_deliverables",
    "raw_time_entries",
    "raw_expenses",
    "raw_invoices",
    "raw_invoice_lines",
    "raw_targets",
    "raw_pipeline",
)

# Each entry is a file `sql/<folder>/<name>.sql` holding one SELECT; staging and metrics become
# views (metrics read the as-of date at query time), marts become tables (joined once per import).
RELATIONS = (
    ("staging", "stg_clients"),
    ("staging", "stg_aliases"),
    ("staging", "stg_rate_card"),
    ("staging", "stg_projects"),
    ("staging", "stg_deliverables"),
    ("staging", "stg_time_entries"),
    ("staging", "stg_expenses"),
    ("staging", "stg_invoices"),
    ("staging", "stg_invoice_lines"),
    ("staging", "stg_targets"),
    ("staging", "stg_pipeline"),
    ("marts", "client_names"),
    ("marts", "rate_card"),
    ("marts", "projects"),
    ("marts", "project_names"),
    ("marts", "clients"),
    ("marts", "time_entries"),
    ("marts", "time_day"),
    ("marts", "expenses"),
    ("marts", "invoices"),
    ("marts", "deliverables"),
    ("marts", "daily_activity"),
    ("marts", "project_totals"),
    ("marts", "targets"),
    ("marts", "pipeline"),
    ("metrics", "activity_day"),
    ("metrics", "activity_month"),
    ("metrics", "client_month"),
    ("metrics", "project_summary"),
    ("metrics", "invoice_status"),
    ("metrics", "deliverable_status"),
    ("metrics", "project_health"),
    ("metrics", "person_month"),
    ("metrics", "client_ttm"),
    ("metrics", "revenue_retention"),
    ("metrics", "client_concentration"),
    ("metrics", "ar_aging"),
    ("metrics", "forecast_origins"),
    ("metrics", "forecast_contracted"),
    ("metrics", "forecast_pipeline"),
    ("metrics", "forecast_baseline"),
    ("metrics", "revenue_forecast"),
    ("metrics", "forecast_backtest"),
    ("metrics", "client_plan"),
)
MATERIALIZE = {"staging": "VIEW", "marts": "TABLE", "metrics": "VIEW"}
# Time entries are the one big relation: their links are stored with the raw rows (see
# `link_time_entries`), so the mart is a view and an import never rewrites a million rows twice.
VIEWS = {"time_entries"}
# What stored time-entry links are resolved against; rebuilt before a time file is linked.
LINK_INPUTS = RELATIONS[: RELATIONS.index(("marts", "project_names")) + 1]
# What a client's name resolves against; rebuilt before the rows of a file keyed by one are
# compared with each other and with earlier rows.
NAME_INPUTS = RELATIONS[: RELATIONS.index(("marts", "client_names")) + 1]


def read_sql(folder: str, name: str) -> str:
    """The text of `sql/<folder>/<name>.sql`."""
    return (SQL / folder / f"{name}.sql").read_text(encoding="utf-8")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Raw tables, bookkeeping tables and the macros imports and views use."""
    for name in RAW:
        con.execute(read_sql("raw", name))
    con.execute(read_sql("macros", "names"))
    con.execute(read_sql("macros", "kpis"))
    con.execute(read_sql("macros", "scope"))
    con.execute(read_sql("macros", "parsers"))
    con.executemany(
        "UPDATE import_files SET source_label = $label "
        "WHERE source_label IS NULL AND source_format = $name",
        [{"label": fmt.label, "name": fmt.name} for fmt in FORMATS],
    )


def sql_version() -> str:
    """A fingerprint of every SQL file: a warehouse built from other files needs a rebuild."""
    digest = hashlib.sha256()
    for path in sorted(SQL.rglob("*.sql")):
        digest.update(path.relative_to(SQL).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def built_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The SQL fingerprint the warehouse's views were built from."""
    rows = con.execute("SELECT value FROM settings WHERE key = 'sql_version'").fetchall()
    return rows[0][0] if rows else None


def build_views(con: duckdb.DuckDBPyConnection, relations: tuple = RELATIONS) -> None:
    """(Re)create staging views, mart tables and metric views from the raw tables, and relink
    the stored time entries if what they link to has changed."""
    _drop_tables(con, relations)
    for folder, name in relations:
        kind = "VIEW" if name in VIEWS else MATERIALIZE[folder]
        # The relation's name is its file's name; no value from outside reaches this text.
        statement = f"CREATE OR REPLACE {kind} {name} AS {read_sql(folder, name)}"
        con.execute(statement)
        if (folder, name) == LINK_INPUTS[-1]:
            link_time_entries(con)  # before the relations that sum time entries
    con.execute("INSERT OR REPLACE INTO settings VALUES ('sql_version', $v)", {"v": sql_version()})


def _drop_tables(con: duckdb.DuckDBPyConnection, relations: tuple) -> None:
    """Drop the mart tables among `relations` and free their space before they are built again.

    DuckDB frees a replaced table's blocks only at the next checkpoint, after the new table was
    written beside it, and never shrinks a file: CREATE OR REPLACE made every import's version
    larger by the marts' size. Dropped and checkpointed first, their blocks are reused by the
    tables written next."""
    stored = "SELECT table_name FROM duckdb_tables() WHERE NOT temporary"
    tables = {name for (name,) in con.execute(stored).fetchall()}
    marts = [
        name
        for folder, name in relations
        if MATERIALIZE[folder] == "TABLE" and name not in VIEWS and name in tables
    ]
    for name in marts:  # a view reading one is bound when it is queried: it waits for the new one
        con.execute(f"DROP TABLE {name}")
    if marts:
        con.execute("CHECKPOINT")


def linking(con: duckdb.DuckDBPyConnection, links: str, rows: str) -> str:
    """The SELECT of `sql/links/<links>.sql` over `rows` (SQL giving raw-table rows): the rows
    with their links resolved."""
    # The link SQL reads its rows from this view; the name and `rows` are the code's own SQL
    # text (values reach it as session variables), so nothing from outside is spliced in.
    con.execute(f"CREATE OR REPLACE TEMP VIEW {links}_to_link AS {rows}")
    return read_sql("links", links)


def link_time_entries(con: duckdb.DuckDBPyConnection) -> None:
    """Re-resolve every stored time entry's links unless they were resolved against the current
    projects, client names and rate card (by the current SQL)."""
    digest = con.execute(read_sql("links", "fingerprint")).fetchall()[0][0]
    fingerprint = f"{sql_version()}:{digest}"
    stored = con.execute("SELECT value FROM settings WHERE key = 'time_links'").fetchall()
    if stored and stored[0][0] == fingerprint:
        return
    relink = linking(con, "time_entries", "FROM raw_time_entries")
    con.execute(f"CREATE OR REPLACE TEMP TABLE relinked AS {relink}")
    con.execute("DELETE FROM raw_time_entries")
    # The checkpoint frees the old rows' blocks for the new ones: without it the version file
    # would hold both (a full relink made the large demo studio's warehouse 79% larger).
    con.execute("CHECKPOINT")
    con.execute("INSERT INTO raw_time_entries BY NAME FROM relinked")
    con.execute("DROP TABLE relinked")
    con.execute("INSERT OR REPLACE INTO settings VALUES ('time_links', $v)", {"v": fingerprint})
