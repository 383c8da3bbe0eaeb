-- Ratio KPIs, defined once and applied to sums at any grain (SPEC §5).
CREATE OR REPLACE MACRO margin_pct(gross_profit, revenue) AS gross_profit / nullif(revenue, 0);
CREATE OR REPLACE MACRO effective_rate(revenue, hours) AS revenue / nullif(hours, 0);
CREATE OR REPLACE MACRO hours_burn_pct(hours, budget_hours) AS hours / nullif(budget_hours, 0);
CREATE OR REPLACE MACRO on_time_rate(on_time, delivered) AS on_time / nullif(delivered, 0);
