"""DataFrame in, plotly Figure out: readable on a meeting-room screen, no Streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metrics.catalogue import kpi

FONT = {"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 14}
REVENUE_COLOUR = "#1f4e79"
PROFIT_COLOUR = "#5aa469"
LOSS_COLOUR = "#c0392b"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The house style: a title, white background, light grid, legend on top."""
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


def revenue_and_profit_by_client(by_client: pd.DataFrame, currency: str) -> go.Figure:
    """Horizontal bars of earned revenue and gross profit per client, largest on top."""
    data = by_client.sort_values("earned_revenue")
    revenue, profit = kpi("earned_revenue"), kpi("gross_profit")
    fig = go.Figure()
    fig.add_bar(
        y=data["client"],
        x=data["earned_revenue"],
        name=revenue.label,
        orientation="h",
        marker_color=REVENUE_COLOUR,
        hovertemplate="%{y}<br>" + revenue.label + ": %{x:,.0f}<extra></extra>",
    )
    fig.add_bar(
        y=data["client"],
        x=data["gross_profit"],
        name=profit.label,
        orientation="h",
        marker_color=[PROFIT_COLOUR if v >= 0 else LOSS_COLOUR for v in data["gross_profit"]],
        hovertemplate="%{y}<br>" + profit.label + ": %{x:,.0f}<extra></extra>",
    )
    # Horizontal groups draw the first trace lowest: reversed, revenue sits on top as in the legend.
    fig.update_layout(barmode="group", bargap=0.25, legend_traceorder="reversed")
    fig.data = fig.data[::-1]
    fig.update_xaxes(title_text=f"{currency}", tickformat=",.0f")
    fig.update_yaxes(title_text=None, automargin=True)
    return _layout(fig, "Revenue and gross profit by client", max(360, 34 * len(data) + 140))


def weekly_revenue_and_margin(weeks: pd.DataFrame, revenue_name: str, currency: str) -> go.Figure:
    """Bars of weekly revenue with the gross margin as a line on a second axis."""
    revenue, margin = kpi(revenue_name), kpi("margin_pct")
    fig = go.Figure()
    fig.add_bar(
        x=weeks["week"],
        y=weeks["revenue"],
        name=revenue.label,
        marker_color=REVENUE_COLOUR,
        hovertemplate="Week of %{x|%-d %b}<br>%{y:,.0f}<extra></extra>",
    )
    fig.add_scatter(
        x=weeks["week"],
        y=weeks["margin_pct"],
        name=margin.label,
        yaxis="y2",
        mode="lines+markers",
        line={"color": PROFIT_COLOUR, "width": 3},
        hovertemplate="Week of %{x|%-d %b}<br>%{y:.1%}<extra></extra>",
    )
    fig.update_layout(
        yaxis={"title": currency, "tickformat": ",.0f"},
        yaxis2={"title": margin.label, "overlaying": "y", "side": "right", "tickformat": ".0%",
                "rangemode": "tozero", "dtick": 0.1, "showgrid": False},
        xaxis={"tickformat": "%-d %b", "title": "Week starting"},
    )  # fmt: skip
    return _layout(fig, "Revenue and margin by week", 340)
