"""The demo studio built before any day is simulated: people, projects with their plans and
stories, staffing, and expenses."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from datetime import date, timedelta

from demo.model import (
    Calendar,
    Deliverable,
    Expense,
    Person,
    Project,
    Studio,
    add_months,
    data_years,
    working_calendar,
)
from demo.spec import (
    CANCELLED_SHARE,
    CLIENTS,
    DELIVERABLE_NAMES,
    DELIVERABLES_PER_PROJECT,
    DELIVERY_OFFSETS,
    EMPLOYEE_DAY_QH,
    EXPENSE_CATEGORIES,
    EXTRA_PERSON_HOURS,
    FIRST_NAMES,
    FREELANCER_DAY_QH,
    FREELANCERS,
    HISTORY_YEARS,
    IN_FLIGHT_DAYS,
    JOINERS,
    LAST_NAMES,
    LEAVERS,
    LINE_EXPENSES,
    LINE_ROLES,
    LINE_SHAPES,
    LOST_CLIENT_IDLE_DAYS,
    MANAGERS,
    MOVED_DUE_SHARE,
    NEW_CLIENT_FIRST_START,
    ON_HOLD_PROJECTS,
    PACKAGING_SEASON,
    PACKAGING_SEASON_SHARE,
    PART_TIMERS,
    RETAINER_MONTHLY_HOURS,
    RETAINERS,
    ROLES,
    SECTOR_LINES,
    STAFFING_LEAD_DAYS,
    STAFFING_SHORTLIST,
    STORY_PROJECTS_PER_YEAR,
    TARGET_HOURS_SIGMA,
    UNCOSTED_FREELANCER,
    ClientSpec,
    Scale,
)


def build_studio(seed: int, scale: Scale, as_of: date) -> Studio:
    """Generate people, projects and expenses for the whole period."""
    first_day = date(as_of.year - HISTORY_YEARS, 1, 1)
    cal = working_calendar(first_day - timedelta(days=120), as_of + timedelta(days=550))
    studio = Studio(seed, scale.multiplier, as_of, first_day, cal)
    studio.bill_rates = _role_bill_rates(studio)
    _add_people(studio)
    _add_projects(studio)
    _staff_projects(studio)
    _add_expenses(studio)
    return studio


def _role_bill_rates(studio: Studio) -> dict[tuple[str, int], int]:
    """Bill rate per role and year, raised per role every 1 January."""
    rng = studio.rng("bill_rates")
    rates: dict[tuple[str, int], int] = {}
    for role, (_, bill, _) in ROLES.items():
        rate = float(bill)
        for year in data_years(studio):
            rates[role, year] = round(rate) * 100
            rate *= 1 + rng.uniform(0.03, 0.05)
    return rates


def _person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Distinct (first, last) names that do not clash with the fixed names."""
    taken = {tuple(m.split(" ", 1)) for m in MANAGERS} | {UNCOSTED_FREELANCER[:2]}
    pool = [(f, la) for f in FIRST_NAMES for la in LAST_NAMES if (f, la) not in taken]
    return rng.sample(pool, count)


