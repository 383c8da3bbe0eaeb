"""Every chart the app draws is a valid Plotly figure: metrics/charts.py builds its figures as
plain dictionaries, without plotly's figure methods and their property checks (they cost most of
a chart's build on every page view), so these tests run the checks once, on every chart of every
page of the demo studio, and check that the dictionaries are what plotly's methods would make."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest
from test_app import PAGES, run_app

from metrics import charts

CHARTS = [
    name
    for name, function in vars(charts).items()
    if inspect.isfunction(function) and not name.startswith("_")
    and function.__module__ == charts.__name__
]  # fmt: skip


def figures(app: AppTest) -> list[dict]:
    """The figures of every chart on the page, as the browser receives them."""
    return [json.loads(node.proto.spec) for node in app._tree if node.type == "plotly_chart"]


def drawn(demo_db, monkeypatch) -> dict[str, list[dict]]:
    """The figures of every page of the app on the demo studio, plus a client and the what-if's
    re-plan, where most of the charts are; by page."""
    app = run_app(demo_db, monkeypatch, client="Northwind Grocers")
    found = {}
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
        found[page] = figures(app)
    replan = run_app(demo_db, monkeypatch, whatif="Project re-plan")
    replan.switch_page("app_pages/whatif.py").run()
    found["what-if re-plan"] = figures(replan)
    return found


def recorded(monkeypatch) -> set[str]:
    """The names of the chart functions called from now on (filled in as they are called)."""
    called = set()

    def recording(name: str, function: Callable) -> Callable:
        def chart(*args, **kwargs):
            called.add(name)
            return function(*args, **kwargs)

        return chart

    for name in CHARTS:
        monkeypatch.setattr(charts, name, recording(name, getattr(charts, name)))
    return called


def test_every_chart_on_every_page_passes_plotlys_checks(demo_db, monkeypatch):
    called = recorded(monkeypatch)
    checked = 0
    for page, specs in drawn(demo_db, monkeypatch).items():
        for spec in specs:
            try:
                go.Figure(spec)  # raises on an unknown property or a value of the wrong kind
            except ValueError as error:
                pytest.fail(f"{page}: {error}")
            checked += 1
    assert checked >= 15
    assert called == set(CHARTS)  # every chart function is among those checked


def test_every_chart_carries_its_style_itself(demo_db, monkeypatch):
    # The browser's plotly.js knows no template by name: a chart sent with the name
    # 'plotly_white' was drawn without it, its tick labels cut off at the edges.
    for page, specs in drawn(demo_db, monkeypatch).items():
        for spec in specs:
            template = spec["layout"]["template"]
            assert isinstance(template, dict), page
            assert template["layout"]["yaxis"]["automargin"] is True, page
            assert template["layout"]["plot_bgcolor"] == "white", page


def test_the_check_catches_a_wrong_property():
    spec = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"titel": "misspelt"}}
    go.Figure(spec, _validate=False)  # as the app builds it: nothing is checked
    with pytest.raises(ValueError, match="titel"):
        go.Figure(spec)


def drawing(figure: go.Figure | charts._Chart) -> None:
    """Every kind of call the charts make, on plotly's figure or on the charts' own builder."""
    frame = pd.DataFrame({
        "week": pd.to_datetime(["2026-01-05", "2026-01-12"]), "count": [1, 2],
        "share": [0.25, 0.5], "name": ["<b>a</b>", "b"],
    })  # fmt: skip
    figure.add_bar(
        x=frame["week"], y=frame["count"], name="Bars", marker_color=["#111111", "#222222"],
        customdata=frame[["count", "share"]], text=["1", "2"],
        error_x={"type": "data", "array": frame["share"], "color": "#333333"},
    )  # fmt: skip
    figure.add_scatter(x=frame["week"], y=frame["share"], yaxis="y2", line={"width": 3})
    figure.add_bar(y=frame["name"], x=frame["share"], orientation="h", marker={"color": "red"})
    figure.add_histogram(x=frame["count"], xbins={"start": 0.5, "size": 1})
    figure.update_layout(
        barmode="stack", legend_traceorder="reversed", yaxis={"title": {"text": "Count"}},
        yaxis2={"overlaying": "y", "side": "right", "range": [0, 1.05]},
    )  # fmt: skip
    figure.update_yaxes(title_text="Both y axes", tickformat=".0%", dtick=None)
    figure.update_xaxes(title_text="Week", automargin=True)
    figure.add_hline(y=1, line={"color": "red", "width": 1}, annotation_text="Default")
    for position in ("top left", "top right", "bottom left", "bottom right"):
        figure.add_hline(
            y=0.5, line={"dash": "dot"}, annotation_text=position, annotation_position=position
        )
    figure.add_vline(x=0.2, line={"color": "blue"}, annotation_text="Vertical")


def test_the_charts_builder_makes_what_plotlys_figure_methods_make():
    figure, chart = go.Figure(), charts._Chart()
    drawing(figure)
    drawing(chart)
    theirs = json.loads(figure.to_json())
    ours = json.loads(go.Figure({"data": chart.data, "layout": chart.layout}).to_json())
    del theirs["layout"]["template"], ours["layout"]["template"]  # plotly's default, both
    assert ours == theirs
    assert ours["layout"]["yaxis2"]["title"] == {"text": "Both y axes"}  # every y axis


@pytest.mark.parametrize(
    ("period", "starts", "as_of", "running"),
    [
        # Weeks named by their last day end on the as-of date at the latest: none runs on.
        ("week_end", ["2026-11-23", "2026-11-30", "2026-12-07"], date(2026, 12, 7), [0, 0, 0]),
        ("month", ["2026-11-01", "2026-12-01"], date(2026, 12, 30), [0, 1]),
        ("month", ["2026-11-01", "2026-12-01"], date(2026, 12, 31), [0, 0]),
    ],
)
def test_a_period_still_running_is_drawn_lighter_and_marked_to_date(period, starts, as_of, running):
    frame = pd.DataFrame({period: pd.to_datetime(starts), "revenue": 100.0, "margin_pct": 0.4})
    figure = charts.revenue_and_margin(frame, period, "Trend", "earned_revenue", "EUR", as_of)
    bars, margin = figure.data
    assert list(bars.marker.opacity) == [0.4 if r else 1 for r in running]
    assert list(margin.marker.symbol) == ["circle-open" if r else "circle" for r in running]
    assert [bool(text) for text in bars.customdata] == [bool(r) for r in running]
    marked = [(note.x, note.text, note.y) for note in figure.layout.annotations]
    assert marked == [(pd.Timestamp(starts[-1]), "to date", 100.0)] * any(running)


def test_the_invoicing_chart_marks_the_month_above_its_taller_bar():
    months = pd.DataFrame({
        "month": pd.to_datetime(["2026-11-01", "2026-12-01"]),
        "earned_revenue": [100.0, 30.0], "billed_revenue": [80.0, 45.0],
    })  # fmt: skip
    figure = charts.earned_and_invoiced(months, "EUR", date(2026, 12, 7))
    assert [list(trace.marker.opacity) for trace in figure.data] == [[1, 0.4], [1, 0.4]]
    assert [(note.text, note.y) for note in figure.layout.annotations] == [("to date", 45.0)]


def test_the_deliveries_and_new_business_charts_mark_the_month_still_running():
    deliveries = pd.DataFrame({
        "month": pd.to_datetime(["2026-11-01", "2026-12-01"]),
        "early": [5, 1], "on_time": [10, 2], "late": [3, 0], "on_time_rate": [15 / 18, 1.0],
    })  # fmt: skip
    figure = charts.deliveries_over_time(deliveries, date(2026, 12, 7))
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert [list(trace.marker.opacity) for trace in bars] == [[1, 0.4]] * 3
    assert [(note.text, note.y) for note in figure.layout.annotations] == [("to date", 3)]
    business = pd.DataFrame({
        "month": pd.to_datetime(["2026-11-01", "2026-12-01"]),
        "repeat_revenue": [900.0, 200.0], "new_revenue": [100.0, 50.0],
    })  # fmt: skip
    figure = charts.new_and_repeat_revenue(business, "EUR", date(2026, 12, 7))
    assert [list(trace.marker.opacity) for trace in figure.data] == [[1, 0.4]] * 2
    assert [(note.text, note.y) for note in figure.layout.annotations] == [("to date", 250.0)]
    assert not charts.new_and_repeat_revenue(business, "EUR", date(2026, 12, 31)).layout.annotations


def test_the_month_still_running_is_lighter_and_marked_above_its_stack():
    monthly = pd.DataFrame({
        "client": ["Acme", "Acme", "Birch", "Birch"],
        "month": pd.to_datetime(["2026-11-01", "2026-12-01"] * 2),
        "revenue": [100.0, 40.0, 60.0, 20.0], "revenue_rank": [1, 1, 2, 2],
    })  # fmt: skip
    figure = charts.revenue_by_client_over_time(monthly, "earned_revenue", "EUR", date(2026, 12, 7))
    assert [list(trace.marker.opacity) for trace in figure.data] == [[1, 0.4], [1, 0.4]]
    (marked,) = figure.layout.annotations
    assert (marked.text, marked.y) == ("to date", 60.0)  # on top of December's 40 + 20
    whole = charts.revenue_by_client_over_time(monthly, "earned_revenue", "EUR", date(2026, 12, 31))
    assert not whole.layout.annotations


def test_how_late_counts_deliverables_in_whole_numbers():
    deliveries = pd.DataFrame({"status": ["Late", "Late", "Late", "On time"],
                               "days_late": [2, 2, 5, 0]})  # fmt: skip
    figure = charts.days_late_distribution(deliveries)
    assert figure.layout.yaxis.dtick == 1  # two at most: no 0.5 or 1.5 tick
    many = pd.DataFrame({"status": ["Late"] * 30, "days_late": [3] * 30})
    assert charts.days_late_distribution(many).layout.yaxis.dtick is None  # Plotly's own steps


def test_burn_is_drawn_against_the_whole_schedule():
    weeks = pd.DataFrame({
        "week": pd.to_datetime(["2026-12-07"]), "through": pd.to_datetime(["2026-12-07"]),
        "hours_burn_pct": [0.059], "schedule_elapsed_pct": [1 / 31],
    })  # fmt: skip
    figure = charts.burn_against_schedule(weeks, date(2026, 12, 7), date(2027, 1, 6))
    schedule, burn = figure.data
    # A project started today still shows its schedule to the due date.
    eve, due = pd.Timestamp("2026-12-06"), pd.Timestamp("2027-01-06")
    assert list(schedule.x) == [eve, due, due]  # day 1 of 31 is 1/31 of the schedule
    assert list(schedule.y) == [0, 1, 1]
    assert list(burn.x) == [pd.Timestamp("2026-12-07")] and list(burn.y) == [0.059]
    undated = charts.burn_against_schedule(weeks, date(2026, 12, 7), pd.NaT)
    assert [trace.name for trace in undated.data] == ["Budget burn"]


def test_the_margin_axis_has_its_zero_level_with_the_revenue_axis():
    months = pd.DataFrame({
        "month": pd.to_datetime(["2026-10-01", "2026-11-01"]),
        "revenue": [100.0, -20.0], "margin_pct": [0.5, -0.25],
    })  # fmt: skip
    figure = charts.revenue_and_margin(
        months, "month", "T", "earned_revenue", "EUR", date(2026, 12, 7)
    )
    # Zero sits 20% up both axes: the margin's -25% of a span to 100% asks for more than the
    # credit note's -21.6 (with 8% headroom) of -21.6 to 108.
    assert list(figure.layout.yaxis.range) == pytest.approx([-27.0, 108.0])
    assert list(figure.layout.yaxis2.range) == pytest.approx([-0.25, 1.0])
    refund = months.assign(revenue=[0.0, -100.0], margin_pct=[None, None])
    figure = charts.revenue_and_margin(
        refund, "month", "T", "earned_revenue", "EUR", date(2026, 12, 7)
    )
    # A credit note alone: as much room above zero as below, the margin axis alike.
    assert list(figure.layout.yaxis.range) == pytest.approx([-108.0, 108.0])
    assert list(figure.layout.yaxis2.range) == pytest.approx([-1.0, 1.0])
    positive = months.assign(revenue=[100.0, 50.0], margin_pct=[0.5, None])
    figure = charts.revenue_and_margin(
        positive, "month", "T", "earned_revenue", "EUR", date(2026, 12, 7)
    )
    assert list(figure.layout.yaxis.range) == pytest.approx([0.0, 108.0])
    assert list(figure.layout.yaxis2.range) == pytest.approx([0.0, 1.0])


def test_two_points_at_the_same_place_are_labelled_once():
    curves = pd.DataFrame({"driver": ["Price", "Price", "Hours", "Hours"],
                           "change": [-0.1, 0.1, -0.1, 0.1],
                           "delivery_margin_pct": [0.45, 0.55, 0.55, 0.45]})  # fmt: skip
    points = pd.DataFrame({"change": [0.001, -0.002, 0.3], "delivery_margin_pct": [0.5, 0.5, 0.0],
                           "point": ["Target 50%", "Target 50%", "Break-even"]})  # fmt: skip
    figure = charts.margin_sensitivity(curves, points, 0.5)
    assert list(figure.data[-1].text) == ["Target 50%", "", "Break-even"]


def test_a_margin_below_the_axis_is_drawn_on_its_floor_and_labelled():
    months = pd.DataFrame({
        "month": pd.to_datetime(["2026-09-01", "2026-10-01", "2026-11-01"]),
        "revenue": [100.0, 80.0, 90.0], "margin_pct": [0.5, -0.63, 0.4],
    })  # fmt: skip
    figure = charts.revenue_and_margin(
        months, "month", "T", "earned_revenue", "EUR", date(2026, 12, 7)
    )
    # The axis stops at -50%: -63% is drawn there as a downward triangle saying -63%, and its
    # hover gives the margin itself.
    assert list(figure.layout.yaxis2.range) == pytest.approx([-0.5, 1.0])
    margin = figure.data[1]
    assert list(margin.y) == pytest.approx([0.5, -0.5, 0.4])
    assert list(margin.marker.symbol) == ["circle", "triangle-down", "circle"]
    assert list(margin.text) == ["", "-63%", ""]
    assert [point[1] for point in margin.customdata] == pytest.approx([0.5, -0.63, 0.4])


@pytest.mark.parametrize("lowest", [-0.03, -0.5])
def test_the_margin_that_sets_the_axis_floor_is_drawn_as_itself(lowest):
    months = pd.DataFrame({
        "month": pd.to_datetime(["2026-10-01", "2026-11-01"]),
        "revenue": [100.0, 90.0], "margin_pct": [0.4, lowest],
    })  # fmt: skip
    figure = charts.revenue_and_margin(
        months, "month", "T", "earned_revenue", "EUR", date(2026, 12, 7)
    )
    assert list(figure.data[1].marker.symbol) == ["circle", "circle"]
    assert list(figure.data[1].text) == ["", ""]


def test_the_client_with_the_most_late_deliveries_is_on_top():
    breakdown = pd.DataFrame({
        "name": ["One Late", "Often Late", "Never Late"],
        "early": [0, 2, 1], "on_time": [0, 10, 4], "late": [1, 3, 0],
        "on_time_rate": [0.0, 0.8, 1.0],
    })  # fmt: skip
    figure = charts.deliveries_by(breakdown, "By client")
    # Plotly draws the first name at the bottom: three late of 15 tops one late of one.
    assert list(figure.data[0].y) == ["Never Late", "One Late", "Often Late"]


def test_a_sensitivity_driver_keeps_its_colour_whichever_comes_first():
    def curves(first: str, second: str) -> pd.DataFrame:
        return pd.DataFrame({"driver": [first, first, second, second],
                             "change": [-0.1, 0.1, -0.1, 0.1],
                             "delivery_margin_pct": [0.4, 0.6, 0.45, 0.55]})  # fmt: skip

    none = pd.DataFrame(columns=["change", "delivery_margin_pct", "point"])
    one = charts.margin_sensitivity(curves("Price", "Hours"), none, 0.5)
    other = charts.margin_sensitivity(curves("Hours", "Price"), none, 0.5)
    colour = {trace.name: trace.line.color for trace in one.data if trace.name}
    assert colour == {trace.name: trace.line.color for trace in other.data if trace.name}
    assert colour["Price"] != colour["Hours"]


def test_weekly_ticks_fall_on_the_week_ends():
    ends = pd.to_datetime(["2026-11-23", "2026-11-30", "2026-12-07"])  # Mondays: the as-of day's
    frame = pd.DataFrame({"week_end": ends, "revenue": 100.0, "margin_pct": 0.4})
    figure = charts.revenue_and_margin(
        frame, "week_end", "T", "earned_revenue", "EUR", date(2026, 12, 7)
    )
    axis = figure.layout.xaxis
    # Every other week end from the as-of date: plotly's own weekly ticks fall on Sundays.
    assert (axis.tick0, axis.dtick, axis.title.text) == (
        "2026-12-07",
        14 * 86_400_000,
        "Week ending",
    )


def test_the_receivables_chart_keeps_the_most_overdue_and_says_it_is_cut():
    # 17 clients: one owes much but nothing overdue, sixteen owe less with something overdue.
    aging = pd.DataFrame({
        "client": ["Big not due", *(f"Late {n:02d}" for n in range(1, 17))],
        "outstanding": [90_000.0, *(1000.0 * n for n in range(1, 17))],
        "overdue": [None, *(100.0 * n for n in range(1, 17))],
        **{column: 0.0 for column in charts.AGING if column not in ("overdue", "outstanding")},
    })  # fmt: skip
    figure = charts.aging_by_client(aging, "EUR")
    shown = list(figure.data[0].y)
    # Plotly draws the first at the bottom: Late 16 (1,600 overdue) on top, Late 02 the last kept.
    assert shown[-1] == "Late 16" and shown[0] == "Late 02" and len(shown) == 15
    assert figure.layout.title.text.endswith(": the 15 clients most overdue, of 17 owing")
