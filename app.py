"""Studio Accounts: per-client profitability, on-time delivery and account growth."""

import streamlit as st

import ui

st.set_page_config(page_title="Studio Accounts", page_icon=":material/insights:", layout="wide")
person = ui.signed_in()  # in team mode: stops here until a team member has signed in
st.session_state["person"] = person
if ui.team_mode():  # personal mode sees every client: no scope to set
    st.session_state["scope"] = ui.scope_of(person)
sections = {
    "Account review": [
        st.Page("app_pages/weekly_review.py", title="Weekly review", default=True,
                icon=":material/dashboard:"),
        st.Page("app_pages/client.py", title="Client", url_path="client",
                icon=":material/business:"),
        st.Page("app_pages/project.py", title="Project", url_path="project",
                icon=":material/work:"),
    ],
    "Portfolio": [
        st.Page("app_pages/delivery.py", title="Delivery", url_path="delivery",
                icon=":material/schedule:"),
        st.Page("app_pages/growth.py", title="Growth", url_path="growth",
                icon=":material/trending_up:"),
        st.Page("app_pages/billing.py", title="Billing", url_path="billing",
                icon=":material/receipt_long:"),
    ],
    "Planning": [
        st.Page("app_pages/whatif.py", title="What-if", url_path="whatif",
                icon=":material/calculate:"),
    ],
}  # fmt: skip
# Pages that change data or the team are not even listed for those who may not use them.
if person.may_write:
    sections["Data"] = [
        st.Page("app_pages/import_files.py", title="Import", url_path="import",
                icon=":material/upload_file:"),
        st.Page("app_pages/data_health.py", title="Data health", url_path="data-health",
                icon=":material/health_and_safety:"),
    ]  # fmt: skip
if person.manages_team:
    sections.setdefault("Data", []).append(
        st.Page("app_pages/team.py", title="Team", url_path="team", icon=":material/group:")
    )
navigation = st.navigation(sections)
st.session_state["filters"] = ui.sidebar_filters(
    applies=navigation.url_path not in ui.PAGES_WITHOUT_FILTERS
)
ui.account_box(person)
navigation.run()
