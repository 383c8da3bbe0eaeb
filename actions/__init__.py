"""The write side: everything the app does that changes state (imports, their undo, matching
fixes, column-mapping profiles, what-if scenarios). `metrics` only reads; pages call these."""
