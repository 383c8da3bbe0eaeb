"""Team mode end to end: a local OpenID provider (oidc-provider-mock), the app with sign-in on
127.0.0.1, and headless chromium signing in as a director, an account manager and a stranger."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port, running, serve_on

from actions import team
from actions.team import Person
from browser import wait_for_app

pytestmark = pytest.mark.e2e

PEOPLE = {
    "dana": ("dana@studio.test", "Dana Director"),
    "maya": ("maya@studio.test", "Maya Patel"),
    "eve": ("eve@elsewhere.test", "Eve Stranger"),
}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A local OpenID provider that knows the three people (none of them is a real account)."""
    port = free_port()
    claims = [
        arg
        for sub, (email, name) in PEOPLE.items()
        for arg in ("--user-claims", json.dumps({"sub": sub, "email": email, "name": name}))
    ]
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "-p", str(port), *claims]
    with running(command, f"{url}/.well-known/openid-configuration", "the OpenID provider"):
        yield url


@pytest.fixture(scope="module")
def team_url(studio_db: Path, provider: str, tmp_path_factory) -> Iterator[str]:
    """The app in team mode: a director and an account manager on the team, sign-in set up."""
    folder = tmp_path_factory.mktemp("team")
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{"9" * 64}"\n'
        'client_id = "studio"\nclient_secret = "studio-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    env = {"STUDIO_TEAM": str(folder / "team.json")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STUDIO_TEAM", env["STUDIO_TEAM"])
        team.put(Person("dana@studio.test", team.DIRECTOR, "Dana Director"))
        team.put(Person("maya@studio.test", team.MANAGER, "Maya Patel"))
    yield from serve_on(port, studio_db, f"--secrets.files={secrets}", env=env)


def sign_in(browser, url: str, who: str):
    """A new browser session signed in as `who` through the provider's page."""
    page = browser.new_context().new_page()
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name=who, exact=True).click()
    page.wait_for_url(f"{url}/**")
    wait_for_app(page)
    return page


def navigation(page) -> list[str]:
    """The page names in the sidebar."""
    return [t.strip() for t in page.get_by_test_id("stSidebarNav").all_inner_texts()[0].split("\n")]


def test_nobody_sees_data_before_signing_in(browser, team_url):
    page = browser.new_context().new_page()
    page.goto(team_url)
    wait_for_app(page)
    assert page.get_by_role("button", name="Sign in").is_visible()
    assert "Acme" not in page.content()


def test_a_director_signs_in_and_sees_every_client_and_the_team(browser, team_url):
    page = sign_in(browser, team_url, "dana")
    assert "Signed in as Dana Director" in page.get_by_test_id("stSidebar").inner_text()
    pages = navigation(page)
    assert {"Import", "Data health", "Team"} <= set(pages)
    page.goto(f"{team_url}/client?client=Birch+%26+Co")  # Tom Becker's client
    wait_for_app(page)
    assert "Birch & Co" in page.get_by_test_id("stMain").get_by_role("heading").first.inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/oauth2/end_session**")  # the provider is told too
    page.goto(team_url)
    wait_for_app(page)
    assert page.get_by_role("button", name="Sign in").is_visible()  # the cookie is gone
    assert "Birch" not in page.content()


def test_an_account_manager_has_no_import_undo_or_team_page(browser, team_url):
    page = sign_in(browser, team_url, "maya")
    assert "Signed in as Maya Patel" in page.get_by_test_id("stSidebar").inner_text()
    assert not {"Import", "Data health", "Team"} & set(navigation(page))
    page.goto(f"{team_url}/import")
    wait_for_app(page)
    assert page.get_by_test_id("stFileUploader").count() == 0
    page.goto(f"{team_url}/client?client=Birch+%26+Co")  # Tom Becker's client
    wait_for_app(page)
    main = page.get_by_test_id("stMain").inner_text()
    assert "Not one of your clients: ask your director for access." in main
    assert "Birch" not in main


def test_a_stranger_is_asked_to_see_their_director(browser, team_url):
    page = sign_in(browser, team_url, "eve")
    assert "eve@elsewhere.test is not on the team yet: ask your director for access." in (
        page.get_by_test_id("stMain").inner_text().replace("\u2060", "")
    )
    assert "Acme" not in page.content()
