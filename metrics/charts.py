"""DataFrame in, plotly Figure out: readable on a meeting-room screen, no Streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metrics.catalogue import kpi

FONT = {"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 14}
REVENUE_COLOUR = "#1f4e79"
PROFIT_COLOUR = "#5aa469"
LOSS_COLOUR = "#c0392b"
MUTED_COLOUR = "#a9b4c2"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The house style: a title, white background, light grid, legend top right."""
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 18}},
        font=FONT,
        height=height,
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        hoverlabel={"font_size": 13},
    )
    return fig


def revenue_and_profit(
    frame: pd.DataFrame, category: str, title: str, revenue_name: str, currency: str
) -> go.Figure:
    """Horizontal bars of revenue and gross profit per category, largest on top."""
    data = frame.sort_values("revenue")
    revenue, profit = kpi(revenue_name), kpi("gross_profit")
    fig = go.Figure()
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
    fig.update_yaxes(title_text=None, automargin=True)
    return _layout(fig, title, max(320, 34 * len(data) + 140))


def revenue_and_margin(
    frame: pd.DataFrame, period: str, title: str, revenue_name: str, currency: str
) -> go.Figure:
    """Bars of revenue per period with the gross margin as a line on a second axis."""
    revenue, margin = kpi(revenue_name), kpi("margin_pct")
    weekly = period == "week"
    when = "Week of %{x|%-d %b}" if weekly else "%{x|%b %Y}"
    fig = go.Figure()
    fig.add_bar(
        x=frame[period],
        y=frame["revenue"],
        name=revenue.label,
        marker_color=REVENUE_COLOUR,
        hovertemplate=when + "<br>%{y:,.0f}<extra></extra>",
    )
    fig.add_scatter(
        x=frame[period],
        y=frame["margin_pct"],
        name=margin.label,
        yaxis="y2",
        mode="lines+markers",
        line={"color": PROFIT_COLOUR, "width": 3},
        hovertemplate=when + "<br>%{y:.1%}<extra></extra>",
    )
    fig.update_layout(
        yaxis={"title": currency, "tickformat": ",.0f"},
        yaxis2={"title": margin.label, "overlaying": "y", "side": "right", "tickformat": ".0%",
                "rangemode": "tozero", "dtick": 0.1, "showgrid": False},
        xaxis={"tickformat": "%-d %b" if weekly else "%b %y",
               "title": "Week starting" if weekly else None},
    )  # fmt: skip
    return _layout(fig, title, 340)


def hours_by_person(people: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars of billable and other hours per person, most hours on top."""
    data = people.sort_values("hours").tail(15)
    names = data["person"] + " · " + data["role"]
    fig = go.Figure()
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
    fig.update_yaxes(title_text=None, automargin=True)
    title = "Hours by person" + (" (top 15)" if len(people) > 15 else "")
    return _layout(fig, title, max(300, 30 * len(data) + 140))


def burn_against_schedule(weeks: pd.DataFrame) -> go.Figure:
    """Budget burn and schedule elapsed per week: burn above the schedule line means trouble."""
    fig = go.Figure()
    fig.add_scatter(
        x=weeks["week"],
        y=weeks["schedule_elapsed_pct"],
        name=kpi("schedule_elapsed_pct").label,
        mode="lines",
        line={"color": MUTED_COLOUR, "width": 3, "dash": "dash"},
        hovertemplate="Week of %{x|%-d %b}<br>%{y:.0%} of the schedule<extra></extra>",
    )
    fig.add_scatter(
        x=weeks["week"],
        y=weeks["hours_burn_pct"],
        name=kpi("hours_burn_pct").label,
        mode="lines+markers",
        line={"color": REVENUE_COLOUR, "width": 3},
        hovertemplate="Week of %{x|%-d %b}<br>%{y:.0%} of budget hours<extra></extra>",
    )
    fig.add_hline(y=1, line={"color": LOSS_COLOUR, "width": 1}, annotation_text="Budget")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title_text="Share of budget / schedule")
    # A week's tick per point on short projects, monthly ticks on long ones.
    fig.update_xaxes(
        tickformat="%-d %b",
        title_text="Week starting",
        dtick="M1" if len(weeks) > 16 else 7 * 864e5,
    )
    return _layout(fig, "Budget burn against schedule elapsed", 360)
