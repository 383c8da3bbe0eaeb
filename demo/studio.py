"""Deterministic synthetic creative studio, written as real-format export files (SPEC F14).

The studio is simulated day by day: every person logs their working hours on the projects
they are staffed on, so weekly hours, seasonality and client mix come out of one model.
Budgets are set from the simulated hours afterwards, which is what lets each client's
story (over budget, slipping, growing, ...) be dialled in exactly.
"""

from __future__ import annotations

import csv
import math
import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

# --------------------------------------------------------------------------- constants


@dataclass(frozen=True)
class Scale:
    """How many times the small studio's team and project volume to generate."""

    multiplier: int


SCALES: dict[str, Scale] = {
    "small": Scale(multiplier=1),
    "large": Scale(multiplier=7),  # about 1.2 M time entries: the import benchmark
    "huge": Scale(multiplier=30),  # about 5 M: the page-speed target of SPEC §6
}

TIME_FILE = "harvest_time_report.csv"
XERO_FILE = "xero_invoices.csv"
PROJECTS_FILE = "projects.xlsx"
DELIVERABLES_FILE = "deliverables.xlsx"
EXPENSES_FILE = "expenses.csv"
RATE_CARD_FILE = "rate_card.csv"
CLIENTS_FILE = "clients.csv"
FILES = (TIME_FILE, XERO_FILE, PROJECTS_FILE, DELIVERABLES_FILE, EXPENSES_FILE, RATE_CARD_FILE,
         CLIENTS_FILE)  # fmt: skip

# fmt: off
TIME_HEADER = [
    "Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Billable?",
    "Invoiced?", "Approved?", "First Name", "Last Name", "Roles", "Employee?", "Billable Rate",
    "Billable Amount", "Cost Rate", "Cost Amount", "Currency", "External Reference URL",
]
XERO_HEADER = [
    "ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3",
    "POAddressLine4", "POCity", "PORegion", "POPostalCode", "POCountry", "SAAddressLine1",
    "SAAddressLine2", "SAAddressLine3", "SAAddressLine4", "SACity", "SARegion", "SAPostalCode",
    "SACountry", "InvoiceNumber", "Reference", "InvoiceDate", "DueDate", "PlannedDate", "Total",
    "TaxTotal", "InvoiceAmountPaid", "InvoiceAmountDue", "InventoryItemCode", "Description",
    "Quantity", "UnitAmount", "Discount", "LineAmount", "AccountCode", "TaxType", "TaxAmount",
    "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "Type",
    "Sent", "Status",
]
PROJECTS_HEADER = [
    "Project Code", "Project", "Client", "Service Line", "Billing Model", "Budget Hours",
    "Budget Amount", "Currency", "Start Date", "Due Date", "Delivered Date", "Status",
    "Account Manager",
]
DELIVERABLES_HEADER = [
    "Project Code", "Deliverable", "Due Date", "Delivered Date", "Original Due Date",
]
EXPENSES_HEADER = ["Date", "Project Code", "Category", "Amount", "Billable", "Pass Through"]
RATE_CARD_HEADER = [
    "Person", "Role", "Cost Rate", "Bill Rate", "Weekly Capacity Hours", "Valid From",
]
CLIENTS_HEADER = ["Client", "Account Manager", "Aliases"]

CURRENCY_LABEL = "Euro - EUR"
VAT_PERCENT = 20
HISTORY_YEARS = 3  # full calendar years before as_of's year

# Lead account managers; at larger scales each lead gets a team of support account managers.
MANAGERS = ("Hannah Brooks", "Marco Bianchi", "Sofia Lindqvist", "Tom Okafor", "Clara Dubois")


@dataclass(frozen=True)
class ClientSpec:
    """A client, its account manager and the story it plays in the demo."""

    name: str
    manager: int
    sector: str
    story: str
    # Share (%) of studio hours per year, oldest first; None = a steady share of the rest.
    weights: tuple[float, float, float, float] | None = None
    size: float = 1.0
    terms: int = 30
    aliases: tuple[str, ...] = ()
    fixed_fee_share: float = 0.55


CLIENTS: tuple[ClientSpec, ...] = (
    ClientSpec("Northwind Grocers", 0, "food", "anchor", (24, 24, 24, 24), terms=45),
    ClientSpec("Lumen Beauty", 1, "beauty", "fast growth", (1.5, 3.4, 7.5, 15),
               fixed_fee_share=0.3),
    ClientSpec("Brightwater Stores", 2, "retail", "shrinking", (12, 5, 2.1, 0.9),
               fixed_fee_share=0.3),
    ClientSpec("Oakridge Outfitters", 3, "fashion", "lost", (5, 5, 1.5, 0)),
    ClientSpec("Fable Kids", 1, "fashion", "new", (0, 0, 0, 3)),
    ClientSpec("Kestrel Home", 4, "homeware", "over budget", size=1.2, fixed_fee_share=0.9),
    ClientSpec("Velvet & Vine", 2, "drinks", "late payer", size=1.0, fixed_fee_share=0.3),
    ClientSpec("Harbour & Pine", 0, "homeware", "slipping project", size=1.3),
    ClientSpec("Acme Corporation", 3, "retail", "alias", aliases=("ACME Corp", "Acme Corp.")),
    ClientSpec("Café Søren", 4, "food", "steady", size=0.6),
    ClientSpec("Meridian Department Store", 1, "retail", "steady", size=1.6, terms=45),
    ClientSpec("Sunday Bakehouse", 2, "food", "steady", size=0.6, terms=14),
    ClientSpec("Glow Theory Cosmetics", 3, "beauty", "steady", size=1.3),
    ClientSpec("Marlow & Finch", 4, "fashion", "steady", size=1.1),
    ClientSpec("Copper Kettle Tea Co.", 0, "food", "steady", size=0.9),
    ClientSpec("Hollis Pharmacy", 1, "retail", "steady", size=0.8),
    ClientSpec("Bloom Botanicals", 2, "beauty", "steady", size=0.9),
    ClientSpec("Urban Loom", 3, "homeware", "steady", size=0.8),
    ClientSpec("Riviera Swimwear", 4, "fashion", "steady", size=0.7),
    ClientSpec("Nordic Nest", 0, "homeware", "steady", size=1.2),
    ClientSpec("Tidewater Spirits", 1, "drinks", "steady", size=1.0),
    ClientSpec("Little Orchard Juice", 2, "drinks", "steady", size=0.7),
    ClientSpec("Halden Footwear", 3, "fashion", "steady", size=0.9),
    ClientSpec("Fernwood Candles", 4, "homeware", "steady", size=0.8),
    ClientSpec("Ember Coffee Roasters", 0, "food", "steady", size=0.9),
    ClientSpec("Wildflower Skincare", 1, "beauty", "steady", size=1.0),
    ClientSpec("Stonebridge Cheese", 2, "food", "steady", size=0.6),
    ClientSpec("Atelier Noor", 3, "fashion", "steady", size=0.8),
    ClientSpec("Pinecone Pantry", 4, "food", "steady", size=1.0),
    ClientSpec("Lark & Linen", 0, "homeware", "steady", size=0.7),
)
LOST_CLIENT_IDLE_DAYS = 430  # the lost client's last work is at least this long before as_of
NEW_CLIENT_FIRST_START = (2, 1)  # (month, day) in as_of's year
IN_FLIGHT_DAYS = 90  # projects may have started this long before the data begins
# Clients with a growth story get at least this many projects a year, so one big job
# cannot blur the trend.
STORY_PROJECTS_PER_YEAR = 10

