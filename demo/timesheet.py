"""The day-by-day simulation: who works on what each working day, streamed out as the Harvest
detailed time report."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from demo.model import Person, Studio, add_months, money, qh_amount, yes_no
from demo.spec import (
    ACCOUNT_MANAGEMENT_WEIGHT,
    BLANK_CODE_SHARE,
    CATCH_UP_LIMIT,
    CATCH_UP_SLACK,
    CLIENTS,
    COMMON_TASKS,
    CURRENCY_LABEL,
    DAILY_CAP_FACTOR,
    DEFAULT_NON_BILLABLE,
    EMPLOYEE_DAY_QH,
    FREELANCER_DAY_QH,
    HELP_OUT_CHOICES,
    LATE_DECEMBER,
    LATE_DECEMBER_CUT_QH,
    LINE_ROLES,
    MAX_PROJECTS_PER_DAY,
    NON_BILLABLE,
    NOTE_CHANCE,
    NOTES,
    ROLE_TASKS,
    SERVICE_LINES,
    SPLIT_MIN_QH,
    TASK_SPLIT_CHANCE,
    TIME_HEADER,
)


def _task_table() -> dict[tuple[str, str], tuple[tuple[str, ...], tuple[float, ...]]]:
    """Tasks (with weights) a role logs on a service line."""
    table = {}
    for line, line_tasks in SERVICE_LINES.items():
        for role, skills in ROLE_TASKS.items():
            if role == "Account Manager":
                table[line, role] = (COMMON_TASKS[::-1], (ACCOUNT_MANAGEMENT_WEIGHT, 1.0))
                continue
            tasks = tuple(t for t in (*line_tasks, *COMMON_TASKS) if t in skills) or line_tasks
            table[line, role] = (tasks, tuple(1.0 for _ in tasks))
    return table


def _split(total: int, weights: list[float]) -> list[int]:
    """Split total quarter-hours in proportion to weights (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    alloc = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: alloc[i] - raw[i])[: total - sum(alloc)]:
        alloc[i] += 1
    return alloc


def write_time_report(path: Path, studio: Studio) -> None:
    """Simulate every person's working days and stream the Harvest detailed time report."""
    sheet = TimeSheet(studio)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(TIME_HEADER)
        for day in studio.cal.between(studio.first_day, studio.as_of):
            out.writerows(sheet.day_rows(day))


