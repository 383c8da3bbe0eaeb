"""Column-mapping profiles: an unknown export's columns mapped once onto the fields of one kind of
data, saved as a JSON file in the project's config and turned into a Format at runtime, so the
same export is recognised by the app and the command line from then on.

Profiles live in `settings.profiles_folder()`; the app saves and deletes them through
`actions.profiles`.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass

from etl.formats import FORMATS, Column, Format, normalize_header
from settings import file_slug, profiles_folder


@dataclass(frozen=True)
class Field:
    """A field of one kind of data that a profile can map a column onto."""

    name: str
    label: str
    parser: str = "text"
    required: bool = False
    money: bool = False
    default: str | None = None  # SQL for an unmapped column or an empty cell


def _money(name: str, label: str, required: bool = False, default: str | None = None) -> Field:
    """An amount or rate field, converted to the reporting currency like the built-in formats'."""
    return Field(name, label, "number", required, money=True, default=default)


CURRENCY = Field("currency", "Currency", "currency")
FIELDS: dict[str, tuple[Field, ...]] = {
    "time": (
        Field("entry_date", "Date", "date", required=True),
        Field("hours", "Hours", "duration", required=True),
        Field("client", "Client"),
        Field("project", "Project"),
        Field("project_code", "Project code"),
        Field("task", "Task"),
        Field("notes", "Notes"),
        Field("person", "Person"),
        Field("role", "Role"),
        Field("billable", "Billable", "bool", default="true"),
        _money("bill_rate", "Bill rate"),
        _money("cost_rate", "Cost rate"),
        CURRENCY,
    ),
    "invoices": (
        Field("invoice_number", "Invoice number", required=True),
        Field("client", "Client", required=True),
        Field("issue_date", "Issue date", "date", required=True),
        _money("amount", "Amount (excluding tax)", required=True),
        Field("project_code", "Project code"),
        Field("reference", "Reference"),
        Field("due_date", "Due date", "date"),
        _money("tax", "Tax", default="0"),
        _money("paid_amount", "Paid amount", default="0"),
        Field("paid_date", "Paid date", "date"),
        CURRENCY,
    ),
    "expenses": (
        Field("expense_date", "Date", "date", required=True),
        _money("amount", "Amount", required=True),
        Field("project_code", "Project code"),
        Field("client", "Client"),
        Field("project", "Project"),
        Field("category", "Category"),
        Field("billable", "Billable", "bool", default="false"),
        Field("pass_through", "Pass through", "bool", default="false"),
        CURRENCY,
    ),
    "projects": (
        Field("project_code", "Project code", required=True),
        Field("project", "Project"),
        Field("client", "Client"),
        Field("service_line", "Service line"),
        Field("billing_model", "Billing model"),
        Field("budget_hours", "Budget hours", "number"),
        _money("budget_amount", "Budget amount"),
        Field("start_date", "Start date", "date"),
        Field("due_date", "Due date", "date"),
        Field("delivered_date", "Delivered date", "date"),
        Field("status", "Status"),
        Field("account_manager", "Account manager"),
        CURRENCY,
    ),
    "deliverables": (
        Field("project_code", "Project code", required=True),
        Field("deliverable", "Deliverable", required=True),
        Field("due_date", "Due date", "date", required=True),
        Field("delivered_date", "Delivered date", "date"),
        Field("original_due_date", "Original due date", "date"),
    ),
}


@dataclass(frozen=True)
class Profile:
    """A named mapping: field of `kind` → the export's column header."""

    name: str
    kind: str
    columns: dict[str, str]

    @property
    def slug(self) -> str:
        """The profile's name as a file and format name (words joined by '_', as always)."""
        return file_slug(self.name, "_")

    def to_format(self) -> Format:
        """The declarative format this profile stands for."""
        columns, derive = {}, {}
        for field in FIELDS[self.kind]:
            header = self.columns.get(field.name)
            if field.default is None:
                if header:
                    columns[field.name] = Column(
                        (header,), field.parser, field.required, field.money
                    )
                continue
            # A field the raw table needs: the mapped cell, else the default.
            if header:
                columns[f"{field.name}_cell"] = Column((header,), field.parser, False, field.money)
                derive[field.name] = f"coalesce({field.name}_cell, {field.default})"
            else:
                derive[field.name] = field.default
        return Format(
            name=f"profile_{self.slug}",
            label=f"Profile: {self.name}",
            kind=self.kind,
            signature=tuple(dict.fromkeys(self.columns.values())),
            columns=columns,
            derive=derive,
        )

    def to_json(self) -> str:
        """The profile as the text of its file."""
        return json.dumps({"name": self.name, "kind": self.kind, "columns": self.columns}, indent=2)