SECTOR_LINES: dict[str, dict[str, float]] = {
    "food": {"photography": 0.35, "packaging": 0.35, "design": 0.2, "copy": 0.1},
    "beauty": {"photography": 0.35, "retouching": 0.25, "video": 0.2, "design": 0.1, "copy": 0.1},
    "fashion": {"photography": 0.45, "retouching": 0.25, "video": 0.2, "copy": 0.1},
    "homeware": {"photography": 0.3, "packaging": 0.25, "design": 0.3, "retouching": 0.05,
                 "copy": 0.1},
    "retail": {"photography": 0.3, "design": 0.3, "video": 0.15, "copy": 0.15, "retouching": 0.1},
    "drinks": {"packaging": 0.45, "photography": 0.25, "design": 0.2, "video": 0.1},
}

# Role: (hourly cost, hourly bill rate, employees at small scale), EUR in the first year.
ROLES: dict[str, tuple[int, int, int]] = {
    "Account Manager": (58, 120, 5),
    "Studio Assistant": (28, 65, 4),
    "Photographer": (55, 140, 5),
    "Senior Photographer": (70, 170, 3),
    "Retoucher": (42, 110, 5),
    "Designer": (45, 115, 8),
    "Senior Designer": (60, 150, 5),
    "Art Director": (75, 180, 4),
    "Creative Director": (95, 220, 2),
    "Copywriter": (50, 125, 4),
    "Video Editor": (52, 130, 2),
    "Producer": (55, 130, 4),
    "Packaging Technologist": (50, 125, 3),
}
# Team changes at small scale: (role, weekly hours) of part-timers; roles of people who
# join during the period and of people who leave.
PART_TIMERS = (("Designer", 32), ("Retoucher", 24), ("Copywriter", 32), ("Photographer", 32),
               ("Senior Designer", 24))
JOINERS = ("Designer", "Designer", "Retoucher", "Photographer", "Copywriter", "Studio Assistant")
LEAVERS = ("Designer", "Retoucher")

# (role, booked for the packaging season only) per costed freelancer at small scale.
FREELANCERS: tuple[tuple[str, bool], ...] = (
    ("Photographer", False), ("Photographer", False), ("Designer", True), ("Designer", True),
    ("Senior Designer", True), ("Packaging Technologist", True), ("Retoucher", False),
    ("Video Editor", False), ("Copywriter", False), ("Studio Assistant", False),
)
# The one freelancer nobody put in the rate card: the app must report these hours as uncosted.
UNCOSTED_FREELANCER = ("Mila", "Novak", "Retoucher")

SERVICE_LINES: dict[str, tuple[str, ...]] = {
    "photography": ("Pre-production", "Shoot", "Post-production", "Client review"),
    "packaging": ("Concept", "Artwork", "Prepress", "Amends"),
    "design": ("Concept", "Design", "Artwork", "Amends"),
    "retouching": ("Retouching", "Colour correction", "Quality check"),
    "video": ("Pre-production", "Filming", "Editing", "Grading & sound"),
    "copy": ("Briefing", "Writing", "Editing", "Proofreading"),
}
COMMON_TASKS = ("Project management", "Account management")

# Share of a project's hours per role, by service line.
LINE_ROLES: dict[str, dict[str, float]] = {
    "photography": {"Photographer": 0.22, "Senior Photographer": 0.15, "Studio Assistant": 0.15,
                    "Retoucher": 0.16, "Producer": 0.09, "Art Director": 0.06,
                    "Creative Director": 0.02, "Account Manager": 0.08},
    "packaging": {"Designer": 0.27, "Senior Designer": 0.18, "Packaging Technologist": 0.2,
                  "Copywriter": 0.06, "Art Director": 0.08, "Creative Director": 0.03,
                  "Producer": 0.04, "Account Manager": 0.08},
    "design": {"Designer": 0.3, "Senior Designer": 0.2, "Art Director": 0.11, "Copywriter": 0.11,
               "Creative Director": 0.05, "Producer": 0.04, "Account Manager": 0.08},
    "retouching": {"Retoucher": 0.72, "Senior Photographer": 0.05, "Art Director": 0.06,
                   "Producer": 0.05, "Account Manager": 0.08},
    "video": {"Video Editor": 0.32, "Producer": 0.16, "Photographer": 0.12,
              "Studio Assistant": 0.1, "Art Director": 0.06, "Creative Director": 0.05,
              "Copywriter": 0.04, "Account Manager": 0.08},
    "copy": {"Copywriter": 0.62, "Creative Director": 0.12, "Art Director": 0.06,
             "Producer": 0.04, "Account Manager": 0.08},
}
ROLE_TASKS: dict[str, frozenset[str]] = {
    "Studio Assistant": frozenset({"Shoot", "Pre-production", "Filming"}),
    "Photographer": frozenset({"Shoot", "Pre-production", "Post-production", "Filming"}),
    "Senior Photographer": frozenset({"Shoot", "Client review", "Pre-production", "Filming"}),
    "Retoucher": frozenset({"Post-production", "Retouching", "Colour correction",
                            "Quality check"}),
    "Designer": frozenset({"Concept", "Artwork", "Design", "Amends", "Editing"}),
    "Senior Designer": frozenset({"Concept", "Design", "Artwork", "Amends"}),
    "Art Director": frozenset({"Concept", "Client review", "Pre-production", "Shoot",
                               "Quality check", "Design", "Briefing"}),
    "Creative Director": frozenset({"Concept", "Client review", "Briefing", "Quality check"}),
    "Copywriter": frozenset({"Writing", "Editing", "Proofreading", "Briefing", "Concept"}),
    "Video Editor": frozenset({"Editing", "Grading & sound"}),
    "Producer": frozenset({"Pre-production", "Project management", "Briefing"}),
    "Account Manager": frozenset(COMMON_TASKS),
    "Packaging Technologist": frozenset({"Prepress", "Artwork", "Amends"}),
}
ACCOUNT_MANAGEMENT_WEIGHT = 3.0  # account managers log this many times more admin than PM
# Chance that an entry on this task is logged non-billable (written-off reviews, rework, admin).
NON_BILLABLE: dict[str, float] = {
    "Account management": 1.0,
    "Project management": 0.2,
    "Amends": 0.15,
    "Client review": 0.1,
    "Quality check": 0.1,
}
DEFAULT_NON_BILLABLE = 0.03
NOTES: dict[str, tuple[str, ...]] = {
    "Shoot": ("Shoot day", "Set build and lighting", "Hero shots"),
    "Pre-production": ("Casting and props", "Shot list", "Location recce"),
    "Post-production": ("Selects and grading", "Batch processing"),
    "Client review": ("Client feedback call", "Review round"),
    "Concept": ("Concept routes", "Moodboards"),
    "Artwork": ("Master artwork", "Range artwork"),
    "Prepress": ("Print proofs check", "Colour separations"),
    "Amends": ("Client amends", "Round 2 amends"),
    "Project management": ("Weekly status call", "Scheduling"),
    "Account management": ("Client check-in", "Quarterly review prep", "Estimate"),
    "Editing": ("Rough cut", "Fine cut"),
    "Writing": ("First draft", "Product copy"),
}
NOTE_CHANCE = 0.6

