"""Team: who may sign in and in which role (directors only; the list lives outside the data)."""

import pandas as pd
import streamlit as st

import ui
from actions import team
from metrics import queries


def member_table(people: list[team.Person]) -> None:
    """Everyone on the team with their role and what they see."""
    ui.table(
        pd.DataFrame(
            {
                "email": [p.email for p in people],
                "role": [team.ROLES[p.role].split(":")[0] for p in people],
                "sees": [
                    "every client"
                    if p.sees_everything
                    else ", ".join(p.clients) or f"the clients of {p.name}"
                    for p in people
                ],
            }
        ),
        "",
        email="E-mail",
        role="Role",
        sees="Sees",
        empty="Nobody yet.",
    )


def add_form(me: team.Person, clients: list[str]) -> None:
    """Add someone, or change the role of someone on the team."""
    with st.form("add", clear_on_submit=True, border=True):
        st.markdown("**Add someone, or change their role**")
        email = st.text_input("E-mail they sign in with")
        roles = list(team.ROLES)
        # The least a new person may do: a director is made on purpose, not by default.
        role = st.selectbox(
            "Role", roles, index=roles.index(team.VIEWER), format_func=team.ROLES.get
        )
        name = st.text_input(
            "Name as the exports spell it", help="For an account manager: the Account Manager "
            "column of the clients and projects exports."
        )  # fmt: skip
        chosen = st.multiselect("Clients (for a viewer)", clients)
        if st.form_submit_button("Save", type="primary"):
            try:
                team.put(team.checked(email, role, name, tuple(chosen)), by=me)
            except (team.TeamError, PermissionError) as exc:
                st.error(f"Nothing was changed: {ui.literal(exc)}.")
            else:
                st.session_state["team_saved"] = f"Saved {ui.literal(email.strip().lower())}."
                st.rerun()


def remove_form(me: team.Person, people: list[team.Person]) -> None:
    """Take someone off the team."""
    others = [p.email for p in people if p.email != me.email]
    if not others:
        return
    leaving = st.selectbox("Take off the team", others, index=None, placeholder="Choose…")
    if st.button("Remove", disabled=leaving is None):
        team.remove(leaving, by=me)
        st.rerun()


st.title("Team")
me = st.session_state["person"]
if not ui.team_mode():
    st.info(
        "Sign-in is not set up, so this computer is the only user: the list takes effect in "
        "team mode (README, Personal mode and team mode).",
        icon=":material/info:",
    )
if "team_saved" in st.session_state:
    st.success(st.session_state.pop("team_saved"))
st.caption(
    "Who may sign in, and what each sees. Directors and admins see every client; an account "
    "manager sees the clients they manage; a viewer the clients named here."
)
try:
    people = team.members()
except team.TeamError as exc:
    st.error(ui.literal(exc))
    st.stop()
member_table(people)
add_form(
    me,
    list(ui.load(queries.client_directory, ui.scope())["client"])
    if not ui.warehouse().empty
    else [],
)
remove_form(me, people)