class ProfileError(ValueError):
    """A profile that cannot be used; the message says what to fix."""


def from_json(text: str) -> Profile:
    """A profile read from the text of its file, checked: a name, a kind and a mapping of field
    names to column headers, all text."""
    try:
        data = json.loads(text)
        name, kind, columns = data["name"], data["kind"], data["columns"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ProfileError(f"not a column-mapping profile ({exc})") from exc
    if not isinstance(name, str) or not isinstance(kind, str) or not isinstance(columns, dict):
        raise ProfileError(
            "not a column-mapping profile: name and kind must be text, columns a map"
        )
    untyped = [field for field, header in columns.items() if not isinstance(header, str | None)]
    if untyped:
        raise ProfileError(
            "each field must map to a column header written as text, not "
            + ", ".join(f"{field!r}" for field in untyped)
        )
    profile = Profile(name, kind, columns)
    wrong = problems(profile)
    if wrong:
        raise ProfileError("; ".join(wrong))
    return profile


def problems(profile: Profile, headers: list[str] | None = None) -> list[str]:
    """What keeps `profile` from being saved (for a file with `headers`, when given)."""
    if profile.kind not in FIELDS:
        return [f"unknown kind of data {profile.kind!r}; one of {', '.join(FIELDS)}"]
    found = []
    if not profile.slug:
        found.append("give the profile a name")
    mapped = {name for name, header in profile.columns.items() if header}
    for field in FIELDS[profile.kind]:
        if field.required and field.name not in mapped:
            found.append(f"map a column to {field.label}")
    known = {field.name for field in FIELDS[profile.kind]}
    found += [f"{name!r} is not a field of {profile.kind}" for name in mapped - known]
    if headers is not None:
        present = {normalize_header(h) for h in headers}
        found += [
            f"the file has no column {header!r}"
            for header in profile.columns.values()
            if header and normalize_header(header) not in present
        ]
    return found


def saved() -> list[Profile]:
    """Every saved profile that can be used, by name (see `unusable` for the others)."""
    return [profile for _, profile in _read_all() if isinstance(profile, Profile)]


def unusable() -> list[tuple[str, str]]:
    """Saved profile files that cannot be used, and why: they are skipped, never let break
    an import."""
    return [
        (name, str(problem)) for name, problem in _read_all() if not isinstance(problem, Profile)
    ]


def _read_all() -> list[tuple[str, Profile | ProfileError]]:
    """Every profile file in the folder with the profile it holds or why it cannot be used."""
    if not profiles_folder().is_dir():
        return []
    found: list[tuple[str, Profile | ProfileError]] = []
    for path in sorted(profiles_folder().glob("*.json")):
        try:
            found.append((path.name, from_json(path.read_text(encoding="utf-8"))))
        except (ProfileError, OSError, UnicodeDecodeError) as exc:
            found.append((path.name, ProfileError(str(exc))))
    return found


def profile_formats() -> tuple[Format, ...]:
    """The saved profiles as formats, for detection after the built-in ones."""
    return tuple(profile.to_format() for profile in saved())


def _names(kind: str, field: Field) -> set[str]:
    """What a column holding `field` is called: its label, and the headers the built-in
    formats of the same kind read it from."""
    headers = [
        header
        for fmt in FORMATS
        if fmt.kind == kind and field.name in fmt.columns
        for header in fmt.columns[field.name].headers
    ]
    return {normalize_header(h) for h in (field.label, field.name.replace("_", " "), *headers)}


def guess(kind: str, headers: list[str]) -> dict[str, str]:
    """A first mapping for the form: each field to the header most like one of its names."""
    named = {normalize_header(h): h for h in headers if h}
    mapping = {}
    for field in FIELDS[kind]:
        names = _names(kind, field)

        def likeness(header: str, names: set[str] = names) -> float:
            return max(difflib.SequenceMatcher(None, n, header).ratio() for n in names)

        best = max(named, key=likeness, default=None)
        if best is not None and likeness(best) >= 0.75:
            mapping[field.name] = named[best]
    return mapping


def mapped_values(
    kind: str, mapping: dict[str, str], headers: list[str], rows: list[list[str]]
) -> list[dict[str, str]]:
    """Per field of `kind`: the column mapped onto it and that column's first values."""
    shown = []
    for field in FIELDS[kind]:
        header = mapping.get(field.name)
        index = headers.index(header) if header in headers else None
        values = [row[index] for row in rows if index is not None and index < len(row)]
        shown.append(
            {
                "field": field.label + (" (required)" if field.required else ""),
                "column": header or "",
                "values": " · ".join(v for v in values if v),
            }
        )
    return shown