# Service line: (median target hours, (min, max) working days of the span, project name stems).
LINE_SHAPES: dict[str, tuple[float, tuple[int, int], tuple[str, ...]]] = {
    "photography": (275, (12, 55), ("{season} Campaign Shoot", "{season} Lookbook",
                                    "E-commerce Packshots", "Lifestyle Shoot",
                                    "Recipe Photography", "Store Launch Imagery")),
    "packaging": (320, (25, 60), ("{season} Gift Range Packaging", "Own-label Range Refresh",
                                  "Limited Edition Pack", "New Product Launch Packaging",
                                  "Seasonal Sleeve Artwork")),
    "design": (265, (20, 60), ("Brand Refresh", "{season} POS Toolkit", "Catalogue",
                               "Campaign Key Visual", "Website Asset Refresh",
                               "Trade Show Stand")),
    "retouching": (120, (6, 25), ("Retouching Batch", "{season} Image Clean-up",
                                  "Archive Retouch")),
    "video": (350, (25, 65), ("{season} Campaign Film", "Social Video Series", "How-to Videos",
                              "Brand Film")),
    "copy": (120, (8, 30), ("Product Descriptions", "{season} Campaign Copy",
                            "Newsletter Copy", "Tone of Voice Guide")),
}
TARGET_HOURS_SIGMA = 0.55
DELIVERABLE_NAMES: dict[str, tuple[str, str, str, str]] = {
    "photography": ("Shot list & moodboard", "Hero images", "E-commerce set", "Final selects"),
    "packaging": ("Concept routes", "Master artwork", "Range artwork", "Print-ready files"),
    "design": ("Concept presentation", "Design development", "Final artwork", "Asset handover"),
    "retouching": ("First batch", "Second batch", "Third batch", "Colour-matched masters"),
    "video": ("Treatment", "Rough cut", "Fine cut", "Final masters"),
    "copy": ("Copy deck v1", "Copy deck v2", "Final copy", "Proofed copy"),
}
DELIVERABLES_PER_PROJECT = ((1, 2, 3, 4), (20, 35, 28, 17))  # counts, weights
# Packaging work lands in Sep-Dec: most packaging projects start in this window.
PACKAGING_SEASON = ((8, 20), (11, 10))
PACKAGING_SEASON_SHARE = 0.8

# (client, service line, start in months before as_of's month, length in months)
RETAINERS: tuple[tuple[str, str, int, int], ...] = (
    ("Northwind Grocers", "design", 33, 12),
    ("Meridian Department Store", "copy", 26, 9),
    ("Glow Theory Cosmetics", "retouching", 17, 8),
    ("Northwind Grocers", "photography", 14, 12),
    ("Velvet & Vine", "design", 10, 12),
    ("Wildflower Skincare", "photography", 7, 10),
)
RETAINER_MONTHLY_HOURS = (110, 160)

# Expense category: (amount range EUR, billable, pass-through).
EXPENSE_CATEGORIES: dict[str, tuple[tuple[int, int], bool, bool]] = {
    "Print": ((150, 2500), True, True),
    "Props": ((80, 900), True, True),
    "Studio hire": ((400, 2400), True, True),
    "Model fees": ((300, 2000), True, True),
    "Stock imagery": ((30, 400), True, True),
    "Travel": ((50, 800), True, False),
    "Couriers": ((15, 120), False, False),
}
# Service line: (categories to draw from, most expenses per project).
LINE_EXPENSES: dict[str, tuple[tuple[str, ...], int]] = {
    "photography": (("Studio hire", "Props", "Model fees", "Travel", "Couriers"), 5),
    "packaging": (("Print", "Print", "Couriers"), 4),
    "video": (("Studio hire", "Model fees", "Props", "Travel"), 4),
    "design": (("Stock imagery", "Print", "Couriers"), 2),
    "retouching": (("Stock imagery",), 1),
    "copy": (("Couriers",), 1),
}

