"""Team mode in the app (AppTest, the signed-in user injected): no data before sign-in or for a
stranger, the pages each role may use, the Team page, and set-up mistakes caught."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP

from actions import team
from actions.team import Person
from etl.load import load_files
from studio import copy_warehouse, shown

COOKIE_SECRET = "0123456789abcdef" * 4
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": COOKIE_SECRET,
    "client_id": "studio",
    "client_secret": "studio-secret",
    "server_metadata_url": "http://127.0.0.1:9411/.well-known/openid-configuration",
}
DIRECTOR = Person("dana@studio.test", team.DIRECTOR, "Dana Director")
MANAGER = Person("maya@studio.test", team.MANAGER, "Maya Patel")


@pytest.fixture
def team_app(studio_db, tmp_path, monkeypatch):
    """Open the app in team mode as `email` (None: not signed in), on the hand-made studio."""
    monkeypatch.setenv("STUDIO_DB", str(studio_db))
    monkeypatch.setenv("STUDIO_TEAM", str(tmp_path / "team.json"))
    team.put(DIRECTOR)
    team.put(MANAGER)

    def open_as(email: str | None, auth: dict | None = None, **params: str) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            app.query_params[key] = value
        app.secrets["auth"] = auth or AUTH
        app.user = {"is_logged_in": email is not None, "email": email}
        return app.run()

    return open_as


def texts(app: AppTest) -> str:
    """Every text the run drew, for checking what a person was shown."""
    return " ".join(shown(e.value) for e in [*app.markdown, *app.warning, *app.error, *app.title])


def test_nothing_but_a_sign_in_button_before_signing_in(team_app):
    app = team_app(None)
    assert not app.exception
    assert [b.label for b in app.button] == ["Sign in"]
    assert "Acme" not in texts(app) and not app.dataframe and not app.metric


def test_a_stranger_is_asked_to_see_their_director_and_sees_no_data(team_app):
    app = team_app("eve@elsewhere.test")
    assert not app.exception
    assert shown(app.warning[0].value) == (
        "eve@elsewhere.test is not on the team yet: ask your director for access."
    )
    assert [b.label for b in app.button] == ["Sign out"]
    assert not app.dataframe and not app.metric and not app.sidebar.selectbox


def test_a_director_sees_every_page_and_the_team(team_app):
    app = team_app("DANA@studio.test")
    assert not app.exception
    assert "Signed in as Dana Director · Director" in shown(app.sidebar.caption[-1].value)
    app.switch_page("app_pages/team.py").run()
    assert not app.exception
    assert list(app.dataframe[0].value["email"]) == ["dana@studio.test", "maya@studio.test"]
    # Someone new is added as a viewer unless the director chooses more.
    assert app.selectbox[0].label == "Role" and app.selectbox[0].value == "viewer"


def test_an_account_manager_gets_no_import_undo_or_team_page(team_app):
    app = team_app("maya@studio.test")
    assert not app.exception
    for page in ("app_pages/import_files.py", "app_pages/data_health.py", "app_pages/team.py"):
        with pytest.raises(Exception, match="page"):
            app.switch_page(page).run()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"cookie_secret": team.EXAMPLE_COOKIE_SECRET}, "still the example's value"),
        ({"cookie_secret": "short"}, "at least 32 characters"),
        ({"redirect_uri": "http://127.0.0.1:8501/"}, "/oauth2callback"),
        ({"client_secret": ""}, "needs client_id, client_secret, server_metadata_url"),
    ],
)
def test_a_set_up_mistake_is_named_and_nobody_gets_in(team_app, change, problem):
    app = team_app("dana@studio.test", {**AUTH, **change})
    assert not app.exception
    assert problem in app.error[0].value
    assert COOKIE_SECRET not in app.error[0].value
    assert not app.dataframe and not app.metric


def test_the_example_secrets_file_holds_the_placeholder_the_app_refuses():
    import tomllib

    from studio import ROOT

    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text())
    assert example["auth"]["cookie_secret"] == team.EXAMPLE_COOKIE_SECRET
    assert team.auth_problem(example["auth"]) is not None


def test_a_signed_in_manager_sees_only_their_clients_even_through_a_link(team_app):
    app = team_app("maya@studio.test")
    assert app.sidebar.selectbox(key="client").options == ["All", "Acme Corporation"]
    assert "Birch" not in str([d.value.to_dict() for d in app.dataframe])
    app = team_app("maya@studio.test", client="Birch & Co")  # a link to Tom Becker's client
    assert not app.exception
    assert app.sidebar.selectbox(key="client").value == "All"
    assert "Not one of your clients: ask your director for access." in texts(app)
    assert "Birch" not in str([d.value.to_dict() for d in app.dataframe])


def test_a_report_is_not_built_for_someone_whose_access_changed_since_the_page_was_drawn(
    team_app, downloads
):
    app = team_app("maya@studio.test", client="Acme Corporation")
    app.switch_page("app_pages/client.py").run()
    weekly = next(build for name, build in downloads.items() if name.endswith(".md"))
    assert "Acme Corporation" in weekly().decode("utf-8")  # still on the team: built
    # A click does not rerun the page: a tab left open keeps its buttons.
    team.put(Person("maya@studio.test", team.VIEWER, "Maya Patel", ("Birch & Co",)))
    with pytest.raises(PermissionError):
        weekly()
    team.remove("maya@studio.test", by=DIRECTOR)
    with pytest.raises(PermissionError):
        weekly()


def test_an_address_the_provider_has_not_verified_is_nobodys(team_app):
    def signed_in_as(user: dict) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=60)
        app.secrets["auth"] = AUTH
        app.user = {"is_logged_in": True, **user}
        return app.run()

    app = signed_in_as({"email": "DANA@studio.test", "email_verified": False})
    assert not app.exception
    assert "has not verified this e-mail address" in texts(app)
    assert not app.dataframe and not app.metric and not app.sidebar.selectbox
    # Verified, or a provider that does not say: the team decides.
    for claims in ({"email_verified": True}, {}):
        app = signed_in_as({"email": "dana@studio.test", **claims})
        assert "Signed in as Dana Director" in shown(app.sidebar.caption[-1].value)


def test_a_manager_without_clients_can_open_every_what_if_mode(team_app):
    team.put(Person("nemo@studio.test", team.MANAGER, "Nemo Nobody"))
    for mode in ("New quote", "Project re-plan", "Client year"):
        app = team_app("nemo@studio.test", whatif=mode)
        app.switch_page("app_pages/whatif.py").run()
        assert not app.exception, (mode, app.exception)
    assert [shown(i.value) for i in app.info][-1:] == [
        "There is no client whose year to plan among the clients you see."
    ]


def test_a_report_is_not_built_once_an_import_gives_the_client_to_another_manager(
    team_app, downloads, studio_db, tmp_path, monkeypatch
):
    pointer = copy_warehouse(studio_db, tmp_path / "copy")
    monkeypatch.setenv("STUDIO_DB", str(pointer))
    app = team_app("maya@studio.test", client="Acme Corporation")
    app.switch_page("app_pages/client.py").run()
    weekly = next(build for name, build in downloads.items() if name.endswith(".md"))
    assert "Acme Corporation" in weekly().decode("utf-8")
    # The clients file now names Tom Becker as Acme's account manager: Maya's tab is stale.
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "Client,Account Manager,Aliases\nAcme Corporation,Tom Becker,\n", encoding="utf-8"
    )
    load_files([clients], pointer, echo=lambda _: None)
    with pytest.raises(PermissionError):
        weekly()
