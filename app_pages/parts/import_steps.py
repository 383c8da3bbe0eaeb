"""The Import page's pieces: a file's dry run, the mapping of a layout it does not know, the names
that match no client or project, the button that imports, and the saved mapping profiles."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from actions import fixes, imports, profiles
from actions.imports import FilePreview, Preview
from metrics import queries

NONE = "—"
SKIPPED_HELP = (
    "Titles before the header, total rows, the report's footer and empty rows: counted and "
    "listed, never loaded."
)


def file_preview(item: FilePreview) -> None:
    """What one file would add and replace: its format, counts, what it replaces of earlier
    imports, first rows as loaded, its rejects and its skipped rows."""
    result = item.result
    with st.container(border=True):
        encoding = (
            f" · read as {imports.ENCODINGS[result.encoding]}"
            if result.encoding not in (None, imports.UTF8)
            else ""
        )
        st.markdown(f"**{ui.literal(result.name)}** · {result.label}{encoding}")
        loaded, rejected, skipped, dates = st.columns([1, 1, 1, 2])
        loaded.metric("Rows to load", f"{result.rows_loaded:,}")
        rejected.metric("Rows rejected", f"{result.rows_rejected:,}")
        skipped.metric("Rows skipped", f"{result.rows_skipped:,}", help=SKIPPED_HELP)
        if result.first_date:
            dates.metric("Dates", f"{result.first_date:%-d %b} – {result.last_date:%-d %b %Y}")
        if result.replaced:
            replaced = "; ".join(imports.describe_replaced(r) for r in result.replaced)
            st.warning(
                f"Replaces rows imported before: {ui.literal(replaced)}.",
                icon=":material/swap_horiz:",
            )
        else:
            st.caption("Replaces nothing imported before.")
        if result.kept:
            kept = "; ".join(imports.describe_replaced(r) for r in result.kept)
            st.caption(f"Keeps {ui.literal(kept)} on these dates: {imports.KEPT}.")
        st.caption("First rows as they will be loaded")
        ui.table(item.rows, "", empty="No row of this file can be loaded.")
        if not item.rejects.empty:
            st.caption("Rejected rows and why")
            ui.table(item.rejects, "")
        if not item.skipped.empty:
            st.caption("Skipped rows (report furniture, not data)")
            ui.table(item.skipped.drop(columns="file_name"), "")


def mapping_form(path: Path) -> None:
    """Map the columns of a file no format recognises, and save the mapping as a profile."""
    try:
        headers, rows = profiles.sample(path)
    except profiles.SourceError as exc:
        st.error(ui.literal(exc))
        return
    headers = [h for h in headers if h.strip()]
    fmt, missing = profiles.closest(headers)
    with st.container(border=True):
        st.markdown(f"**{ui.literal(path.name)}** · not a recognised export")
        st.caption(
            f"Closest format: {fmt.label}, but it lacks {', '.join(missing)}. Map the file's "
            "columns once: the mapping is saved as a profile and this export is recognised "
            "from then on, here and by `python -m etl load`."
        )
        kinds = list(profiles.FIELDS)
        kind = st.selectbox(
            "Kind of data",
            kinds,
            index=kinds.index(fmt.kind) if fmt.kind in kinds else 0,
            key=f"kind:{path.name}",
        )
        guessed = profiles.guess(kind, headers)
        mapping = {}
        columns = st.columns(3)
        for number, field in enumerate(profiles.FIELDS[kind]):
            options = [NONE, *headers]
            chosen = columns[number % 3].selectbox(
                field.label + (" *" if field.required else ""),
                options,
                index=options.index(guessed.get(field.name, NONE)),
                key=f"map:{path.name}:{kind}:{field.name}",
            )
            if chosen != NONE:
                mapping[field.name] = chosen
        st.caption("The file's first values for each field")
        ui.table(
            pd.DataFrame(profiles.mapped_values(kind, mapping, headers, rows)),
            "",
            field="Field",
            column="Column of the file",
            values="First values",
        )
        name = st.text_input("Profile name", key=f"profile:{path.name}", placeholder="e.g. Acme")
        if st.button("Save the mapping", key=f"save:{path.name}", type="primary"):
            profile = profiles.Profile(name.strip(), kind, mapping)
            wrong = profiles.problems(profile, headers)
            if wrong:
                st.error(ui.literal("Cannot save the mapping: " + "; ".join(wrong) + "."))
            else:
                profiles.save(profile, st.session_state["person"])
                st.rerun()


def unmatched_form(names: pd.DataFrame, key: str) -> None:
    """Unmatched client and project names: confirm a suggested match or create the client or
    project; either is kept and applied to every later import."""
    st.subheader("Unmatched names")
    ui.table(
        names[
            [
                "name_kind",
                "client",
                "name",
                "found_in",
                "entries",
                "hours",
                "suggestion_label",
                "similarity",
            ]
        ],
        "",
        name_kind="Kind",
        name="Name in the export",
        found_in="Found in",
        entries=st.column_config.NumberColumn("Rows", format="%d"),
        hours=st.column_config.NumberColumn("Hours", format="%.1f"),
        suggestion_label="Closest match",
        similarity=st.column_config.NumberColumn("Alike", format="percent"),
    )
    labels = [
        f"{kind}: {name}" + (f" (under {client})" if isinstance(client, str) else "")
        for kind, name, client in names[["name_kind", "name", "client"]].values
    ]
    chosen = st.selectbox(
        "Name to fix", range(len(names)), format_func=labels.__getitem__, key=f"{key}:name"
    )
    row = names.iloc[chosen]
    if row["name_kind"] == "client":
        clients = ui.load(queries.client_directory, ui.scope())["client"]
        choices = {client: client for client in clients if client != row["name"]}
    else:
        choices = ui.load(queries.every_project, ui.scope())
    target = st.selectbox(
        "Is the same as",
        list(choices),
        index=list(choices).index(row["suggestion"]) if row["suggestion"] in choices else None,
        format_func=choices.get,
        key=f"{key}:target:{row['name_kind']}:{row['name']}",
    )
    alias, create = st.columns(2)
    me = st.session_state["person"]
    if alias.button("Confirm the match", key=f"{key}:alias", disabled=target is None):
        if row["name_kind"] == "client":
            fixes.confirm_client_alias(row["name"], target, me)
        else:
            fixes.confirm_project_alias(row["name"], row["client"], target, me)
        st.rerun()
    if row["name_kind"] == "client":
        if create.button("Create it as a new client", key=f"{key}:client"):
            fixes.create_client(row["name"], me)
            st.rerun()
    else:
        code = create.text_input("Or create it as a new project, with the code", key=f"{key}:code")
        if create.button("Create the project", key=f"{key}:project", disabled=not code.strip()):
            fixes.create_project(code.strip(), row["name"], row["client"], me)
            st.rerun()


def commit(paths: list[Path], date_order: str | None, complete: bool, preview: Preview) -> None:
    """The button that imports every recognised file in one run."""
    loaded = sum(f.result.rows_loaded for f in preview.files)
    label = f"Import {len(paths)} file(s): {loaded:,} rows"
    if st.button(label, type="primary", key="commit"):
        last = ui.load(queries.data_span)[1] if not ui.warehouse().empty else None
        try:
            imports.commit(paths, date_order, complete, st.session_state["person"])
        except imports.ImportFailure as exc:
            st.error(f"Import failed, nothing was changed: {ui.literal(exc)}")
            return
        ui.after_import(last)
        st.session_state["imported"] = f"Imported {len(paths)} file(s), {loaded:,} rows."
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        st.rerun()


def mapping_profiles() -> None:
    """The saved column-mapping profiles: each exported or deleted, and one imported from a
    file."""
    with st.expander("Column-mapping profiles"):
        for file_name, why in profiles.unusable():
            st.warning(f"{ui.literal(file_name)} is skipped: {ui.literal(why)}.")
        saved = profiles.saved()
        if not saved:
            st.caption("No profiles yet: map a file that is not recognised to create one.")
        for profile in saved:
            name, download, remove = st.columns([3, 1, 1])
            name.markdown(f"**{profile.name}** · {profile.kind}")
            download.download_button(
                "Export", profile.to_json(), f"{profile.slug}.json", key=f"export:{profile.slug}",
                on_click="ignore",
            )  # fmt: skip
            if remove.button("Delete", key=f"delete:{profile.slug}"):
                profiles.delete(profile, st.session_state["person"])
                st.rerun()
        shared = st.file_uploader("Import a profile (.json)", type=["json"], key="profile_file")
        if shared is not None:
            try:
                profiles.save(
                    profiles.from_json(shared.getvalue().decode("utf-8")),
                    st.session_state["person"],
                )
                st.success("Profile saved.")
            except profiles.ProfileError as exc:
                st.error(f"{ui.literal(shared.name)}: {ui.literal(exc)}")