OVERRUN_FIXED = (0.97, 0.11)  # mean, sd of final hours / budget hours for normal clients
OVERRUN_TM = (1.0, 0.08)
OVERRUN_CLIP = (0.75, 1.3)
OVER_BUDGET_RANGE = (1.30, 1.60)
SLIPPING_BURN = 1.2
FIXED_FEE_PRICING = (0.88, 1.02)  # quote / (budget hours x blended standard rate)
RETAINER_PRICING = (0.92, 1.0)  # monthly fee / (expected monthly hours x blended rate)
MIN_FEE_CENTS = 50_000
NO_BUDGET_SHARE = 0.08  # of time-and-materials projects
CANCELLED_SHARE = 0.015
ON_HOLD_PROJECTS = 3  # at small scale, among projects active at as_of
DELIVERY_OFFSETS = ((0.3, -5, -1), (0.5, 0, 0), (0.2, 1, 15))  # (share, min, max) days vs due
MOVED_DUE_SHARE = 0.05
BLANK_CODE_SHARE = 0.003
EXTRA_PERSON_HOURS = (200, 450)  # a role's hours on a project above which a 2nd, 3rd person joins
STAFFING_SHORTLIST = 6  # the least-loaded of this many random candidates gets the work
STAFFING_LEAD_DAYS = 14  # someone starting (or booked) within this many days can be staffed
MAX_PROJECTS_PER_DAY = 3
EMPLOYEE_DAY_QH, FREELANCER_DAY_QH = 28, 32  # quarter-hours logged on a normal day (7 h, 8 h)
LATE_DECEMBER, LATE_DECEMBER_CUT_QH = (12, 20), 6  # shorter days from 20 December
CATCH_UP_SLACK, CATCH_UP_LIMIT = 8.0, 4.0  # hours; strongest pull of a project behind plan
DAILY_CAP_FACTOR = 1.25  # most of a project's pull (hours/day) one person logs on it in a day
HELP_OUT_CHOICES = 3  # spare time goes to one of this many projects furthest behind plan
TASK_SPLIT_CHANCE = 0.2
SPLIT_MIN_QH = 8  # only entries of 2 h or more are split over two tasks
LATE_PAYER_DELAY = (50, 110)
DISPUTED_AGE = (125, 220)  # the late payer leaves its last few invoices this old (days) unpaid
DISPUTED_INVOICES = 3
PARTLY_PAID_SHARE = 0.12  # of unpaid invoices
PAYMENT_SPREAD = (-10, 8)  # days paid after the due date, normal clients
SLOW_PAYMENT_SHARE, SLOW_PAYMENT_EXTRA = 0.1, (10, 30)  # the odd invoice paid weeks late
CREDIT_NOTES = (4, 8)  # at small scale
CREDIT_NOTE_DELAY = (5, 15)  # working days after cancellation or delivery
UNUSED_DEPOSIT_CREDIT = (0.3, 0.6)  # share of a cancelled job's deposit credited back
GOODWILL_CREDIT = (0.05, 0.1)  # share of a late job's fee credited back

COUNTRIES = (
    ("Amsterdam", "Netherlands", "1017 {n}AB"), ("Rotterdam", "Netherlands", "3011 {n}CD"),
    ("Antwerp", "Belgium", "20{n}0"), ("Paris", "France", "750{n}"), ("Lyon", "France", "6900{n}"),
    ("Hamburg", "Germany", "2035{n}"), ("Dublin", "Ireland", "D0{n} X2Y3"),
    ("Copenhagen", "Denmark", "1{n}50"),
)
STREETS = ("Market Street", "Harbour Road", "Station Square", "Mill Lane", "Canal Walk",
           "King's Parade", "Orchard Way", "Foundry Yard")

FIRST_NAMES = (
    "Aisha", "Alex", "Amelia", "Ana", "Anders", "Ben", "Camille", "Carlos", "Chloe", "Daan",
    "Daniel", "Elena", "Elif", "Emma", "Finn", "Freya", "Gabriel", "Grace", "Hugo", "Ines",
    "Isaac", "Jade", "James", "Jonas", "Julia", "Karim", "Laura", "Leo", "Lucas", "Maya",
    "Mei", "Nadia", "Niamh", "Noah", "Olivia", "Omar", "Oscar", "Paula", "Priya", "Rafael",
    "Rosa", "Ruby", "Sam", "Sara", "Simon", "Sven", "Tara", "Theo", "Yara", "Zoe",
    "Adam", "Beatriz", "Cyril", "Dora", "Eva", "Felix", "Greta", "Henrik", "Ida", "Jakub",
)
LAST_NAMES = (
    "Andersen", "Baker", "Bauer", "Berg", "Carter", "Costa", "Dahl", "de Vries", "Evans",
    "Fischer", "Garcia", "Hughes", "Jansen", "Kaur", "Keller", "Khan", "Kowalski", "Laurent",
    "Lee", "Martin", "Meyer", "Moreau", "Murphy", "Nielsen", "Nowak", "O'Brien", "Patel",
    "Peeters", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Smith", "Svensson", "Taylor",
    "van Dijk", "Walsh", "Weber", "Wright", "Young", "Zhang", "Ahmed", "Blom", "Cohen", "Dias",
    "Eriksen", "Ferrari", "Gallagher", "Horvat", "Ivanova", "Jensen", "Kelly", "Lindgren",
    "Moretti", "Novak", "Olsen", "Park", "Reyes", "Sato",
)
# fmt: on


# --------------------------------------------------------------------------- model


