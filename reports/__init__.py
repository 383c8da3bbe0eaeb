"""Reports built from the metric layer: the weekly account status (PowerPoint, Markdown, PDF) and
the monthly client workbook (Excel). No Streamlit here: the app and `python -m reports` share it."""
