-- One row per forecast origin, client and month from the origin's month to 12 months after: revenue from work not yet booked (the baseline layer).
WITH project_months AS (
    SELECT a.client, a.month, p.start_date, sum(a.earned_revenue) AS revenue
    FROM activity_month a
    LEFT JOIN projects p USING (project_code)
    GROUP BY ALL
),
unbooked AS (
    -- The part of a month's revenue from work that had not started `lead` months before: what a
    -- forecast made then could not see. Work without a project or a start date counts as unbooked.
    SELECT
        m.client,
        m.month,
        l.lead,
        sum(m.revenue) FILTER (
            m.start_date IS NULL OR m.start_date >= m.month - to_months(l.lead - 1)
        ) AS revenue
    FROM project_months m, range(1, 13) l(lead)
    GROUP BY ALL
),
level AS (
    -- The client's average unbooked revenue per month over the 12 full months before the origin
    -- (months without revenue count as nothing).
    SELECT o.origin, u.client, u.lead, coalesce(sum(u.revenue), 0) / 12 AS monthly
    FROM forecast_origins o
    JOIN unbooked u
        ON u.month BETWEEN o.last_full_month - INTERVAL 11 MONTH AND o.last_full_month
    GROUP BY ALL
),
studio_months AS (
    -- The viewer's clients only: their forecast is as if the studio were their clients.
    SELECT month, sum(revenue) AS revenue FROM project_months WHERE viewer_sees(client) GROUP BY month
),
season AS (
    -- How the studio's revenue in each calendar month compares with its average month over the 24
    -- full months before the origin: that month's share of the two years, times 12. Without 24
    -- months of history every month counts as average.
    SELECT
        o.origin,
        month(s.month) AS calendar_month,
        12 * sum(s.revenue) / sum(sum(s.revenue)) OVER (PARTITION BY o.origin) AS index
    FROM forecast_origins o
    JOIN studio_months s
        ON s.month BETWEEN o.last_full_month - INTERVAL 23 MONTH AND o.last_full_month
    WHERE (SELECT min(month) FROM studio_months) <= o.last_full_month - INTERVAL 23 MONTH
    GROUP BY o.origin, month(s.month)
),
targets AS (
    SELECT
        o.origin,
        l.lead,
        (date_trunc('month', o.origin) + to_months(l.lead))::DATE AS month,
        -- The origin's own month has only its days after the origin left to earn.
        CASE
            WHEN l.lead = 0
            THEN (last_day(o.origin) - o.origin) / day(last_day(o.origin))
            ELSE 1
        END AS share_left
    FROM forecast_origins o, range(0, 13) l(lead)
)
SELECT
    t.origin,
    v.client,
    t.month,
    t.lead,
    v.monthly * coalesce(s.index, 1) * t.share_left AS amount
FROM targets t
-- The origin's own month is learned as the month after it.
JOIN level v ON v.origin = t.origin AND v.lead = greatest(t.lead, 1)
LEFT JOIN season s ON s.origin = t.origin AND s.calendar_month = month(t.month)
WHERE t.share_left > 0
