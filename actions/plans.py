"""Account plans and proposals edited in the app: a client's yearly targets and a sales
opportunity (a what-if quote saved as a proposal), each imported as a one-row studio-template
file (targets, pipeline) through the same pipeline as any export. So an edit is a new warehouse
version recorded in the import history with who made it, replaces the row with the same key
(client + year, client + opportunity) and can be undone like any import.

Who may: a director or an admin for any client, an account manager for their own clients (those
whose account manager they are in the clients data, as their scope is made), nobody else."""

from __future__ import annotations

import math
import operator
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from actions.fixes import write_template
from actions.team import MANAGER, Person
from etl.formats import TEMPLATE_PIPELINE, TEMPLATE_TARGETS, Format
from etl.load import FileResult, load_files
from etl.parse import MOST_AMOUNT
from metrics import queries
from metrics.db import current
from metrics.scope import NOT_YOURS
from settings import warehouse_path

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the targets template reads
PROPOSAL = "proposal"  # the stage a saved quote starts in (open: it is forecast)


class PlanError(ValueError):
    """A target or proposal that cannot be saved as typed; the message says what to fix."""


def may_plan(by: Person, client: str) -> bool:
    """Whether `by` may change `client`'s targets and proposals: a director or an admin any
    client's, an account manager their own clients', a viewer none."""
    if by.may_write:
        return True
    if by.role != MANAGER or not client:
        return False
    warehouse = current()
    if warehouse.empty:
        return False
    return queries.manager_scope(warehouse, by.name).allows(client)


def refuse_unless(allowed: bool, by: Person, this_clients: str, any_clients: str) -> None:
    """PermissionError unless `allowed`, worded for `by`: an account manager may not
    `this_clients` (the client is not theirs), anyone else may not `any_clients`."""
    if allowed:
        return
    if by.role == MANAGER:
        # The same words whether the client is another manager's or does not exist.
        raise PermissionError(f"{by.shown_as} may not {this_clients}: {NOT_YOURS}")
    raise PermissionError(
        f"{by.shown_as} may not {any_clients}: ask the client's account manager or a director"
    )


def require_planner(by: Person, client: str) -> None:
    """Refuse a change of `client`'s plans by anyone who may not make it (PermissionError)."""
    refuse_unless(
        may_plan(by, client), by, "change this client's plans", "change plans or proposals"
    )


def save_target(
    client: str,
    year: int,
    revenue_target: float | None,
    margin_target: float | None,
    on_time_target: float | None,
    *,
    by: Person,
) -> list[FileResult]:
    """Set `client`'s targets for `year` (revenue in the reporting currency; margin and on-time
    as fractions 0–1; None sets none), replacing the ones set before for that year.

    PermissionError unless `by` may; PlanError for a value that cannot be a target (nothing is
    written then); etl.load.ImportFailure if the import itself fails (nothing changes)."""
    client = _name(client, "the client")
    require_planner(by, client)
    try:
        year = operator.index(year)
    except TypeError:
        raise PlanError(f"the year must be a whole number, not {year!r}") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PlanError(f"the year must be from {FIRST_YEAR} to {LAST_YEAR}, not {year}")
    row = {
        "client": client,
        "year": str(year),
        "revenue_target": _amount(revenue_target, "the revenue target", required=False),
        "margin_target": _share(margin_target, "the margin target", required=False),
        "on_time_target": _share(on_time_target, "the on-time target", required=False),
    }
    return _record(TEMPLATE_TARGETS, row, by)


def save_proposal(
    client: str,
    opportunity: str,
    service_line: str | None,
    value: float,
    probability: float,
    expected_start: date,
    expected_end: date | None,
    stage: str = PROPOSAL,
    *,
    by: Person,
) -> list[FileResult]:
    """Record the opportunity `opportunity` of `client` in the sales pipeline: its value (in
    the reporting currency), probability (a fraction 0–1), expected dates (no end: the start)
    and stage, replacing an opportunity of the same name for that client.

    PermissionError unless `by` may; PlanError for a value that cannot be recorded (nothing is
    written then); etl.load.ImportFailure if the import itself fails (nothing changes)."""
    client = _name(client, "the client")
    require_planner(by, client)
    if not isinstance(expected_start, date):
        raise PlanError("the proposal needs an expected start date")
    if expected_end is not None and expected_end < expected_start:
        raise PlanError(
            f"the expected end ({expected_end:%-d %b %Y}) is before the expected start "
            f"({expected_start:%-d %b %Y})"
        )
    row = {
        "client": client,
        "opportunity": _name(opportunity, "the opportunity"),
        "service_line": (service_line or "").strip(),
        "value": _amount(value, "the value", required=True),
        "probability": _share(probability, "the probability", required=True),
        "expected_start": expected_start.isoformat(),
        "expected_end": expected_end.isoformat() if expected_end else "",
        "stage": (stage or "").strip(),
    }
    return _record(TEMPLATE_PIPELINE, row, by)


def _name(text: str | None, what: str) -> str:
    """A name as it will be stored, or PlanError when there is none."""
    name = str(text or "").strip()
    if not name:
        raise PlanError(f"{what} needs a name")
    return name


def _number(value: float | None, what: str) -> float | None:
    """`value` as a float (None for a blank), or PlanError when it is not a number."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise PlanError(f"{what} must be a number, not {value!r}") from None
    if math.isnan(number):
        return None
    if math.isinf(number):
        raise PlanError(f"{what} must be a number, not {value!r}")
    return number


def _written(number: float) -> str:
    """A number as the template's cell: plain digits with a decimal point, never an exponent."""
    return f"{Decimal(repr(number)):f}"


def _amount(value: float | None, what: str, required: bool) -> str:
    """A money amount of 0 or more as a cell ('' for a blank one that may be blank)."""
    number = _number(value, what)
    if number is None:
        if required:
            raise PlanError(f"{what} is required")
        return ""
    if number < 0:
        raise PlanError(f"{what} must be 0 or more, not {number:,.2f}")
    if number > MOST_AMOUNT:  # the import would reject it, naming a file the user never saw
        raise PlanError(f"{what} must be at most {MOST_AMOUNT:,}, not {number:,.0f}")
    return _written(number)


def _share(value: float | None, what: str, required: bool) -> str:
    """A share given as a fraction from 0 to 1 (0.35 for 35%) as a cell."""
    number = _number(value, what)
    if number is None:
        if required:
            raise PlanError(f"{what} is required")
        return ""
    if not 0 <= number <= 1:
        raise PlanError(f"{what} must be from 0 to 1 (0% to 100%), not {number:g}")
    # Written as a percentage: the template reads numbers to 4 decimals, so a fraction would
    # lose what a percentage keeps (0.00001 is 0.001%).
    return f"{_written(round(number * 100, 4))}%"


def _record(fmt: Format, row: dict[str, str], by: Person) -> list[FileResult]:
    """Import `row` as a one-row template file named after its kind and the time, as `by`'s
    (the caller has checked that they may)."""
    with tempfile.TemporaryDirectory() as folder:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = write_template(fmt, [row], Path(folder) / f"app-{fmt.kind}-{stamp}.csv")
        return load_files([path], warehouse_path(), echo=lambda _: None, by=by.shown_as)
