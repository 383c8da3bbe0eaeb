-- Ratio KPIs, defined once and applied to sums at any grain (SPEC §5).
CREATE OR REPLACE MACRO margin_pct(gross_profit, revenue) AS gross_profit / nullif(revenue, 0);
CREATE OR REPLACE MACRO effective_rate(revenue, hours) AS revenue / nullif(hours, 0);
CREATE OR REPLACE MACRO hours_burn_pct(hours, budget_hours) AS hours / nullif(budget_hours, 0);
CREATE OR REPLACE MACRO on_time_rate(on_time, delivered) AS on_time / nullif(delivered, 0);
CREATE OR REPLACE MACRO agi(revenue, pass_through_cost) AS revenue - pass_through_cost;
CREATE OR REPLACE MACRO delivery_margin_pct(revenue, pass_through_cost, labour_cost) AS
    (revenue - pass_through_cost - labour_cost) / nullif(revenue - pass_through_cost, 0);
CREATE OR REPLACE MACRO realization_pct(billed_revenue, standard_value) AS
    billed_revenue / nullif(standard_value, 0);
CREATE OR REPLACE MACRO utilization_pct(billable_hours, capacity_hours) AS
    billable_hours / nullif(capacity_hours, 0);
CREATE OR REPLACE MACRO growth_pct(current, prior) AS current / nullif(prior, 0) - 1;

