"""Studio Accounts: per-client profitability, on-time delivery and account growth."""

import streamlit as st

import ui

st.set_page_config(page_title="Studio Accounts", page_icon=":material/insights:", layout="wide")
navigation = st.navigation(
    {
        "Account review": [
            st.Page(
                "app_pages/weekly_review.py",
                title="Weekly review",
                icon=":material/dashboard:",
                default=True,
            ),
            st.Page(
                "app_pages/client.py", title="Client", icon=":material/business:", url_path="client"
            ),
            st.Page(
                "app_pages/project.py", title="Project", icon=":material/work:", url_path="project"
            ),
        ],
    }
)
st.session_state["filters"] = ui.sidebar_filters()
navigation.run()
