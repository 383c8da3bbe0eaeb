"""Deterministic synthetic creative studio, written as real-format export files (SPEC F14).

The studio is simulated day by day: every person logs their working hours on the projects
they are staffed on, so weekly hours, seasonality and client mix come out of one model.
Budgets are set from the simulated hours afterwards, which is what lets each client's
story (over budget, slipping, growing, ...) be dialled in exactly.

write_demo runs the stages in order: demo.build (people, projects, staffing, expenses),
demo.timesheet (the day-by-day simulation, written as the time report), demo.billing (budgets
from the simulated hours, invoices, the Xero export), demo.files (the studio's templates) and
demo.plans (targets and the sales pipeline).
demo.spec holds the cast and the dials, demo.model the objects and the shared arithmetic.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from demo.billing import build_invoices, set_budgets, write_xero
from demo.build import build_studio
from demo.files import (
    write_clients,
    write_deliverables,
    write_expenses,
    write_projects,
    write_rate_card,
)
from demo.plans import write_pipeline, write_targets
from demo.spec import (
    CLIENTS_FILE,
    DELIVERABLES_FILE,
    EXPENSES_FILE,
    FILES,
    PIPELINE_FILE,
    PROJECTS_FILE,
    RATE_CARD_FILE,
    SCALES,
    TARGETS_FILE,
    TIME_FILE,
    XERO_FILE,
)
from demo.timesheet import write_time_report


def write_demo(out_dir: Path, *, seed: int = 7, scale: str = "small", as_of: date) -> list[Path]:
    """Write the demo studio's export files into out_dir and return their paths (sorted)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}: choose one of {', '.join(SCALES)}")
    studio = build_studio(seed, SCALES[scale], as_of)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_time_report(out_dir / TIME_FILE, studio)
    set_budgets(studio)
    invoices = build_invoices(studio)
    write_xero(out_dir / XERO_FILE, studio, invoices)
    write_projects(out_dir / PROJECTS_FILE, studio)
    write_deliverables(out_dir / DELIVERABLES_FILE, studio)
    write_expenses(out_dir / EXPENSES_FILE, studio)
    write_rate_card(out_dir / RATE_CARD_FILE, studio)
    write_clients(out_dir / CLIENTS_FILE, studio)
    write_targets(out_dir / TARGETS_FILE, studio)
    write_pipeline(out_dir / PIPELINE_FILE, studio)
    return sorted(out_dir / name for name in FILES)
