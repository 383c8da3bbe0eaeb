"""The team list: who may sign in and in which role, kept outside the warehouse, changed only by
directors (or from the command line), and refusing what would lock the studio out."""

from __future__ import annotations

import json

import pytest

from actions import team
from actions.team import Person, TeamError, checked


@pytest.fixture(autouse=True)
def team_file(tmp_path, monkeypatch):
    """Each test keeps its team list in a file of its own."""
    path = tmp_path / "team.json"
    monkeypatch.setenv("STUDIO_TEAM", str(path))
    return path


DIRECTOR = Person("dana@studio.test", team.DIRECTOR, "Dana Director")
MANAGER = Person("hannah@studio.test", team.MANAGER, "Hannah Brooks")


def test_people_are_found_by_email_in_any_case_and_strangers_are_not():
    team.put(DIRECTOR)
    team.put(checked(" Hannah@Studio.TEST ", team.MANAGER, "Hannah Brooks"))
    assert team.find("HANNAH@studio.test") == MANAGER
    assert team.find("someone@else.test") is None
    assert team.find(None) is None
    assert [p.email for p in team.members()] == ["dana@studio.test", "hannah@studio.test"]


@pytest.mark.parametrize(
    ("email", "role", "name", "clients", "why"),
    [
        ("not-an-address", team.VIEWER, "", ("Acme",), "is not an e-mail address"),
        ("a@b.test", "owner", "", (), "unknown role 'owner'"),
        ("a@b.test", team.MANAGER, " ", (), "needs their name as the exports spell it"),
        ("a@b.test", team.VIEWER, "", (" ",), "needs the clients they may see"),
    ],
)
def test_an_entry_that_could_not_work_is_refused_saying_why(email, role, name, clients, why):
    with pytest.raises(TeamError, match=why):
        checked(email, role, name, clients)


def test_only_a_director_changes_the_team_and_never_locks_themselves_out():
    team.put(DIRECTOR)
    with pytest.raises(PermissionError, match="only a director"):
        team.put(MANAGER, by=MANAGER)
    team.put(MANAGER, by=DIRECTOR)
    with pytest.raises(TeamError, match="cannot remove yourself"):
        team.remove(DIRECTOR.email, by=DIRECTOR)
    with pytest.raises(TeamError, match="cannot take away your own director role"):
        team.put(Person(DIRECTOR.email, team.ADMIN), by=DIRECTOR)
    team.remove(MANAGER.email, by=DIRECTOR)
    assert team.members() == [DIRECTOR]


def test_writes_need_a_director_or_an_admin():
    team.require_writer(DIRECTOR)
    team.require_writer(Person("a@b.test", team.ADMIN))
    for reader in (MANAGER, Person("v@b.test", team.VIEWER, clients=("Acme",))):
        with pytest.raises(PermissionError, match="may not change the data"):
            team.require_writer(reader)


def test_a_damaged_team_list_lets_nobody_in_and_says_so(team_file):
    team_file.write_text(json.dumps([{"email": "x@y.test", "role": "king"}]))
    with pytest.raises(TeamError, match=r"team\.json cannot be read: unknown role 'king'"):
        team.find("x@y.test")
    team_file.write_text("{half")
    with pytest.raises(TeamError, match="cannot be read"):
        team.members()


def test_the_command_line_adds_lists_and_removes(capsys, team_file):
    assert team.main(["add", "dana@studio.test", "--role", "director"]) == 0
    args = [
        "add",
        "v@studio.test",
        "--role",
        "viewer",
        "--client",
        "Acme",
        "--client",
        "Birch & Co",
    ]
    assert team.main(args) == 0
    assert "v@studio.test  viewer  (Acme, Birch & Co)" in capsys.readouterr().out
    assert team.main(["add", "m@studio.test", "--role", "account_manager"]) == 1
    assert "needs their name" in capsys.readouterr().err
    assert team.main(["remove", "v@studio.test"]) == 0
    assert [row["email"] for row in json.loads(team_file.read_text())] == ["dana@studio.test"]


def test_the_app_listens_beyond_this_computer_only_with_sign_in_and_a_director(tmp_path):
    from studio_cli import main, team_problem

    secrets = tmp_path / "secrets.toml"
    assert "cannot be read" in team_problem(secrets)
    secrets.write_text("[server]\nport = 1\n")
    assert "has no [auth] section" in team_problem(secrets)
    auth = {
        "redirect_uri": "https://accounts.studio.test/oauth2callback",
        "cookie_secret": team.EXAMPLE_COOKIE_SECRET,
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://id.studio.test/.well-known/openid-configuration",
    }
    secrets.write_text("[auth]\n" + "".join(f'{k} = "{v}"\n' for k, v in auth.items()))
    assert "nobody on the team is a director" in team_problem(secrets)
    team.put(DIRECTOR)
    assert "still the example's value" in team_problem(secrets)
    assert main(["run", "--team", "--secrets", str(secrets)]) == 1  # refused, nothing started
    secrets.write_text(secrets.read_text().replace(team.EXAMPLE_COOKIE_SECRET, "f" * 64))
    assert team_problem(secrets) is None