class TimeSheet:
    """Day-by-day simulation: who works on what, turned into time-report rows."""

    def __init__(self, studio: Studio) -> None:
        people = studio.people
        self.studio = studio
        self.rng = studio.rng("time")
        self.tasks = _task_table()
        self.order = sorted(range(len(people)), key=lambda i: people[i].name)
        self.pending = [0] * len(people)  # next assignment to start, per person
        self.active: list[list[tuple[int, int, float]]] = [[] for _ in people]
        self.by_start = sorted(range(len(studio.projects)), key=lambda j: studio.projects[j].start)
        self.started = 0
        self.running: list[int] = []
        self.client_label = [s.aliases[0] if s.aliases else s.name for s in CLIENTS]
        self.invoiced_upto = _tm_invoiced_through(studio).toordinal()
        as_of = studio.as_of
        self.unapproved_from = (as_of - timedelta(days=as_of.weekday())).toordinal()
        self.hours_text = {q: str(q / 4) for q in range(1, 4 * 24)}
        # Shared with the studio: the monthly time-and-materials invoices are built from it.
        self.tm_hours: dict[tuple[int, tuple[int, int], str], int] = defaultdict(int)
        studio.tm_hours = self.tm_hours
        # Today's projects furthest behind plan, per role (per client set for account managers).
        self.behind: dict[str | frozenset[int], list[int]] = {}

    def day_rows(self, day: int) -> list[tuple[str, ...]]:
        """All rows of one working day, sorted by person then project code."""
        projects = self.studio.projects
        while (
            self.started < len(self.by_start)
            and projects[self.by_start[self.started]].start.toordinal() <= day
        ):
            self.running.append(self.by_start[self.started])
            self.started += 1
        self.running = [j for j in self.running if projects[j].work_end.toordinal() >= day]
        self.behind = {}
        rows: list[tuple[str, ...]] = []
        for i in self.order:
            if self.studio.people[i].works(day):
                rows += self._person_rows(i, day)
        return rows

    def _staffed(self, i: int, day: int) -> list[tuple[int, int, float]]:
        """(end, project, weight) of the assignments person i is on today."""
        todo = self.studio.people[i].assignments
        while self.pending[i] < len(todo) and todo[self.pending[i]][0] <= day:
            _, end, j, weight = todo[self.pending[i]]
            self.active[i].append((end, j, weight))
            self.pending[i] += 1
        self.active[i] = [a for a in self.active[i] if a[0] >= day]
        return self.active[i]

    def _entries(
        self, p: Person, staffed: list[tuple[int, int, float]], day: int
    ) -> list[tuple[int, str, int]]:
        """The day's (project, task, quarter-hours), over at most a few projects."""
        rng, rand = self.rng, self.rng.random
        qh = (EMPLOYEE_DAY_QH if p.employee else FREELANCER_DAY_QH) + rng.randint(-3, 3)
        d = date.fromordinal(day)
        if d.month == 12 and d.day >= LATE_DECEMBER[1]:
            qh -= LATE_DECEMBER_CUT_QH
        # Projects behind their plan pull harder, so each ends up near its planned size.
        pull = [(j, w * self._catch_up(j, day)) for _, j, w in staffed]
        if len(pull) > MAX_PROJECTS_PER_DAY:
            # Weighted sampling without replacement (Efraimidis-Spirakis keys).
            pull = sorted(pull, key=lambda a: rand() ** (1 / a[1]))[-MAX_PROJECTS_PER_DAY:]
        work: dict[int, int] = {}
        if pull:
            # Jittered weights: nobody splits their days the same way twice.
            parts = _split(qh, [w * (0.5 + rand()) for _, w in pull])
            for (j, w), part in zip(pull, parts, strict=True):
                # Nobody pads a project far beyond what it needs today.
                work[j] = min(part, max(2, math.ceil(4 * w * DAILY_CAP_FACTOR)))
        spare = qh - sum(work.values())
        helped = self._furthest_behind(p, day) if spare >= 2 else None
        if helped is not None:
            work[helped] = work.get(helped, 0) + spare
        entries = []
        for j, part in work.items():
            if part == 0:
                continue
            names, task_weights = self.tasks[self.studio.projects[j].line, p.role]
            task = rng.choices(names, weights=task_weights)[0]
            if part >= SPLIT_MIN_QH and len(names) > 1 and rand() < TASK_SPLIT_CHANCE:
                other = rng.choice([t for t in names if t != task])
                first = rng.randint(4, part - 4)
                entries += [(j, task, first), (j, other, part - first)]
            else:
                entries.append((j, task, part))
        return entries

    def _furthest_behind(self, p: Person, day: int) -> int | None:
        """A running project in p's field among those furthest behind plan today."""
        key: str | frozenset[int] = p.role
        if p.role == "Account Manager":
            key = frozenset(p.clients)
        if key not in self.behind:
            projects = self.studio.projects
            if p.role == "Account Manager":
                options = [j for j in self.running if projects[j].client in p.clients]
            else:
                options = [j for j in self.running if p.role in LINE_ROLES[projects[j].line]]
            options.sort(key=lambda j: -self._catch_up(j, day))
            self.behind[key] = options[:HELP_OUT_CHOICES]
        options = self.behind[key]
        return self.rng.choice(options) if options else None

    def _catch_up(self, j: int, day: int) -> float:
        """How far project j is behind its planned hours to date (1 = on plan)."""
        proj = self.studio.projects[j]
        planned = proj.intensity * self.studio.cal.count(proj.start, date.fromordinal(day))
        ratio = (planned + CATCH_UP_SLACK) / (proj.hours_qh / 4 + CATCH_UP_SLACK)
        return min(CATCH_UP_LIMIT, max(1 / CATCH_UP_LIMIT, ratio))

    def _person_rows(self, i: int, day: int) -> list[tuple[str, ...]]:
        """One person's rows for a day; also adds them to the project totals."""
        p = self.studio.people[i]
        staffed = self._staffed(i, day)
        rand, d = self.rng.random, date.fromordinal(day)
        bill_rate = self.studio.bill_rates[p.role, d.year]
        cost_rate = p.cost.get(d.year) if not p.employee else None
        approved = yes_no(day < self.unapproved_from)
        rows = []
        for j, task, qh in self._entries(p, staffed, day):
            proj = self.studio.projects[j]
            proj.hours_qh += qh
            billable = rand() >= NON_BILLABLE.get(task, DEFAULT_NON_BILLABLE)
            rate_text = amount_text = cost_text = cost_amount = ""
            invoiced = False
            if billable:
                amount = qh_amount(qh, bill_rate)
                proj.billable_qh += qh
                proj.value_cents += amount
                rate_text, amount_text = money(bill_rate), money(amount)
                if proj.billing == "time_and_materials":
                    self.tm_hours[j, (d.year, d.month), p.role] += qh
                    invoiced = day <= self.invoiced_upto
                else:
                    invoiced = proj.billing == "retainer" or proj.status == "delivered"
            if cost_rate is not None:
                cost_text, cost_amount = money(cost_rate), money(qh_amount(qh, cost_rate))
            note = self.rng.choice(NOTES.get(task, ("",))) if rand() < NOTE_CHANCE else ""
            code = "" if rand() < BLANK_CODE_SHARE else proj.code
            rows.append((
                d.isoformat(), self.client_label[proj.client], proj.name, code, task, note,
                self.hours_text[qh], yes_no(billable), yes_no(invoiced), approved, p.first, p.last,
                p.role, yes_no(p.employee), rate_text, amount_text, cost_text, cost_amount,
                CURRENCY_LABEL, "",
            ))  # fmt: skip
        rows.sort(key=lambda r: (r[3], r[4]))
        return rows


def _tm_invoiced_through(studio: Studio) -> date:
    """Last day of the last month whose time-and-materials invoice is dated by as_of."""
    as_of = studio.as_of
    if studio.cal.last_of_month(as_of.year, as_of.month) <= as_of:
        return add_months(as_of, 1) - timedelta(days=1)
    return as_of.replace(day=1) - timedelta(days=1)
