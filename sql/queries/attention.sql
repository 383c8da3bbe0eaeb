-- One row per item that needs action as of the as-of date, ranked: what, which client and
-- project, why, and a score (higher first). Filters: $manager, $client, $service_line, and the
-- viewer's scope $visible; the scores and thresholds ($…_score, $burning_pace, …) are
-- metrics/attention.py's Rules. The account log's entries (not in the warehouse) come as $log,
-- shaped as in account_log.sql, read up to $log_until (queries.log_until).
WITH bounds AS (SELECT as_of_date() AS as_of),
scope AS (
    SELECT p.project_code, p.project, p.client, p.service_line, p.status, c.account_manager
    FROM projects p
    JOIN clients c USING (client)
    WHERE in_scope(c.account_manager, p.client, p.service_line, $manager, $client, $service_line,
                   $visible)
),
open_projects AS (
    SELECT h.*
    FROM project_health h, bounds b
    WHERE h.project_code IN (SELECT project_code FROM scope)
        AND (h.delivered_date IS NULL OR h.delivered_date > b.as_of)
        AND NOT is_stopped(h.status)
        AND h.start_date <= b.as_of
),
burning AS (
    SELECT
        'Burning faster than schedule' AS kind, client, project_code, project,
        format('{:.0f}% of budget hours used at {:.0f}% of the schedule',
               100 * hours_burn_pct, 100 * schedule_elapsed_pct) AS reason,
        $burning_score + 100 * pace_pct AS score
    FROM open_projects
    WHERE pace_pct > $burning_pace AND hours_burn_pct > $burning_burn
),
past_due AS (
    SELECT
        'Project past due' AS kind, client, project_code, project,
        format('due {} ({} ago), not delivered', strftime(due_date, '%-d %b'),
               days_text(date_diff('day', due_date, b.as_of))) AS reason,
        $past_due_score + date_diff('day', due_date, b.as_of) AS score
    FROM open_projects, bounds b
    WHERE due_date < b.as_of
),
deliverables AS (
    SELECT
        CASE WHEN d.status = 'open_overdue' THEN 'Deliverable late' ELSE 'Deliverable due soon' END
            AS kind,
        d.client, d.project_code, s.project,
        CASE
            WHEN d.status = 'open_overdue'
                THEN format('{}: due {}, {} late', d.deliverable, strftime(d.due_date, '%-d %b'),
                            days_text(d.days_late))
            WHEN d.due_date = b.as_of THEN format('{}: due today', d.deliverable)
            ELSE format('{}: due {} (in {})', d.deliverable, strftime(d.due_date, '%-d %b'),
                        days_text(date_diff('day', b.as_of, d.due_date)))
        END AS reason,
        CASE WHEN d.status = 'open_overdue' THEN $late_deliverable_score + d.days_late
             ELSE $due_soon_score - date_diff('day', b.as_of, d.due_date) END AS score
    FROM deliverable_status d
    JOIN scope s USING (project_code)
    CROSS JOIN bounds b
    -- A project cancelled or on hold waits on the client: its deliverables are not due from us.
    WHERE NOT is_stopped(s.status)
        AND (d.status = 'open_overdue'
             OR (d.status = 'open' AND d.due_date <= b.as_of + to_days($due_soon_days::INTEGER)))
),
overdue_invoices AS (
    -- One item per client: a late payer's invoices are one conversation, not one row each.
    SELECT
        CASE WHEN count(*) = 1 THEN 'Invoice overdue' ELSE 'Invoices overdue' END AS kind,
        i.client,
        CASE WHEN count(*) = 1 THEN any_value(i.project_code) END AS project_code,
        NULL AS project,
        CASE
            WHEN count(*) = 1
                THEN format('{} · {} {:,.0f} · {} overdue', any_value(i.invoice_number),
                            $currency, sum(i.balance), days_text(max(i.days_overdue)))
            ELSE format('{} invoices · {} {:,.0f} · the oldest {} overdue', count(*), $currency,
                        sum(i.balance), days_text(max(i.days_overdue)))
        END AS reason,
        $overdue_invoice_score + max(i.days_overdue) AS score
    FROM invoice_status i
    JOIN clients c USING (client)
    WHERE i.status = 'overdue'
        AND in_scope(c.account_manager, i.client, NULL, $manager, $client, NULL, $visible)
    GROUP BY i.client
),
margins AS (
    SELECT
        a.client,
        margin_pct(sum(a.earned_revenue - a.labour_cost - a.expense_cost)
                       FILTER (a.day BETWEEN $start AND $end),
                   sum(a.earned_revenue) FILTER (a.day BETWEEN $start AND $end)) AS margin_now,
        margin_pct(sum(a.earned_revenue - a.labour_cost - a.expense_cost)
                       FILTER (a.day BETWEEN $prev_start AND $prev_end),
                   sum(a.earned_revenue) FILTER (a.day BETWEEN $prev_start AND $prev_end))
            AS margin_before,
        sum(a.earned_revenue) FILTER (a.day BETWEEN $start AND $end) AS revenue_now
    FROM activity_day a
    JOIN clients c USING (client)
    WHERE a.day BETWEEN $prev_start AND $end
        AND in_scope(c.account_manager, a.client, NULL, $manager, $client, NULL, $visible)
    GROUP BY a.client
),
margin_drops AS (
    SELECT
        'Margin fell' AS kind, client, NULL AS project_code, NULL AS project,
        -- What the fall costs: this period's revenue at the old margin, less what it made.
        format('margin {:.0f}% vs {:.0f}% before: {} {:,.0f} less profit on {} {:,.0f}',
               100 * margin_now, 100 * margin_before,
               $currency, (margin_before - margin_now) * revenue_now, $currency, revenue_now)
            AS reason,
        $margin_fell_score + 100 * (margin_before - margin_now) AS score
    FROM margins
    WHERE margin_before - margin_now > $margin_fell_drop
        AND date_diff('day', $start::DATE, $end::DATE) + 1 >= $margin_fell_days
),
plan_rows AS (
    -- $plans: client_plan's rows of the clients in scope (metrics/forecast.py computes them once
    -- per version, viewer and day for every page that shows plans).
    SELECT k.*
    FROM (
        SELECT unnest($plans::STRUCT(
            client VARCHAR, forecast_year DOUBLE, revenue_target DOUBLE, gap_pct DOUBLE,
            margin_to_date DOUBLE, margin_target DOUBLE
        )[], recursive := true)
    ) k
    JOIN clients c USING (client)
    WHERE in_scope(c.account_manager, k.client, NULL, $manager, $client, NULL, $visible)
),
below_plan AS (
    SELECT
        'Forecast below plan' AS kind, client, NULL AS project_code, NULL AS project,
        CASE
            -- A client lost, with a plan still on the books: said as it is.
            WHEN forecast_year = 0 THEN format(
                'nothing earned or forecast this year; plan {} {:,.0f}', $currency, revenue_target)
            ELSE format('year''s forecast {} {:,.0f} vs plan {} {:,.0f} ({:+.0f}%)',
                        $currency, forecast_year, $currency, revenue_target, 100 * gap_pct)
        END AS reason,
        $below_plan_score + least(100 * (-gap_pct - $below_plan_gap), $below_plan_most) AS score,
        -- Many clients reach the score's cap: among them, the most money short comes first.
        revenue_target - forecast_year AS short_of_plan
    FROM plan_rows
    WHERE gap_pct < -$below_plan_gap
),
below_margin_target AS (
    SELECT
        'Margin below target' AS kind, client, NULL AS project_code, NULL AS project,
        format('margin {:.1f}% this year vs target {:.0f}% ({:+.1f} pts)',
               100 * margin_to_date, 100 * margin_target,
               100 * (margin_to_date - margin_target)) AS reason,
        $below_margin_target_score
            + least(100 * (margin_target - margin_to_date - $below_margin_target_gap),
                    $below_plan_most) AS score
    FROM plan_rows
    WHERE margin_target - margin_to_date > $below_margin_target_gap
),
log_entries AS (
    SELECT l.*, p.project AS project_name
    FROM (
        SELECT unnest($log::STRUCT(
            id VARCHAR, version INTEGER, written_at TIMESTAMP, author VARCHAR,
            author_email VARCHAR, client VARCHAR, project VARCHAR, kind VARCHAR, entry_date DATE,
            summary VARCHAR, people VARCHAR, follow_up VARCHAR, follow_up_owner VARCHAR,
            follow_up_due DATE, follow_up_done BOOLEAN, status VARCHAR
        )[], recursive := true)
    ) l
    JOIN clients c USING (client)
    LEFT JOIN projects p ON p.project_code = l.project AND p.client = l.client
    WHERE l.entry_date <= $log_until::DATE
        AND in_scope(c.account_manager, l.client, NULL, $manager, $client, NULL, $visible)
),
open_issues AS (
    -- Linked to the client's page, where the log is: project_code stays NULL.
    SELECT
        CASE WHEN kind = 'issue' THEN 'Open issue' ELSE 'Open risk' END AS kind, client,
        NULL AS project_code, project_name AS project,
        format('{} (logged {}, open {})', summary, strftime(entry_date, '%-d %b'),
               days_text(date_diff('day', entry_date, $log_until::DATE))) AS reason,
        $open_issue_score + date_diff('day', entry_date, $log_until::DATE) AS score
    FROM log_entries
    WHERE kind IN ('issue', 'risk') AND status = 'open'
),
follow_ups_overdue AS (
    SELECT
        'Follow-up overdue' AS kind, client, NULL AS project_code, project_name AS project,
        format('{}: {} (due {}, {} overdue)', follow_up_owner,
               coalesce(nullif(follow_up, ''), summary), strftime(follow_up_due, '%-d %b'),
               days_text(date_diff('day', follow_up_due, $log_until::DATE))) AS reason,
        $follow_up_overdue_score + date_diff('day', follow_up_due, $log_until::DATE) AS score
    FROM log_entries
    WHERE NOT follow_up_done AND follow_up_due < $log_until::DATE
),
concentration AS (
    SELECT
        'Concentration risk' AS kind, k.client, NULL AS project_code, NULL AS project,
        -- Of the viewer's clients' revenue: the studio's, or a manager's portfolio's.
        format('{:.0f}% of {}revenue over the last 12 months', 100 * k.share_pct,
               CASE WHEN $visible IS NULL THEN '' ELSE 'your clients'' ' END) AS reason,
        $concentration_score AS score
    FROM client_concentration k
    JOIN clients c USING (client)
    WHERE k.basis = 'earned' AND k.above_threshold
        AND in_scope(c.account_manager, k.client, NULL, $manager, $client, NULL, $visible)
)
SELECT
    items.kind,
    items.client,
    owner.account_manager,
    items.project_code,
    coalesce(items.project, p.project, '') AS project,
    items.reason,
    items.score::DOUBLE AS score
FROM (
    SELECT * FROM burning
    UNION ALL BY NAME SELECT * FROM past_due
    UNION ALL BY NAME SELECT * FROM deliverables
    UNION ALL BY NAME SELECT * FROM overdue_invoices
    UNION ALL BY NAME SELECT * FROM margin_drops
    UNION ALL BY NAME SELECT * FROM below_plan
    UNION ALL BY NAME SELECT * FROM below_margin_target
    UNION ALL BY NAME SELECT * FROM concentration
    UNION ALL BY NAME SELECT * FROM open_issues
    UNION ALL BY NAME SELECT * FROM follow_ups_overdue
) items
LEFT JOIN projects p USING (project_code)
LEFT JOIN clients owner ON owner.client = items.client
-- At the same score, items of a kind together (and forecasts below plan most money short first).
ORDER BY score DESC, items.kind, items.short_of_plan DESC NULLS LAST, items.client,
    items.project_code
