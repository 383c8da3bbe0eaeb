"""DataFrame in, plotly Figure out: readable on a meeting-room screen, no Streamlit."""

from __future__ import annotations

import html
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from metrics import periods
from metrics.attention import RULES
from metrics.catalogue import kpi
from metrics.labels import AGING, DELIVERY_STATUS, FORECAST_METHODS
from metrics.palette import (
    ACCENT_COLOUR,
    AGING_COLOURS,
    BAND_FILL,
    CLIENT_PALETTE,
    LAYER_COLOURS,
    LOSS_COLOUR,
    MUTED_COLOUR,
    PROFIT_COLOUR,
    REVENUE_COLOUR,
    SENSITIVITY_COLOURS,
    STATUS_COLOURS,
    TO_DATE_OPACITY,
)

DAY_MS = 86_400_000  # a day on a plotly date axis, in milliseconds

FONT = {"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 14}

# The house style's base: plotly's plotly_white, as the parts these charts use (axes that make
# room for their labels, light grid, white ground, bars outlined). Given as the template itself,
# not its name: a figure built unchecked (`_figure`) keeps a name as it is, and the browser's
# plotly.js knows no template by name, so the charts lost their margins.
_WHITE = pio.templates["plotly_white"].to_plotly_json()
_USED = "autotypenumbers colorway font hovermode hoverlabel paper_bgcolor plot_bgcolor xaxis yaxis"
_USED += " title shapedefaults annotationdefaults"
# Built once: a figure given the template as a dict builds it again (40 ms a chart).
TEMPLATE = go.layout.Template(
    {
        "layout": {key: _WHITE["layout"][key] for key in _USED.split()},
        "data": {"bar": _WHITE["data"]["bar"]},
    }
)


# Trace fields that may carry names from the data into the chart's labels, hovers and legend.
TEXT_FIELDS = ("x", "y", "text", "hovertext", "customdata", "name", "labels")


def _escaped(value: object) -> object:
    """One value, HTML-escaped when it is a text."""
    return html.escape(value, quote=False) if isinstance(value, str) else value


ESCAPE_ALL = np.frompyfunc(_escaped, 1, 1)


def _plain(value: object) -> object:
    """`value` (a text or an array of any shape) with every text HTML-escaped: Plotly draws
    `<b>`, `<a href>` and other tags in labels, so a client named `<a href=…>` would become
    a link."""
    if isinstance(value, str):
        return _escaped(value)
    return ESCAPE_ALL(np.asarray(value, dtype=object))


# Keywords whose underscore is part of the property's name; in all others an underscore is
# plotly's shorthand for a nested property (`marker_color` is `marker.color`).
UNDERSCORED = ("error_x", "error_y")

LEGEND_ABOVE = {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"}
# A long legend goes under the chart, where it does not crowd the title.
LEGEND_BELOW = {"orientation": "h", "y": -0.15, "yanchor": "top", "x": 0, "xanchor": "left"}


# Plotly's own figure methods set each property through its checks, about a millisecond a
# property: most of a chart's build, on every page view. The charts are built as dictionaries
# instead and made a figure once (`_layout`); tests/test_charts.py checks every chart once with
# the checks on, and that this builder makes what plotly's methods make.
class _Chart:
    """A figure as plain dictionaries, built with the plotly figure methods these charts use."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}

    def add_bar(self, **props: object) -> None:
        """Add a bar trace, as `go.Figure.add_bar`."""
        self.data.append({"type": "bar", **_nested(props)})

    def add_scatter(self, **props: object) -> None:
        """Add a scatter trace, as `go.Figure.add_scatter`."""
        self.data.append({"type": "scatter", **_nested(props)})

    def add_histogram(self, **props: object) -> None:
        """Add a histogram trace, as `go.Figure.add_histogram`."""
        self.data.append({"type": "histogram", **_nested(props)})

    def update_layout(self, **props: object) -> None:
        """Merge properties into the layout, as `go.Figure.update_layout`."""
        self.layout = _merged(self.layout, _nested(props))

    def update_xaxes(self, **props: object) -> None:
        """Merge properties into every x axis, as `go.Figure.update_xaxes`."""
        self._update_axes("x", _nested(props))

    def update_yaxes(self, **props: object) -> None:
        """Merge properties into every y axis (a second one too), as `go.Figure.update_yaxes`."""
        self._update_axes("y", _nested(props))

    def _update_axes(self, letter: str, patch: dict) -> None:
        """Merge `patch` into the first axis of `letter` and any other the layout has."""
        names = {f"{letter}axis", *(key for key in self.layout if _is_axis(key, letter))}
        for name in names:
            self.layout[name] = _merged(self.layout.get(name, {}), patch)

    def add_hline(
        self, y: float, line: dict, annotation_text: str, annotation_position: str = "top right"
    ) -> None:
        """Add plotly's `add_hline` line and label, at "top|bottom left|right" of the line."""
        above, side = annotation_position.split()
        shape = {"type": "line", "line": line, "xref": "x domain", "x0": 0, "x1": 1,
                 "yref": "y", "y0": y, "y1": y}  # fmt: skip
        label = {"text": annotation_text, "showarrow": False, "xref": "x domain",
                 "x": 0 if side == "left" else 1, "xanchor": side, "yref": "y", "y": y,
                 "yanchor": "bottom" if above == "top" else "top"}  # fmt: skip
        self._add_line(shape, label)

    def add_vline(
        self, x: float, line: dict, annotation_text: str, annotation_position: str = "top right"
    ) -> None:
        """Add plotly's `add_vline` line and label, at its "top|bottom right" (inside the plot)."""
        top = annotation_position.split()[0] == "top"
        shape = {"type": "line", "line": line, "xref": "x", "x0": x, "x1": x,
                 "yref": "y domain", "y0": 0, "y1": 1}  # fmt: skip
        label = {"text": annotation_text, "showarrow": False, "xref": "x", "x": x,
                 "xanchor": "left", "yref": "y domain", "y": 1 if top else 0,
                 "yanchor": "top" if top else "bottom"}  # fmt: skip
        self._add_line(shape, label)

    def _add_line(self, shape: dict, label: dict) -> None:
        """Append a line and its label to the layout's shapes and annotations."""
        self.layout["shapes"] = [*self.layout.get("shapes", []), shape]
        self.layout["annotations"] = [*self.layout.get("annotations", []), label]


def _is_axis(key: str, letter: str) -> bool:
    """True when the layout key `key` names an axis of `letter` ("yaxis", "yaxis2", …)."""
    rest = key.removeprefix(f"{letter}axis")
    return rest != key and (rest == "" or rest.isdigit())


def _nested(props: dict[str, object]) -> dict:
    """Keyword properties as nested dictionaries (`marker_color`: `marker.color`), None left out."""
    nested: dict = {}
    for key, value in props.items():
        if value is None:
            continue
        first, *rest = [key] if key in UNDERSCORED else key.split("_")
        patch = _value(value)
        for name in reversed(rest):
            patch = {name: patch}
        nested = _merged(nested, {first: patch})
    return nested


def _value(value: object) -> object:
    """A property's value with its pandas data as numpy arrays, in nested dictionaries too."""
    # As plotly's checks convert them; the figure sends numbers on as typed arrays, dates as ISO
    # texts. (Plotly would also drop a date's time zone: the warehouse's dates have none.)
    if isinstance(value, pd.Series | pd.DataFrame | pd.Index):
        return value.to_numpy()
    if isinstance(value, dict):
        return {key: _value(inner) for key, inner in value.items()}
    return value


def _layout(chart: _Chart, title: str, height: int, legend: dict = LEGEND_ABOVE) -> go.Figure:
    """The figure in the house style; every text from the data shown as it is, never as markup."""
    # A title, white background, light grid, the legend top right unless given.
    for trace in chart.data:
        for field in TEXT_FIELDS:
            value = trace.get(field)
            if value is not None and _has_text(value):
                trace[field] = _plain(value)
    if legend is LEGEND_BELOW:  # clear of the x-axis title: a fixed distance, not a share
        legend = {**legend, "y": -75 / max(height - 70, 100)}
    style = {
        "title": {"text": html.escape(title, quote=False), "x": 0, "font": {"size": 18}},
        "font": FONT,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": legend,
        "hoverlabel": {"font": {"size": 13}},
    }
    layout = {**_merged(chart.layout, style), "template": TEMPLATE}
    return go.Figure({"data": chart.data, "layout": layout}, _validate=False)


def _merged(base: dict, over: dict) -> dict:
    """`base` with `over`'s values put in, dictionaries merged key by key (as update_layout
    merges)."""
    merged = dict(base)
    for key, value in over.items():
        inner = merged.get(key)
        both = isinstance(value, dict) and isinstance(inner, dict)
        merged[key] = _merged(inner, value) if both else value
    return merged


def _has_text(value: object) -> bool:
    """True when `value` is a text, or an array holding any."""
    if isinstance(value, str):
        return True
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufcmM":
        return False  # numbers and dates: no need to look at each
    return isinstance(value, list | tuple | np.ndarray) and any(
        isinstance(item, str) for item in np.asarray(value, dtype=object).ravel()
    )


def revenue_and_profit(
    frame: pd.DataFrame, category: str, title: str, revenue_name: str, currency: str
) -> go.Figure:
    """Horizontal bars of revenue and gross profit per category, largest on top."""
    data = frame.sort_values("revenue")
    revenue, profit = kpi(revenue_name), kpi("gross_profit")
    fig = _Chart()
    fig.add_bar(
        y=data[category],
        x=data["gross_profit"],
        name=profit.label,
        orientation="h",
        marker_color=[PROFIT_COLOUR if v >= 0 else LOSS_COLOUR for v in data["gross_profit"]],
        customdata=data["margin_pct"],
        hovertemplate="%{y}<br>"
        + profit.label
        + ": %{x:,.0f}<br>Margin: %{customdata:.1%}<extra></extra>",
    )
    fig.add_bar(
        y=data[category],
        x=data["revenue"],
        name=revenue.label,
        orientation="h",
        marker_color=REVENUE_COLOUR,
        hovertemplate="%{y}<br>" + revenue.label + ": %{x:,.0f}<extra></extra>",
    )
    # Horizontal groups draw the first trace lowest, so revenue sits on top; the legend follows.
    fig.update_layout(barmode="group", bargap=0.25, legend_traceorder="reversed")
    fig.update_xaxes(title_text=currency, tickformat=",.0f")
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, max(320, 34 * len(data) + 140))


def revenue_and_margin(
    frame: pd.DataFrame, period: str, title: str, revenue_name: str, currency: str, as_of: date
) -> go.Figure:
    """Bars of revenue per `period` ('month', or 'week_end': the seven days ending on the date)
    with the gross margin as a line on a second axis; a period still running at the as-of date
    is drawn lighter and marked "to date", so its short bar does not read as a fall."""
    revenue, margin = kpi(revenue_name), kpi("margin_pct")
    weekly = period == "week_end"
    when = "7 days to %{x|%-d %b}" if weekly else "%{x|%b %Y}"
    running = _still_running(frame[period], period, as_of)
    so_far = np.where(running, f", to {as_of:%-d %b}", "")  # for the hovers
    fig = _Chart()
    fig.add_bar(
        x=frame[period],
        y=frame["revenue"],
        name=revenue.label,
        marker={"color": REVENUE_COLOUR, "opacity": _to_date_opacity(frame[period], period, as_of)},
        customdata=so_far,
        hovertemplate=when + "%{customdata}<br>%{y:,.0f}<extra></extra>",
    )
    money_range, margin_range = _zero_aligned(frame["revenue"], frame["margin_pct"])
    # A margin below the axis is drawn on its floor as a downward triangle labelled with itself.
    # (Within rounding of the floor is on it: the lowest margin sets the floor when above -50%.)
    below = (frame["margin_pct"] < margin_range[0] - 1e-9).to_numpy()
    fig.add_scatter(
        x=frame[period],
        y=frame["margin_pct"].clip(lower=margin_range[0]),
        name=margin.label,
        yaxis="y2",
        mode="lines+markers+text" if below.any() else "lines+markers",  # text costs a draw
        line={"color": PROFIT_COLOUR, "width": 3},
        marker={
            "symbol": np.where(below, "triangle-down", np.where(running, "circle-open", "circle")),
            "size": np.where(below, 12, 8),
        },
        text=[f"{v:.0%}" if low else "" for v, low in zip(frame["margin_pct"], below, strict=True)],
        textposition="top right",
        textfont={"color": LOSS_COLOUR},
        cliponaxis=False,  # the triangle sits on the plot's edge
        customdata=list(zip(so_far, frame["margin_pct"].astype(float), strict=True)),
        hovertemplate=when + "%{customdata[0]}<br>%{customdata[1]:.1%}<extra></extra>",
    )
    fig.update_layout(
        annotations=_to_date_marks(frame.set_index(period)["revenue"], period, as_of),
        yaxis={"title": {"text": currency}, "tickformat": ",.0f", "range": money_range},
        yaxis2={"title": {"text": margin.label}, "overlaying": "y", "side": "right",
                "tickformat": ".0%", "range": margin_range, "tick0": 0, "dtick": 0.2,
                "showgrid": False},
        # Weekly ticks every other week end, the last on the as-of date: plotly's own would
        # fall on Sundays, between the bars.
        xaxis={"tickformat": "%-d %b", "tick0": as_of.isoformat(), "dtick": 14 * DAY_MS,
               "title": {"text": "Week ending"}} if weekly else {"tickformat": "%b %y"},
    )  # fmt: skip
    return _layout(fig, title, 340)


def _zero_aligned(revenue: pd.Series, margin: pd.Series) -> tuple[list[float], list[float]]:
    """Ranges of the revenue axis and of the margin axis (to 100%) whose zeros are level, so a
    negative margin is drawn below the bars' base, not beside a positive revenue tick. What the
    margins ask for stops at -50%: invoices are lumpy, and a week's billed margin can be far
    below."""
    amounts, margins = revenue.dropna().tolist(), margin.dropna().tolist()
    money_floor = min([0.0, *amounts]) * 1.08
    # Nothing above zero (a credit note alone): as much room above as below.
    top = max([0.0, *amounts]) * 1.08 or -money_floor or 1.0
    margin_floor = max(-0.5, min([0.0, *margins]))
    # How far up the plot zero sits: as high as either axis needs it.
    zero = max(-money_floor / (top - money_floor), -margin_floor / (1.0 - margin_floor))
    below = zero / (1.0 - zero)
    return [-below * top, top], [-below * 1.0, 1.0]


def _still_running(starts: pd.Series, period: str, as_of: date) -> np.ndarray:
    """Which months (by their first day) or weeks (by their last) end after the as-of date."""
    return np.array([periods.still_running(s.date(), period, as_of) for s in starts], dtype=bool)


def _to_date_opacity(starts: pd.Series, period: str, as_of: date) -> np.ndarray:
    """Each bar's opacity, by the day that names its period: lighter where that period is still
    running at the as-of date."""
    return np.where(_still_running(starts, period, as_of), TO_DATE_OPACITY, 1.0)


def _to_date_marks(tops: pd.Series, period: str, as_of: date) -> list[dict]:
    """A "to date" label above each period still running at the as-of date, given the top of
    its bars by the day that names it; upright, so that it fits over a narrow bar."""
    running = tops[_still_running(tops.index.to_series(), period, as_of)]
    return [
        {"x": start, "y": max(top, 0), "text": "to date", "textangle": -90, "showarrow": False,
         "yanchor": "bottom", "font": {"size": 12, "color": REVENUE_COLOUR}}
        for start, top in running.items()
    ]  # fmt: skip


def hours_by_person(people: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars of billable and other hours per person, most hours on top."""
    data = people.sort_values("hours").tail(15)
    names = data["person"] + " · " + data["role"]
    fig = _Chart()
    fig.add_bar(
        y=names,
        x=data["billable_hours"],
        name="Billable",
        orientation="h",
        marker_color=REVENUE_COLOUR,
        hovertemplate="%{y}<br>Billable: %{x:,.1f} h<extra></extra>",
    )
    fig.add_bar(
        y=names,
        x=data["hours"] - data["billable_hours"],
        name="Non-billable",
        orientation="h",
        marker_color=MUTED_COLOUR,
        hovertemplate="%{y}<br>Non-billable: %{x:,.1f} h<extra></extra>",
    )
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_xaxes(title_text="Hours", tickformat=",.0f")
    fig.update_yaxes(automargin=True)
    title = "Hours by person" + (" (top 15)" if len(people) > 15 else "")
    return _layout(fig, title, max(300, 30 * len(data) + 140))


def burn_against_schedule(weeks: pd.DataFrame, start: date, due: date) -> go.Figure:
    """Budget burn by the end of each week (to date in the week still running) against the
    schedule, a straight line from 0% at the start to 100% on the due date: burn above it means
    trouble. The whole schedule is drawn, so a project just started is read against it too."""
    fig = _Chart()
    last = weeks["through"].max()
    if pd.notna(due):  # without a due date there is no schedule to draw
        last = max(pd.Timestamp(due), last)
        # Whole days: on its first day 1/N of the schedule has passed, so 0% is the day before.
        fig.add_scatter(
            x=[pd.Timestamp(start) - pd.Timedelta(days=1), pd.Timestamp(due), last],
            y=[0, 1, 1],
            name="Schedule (start to due date)",
            mode="lines",
            line={"color": MUTED_COLOUR, "width": 3, "dash": "dash"},
            hovertemplate="%{x|%-d %b %Y}<br>%{y:.0%} of the schedule<extra></extra>",
        )
    fig.add_scatter(
        x=weeks["through"],
        y=weeks["hours_burn_pct"],
        name=kpi("hours_burn_pct").label,
        mode="lines+markers",
        line={"color": REVENUE_COLOUR, "width": 3},
        customdata=weeks["schedule_elapsed_pct"],
        hovertemplate="By %{x|%-d %b}: %{y:.0%} of budget hours at %{customdata:.0%} of the "
        "schedule<extra></extra>",
    )
    fig.add_hline(y=1, line={"color": LOSS_COLOUR, "width": 1}, annotation_text="Budget")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title_text="Share of budget / schedule")
    # Weekly ticks on short projects, monthly ticks on long ones.
    weeks_long = (last - pd.Timestamp(start)).days / 7
    fig.update_xaxes(tickformat="%-d %b", dtick="M1" if weeks_long > 16 else 7 * DAY_MS)
    return _layout(fig, "Budget burn against the schedule", 360)


def deliveries_over_time(months: pd.DataFrame, as_of: date) -> go.Figure:
    """Stacked early / on-time / late deliveries per month, with the on-time rate as a line; the
    month still running at the as-of date drawn lighter and marked "to date"."""
    fig = _Chart()
    opacity = _to_date_opacity(months["month"], "month", as_of)
    for status, colour in STATUS_COLOURS.items():
        fig.add_bar(
            x=months["month"],
            y=months[status],
            name=DELIVERY_STATUS[status],
            marker={"color": colour, "opacity": opacity},
            hovertemplate="%{x|%b %Y}<br>%{y} "
            + DELIVERY_STATUS[status].lower()
            + "<extra></extra>",
        )
    fig.add_scatter(
        x=months["month"],
        y=months["on_time_rate"],
        name=kpi("on_time_rate").label,
        yaxis="y2",
        mode="lines+markers",
        line={"color": REVENUE_COLOUR, "width": 3},
        # The month still running: its rate so far, a hollow point as on the margin lines.
        marker={"symbol": np.where(opacity < 1, "circle-open", "circle"), "size": 8},
        hovertemplate="%{x|%b %Y}<br>%{y:.0%} on time<extra></extra>",
    )
    tops = months.set_index("month")[list(STATUS_COLOURS)].sum(axis=1)
    fig.update_layout(
        barmode="stack",
        yaxis={"title": {"text": "Deliverables"}},
        yaxis2={"title": {"text": kpi("on_time_rate").label}, "overlaying": "y", "side": "right",
                "tickformat": ".0%", "range": [0, 1.05], "dtick": 0.2, "showgrid": False},
        xaxis={"tickformat": "%b %y"},
        annotations=_to_date_marks(tops, "month", as_of),
    )  # fmt: skip
    title = f"Deliveries and on-time rate by month, the 12 months to {as_of:%b %Y}"
    return _layout(fig, title, 360)


def deliveries_by(breakdown: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal stacked early / on-time / late bars per name, the most late deliveries on top
    (then the lowest on-time rate): one late delivery of one is not the worst record."""
    # Plotly draws the first row at the bottom.
    data = breakdown.sort_values(["late", "on_time_rate"], ascending=[True, False], kind="stable")
    fig = _Chart()
    for status, colour in STATUS_COLOURS.items():
        fig.add_bar(
            y=data["name"],
            x=data[status],
            name=DELIVERY_STATUS[status],
            orientation="h",
            marker_color=colour,
            customdata=data["on_time_rate"],
            hovertemplate="%{y}<br>%{x} "
            + DELIVERY_STATUS[status].lower()
            + " · %{customdata:.0%} on time<extra></extra>",
        )
    fig.update_layout(barmode="stack", bargap=0.3)
    most = (data["early"] + data["on_time"] + data["late"]).max()
    # Whole deliverables only: no half ticks on short bars.
    fig.update_xaxes(title_text="Deliverables", dtick=1 if most <= 10 else None)
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, max(300, 28 * len(data) + 140))


def days_late_distribution(deliveries: pd.DataFrame) -> go.Figure:
    """How late the late deliveries were: a histogram of days late."""
    late = deliveries[deliveries["status"] == DELIVERY_STATUS["late"]]
    fig = _Chart()
    fig.add_histogram(
        x=late["days_late"],
        xbins={"start": 0.5, "size": 1},
        marker_color=LOSS_COLOUR,
        hovertemplate="%{x} days late: %{y} deliverables<extra></extra>",
    )
    fig.update_xaxes(title_text="Days late", dtick=1 if late["days_late"].max() <= 20 else 5)
    # Counts: whole-number ticks (Plotly would put 0.5 between 0 and 1 for a few deliverables).
    most = late["days_late"].value_counts().max() if len(late) else 0
    fig.update_yaxes(title_text="Deliverables", dtick=1 if most <= 8 else None, rangemode="tozero")
    return _layout(fig, "How late the late deliveries were", 320)


def revenue_by_client_over_time(
    monthly: pd.DataFrame, revenue_name: str, currency: str, as_of: date
) -> go.Figure:
    """Stacked monthly revenue of the largest clients (largest at the bottom), the rest on top;
    the month still running at the as-of date drawn lighter and marked "to date"."""
    fig = _Chart()
    order = monthly.groupby("client")["revenue_rank"].min().sort_values().index
    for colour, client in zip(CLIENT_PALETTE * 2, order, strict=False):
        rows = monthly[monthly["client"] == client]
        fig.add_bar(
            x=rows["month"],
            y=rows["revenue"],
            name=client,
            marker={
                "color": CLIENT_PALETTE[-1] if client == "Other clients" else colour,
                "opacity": _to_date_opacity(rows["month"], "month", as_of),
            },
            # The trace's own (escaped) name: a client's name is not markup nor a template.
            hovertemplate="%{fullData.name}<br>%{x|%b %Y}: %{y:,.0f}<extra></extra>",
        )
    tops = monthly.groupby("month")["revenue"].sum()
    fig.update_layout(barmode="stack", annotations=_to_date_marks(tops, "month", as_of))
    fig.update_yaxes(title_text=f"{kpi(revenue_name).label}, {currency}", tickformat=",.0f")
    fig.update_xaxes(tickformat="%b %y")
    return _layout(fig, "Revenue by client, last 24 months", 480, legend=LEGEND_BELOW)


def growth_by_client(growth: pd.DataFrame) -> go.Figure:
    """Horizontal bars of trailing-12-month growth per client, fastest growing on top."""
    data = growth.dropna(subset=["ttm_growth_pct"]).sort_values("ttm_growth_pct")
    fig = _Chart()
    fig.add_bar(
        y=data["client"],
        x=data["ttm_growth_pct"],
        orientation="h",
        marker_color=[PROFIT_COLOUR if v >= 0 else LOSS_COLOUR for v in data["ttm_growth_pct"]],
        customdata=data[["revenue_ttm", "revenue_prior_ttm"]],
        hovertemplate="%{y}<br>%{x:+.0%}: %{customdata[0]:,.0f} against %{customdata[1]:,.0f}"
        "<extra></extra>",
    )
    fig.update_xaxes(title_text="Growth on the 12 months before", tickformat="+.0%")
    fig.update_yaxes(automargin=True)
    return _layout(fig, "Growth, trailing 12 months", max(320, 24 * len(data) + 120))


def concentration_shares(growth: pd.DataFrame) -> go.Figure:
    """Each client's share of trailing-12-month revenue, with the 20% risk threshold."""
    data = growth.dropna(subset=["share_pct"]).sort_values("share_pct").tail(15)
    fig = _Chart()
    fig.add_bar(
        y=data["client"],
        x=data["share_pct"],
        orientation="h",
        marker_color=[LOSS_COLOUR if v > 0.2 else REVENUE_COLOUR for v in data["share_pct"]],
        hovertemplate="%{y}<br>%{x:.1%} of revenue<extra></extra>",
    )
    # Labelled at the foot of the line, by the smallest bars, not over the largest client.
    fig.add_vline(
        x=0.2, line={"color": LOSS_COLOUR, "dash": "dash"}, annotation_text="20%",
        annotation_position="bottom right",
    )  # fmt: skip
    fig.update_xaxes(title_text="Share of revenue, last 12 months", tickformat=".0%")
    fig.update_yaxes(automargin=True)
    return _layout(fig, "Concentration (15 largest clients)", max(320, 24 * len(data) + 120))


def new_and_repeat_revenue(monthly: pd.DataFrame, currency: str, as_of: date) -> go.Figure:
    """Stacked monthly revenue from clients in their first year and from repeat clients; the
    month still running at the as-of date drawn lighter and marked "to date"."""
    fig = _Chart()
    opacity = _to_date_opacity(monthly["month"], "month", as_of)
    for column, name, colour in (
        ("repeat_revenue", "Repeat clients", REVENUE_COLOUR),
        ("new_revenue", "Clients in their first year", ACCENT_COLOUR),
    ):
        fig.add_bar(
            x=monthly["month"],
            y=monthly[column],
            name=name,
            marker={"color": colour, "opacity": opacity},
            hovertemplate="%{x|%b %Y}: %{y:,.0f}<extra></extra>",
        )
    tops = monthly.set_index("month")[["repeat_revenue", "new_revenue"]].sum(axis=1)
    fig.update_layout(barmode="stack", annotations=_to_date_marks(tops, "month", as_of))
    fig.update_yaxes(title_text=currency, tickformat=",.0f")
    fig.update_xaxes(tickformat="%b %y")
    return _layout(fig, "New and repeat business", 360)


AGING_CLIENTS = 15  # clients the receivables chart has room for


def aging_by_client(aging: pd.DataFrame, currency: str) -> go.Figure:
    """Stacked horizontal bars of unpaid balances per client by days past due, the most overdue
    on top (then the most owed); the title says when more clients owe than it shows."""
    ranked = aging.assign(_overdue=aging["overdue"].fillna(0))
    data = ranked.sort_values(["_overdue", "outstanding"]).tail(AGING_CLIENTS)
    fig = _Chart()
    for column, label in AGING.items():
        fig.add_bar(
            y=data["client"],
            x=data[column].fillna(0),
            name=label,
            orientation="h",
            marker_color=AGING_COLOURS[column],
            hovertemplate="%{y}<br>" + label + ": %{x:,.0f}<extra></extra>",
        )
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_xaxes(title_text=f"Unpaid, {currency} (tax included)", tickformat=",.0f")
    fig.update_yaxes(automargin=True)
    height = max(320, 28 * len(data) + 200)
    title = "Receivables by age"
    if len(aging) > len(data):
        title += f": the {len(data)} clients most overdue, of {len(aging)} owing"
    return _layout(fig, title, height, legend=LEGEND_BELOW)


def earned_and_invoiced(months: pd.DataFrame, currency: str, as_of: date) -> go.Figure:
    """Revenue earned and invoiced per month side by side: the gap is unbilled work; the month
    still running at the as-of date drawn lighter and marked "to date"."""
    fig = _Chart()
    opacity = _to_date_opacity(months["month"], "month", as_of)
    for name, colour in (("earned_revenue", REVENUE_COLOUR), ("billed_revenue", ACCENT_COLOUR)):
        fig.add_bar(
            x=months["month"],
            y=months[name],
            name=kpi(name).label,
            marker={"color": colour, "opacity": opacity},
            hovertemplate="%{x|%b %Y}: %{y:,.0f}<extra></extra>",
        )
    tops = months.set_index("month")[["earned_revenue", "billed_revenue"]].max(axis=1)
    fig.update_layout(
        barmode="group", bargap=0.25, annotations=_to_date_marks(tops, "month", as_of)
    )
    fig.update_yaxes(title_text=currency, tickformat=",.0f")
    fig.update_xaxes(tickformat="%b %y")
    # Whatever the period chosen: say which months.
    title = f"Earned and invoiced by month, the 12 months to {as_of:%b %Y}"
    return _layout(fig, title, 360)


def margin_sensitivity(curves: pd.DataFrame, points: pd.DataFrame, target: float) -> go.Figure:
    """The delivery margin as the inputs that move it most change, with the points where the
    plan breaks even and where it reaches the target margin."""
    margin = kpi("delivery_margin_pct").label
    fig = _Chart()
    # A driver keeps its colour whichever moves the margin most (and comes first) for a plan.
    colours = dict(zip(sorted(curves["driver"].unique()), SENSITIVITY_COLOURS, strict=False))
    for driver, rows in curves.groupby("driver", sort=False):
        colour = colours.get(driver, MUTED_COLOUR)
        fig.add_scatter(
            x=rows["change"],
            y=rows["delivery_margin_pct"],
            name=driver,
            mode="lines",
            line={"color": colour, "width": 3},
            hovertemplate=driver + " %{x:+.0%}<br>" + margin + " %{y:.1%}<extra></extra>",
        )
    fig.add_scatter(
        x=points["change"],
        y=points["delivery_margin_pct"],
        mode="markers+text",
        text=_unless_close(points["change"], points["delivery_margin_pct"], points["point"]),
        textposition="top center",
        marker={"color": LOSS_COLOUR, "size": 10, "symbol": "diamond"},
        showlegend=False,
        hoverinfo="skip",
    )
    fig.add_hline(
        y=target,
        line={"color": PROFIT_COLOUR, "dash": "dash"},
        annotation_text=f"Target {target:.0%} delivery margin",
        annotation_position="bottom right",
    )
    fig.add_vline(x=0, line={"color": MUTED_COLOUR, "width": 1}, annotation_text="As planned")
    fig.update_xaxes(title_text="Change in the input", tickformat="+.0%", dtick=0.1)
    fig.update_yaxes(title_text=margin, tickformat=".0%")
    return _layout(fig, f"What moves the {margin.lower()}", 400)


def _unless_close(xs: pd.Series, ys: pd.Series, texts: pd.Series) -> list[str]:
    """Each point's label, blank where an earlier labelled point sits within a few percent of it
    on both axes (two drivers reaching the target at the same place would print it twice)."""
    shown: list[str] = []
    for i, (x, y, text) in enumerate(zip(xs, ys, texts, strict=True)):
        near = any(
            abs(x - xs.iloc[j]) < 0.04 and abs(y - ys.iloc[j]) < 0.03 and shown[j] for j in range(i)
        )
        shown.append("" if near else text)
    return shown


def plan_progress(months: pd.DataFrame, target: float | None, currency: str) -> go.Figure:
    """Revenue so far this year and the forecast to December with its P10–P90 band, against
    the year's revenue target."""
    fig = _Chart()
    ahead = months.dropna(subset=["cumulative_forecast"])
    fig.add_scatter(
        x=ahead["month"], y=ahead["cumulative_high"], mode="lines", line={"width": 0},
        hoverinfo="skip", showlegend=False,
    )  # fmt: skip
    fig.add_scatter(
        x=ahead["month"],
        y=ahead["cumulative_low"],
        mode="lines",
        line={"width": 0},
        fill="tonexty",
        fillcolor=BAND_FILL,
        name="Likely range",
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=ahead["month"],
        y=ahead["cumulative_forecast"],
        mode="lines+markers",
        name="Forecast",
        line={"color": REVENUE_COLOUR, "dash": "dash"},
        customdata=ahead[["cumulative_low", "cumulative_high"]],
        hovertemplate="By end of %{x|%b}: %{y:,.0f}<br>Likely range %{customdata[0]:,.0f} – "
        "%{customdata[1]:,.0f}<extra></extra>",
    )
    done = months.dropna(subset=["cumulative_actual"])
    fig.add_scatter(
        x=done["month"],
        y=done["cumulative_actual"],
        mode="lines+markers",
        name="Earned",
        line={"color": REVENUE_COLOUR, "width": 3},
        hovertemplate="By end of %{x|%b}: %{y:,.0f}<extra></extra>",
    )
    if target is not None and not pd.isna(target):
        fig.add_hline(
            y=target,
            line={"color": PROFIT_COLOUR, "dash": "dot"},
            annotation_text=f"Plan {target:,.0f}",
            annotation_position="top left",
        )
    fig.update_yaxes(title_text=f"Earned revenue, cumulative, {currency}", tickformat=",.0f",
                     rangemode="tozero")  # fmt: skip
    fig.update_xaxes(tickformat="%b", dtick="M1")
    return _layout(fig, "Earned so far and the forecast to December", 420, legend=LEGEND_BELOW)


def forecast_layers(months: pd.DataFrame, currency: str) -> go.Figure:
    """Monthly earned revenue so far this year, then the forecast's layers stacked for the
    next 12 months."""
    fig = _Chart()
    past = months[months["lead"] <= 0]
    fig.add_bar(
        x=past["month"],
        y=past["actual"],
        name="Earned",
        marker_color=MUTED_COLOUR,
        hovertemplate="%{x|%b %Y}: %{y:,.0f} earned<extra></extra>",
    )
    ahead = months[months["lead"] >= 0]
    for layer, name in (
        ("contracted", "Contracted"),
        ("pipeline", "Pipeline (weighted)"),
        ("baseline", "Not yet booked"),
    ):
        fig.add_bar(
            x=ahead["month"],
            y=ahead[layer],
            name=name,
            marker_color=LAYER_COLOURS[layer],
            hovertemplate="%{x|%b %Y}: %{y:,.0f} " + name.lower() + "<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=f"Earned revenue, {currency}", tickformat=",.0f")
    fig.update_xaxes(tickformat="%b %y")
    return _layout(fig, "Earned by month, then the forecast by layer", 420, legend=LEGEND_BELOW)


def plan_vs_forecast(plans: pd.DataFrame, currency: str) -> go.Figure:
    """Per client with a plan, the forecast for the year with its P10–P90 band beside the plan;
    furthest below plan on top."""
    data = plans.dropna(subset=["revenue_target"]).sort_values("gap_pct", ascending=False)
    fig = _Chart()
    fig.add_bar(
        y=data["client"],
        x=data["forecast_year"],
        orientation="h",
        name="Forecast (likely range)",
        marker_color=[
            LOSS_COLOUR if gap < -RULES.below_plan_gap else REVENUE_COLOUR
            for gap in data["gap_pct"].fillna(0)
        ],
        error_x={
            "type": "data",
            "symmetric": False,
            "array": data["forecast_high"] - data["forecast_year"],
            "arrayminus": data["forecast_year"] - data["forecast_low"],
            "color": MUTED_COLOUR,
        },
        customdata=data[["forecast_low", "forecast_high", "revenue_target"]],
        hovertemplate="%{y}<br>Forecast %{x:,.0f} (likely range %{customdata[0]:,.0f} – "
        "%{customdata[1]:,.0f})<br>Plan %{customdata[2]:,.0f}<extra></extra>",
    )
    fig.add_scatter(
        y=data["client"],
        x=data["revenue_target"],
        mode="markers",
        name="Plan",
        marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": PROFIT_COLOUR}},
        hovertemplate="%{y}<br>Plan %{x:,.0f}<extra></extra>",
    )
    fig.update_xaxes(title_text=f"Earned revenue for the year, {currency}", tickformat=",.0f")
    fig.update_yaxes(automargin=True)
    return _layout(fig, "Forecast for the year against plan", max(320, 26 * len(data) + 140))


def forecast_accuracy(accuracy: pd.DataFrame) -> go.Figure:
    """The backtest's error (WAPE) of each method at each horizon: lower is better."""
    fig = _Chart()
    colours = [REVENUE_COLOUR, MUTED_COLOUR, ACCENT_COLOUR]
    for colour, (method, name) in zip(colours, FORECAST_METHODS.items(), strict=True):
        rows = accuracy[accuracy["method"] == method]
        fig.add_bar(
            x=[f"{h} months ahead" for h in rows["horizon"]],
            y=rows["wape"],
            name=name,
            marker_color=colour,
            text=[f"{v:.0%}" for v in rows["wape"]],
            textposition="outside",
            hovertemplate=name + " %{x}: off by %{y:.1%} of revenue<extra></extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="Error, share of actual revenue (WAPE)", tickformat=".0%",
                     rangemode="tozero")  # fmt: skip
    return _layout(
        fig, "How far forecasts were off, per client and month", 400, legend=LEGEND_BELOW
    )
