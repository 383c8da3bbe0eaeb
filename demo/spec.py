"""The demo studio's fixed cast and its dials: scales, file names and headers, clients and
their stories, roles and rates, and the parameters of the simulation."""

from __future__ import annotations

from dataclasses import dataclass


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
TARGETS_FILE = "targets.csv"
PIPELINE_FILE = "pipeline.csv"
FILES = (TIME_FILE, XERO_FILE, PROJECTS_FILE, DELIVERABLES_FILE, EXPENSES_FILE, RATE_CARD_FILE,
         CLIENTS_FILE, TARGETS_FILE, PIPELINE_FILE)  # fmt: skip

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
TARGETS_HEADER = ["Client", "Year", "Revenue Target", "Margin Target", "On-time Target"]
PIPELINE_HEADER = [
    "Client", "Opportunity", "Service Line", "Value", "Probability", "Expected Start",
    "Expected End", "Stage",
]

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

# Targets: each client's revenue target for a year is its earned revenue of the year before
# (annualized while that year runs) times a growth drawn per client and year; a few steady
# clients get ambitious targets they fall clearly short of.
TARGET_GROWTH: dict[str, tuple[float, float]] = {
    "fast growth": (1.4, 1.6),
    "shrinking": (0.95, 1.05),
    "new": (0.9, 1.1),  # its first year: on what was pitched, the year's own pace
}
DEFAULT_TARGET_GROWTH = (1.02, 1.12)
AMBITIOUS_CLIENTS, AMBITIOUS_GROWTH = 3, (1.4, 1.6)
MARGIN_TARGET, ON_TIME_TARGET = (30, 45), (85, 95)  # whole percentages
# Pipeline: open opportunities per client (the lost client has none, the shrinking one one),
# starting this many days after as_of; (probability range in %) per open stage; closed ones.
PIPELINE_OPEN = (2, 4)
PIPELINE_START_DAYS = (30, 270)
PIPELINE_STAGES: dict[str, tuple[int, int]] = {
    "Lead": (10, 25),
    "Qualified": (25, 45),
    "Proposal": (40, 65),
    "Negotiation": (60, 90),
}
PIPELINE_CLOSED = ("Won", "Won", "Lost", "Lost")
PIPELINE_VALUE = (0.7, 1.4)  # times the fee of one of the client's projects of the last year
PIPELINE_MIN_VALUE = 500_000  # cents: nothing smaller is worth tracking as an opportunity
PIPELINE_MAX_SHARE = 1 / 3  # of the client's yearly earned revenue, for one opportunity

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
