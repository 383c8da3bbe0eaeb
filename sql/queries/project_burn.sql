-- One row per week from the project's start to the as-of date (or delivery): the day it counts
-- to (the week's last, or the as-of or delivery date in the week still running), cumulative
-- hours as a share of the budget and the share of the schedule elapsed by that day; none when
-- the project's client is outside the viewer's scope ($visible).
WITH project AS (
    SELECT * FROM project_health WHERE project_code = $project AND visible_to(client, $visible)
),
weeks AS (
    SELECT w::DATE AS week
    FROM project p, unnest(generate_series(
        date_trunc('week', p.start_date),
        date_trunc('week', least(coalesce(p.delivered_date, as_of_date()), as_of_date())),
        INTERVAL 1 WEEK)) AS t(w)
),
hours AS (
    SELECT date_trunc('week', day)::DATE AS week, sum(hours) AS hours
    FROM activity_day
    WHERE project_code = $project
    GROUP BY ALL
)
SELECT
    w.week,
    least(w.week + 6, as_of_date(), coalesce(p.delivered_date, as_of_date()))::DATE AS through,
    (sum(coalesce(h.hours, 0)) OVER (ORDER BY w.week))::DOUBLE AS hours_to_date,
    hours_burn_pct(sum(coalesce(h.hours, 0)) OVER (ORDER BY w.week), p.budget_hours)::DOUBLE
        AS hours_burn_pct,
    least(greatest(date_diff('day', p.start_date, through) + 1, 0)
          / (date_diff('day', p.start_date, p.due_date) + 1), 1.0)::DOUBLE AS schedule_elapsed_pct
FROM weeks w
CROSS JOIN project p
LEFT JOIN hours h USING (week)
ORDER BY w.week
