"""The house colours, defined once: the charts, the decks, the PDF and the workbooks use these."""

from __future__ import annotations

REVENUE_COLOUR = "#1f4e79"
PROFIT_COLOUR = "#5aa469"
LOSS_COLOUR = "#c0392b"
MUTED_COLOUR = "#a9b4c2"
ACCENT_COLOUR = "#f39c12"  # the second series beside revenue: billed, new business, a 2nd driver
AHEAD_COLOUR = "#7fb3d5"  # ahead of the date: delivered early, invoiced and not yet due

# Deliverable status codes (deliverable_status.status) as drawn.
STATUS_COLOURS = {"early": AHEAD_COLOUR, "on_time": PROFIT_COLOUR, "late": LOSS_COLOUR}

# Columns of ar_aging, from not yet due to most overdue: warmer the older.
AGING_COLOURS = {
    "current": AHEAD_COLOUR,
    "days_1_30": "#f5b041",
    "days_31_60": "#e67e22",
    "days_61_90": "#d35400",
    "days_90_plus": LOSS_COLOUR,
}

# One colour per client, largest first; the last is for 'Other clients'.
CLIENT_PALETTE = [REVENUE_COLOUR, "#2e86c1", PROFIT_COLOUR, ACCENT_COLOUR, "#8e44ad", "#16a085",
                  LOSS_COLOUR, "#7f8c8d", "#d5dbe3"]  # fmt: skip

SENSITIVITY_COLOURS = [REVENUE_COLOUR, ACCENT_COLOUR]

# The forecast's layers, from the surest to the least sure.
LAYER_COLOURS = {
    "contracted": REVENUE_COLOUR,
    "pipeline": ACCENT_COLOUR,
    "baseline": AHEAD_COLOUR,
}
# Revenue of a week or month still running at the as-of date: drawn lighter.
TO_DATE_OPACITY = 0.4
BAND_FILL = "rgba(31, 78, 121, 0.15)"  # the P10–P90 band around the forecast