@dataclass
class Person:
    """Someone who logs time: an employee or a freelancer."""

    first: str
    last: str
    role: str
    employee: bool
    capacity: int
    start: date
    end: date | None = None
    in_rate_card: bool = True
    cost: dict[int, int] = field(default_factory=dict)  # year -> hourly cost in cents
    weekdays: frozenset[int] = frozenset(range(5))
    off: set[int] = field(default_factory=set)  # ordinals of days off
    booked: set[int] | None = None  # ordinals a freelancer is booked for
    clients: set[int] = field(default_factory=set)  # account managers: clients they serve
    # (first day, last day, project, weight) of every project they are staffed on
    assignments: list[tuple[int, int, int, float]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Full name as matched against the rate card."""
        return f"{self.first} {self.last}"

    def works(self, day: int) -> bool:
        """Whether this person logs time on the given (working) day ordinal."""
        if self.booked is not None:
            return day in self.booked
        return (
            self.start.toordinal() <= day
            and (self.end is None or day <= self.end.toordinal())
            and date.fromordinal(day).weekday() in self.weekdays
            and day not in self.off
        )


@dataclass
class Deliverable:
    """A dated output of a project."""

    name: str
    due: date
    delivered: date | None
    original_due: date | None = None


@dataclass
class Project:
    """A client project with its plan, its simulated actuals and its derived budget."""

    client: int
    name: str
    line: str
    billing: str
    start: date
    due: date
    planned_end: date  # when the work would finish, even if after as_of
    target_hours: float
    deliverables: list[Deliverable]
    intensity: float = 0.0  # planned hours per working day
    story: str = ""
    code: str = ""
    status: str = "delivered"
    delivered: date | None = None
    work_end: date = date.min
    hours_qh: int = 0
    billable_qh: int = 0
    value_cents: int = 0
    budget_hours: float | None = None
    budget_cents: int | None = None


@dataclass
class Expense:
    """A cost booked against a project."""

    day: date
    project: int
    category: str
    cents: int
    billable: bool
    pass_through: bool


@dataclass
class Invoice:
    """A Xero sales invoice or credit note with its lines (description, qty, unit, amount)."""

    day: date
    project: int
    kind: str
    lines: list[tuple[str, str, int, int]]
    credit: bool = False


@dataclass
class Calendar:
    """Working days (Mon-Fri without public holidays) as sorted ordinals."""

    workdays: list[int]

    def roll(self, d: date) -> date:
        """The first working day on or after d."""
        return date.fromordinal(self.workdays[bisect_left(self.workdays, d.toordinal())])

    def shift(self, d: date, n: int) -> date:
        """The working day n working days after (before, if negative) d rolled forward."""
        return date.fromordinal(self.workdays[bisect_left(self.workdays, d.toordinal()) + n])

    def count(self, a: date, b: date) -> int:
        """Number of working days in [a, b]."""
        return max(
            0,
            bisect_right(self.workdays, b.toordinal()) - bisect_left(self.workdays, a.toordinal()),
        )

    def between(self, a: date, b: date) -> list[int]:
        """Working day ordinals in [a, b]."""
        lo = bisect_left(self.workdays, a.toordinal())
        return self.workdays[lo : bisect_right(self.workdays, b.toordinal())]

    def on_or_before(self, d: date) -> date:
        """The last working day on or before d."""
        return date.fromordinal(self.workdays[bisect_right(self.workdays, d.toordinal()) - 1])

    def last_of_month(self, year: int, month: int) -> date:
        """The last working day of a month."""
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(self.workdays[bisect_left(self.workdays, nxt.toordinal()) - 1])


@dataclass
class Studio:
    """Everything generated, before it is written out."""

    seed: int
    multiplier: int
    as_of: date
    first_day: date
    cal: Calendar
    people: list[Person] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    expenses: list[Expense] = field(default_factory=list)
    bill_rates: dict[tuple[str, int], int] = field(default_factory=dict)  # (role, year) -> cents
    am_team: dict[int, list[int]] = field(default_factory=dict)  # client -> account managers
    # Billable quarter-hours of time-and-materials work: (project, (year, month), role) -> qh
    tm_hours: dict[tuple[int, tuple[int, int], str], int] = field(default_factory=dict)

    def rng(self, part: str) -> random.Random:
        """An independent random stream per part, so tuning one part leaves others alone."""
        return random.Random(f"{self.seed}:{part}")


# --------------------------------------------------------------------------- public API


def write_demo(out_dir: Path, *, seed: int = 7, scale: str = "small", as_of: date) -> list[Path]:
    """Write the demo studio's export files into out_dir and return their paths (sorted)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}: choose one of {', '.join(SCALES)}")
    studio = _build_studio(seed, SCALES[scale], as_of)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_time_report(out_dir / TIME_FILE, studio)
    _set_budgets(studio)
    invoices = _build_invoices(studio)
    _write_xero(out_dir / XERO_FILE, studio, invoices)
    _write_projects(out_dir / PROJECTS_FILE, studio)
    _write_deliverables(out_dir / DELIVERABLES_FILE, studio)
    _write_expenses(out_dir / EXPENSES_FILE, studio)
    _write_rate_card(out_dir / RATE_CARD_FILE, studio)
    _write_clients(out_dir / CLIENTS_FILE, studio)
    return sorted(out_dir / name for name in FILES)


# --------------------------------------------------------------------------- calendar


def _easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


def _calendar(first: date, last: date) -> Calendar:
    """Working days between first and last, with the studio's public holidays off."""
    holidays: set[date] = set()
    for year in range(first.year, last.year + 1):
        easter = _easter(year)
        good_friday, easter_monday = easter - timedelta(days=2), easter + timedelta(days=1)
        holidays |= {date(year, 1, 1), good_friday, easter_monday, date(year, 5, 1)}
        holidays |= {date(year, 12, 25), date(year, 12, 26)}
    days = (date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1))
    return Calendar([d.toordinal() for d in days if d.weekday() < 5 and d not in holidays])


# --------------------------------------------------------------------------- build


def _build_studio(seed: int, scale: Scale, as_of: date) -> Studio:
    """Generate people, projects and expenses for the whole period."""
    first_day = date(as_of.year - HISTORY_YEARS, 1, 1)
    cal = _calendar(first_day - timedelta(days=120), as_of + timedelta(days=550))
    studio = Studio(seed, scale.multiplier, as_of, first_day, cal)
    studio.bill_rates = _role_bill_rates(studio)
    _add_people(studio)
    _add_projects(studio)
    _staff_projects(studio)
    _add_expenses(studio)
    return studio


def _years(studio: Studio) -> range:
    """Calendar years covered by the data."""
    return range(studio.first_day.year, studio.as_of.year + 1)


def _role_bill_rates(studio: Studio) -> dict[tuple[str, int], int]:
    """Bill rate per role and year, raised per role every 1 January."""
    rng = studio.rng("bill_rates")
    rates: dict[tuple[str, int], int] = {}
    for role, (_, bill, _) in ROLES.items():
        rate = float(bill)
        for year in _years(studio):
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
    for year in _years(studio):
        p.cost[year] = round(cost * 100)
        cost *= 1 + rng.uniform(0.03, 0.05)


