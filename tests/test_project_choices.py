"""A project picker lists the latest projects (the rest by client), and always the one a link
asks for: a large studio's 34,000 projects would otherwise all go to the browser on every view."""

from __future__ import annotations

import streamlit as st
from test_app import run_app

from metrics import queries
from metrics.db import current
from studio import query


def test_the_picker_lists_the_latest_projects_and_the_one_asked_for(demo_db, monkeypatch):
    warehouse = current(str(demo_db))
    as_of = queries.data_span(warehouse)[1]
    filters = queries.Filters(start=as_of, end=as_of, as_of=as_of)
    by_start = query(
        demo_db, "SELECT project_code FROM projects ORDER BY start_date DESC NULLS LAST, "
        "project_code DESC"
    )  # fmt: skip
    newest_first = [code for (code,) in by_start]
    assert len(newest_first) < queries.MOST_CHOICES  # the demo studio: every project listed
    assert list(queries.project_choices(warehouse, filters)) == newest_first

    monkeypatch.setattr(queries, "MOST_CHOICES", 3)
    assert list(queries.project_choices(warehouse, filters)) == newest_first[:3]
    oldest = newest_first[-1]
    asked = queries.project_choices(warehouse, filters, False, oldest)
    assert list(asked) == [*newest_first[:3], oldest]


def test_a_link_to_a_project_beyond_the_latest_opens_it(demo_db, monkeypatch):
    warehouse = current(str(demo_db))
    as_of = queries.data_span(warehouse)[1]
    filters = queries.Filters(start=as_of, end=as_of, as_of=as_of)
    oldest = list(queries.project_choices(warehouse, filters))[-1]
    monkeypatch.setattr(queries, "MOST_CHOICES", 3)
    st.cache_data.clear()  # pickers cached by other tests hold every project
    app = run_app(demo_db, monkeypatch, project=oldest)
    app.switch_page("app_pages/project.py").run()
    assert not app.exception
    assert app.title[0].value.startswith(oldest.replace("-", "\\-"))
    assert len(app.selectbox(key="project").options) == 4
    assert any("The 3 latest projects are listed" in c.value for c in app.caption)