def _add_people(studio: Studio) -> None:
    """Create employees (with joiners, leavers, part-timers) and freelancers."""
    rng = studio.rng("people")
    mult = studio.multiplier
    roles: list[str] = []
    for role, (_, _, count) in ROLES.items():
        if role != "Account Manager":
            roles += [role] * count * mult
    support_ams = len(MANAGERS) * (mult - 1)
    names = _person_names(rng, len(roles) + support_ams + len(FREELANCERS) * mult)
    people = studio.people
    for i, full in enumerate(MANAGERS):
        first, last = full.split(" ", 1)
        people.append(Person(first, last, "Account Manager", True, 40, studio.first_day))
        people[-1].clients = {c for c, spec in enumerate(CLIENTS) if spec.manager == i}
    for j in range(support_ams):
        first, last = names.pop()
        people.append(Person(first, last, "Account Manager", True, 40, studio.first_day))
        lead = j % len(MANAGERS)
        people[-1].clients = {c for c, spec in enumerate(CLIENTS) if spec.manager == lead}
    staff = [Person(*names.pop(), role, True, 40, studio.first_day) for role in roles]
    # Part-timers, joiners and leavers are each a different person of the named role.
    unchanged = {role: [p for p in staff if p.role == role] for role in ROLES}
    for role, capacity in PART_TIMERS * mult:
        p = unchanged[role].pop()
        p.capacity, p.weekdays = capacity, frozenset(range(capacity // 8))
    last_hire = studio.as_of - timedelta(days=60)
    for role in JOINERS * mult:
        start = _random_day(rng, date(studio.first_day.year + 1, 1, 1), last_hire)
        unchanged[role].pop().start = studio.cal.roll(start)
    for role in LEAVERS * mult:
        unchanged[role].pop().end = _random_day(
            rng, date(studio.first_day.year + 1, 3, 1), last_hire
        )
    people += staff
    for _ in range(mult):
        for role, seasonal in FREELANCERS:
            people.append(_freelancer(studio, rng, *names.pop(), role, seasonal))
    people.append(_uncosted_freelancer(studio, rng))
    for p in people:
        if p.employee:
            _set_employee_costs(studio, rng, p)
            _set_days_off(studio, rng, p)
    studio.am_team = {
        c: [i for i, p in enumerate(people) if c in p.clients] for c in range(len(CLIENTS))
    }


def _set_employee_costs(studio: Studio, rng: random.Random, p: Person) -> None:
    """Hourly cost per year: a personal level, raised 3-5% every 1 January."""
    cost = ROLES[p.role][0] * rng.uniform(0.92, 1.08)
    for year in data_years(studio):
        p.cost[year] = round(cost * 100)
        cost *= 1 + rng.uniform(0.03, 0.05)


def _set_days_off(studio: Studio, rng: random.Random, p: Person) -> None:
    """Holidays: a summer block (mostly August), most of late December and odd days."""
    cal = studio.cal
    for year in data_years(studio):
        summer = cal.roll(_random_day(rng, date(year, 7, 20), date(year, 8, 20)))
        p.off.update(cal.between(summer, cal.shift(summer, rng.randint(8, 12))))
        p.off.update(
            o
            for o in cal.between(date(year, 12, 20), date(year, 12, 31))
            if o >= date(year, 12, 23).toordinal() or rng.random() < 0.3
        )
        p.off.update(rng.sample(cal.between(date(year, 1, 1), date(year, 12, 31)), 7))


def _freelancer(
    studio: Studio, rng: random.Random, first: str, last: str, role: str, seasonal: bool
) -> Person:
    """A freelancer with bookings (the packaging season, or a few blocks a year)."""
    cal = studio.cal
    booked: set[int] = set()
    cost: dict[int, int] = {}
    day_rate = ROLES[role][0] * 8 * rng.uniform(1.05, 1.3)
    for year in data_years(studio):
        # Day rates in steps of 40 keep the hourly cost (day rate / 8) a whole 5 EUR.
        cost[year] = round(day_rate / 40) * 40 * 100 // 8
        day_rate *= 1 + rng.choice((0, 0, 0.05))
        if seasonal:
            booked.update(cal.between(date(year, 9, 1), date(year, 12, 19)))
            continue
        for _ in range(rng.randint(2, 5)):
            begin = cal.roll(_random_day(rng, date(year, 1, 5), date(year, 11, 30)))
            booked.update(cal.between(begin, cal.shift(begin, rng.randint(8, 25))))
    booked = {o for o in booked if studio.first_day.toordinal() <= o <= studio.as_of.toordinal()}
    start = date.fromordinal(min(booked)) if booked else studio.first_day
    return Person(first, last, role, False, 0, start, cost=cost, booked=booked)


def _uncosted_freelancer(studio: Studio, rng: random.Random) -> Person:
    """The freelancer missing from the rate card, booked only since last year."""
    first, last, role = UNCOSTED_FREELANCER
    p = _freelancer(studio, rng, first, last, role, seasonal=False)
    assert p.booked is not None
    # Recent bookings only: the uncosted hours are a current data-quality problem.
    p.booked = {o for o in p.booked if o >= date(studio.as_of.year - 1, 1, 1).toordinal()}
    p.start = date.fromordinal(min(p.booked))
    p.in_rate_card, p.cost = False, {}
    return p


def _random_day(rng: random.Random, a: date, b: date) -> date:
    """A uniformly random calendar day in [a, b]."""
    return date.fromordinal(rng.randint(a.toordinal(), max(a.toordinal(), b.toordinal())))


def _yearly_capacity(studio: Studio) -> dict[int, float]:
    """Hours the whole team can log per year (what the project pipeline must fill)."""
    hours: dict[int, float] = defaultdict(float)
    days = studio.cal.between(studio.first_day, studio.as_of)
    for p in studio.people:
        daily = (EMPLOYEE_DAY_QH if p.employee else FREELANCER_DAY_QH) / 4
        for o in days:
            if p.works(o):
                hours[date.fromordinal(o).year] += daily
    return hours


def _client_weights(studio: Studio) -> dict[int, list[float]]:
    """Each client's share of studio hours per year; steady clients share what is left."""
    rng = studio.rng("weights")
    fixed = {c: list(s.weights) for c, s in enumerate(CLIENTS) if s.weights}
    steady = [c for c, s in enumerate(CLIENTS) if not s.weights]
    weights = dict(fixed)
    for y in range(len(data_years(studio))):
        rest = 100 - sum(w[y] for w in fixed.values())
        jitter = {c: CLIENTS[c].size * rng.uniform(0.85, 1.15) for c in steady}
        total = sum(jitter.values())
        for c in steady:
            weights.setdefault(c, []).append(rest * jitter[c] / total)
    return weights


def _add_projects(studio: Studio) -> None:
    """Generate the project pipeline, retainers and the slipping project; assign codes."""
    rng = studio.rng("projects")
    capacity = _yearly_capacity(studio)
    weights = _client_weights(studio)
    projects: list[Project] = []
    for c, spec in enumerate(CLIENTS):
        for y, year in enumerate(data_years(studio)):
            target = capacity[year] * weights[c][y] / 100
            projects += _client_year_projects(studio, rng, c, spec, year, target)
    for _ in range(studio.multiplier):
        projects += [_retainer(studio, rng, r) for r in RETAINERS]
    slipping = next(c for c, s in enumerate(CLIENTS) if s.story == "slipping project")
    for _ in range(studio.multiplier):
        projects.append(_slipping_project(studio, rng, slipping))
    _name_uniquely(projects)
    projects.sort(key=lambda p: (p.start, p.client, p.name))
    for i, p in enumerate(projects):
        p.code = f"P-{1001 + i}"
    _set_statuses(studio, rng, projects)
    studio.projects = projects


def _client_year_projects(
    studio: Studio, rng: random.Random, c: int, spec: ClientSpec, year: int, target: float
) -> list[Project]:
    """Projects for one client and year until their target hours fill its share."""
    lo = date(year, 1, 1)
    hi = min(date(year, 12, 31), studio.as_of)
    if year == studio.first_day.year:
        # Work already under way when the export begins: starts before it, cut at its first day.
        lo -= timedelta(days=IN_FLIGHT_DAYS)
        target *= ((hi - lo).days + 1) / ((hi - date(year, 1, 1)).days + 1)
    if spec.story == "lost":
        hi = min(hi, studio.as_of - timedelta(days=LOST_CLIENT_IDLE_DAYS + 90))
    if spec.story == "new":
        # Its first project starts in as_of's year, however early in the year as_of is.
        lo = max(lo, min(date(year, *NEW_CLIENT_FIRST_START), lo + (hi - lo) / 2))
    if lo > hi:
        return []
    annual = target * 365 / max(30, (hi - lo).days + 1)
    lines = SECTOR_LINES[spec.sector]
    jobs: list[tuple[str, float, bool]] = []  # (service line, target hours, in the Q4 season)
    while sum(hours for _, hours, _ in jobs) < target:
        line = rng.choices(list(lines), weights=list(lines.values()))[0]
        hours = LINE_SHAPES[line][0] * math.exp(rng.gauss(0, TARGET_HOURS_SIGMA))
        if spec.weights:
            hours = min(hours, annual / STORY_PROJECTS_PER_YEAR)
        seasonal = line == "packaging" and rng.random() < PACKAGING_SEASON_SHARE
        jobs.append((line, hours, seasonal))
    (m1, d1), (m2, d2) = PACKAGING_SEASON
    season = (max(lo, date(year, m1, d1)), min(hi, date(year, m2, d2)))
    projects: list[Project] = []
    for in_season in (False, True):
        group = [(line, hours) for line, hours, s in jobs if s == in_season]
        first, last = season if in_season and season[0] <= season[1] else (lo, hi)
        for k, (line, hours) in enumerate(group):
            # Stratified start dates: a client's work is spread over the year, not clumped.
            start = _stratified_day(rng, first, last, k, len(group))
            start = min(studio.cal.roll(start), studio.cal.on_or_before(studio.as_of))
            project = _client_project(studio, rng, c, spec, line, start, hours)
            if project is not None:
                projects.append(project)
    return projects


def _stratified_day(rng: random.Random, a: date, b: date, k: int, n: int) -> date:
    """A random day in the k-th of n equal slices of [a, b]."""
    width = (b - a).days + 1
    return _random_day(
        rng, a + timedelta(days=width * k // n), a + timedelta(days=width * (k + 1) // n - 1)
    )


def _client_project(
    studio: Studio,
    rng: random.Random,
    c: int,
    spec: ClientSpec,
    line: str,
    start: date,
    hours: float,
) -> Project | None:
    """A project of a client's pipeline; None if nothing of it falls in the period."""
    min_days, max_days = LINE_SHAPES[line][1]
    span = rng.randint(min_days, max_days)
    if start < studio.first_day:
        done = studio.cal.count(start, studio.first_day - timedelta(days=1))
        if span - done < min_days // 2:
            return None
        hours *= (span - done) / span
        start, span = studio.cal.roll(studio.first_day), span - done
    if spec.story == "lost":
        # Everything, late deliveries included, is finished well over a year ago.
        limit = studio.as_of - timedelta(days=LOST_CLIENT_IDLE_DAYS + 20)
        span = min(span, studio.cal.count(start, limit) - 1)
        if span < min_days:
            return None
    billing = "fixed_fee" if rng.random() < spec.fixed_fee_share else "time_and_materials"
    return _planned_project(studio, rng, c, line, billing, start, span, hours)


def _planned_project(
    studio: Studio,
    rng: random.Random,
    c: int,
    line: str,
    billing: str,
    start: date,
    span: int,
    hours: float,
) -> Project:
    """A project with its deliverables planned and their delivery dates drawn."""
    cal = studio.cal
    due = cal.shift(start, span)
    n = rng.choices(*DELIVERABLES_PER_PROJECT)[0]
    names = DELIVERABLE_NAMES[line]
    picked = [*names[: n - 1], names[3]]
    late_bias = 2.0 if CLIENTS[c].story == "over budget" else 1.0
    deliverables = []
    for k, name in enumerate(picked):
        d_due = due
        if k < n - 1:  # earlier deliverables are spread over the span
            d_due = cal.shift(start, max(1, round(span * (k + 1) / n) + rng.randint(-2, 2)))
        original = None
        if rng.random() < MOVED_DUE_SHARE:
            moved_from = max(cal.shift(d_due, -rng.randint(3, 12)), cal.shift(start, 1))
            original = moved_from if moved_from < d_due else None
        delivered = _delivery(cal, rng, start, d_due, late_bias)
        deliverables.append(Deliverable(name, d_due, delivered, original))
    due = max(d.due for d in deliverables)
    planned_end = max(d.delivered or d.due for d in deliverables)
    name = _project_name(rng, line, start)
    return Project(c, name, line, billing, start, due, planned_end, hours, deliverables)


def _delivery(cal: Calendar, rng: random.Random, start: date, due: date, late_bias: float) -> date:
    """Delivery date: early, on the due date or late (late more often for late_bias > 1)."""
    shares = [s * (late_bias if lo > 0 else 1) for s, lo, _ in DELIVERY_OFFSETS]
    _, lo, hi = rng.choices(DELIVERY_OFFSETS, weights=shares)[0]
    if lo == hi == 0:
        return due
    delivered = cal.roll(due + timedelta(days=rng.randint(lo, hi)))
    if lo < 0 and delivered >= due:
        delivered = cal.shift(due, -1)
    return max(delivered, cal.shift(start, 1))


def _project_name(rng: random.Random, line: str, start: date) -> str:
    """A project name from its service line's stems and its season."""
    stem = rng.choice(LINE_SHAPES[line][2])
    month = start.month
    season = ("Winter", "Spring", "Summer", "Autumn")[month % 12 // 3]
    if line == "packaging" and month >= 8:
        season = "Christmas"
    year = start.year + (1 if season == "Spring" and month == 12 else 0)
    return f"{stem.format(season=season)} {year}"


def _name_uniquely(projects: list[Project]) -> None:
    """Make project names unique per client, so linking by (client, project name) works."""
    seen: dict[tuple[int, str], int] = defaultdict(int)
    for p in sorted(projects, key=lambda p: (p.start, p.client, p.name, p.line)):
        seen[p.client, p.name] += 1
        if seen[p.client, p.name] > 1:
            p.name = f"{p.name} #{seen[p.client, p.name]}"


def _retainer(studio: Studio, rng: random.Random, spec: tuple[str, str, int, int]) -> Project:
    """A monthly-fee retainer of 6-12 months with a content pack due every quarter."""
    client_name, line, months_back, months = spec
    c = next(i for i, s in enumerate(CLIENTS) if s.name == client_name)
    first = max(add_months(studio.as_of, rng.randint(-1, 1) - months_back), studio.first_day)
    end = add_months(first, months) - timedelta(days=1)
    hours = rng.uniform(*RETAINER_MONTHLY_HOURS) * months
    deliverables = []
    for q in range(1, min(4, months // 3) + 1):
        due = studio.cal.on_or_before(min(add_months(first, 3 * q) - timedelta(days=1), end))
        deliverables.append(Deliverable(f"Content pack Q{q}", due, due))
    name = f"{line.capitalize()} Retainer {first:%b %Y}"
    start = studio.cal.roll(first)
    return Project(
        c, name, line, "retainer", start, end, end, hours, deliverables, story="retainer"
    )


def _slipping_project(studio: Studio, rng: random.Random, c: int) -> Project:
    """The fixed-fee project slipping right now: over budget, due within days, work overdue."""
    cal = studio.cal
    start = cal.shift(studio.as_of, -rng.randint(36, 42))
    due = cal.shift(studio.as_of, rng.randint(3, 6))
    deliverables = [
        Deliverable("Concept routes", cal.shift(start, 8), cal.shift(start, 9)),
        Deliverable(
            "Master artwork",
            cal.shift(studio.as_of, -5),
            None,
            original_due=cal.shift(studio.as_of, -12),
        ),
        Deliverable("Range artwork", cal.shift(studio.as_of, -2), None),
        Deliverable("Print-ready files", due, None),
    ]
    hours = rng.uniform(380, 440)
    name = f"Winter Range Packaging Refresh {start.year}"
    return Project(
        c,
        name,
        "packaging",
        "fixed_fee",
        start,
        due,
        cal.shift(due, 4),
        hours,
        deliverables,
        story="slipping",
    )


def _set_statuses(studio: Studio, rng: random.Random, projects: list[Project]) -> None:
    """Delivered, active, on hold or cancelled at as_of, and the last day work is logged."""
    as_of = studio.as_of
    for p in projects:
        delivered = [d.delivered for d in p.deliverables]
        if p.billing == "retainer":
            done = p.due <= as_of
        else:
            done = all(d is not None and d <= as_of for d in delivered)
        p.status = "delivered" if done else "active"
        p.delivered = p.planned_end if done else None
        p.work_end = p.planned_end if done else as_of
        for d in p.deliverables:
            if d.delivered is not None and d.delivered > as_of:
                d.delivered = None
    plain = [p for p in projects if not p.story and CLIENTS[p.client].story == "steady"]
    past = [
        p
        for p in plain
        if p.status == "delivered"
        and len(p.deliverables) > 1
        and p.start < as_of - timedelta(days=60)
    ]
    for p in rng.sample(past, round(len(projects) * CANCELLED_SHARE)):
        first = min(d.delivered for d in p.deliverables if d.delivered)
        p.status, p.delivered = "cancelled", None
        p.work_end = min(studio.cal.shift(first, rng.randint(2, 8)), as_of)
        p.deliverables = [d for d in p.deliverables if d.delivered and d.delivered <= p.work_end]
    current = [
        p
        for p in plain
        if p.status == "active" and p.billing != "retainer" and p.start < as_of - timedelta(days=25)
    ]
    for p in rng.sample(current, min(len(current), ON_HOLD_PROJECTS * studio.multiplier)):
        p.status = "on_hold"
        p.work_end = studio.cal.shift(as_of, -rng.randint(5, 15))


def _staff_projects(studio: Studio) -> None:
    """Put a team on every project, balancing each person's weekly load."""
    rng = studio.rng("staffing")
    origin = studio.first_day.toordinal() - 200
    weeks = (studio.as_of.toordinal() - origin) // 7 + 2
    load = [[0.0] * weeks for _ in studio.people]
    by_role: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(studio.people):
        if p.role != "Account Manager":
            by_role[p.role].append(i)
    for j, proj in enumerate(studio.projects):
        days = max(1, studio.cal.count(proj.start, proj.planned_end))
        intensity = proj.intensity = proj.target_hours / days
        w0 = (proj.start.toordinal() - origin) // 7
        w1 = (proj.work_end.toordinal() - origin) // 7
        for role, share in LINE_ROLES[proj.line].items():
            pool = studio.am_team[proj.client] if role == "Account Manager" else by_role[role]
            candidates = [i for i in pool if _available(studio.people[i], proj.start)]
            if not candidates:
                continue
            slots = 1 + sum(proj.target_hours * share > h for h in EXTRA_PERSON_HOURS)
            for _ in range(min(slots, len(candidates))):
                sample = rng.sample(candidates, min(STAFFING_SHORTLIST, len(candidates)))
                best = min(sample, key=lambda i: sum(load[i][w0 : w1 + 1]) + rng.random())
                candidates.remove(best)
                weight = intensity * share / slots
                for w in range(w0, w1 + 1):
                    load[best][w] += weight
                studio.people[best].assignments.append(
                    (proj.start.toordinal(), proj.work_end.toordinal(), j, weight)
                )
    for p in studio.people:
        p.assignments.sort()


def _available(p: Person, start: date) -> bool:
    """Whether a person can be staffed on a project starting on this day."""
    o = start.toordinal()
    if p.booked is not None:
        return any(o + k in p.booked for k in range(STAFFING_LEAD_DAYS))
    return p.start.toordinal() <= o + STAFFING_LEAD_DAYS and (
        p.end is None or o < p.end.toordinal()
    )


def _add_expenses(studio: Studio) -> None:
    """Project costs: shoots, proofs and props, dated inside the project's working span."""
    rng = studio.rng("expenses")
    for j, p in enumerate(studio.projects):
        if p.billing == "retainer":
            continue
        categories, most = LINE_EXPENSES[p.line]
        span = studio.cal.between(p.start, min(p.work_end, studio.as_of))
        if not span:
            continue
        for _ in range(rng.randint(0, most)):
            category = rng.choice(categories)
            (lo, hi), billable, pass_through = EXPENSE_CATEGORIES[category]
            cents = round(rng.uniform(lo, hi) * 100)
            day = date.fromordinal(rng.choice(span))
            studio.expenses.append(Expense(day, j, category, cents, billable, pass_through))
    studio.expenses.sort(key=lambda e: (e.day, studio.projects[e.project].code, e.category))