def _set_days_off(studio: Studio, rng: random.Random, p: Person) -> None:
    """Holidays: a summer block (mostly August), most of late December and odd days."""
    cal = studio.cal
    for year in _years(studio):
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
    for year in _years(studio):
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
    for y in range(len(_years(studio))):
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
        for y, year in enumerate(_years(studio)):
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
    first = max(_add_months(studio.as_of, rng.randint(-1, 1) - months_back), studio.first_day)
    end = _add_months(first, months) - timedelta(days=1)
    hours = rng.uniform(*RETAINER_MONTHLY_HOURS) * months
    deliverables = []
    for q in range(1, min(4, months // 3) + 1):
        due = studio.cal.on_or_before(min(_add_months(first, 3 * q) - timedelta(days=1), end))
        deliverables.append(Deliverable(f"Content pack Q{q}", due, due))
    name = f"{line.capitalize()} Retainer {first:%b %Y}"
    start = studio.cal.roll(first)
    return Project(
        c, name, line, "retainer", start, end, end, hours, deliverables, story="retainer"
    )


def _add_months(d: date, n: int) -> date:
    """The first day of the month n months after d's month."""
    m = d.year * 12 + d.month - 1 + n
    return date(m // 12, m % 12 + 1, 1)


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


# --------------------------------------------------------------------------- time report


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


def _money(cents: int) -> str:
    """Cents as a plain decimal with two places and a dot."""
    return f"{cents // 100}.{cents % 100:02d}"


def _times(qh: int, rate_cents: int) -> int:
    """Quarter-hours times an hourly rate, in cents rounded half up."""
    return (qh * rate_cents * 2 + 4) // 8


def _split(total: int, weights: list[float]) -> list[int]:
    """Split total quarter-hours in proportion to weights (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    alloc = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: alloc[i] - raw[i])[: total - sum(alloc)]:
        alloc[i] += 1
    return alloc


def _write_time_report(path: Path, studio: Studio) -> None:
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
        approved = _yes(day < self.unapproved_from)
        rows = []
        for j, task, qh in self._entries(p, staffed, day):
            proj = self.studio.projects[j]
            proj.hours_qh += qh
            billable = rand() >= NON_BILLABLE.get(task, DEFAULT_NON_BILLABLE)
            rate_text = amount_text = cost_text = cost_amount = ""
            invoiced = False
            if billable:
                amount = _times(qh, bill_rate)
                proj.billable_qh += qh
                proj.value_cents += amount
                rate_text, amount_text = _money(bill_rate), _money(amount)
                if proj.billing == "time_and_materials":
                    self.tm_hours[j, (d.year, d.month), p.role] += qh
                    invoiced = day <= self.invoiced_upto
                else:
                    invoiced = proj.billing == "retainer" or proj.status == "delivered"
            if cost_rate is not None:
                cost_text, cost_amount = _money(cost_rate), _money(_times(qh, cost_rate))
            note = self.rng.choice(NOTES.get(task, ("",))) if rand() < NOTE_CHANCE else ""
            code = "" if rand() < BLANK_CODE_SHARE else proj.code
            rows.append((
                d.isoformat(), self.client_label[proj.client], proj.name, code, task, note,
                self.hours_text[qh], _yes(billable), _yes(invoiced), approved, p.first, p.last,
                p.role, _yes(p.employee), rate_text, amount_text, cost_text, cost_amount,
                CURRENCY_LABEL, "",
            ))  # fmt: skip
        rows.sort(key=lambda r: (r[3], r[4]))
        return rows


def _tm_invoiced_through(studio: Studio) -> date:
    """Last day of the last month whose time-and-materials invoice is dated by as_of."""
    as_of = studio.as_of
    if studio.cal.last_of_month(as_of.year, as_of.month) <= as_of:
        return _add_months(as_of, 1) - timedelta(days=1)
    return as_of.replace(day=1) - timedelta(days=1)


# --------------------------------------------------------------------------- budgets


def _set_budgets(studio: Studio) -> None:
    """Budgets from the simulated hours, bent by each project's overrun story."""
    rng = studio.rng("budgets")
    done = [p for p in studio.projects if p.status == "delivered" and p.billing != "retainer"]
    hours_per_target = sum(p.hours_qh / 4 for p in done) / sum(p.target_hours for p in done)
    tm = [p for p in studio.projects if p.billing == "time_and_materials"]
    unbudgeted = {p.code for p in rng.sample(tm, round(len(tm) * NO_BUDGET_SHARE))}
    for p in studio.projects:
        final = _projected_hours(studio, p, hours_per_target)
        rate = _blended_rate(studio, p)
        if p.story == "slipping":
            budget = p.hours_qh / 4 / SLIPPING_BURN
        elif p.billing == "retainer":
            budget = final
        else:
            budget = final / _overrun(rng, p)
        p.budget_hours = round(budget / 5) * 5 if budget > 50 else max(1, round(budget))
        if p.billing == "retainer":
            monthly = final / _month_count(p.start, p.due) * rate
            p.budget_cents = _round_fee(monthly * rng.uniform(*RETAINER_PRICING))
        elif p.billing == "fixed_fee":
            p.budget_cents = _round_fee(p.budget_hours * rate * rng.uniform(*FIXED_FEE_PRICING))
        elif p.code in unbudgeted:
            p.budget_hours = p.budget_cents = None
        else:
            p.budget_cents = _round_fee(p.budget_hours * rate)


def _round_fee(cents: float) -> int:
    """A quoted amount: whole hundreds of euros, at least the minimum fee."""
    return max(MIN_FEE_CENTS, round(cents / 10_000) * 10_000)


def _projected_hours(studio: Studio, p: Project, hours_per_target: float) -> float:
    """Hours the project ends with: actuals when finished, else extrapolated along its plan."""
    actual = p.hours_qh / 4
    if p.status == "delivered":
        return actual
    elapsed = studio.cal.count(p.start, min(p.work_end, studio.as_of)) / max(
        1, studio.cal.count(p.start, p.planned_end)
    )
    if elapsed < 0.25 or actual == 0:
        return max(actual, p.target_hours * hours_per_target)
    return actual / min(1.0, elapsed)


def _blended_rate(studio: Studio, p: Project) -> float:
    """Standard value per recorded hour in cents (what a quote per hour is worth)."""
    if p.hours_qh:
        return p.value_cents / (p.hours_qh / 4)
    year = p.start.year
    shares = LINE_ROLES[p.line]
    return sum(studio.bill_rates[r, year] * s for r, s in shares.items()) / sum(shares.values())


def _overrun(rng: random.Random, p: Project) -> float:
    """Final hours ÷ budget hours for a project, by client story and billing model."""
    if p.billing == "fixed_fee" and CLIENTS[p.client].story == "over budget":
        return rng.uniform(*OVER_BUDGET_RANGE)
    mean, sd = OVERRUN_FIXED if p.billing == "fixed_fee" else OVERRUN_TM
    return min(OVERRUN_CLIP[1], max(OVERRUN_CLIP[0], rng.gauss(mean, sd)))


def _month_count(a: date, b: date) -> int:
    """Calendar months from a's month to b's month, inclusive."""
    return (b.year - a.year) * 12 + b.month - a.month + 1


# --------------------------------------------------------------------------- invoices


def _build_invoices(studio: Studio) -> list[Invoice]:
    """All invoices and credit notes dated by as_of, following each billing model's rules."""
    billable: dict[int, list[Expense]] = defaultdict(list)
    for e in studio.expenses:
        if e.billable:
            billable[e.project].append(e)
    invoices = _time_and_materials_invoices(studio, billable)
    for j, p in enumerate(studio.projects):
        if p.billing == "fixed_fee":
            invoices += _fixed_fee_invoices(studio, j, p, billable[j])
        elif p.billing == "retainer":
            invoices += _retainer_invoices(studio, j, p)
    return invoices + _credit_notes(studio)


def _time_and_materials_invoices(
    studio: Studio, billable: dict[int, list[Expense]]
) -> list[Invoice]:
    """Monthly invoices on the last working day: a line per role, then re-charged expenses."""
    months: dict[tuple[int, tuple[int, int]], list[tuple[str, int]]] = defaultdict(list)
    for (j, month, role), qh in sorted(studio.tm_hours.items()):
        months[j, month].append((role, qh))
    for j, p in enumerate(studio.projects):
        if p.billing == "time_and_materials":
            for e in billable[j]:
                months.setdefault((j, (e.day.year, e.day.month)), [])
    invoices = []
    for (j, (year, month)), roles in sorted(months.items()):
        day = studio.cal.last_of_month(year, month)
        if day > studio.as_of:
            continue
        label = f"{date(year, month, 1):%B %Y}"
        rates = studio.bill_rates
        lines = [_time_line(f"{r} time, {label}", qh, rates[r, year]) for r, qh in roles]
        lines += [
            _expense_line(e) for e in billable[j] if (e.day.year, e.day.month) == (year, month)
        ]
        invoices.append(Invoice(day, j, "time", lines))
    return invoices


def _time_line(description: str, qh: int, rate: int) -> tuple[str, str, int, int]:
    """An invoice line for hours at an hourly rate."""
    return description, f"{qh / 4:.2f}", rate, _times(qh, rate)


def _expense_line(e: Expense) -> tuple[str, str, int, int]:
    """An invoice line re-charging a billable expense at cost."""
    kind = "pass-through" if e.pass_through else "rechargeable"
    return f"{e.category} ({kind}), {e.day:%d %b %Y}", "1.00", e.cents, e.cents


def _fixed_fee_invoices(
    studio: Studio, j: int, p: Project, expenses: list[Expense]
) -> list[Invoice]:
    """50% deposit at the start, 50% plus re-charged expenses on delivery."""
    assert p.budget_cents is not None
    half = p.budget_cents // 2
    out = [Invoice(p.start, j, "deposit", [(f"50% deposit: {p.name}", "1.00", half, half)])]
    if p.delivered is not None and p.delivered <= studio.as_of:
        rest = p.budget_cents - half
        lines = [(f"50% on delivery: {p.name}", "1.00", rest, rest)]
        out.append(Invoice(p.delivered, j, "balance", lines + [_expense_line(e) for e in expenses]))
    return out


def _retainer_invoices(studio: Studio, j: int, p: Project) -> list[Invoice]:
    """One invoice on the 1st of every month of the retainer, up to as_of."""
    assert p.budget_cents is not None
    out = []
    for k in range(_month_count(p.start, p.due)):
        first = _add_months(p.start, k)
        if first > studio.as_of:
            break
        line = (f"Monthly retainer, {first:%B %Y}", "1.00", p.budget_cents, p.budget_cents)
        out.append(Invoice(first, j, "retainer", [line]))
    return out


def _credit_notes(studio: Studio) -> list[Invoice]:
    """A few partial credits: unused deposits of cancelled jobs and goodwill on late ones."""
    rng = studio.rng("credit_notes")
    cal, as_of = studio.cal, studio.as_of
    options: list[Invoice] = []
    for j, p in enumerate(studio.projects):
        if p.billing != "fixed_fee" or p.budget_cents is None:
            continue
        if p.status == "cancelled":
            day = cal.shift(p.work_end, rng.randint(*CREDIT_NOTE_DELAY))
            cents = int(round(p.budget_cents / 2 * rng.uniform(*UNUSED_DEPOSIT_CREDIT), -4))
            reason = f"Credit for unused deposit, cancelled: {p.name}"
        elif p.status == "delivered" and any(
            d.delivered and d.delivered > d.due for d in p.deliverables
        ):
            assert p.delivered is not None
            day = cal.shift(p.delivered, rng.randint(*CREDIT_NOTE_DELAY))
            cents = int(round(p.budget_cents * rng.uniform(*GOODWILL_CREDIT), -3))
            reason = f"Goodwill credit, late delivery: {p.name}"
        else:
            continue
        if day <= as_of and cents > 0:
            options.append(Invoice(day, j, "credit", [(reason, "1.00", cents, cents)], credit=True))
    count = rng.randint(*CREDIT_NOTES) * studio.multiplier
    return rng.sample(options, min(count, len(options)))


def _vat(cents: int) -> int:
    """VAT on a net amount, rounded half up to the cent."""
    return (cents * VAT_PERCENT * 2 + 100) // 200


def _amounts_paid(studio: Studio, invoices: list[Invoice], totals: list[int]) -> list[int]:
    """What each invoice has been paid by as_of, given each client's payment habits."""
    rng = studio.rng("payments")
    as_of = studio.as_of
    paid = []
    for inv, total in zip(invoices, totals, strict=True):
        spec = CLIENTS[studio.projects[inv.project].client]
        if inv.credit:
            paid.append(total)
            continue
        if spec.story == "late payer":
            delay = rng.randint(*LATE_PAYER_DELAY)
        else:
            delay = spec.terms + rng.randint(*PAYMENT_SPREAD)
            if rng.random() < SLOW_PAYMENT_SHARE:
                delay += rng.randint(*SLOW_PAYMENT_EXTRA)
        if inv.day + timedelta(days=delay) <= as_of:
            paid.append(total)
        elif rng.random() < PARTLY_PAID_SHARE:
            paid.append(total // 2)
        else:
            paid.append(0)
    late = [
        k
        for k, inv in enumerate(invoices)
        if CLIENTS[studio.projects[inv.project].client].story == "late payer"
        and not inv.credit
        and DISPUTED_AGE[0] <= (as_of - inv.day).days <= DISPUTED_AGE[1]
    ]
    for k in late[-DISPUTED_INVOICES:]:
        paid[k] = 0  # disputed, long overdue
    return paid


def _contacts(studio: Studio) -> list[dict[str, str]]:
    """Postal address and accounts e-mail per client."""
    rng = studio.rng("contacts")
    out = []
    for spec in CLIENTS:
        city, country, postcode = rng.choice(COUNTRIES)
        slug = "".join(ch for ch in spec.name.lower() if ch.isascii() and ch.isalnum())
        out.append(
            {
                "EmailAddress": f"accounts@{slug}.example",
                "POAddressLine1": f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
                "POCity": city,
                "POPostalCode": postcode.format(n=rng.randint(1, 9)),
                "POCountry": country,
            }
        )
    return out


def _write_xero(path: Path, studio: Studio, invoices: list[Invoice]) -> None:
    """Xero invoices export: one row per line, invoice totals repeated on every line."""
    projects = studio.projects
    invoices = sorted(invoices, key=lambda i: (i.day, i.credit, projects[i.project].code, i.kind))
    totals = [sum(a + _vat(a) for *_, a in inv.lines) for inv in invoices]
    paid = _amounts_paid(studio, invoices, totals)
    contacts = _contacts(studio)
    numbers = {False: 0, True: 0}
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(XERO_HEADER)
        for inv, total, amount_paid in zip(invoices, totals, paid, strict=True):
            p = projects[inv.project]
            numbers[inv.credit] += 1
            prefix = "CN" if inv.credit else "INV"
            status = "Paid" if amount_paid == total else "Awaiting Payment"
            header = {
                "ContactName": CLIENTS[p.client].name,
                **contacts[p.client],
                "InvoiceNumber": f"{prefix}-{numbers[inv.credit]:05d}",
                "Reference": p.code,
                "InvoiceDate": f"{inv.day:%d/%m/%Y}",
                "DueDate": f"{inv.day + timedelta(days=CLIENTS[p.client].terms):%d/%m/%Y}",
                "Total": _money(total),
                "TaxTotal": _money(sum(_vat(a) for *_, a in inv.lines)),
                "InvoiceAmountPaid": _money(amount_paid),
                "InvoiceAmountDue": _money(total - amount_paid),
                "AccountCode": "200",
                "TaxType": "20% (VAT on Income)",
                "TrackingName1": "Service Line",
                "TrackingOption1": p.line.capitalize(),
                "Currency": "EUR",
                "Type": "Sales credit note" if inv.credit else "Sales invoice",
                "Sent": "Sent",
                "Status": status,
            }
            for description, quantity, unit, amount in inv.lines:
                row = {
                    **header,
                    "Description": description,
                    "Quantity": quantity,
                    "UnitAmount": _money(unit),
                    "LineAmount": _money(amount),
                    "TaxAmount": _money(_vat(amount)),
                }
                out.writerow([row.get(col, "") for col in XERO_HEADER])


# --------------------------------------------------------------------------- other files


def _workbook(path: Path, studio: Studio) -> xlsxwriter.Workbook:
    """A workbook whose bytes depend only on its content (fixed creation time, zip dates)."""
    # in_memory also makes xlsxwriter stamp every zip member with 1980-01-01.
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})
    as_of = studio.as_of
    book.set_properties({"created": datetime(as_of.year, as_of.month, as_of.day)})
    return book


def _write_sheet(
    path: Path, studio: Studio, sheet: str, header: list[str], rows: list[list[object]]
) -> None:
    """One-sheet workbook: bold header, real Excel dates, blanks left empty."""
    book = _workbook(path, studio)
    ws = book.add_worksheet(sheet)
    bold = book.add_format({"bold": True})
    day_format = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, header, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day_format)
            else:
                ws.write(r, c, value)
    ws.set_column(0, len(header) - 1, 16)
    ws.freeze_panes(1, 0)
    book.close()


def _write_projects(path: Path, studio: Studio) -> None:
    """The studio's projects template."""
    lead = {c: MANAGERS[s.manager] for c, s in enumerate(CLIENTS)}
    rows: list[list[object]] = []
    for p in sorted(studio.projects, key=lambda p: int(p.code[2:])):
        amount = None if p.budget_cents is None else p.budget_cents / 100
        rows.append(
            [
                p.code,
                p.name,
                CLIENTS[p.client].name,
                p.line.capitalize(),
                p.billing,
                p.budget_hours,
                amount,
                "EUR",
                p.start,
                p.due,
                p.delivered,
                p.status,
                lead[p.client],
            ]
        )
    _write_sheet(path, studio, "Projects", PROJECTS_HEADER, rows)


def _write_deliverables(path: Path, studio: Studio) -> None:
    """The studio's deliverables template (Original Due Date only where the date moved)."""
    rows: list[list[object]] = []
    for p in sorted(studio.projects, key=lambda p: int(p.code[2:])):
        for d in sorted(p.deliverables, key=lambda d: (d.due, d.name)):
            rows.append([p.code, d.name, d.due, d.delivered, d.original_due])
    _write_sheet(path, studio, "Deliverables", DELIVERABLES_HEADER, rows)


def _yes(flag: bool) -> str:
    """Yes/No as the studio templates write it."""
    return "Yes" if flag else "No"


def _write_expenses(path: Path, studio: Studio) -> None:
    """The studio's expenses template."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(EXPENSES_HEADER)
        for e in studio.expenses:
            out.writerow(
                [
                    e.day.isoformat(),
                    studio.projects[e.project].code,
                    e.category,
                    _money(e.cents),
                    _yes(e.billable),
                    _yes(e.pass_through),
                ]
            )


def _write_rate_card(path: Path, studio: Studio) -> None:
    """One row per person per rate period: from their start, then every 1 January."""
    rows = []
    for p in studio.people:
        if not p.in_rate_card:
            continue
        for year in _years(studio):
            valid_from = max(p.start, date(year, 1, 1))
            if valid_from.year != year or (p.end is not None and p.end < valid_from):
                continue
            rows.append(
                [
                    p.name,
                    p.role,
                    _money(p.cost[year]),
                    _money(studio.bill_rates[p.role, year]),
                    p.capacity,
                    valid_from.isoformat(),
                ]
            )
    rows.sort(key=lambda r: (r[0], r[5]))
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(RATE_CARD_HEADER)
        out.writerows(rows)


def _write_clients(path: Path, studio: Studio) -> None:
    """The studio's clients template with account managers and alias spellings."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(CLIENTS_HEADER)
        for spec in sorted(CLIENTS, key=lambda s: s.name):
            out.writerow([spec.name, MANAGERS[spec.manager], ";".join(spec.aliases)])
