"""Every chart the app draws is a valid Plotly figure: metrics/charts.py builds figures without
plotly's property checks (they cost two thirds of a chart's build on every page view), so this
test runs the checks once, on every chart of every page of the demo studio."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest
from test_app import PAGES, run_app


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


def test_every_chart_on_every_page_passes_plotlys_checks(demo_db, monkeypatch):
    checked = 0
    for page, specs in drawn(demo_db, monkeypatch).items():
        for spec in specs:
            try:
                go.Figure(spec)  # raises on an unknown property or a value of the wrong kind
            except ValueError as error:
                pytest.fail(f"{page}: {error}")
            checked += 1
    assert checked >= 15


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
