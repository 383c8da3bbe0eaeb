-- One row per measure: the 7 days ending on the as-of date against the 7 days before.
WITH bounds AS (SELECT as_of_date() AS as_of),
weeks AS (
    SELECT
        a.*,
        CASE
            WHEN a.day > b.as_of - INTERVAL 7 DAY THEN 'this_week'
            WHEN a.day > b.as_of - INTERVAL 14 DAY THEN 'last_week'
        END AS week
    FROM activity_day a
    JOIN clients c USING (client)
    LEFT JOIN projects p USING (project_code)
    CROSS JOIN bounds b
    WHERE a.day > b.as_of - INTERVAL 14 DAY
        AND ($manager IS NULL OR c.account_manager = $manager)
        AND ($client IS NULL OR a.client = $client)
        AND ($service_line IS NULL OR p.service_line = $service_line)
),
starts AS (
    SELECT
        count(*) FILTER (p.start_date > b.as_of - INTERVAL 7 DAY) AS this_week,
        count(*) FILTER (p.start_date <= b.as_of - INTERVAL 7 DAY
                         AND p.start_date > b.as_of - INTERVAL 14 DAY) AS last_week
    FROM projects p
    JOIN clients c USING (client)
    CROSS JOIN bounds b
    WHERE p.start_date <= b.as_of
        AND ($manager IS NULL OR c.account_manager = $manager)
        AND ($client IS NULL OR p.client = $client)
        AND ($service_line IS NULL OR p.service_line = $service_line)
)
SELECT 'Hours logged' AS measure, 'hours' AS unit,
    coalesce(sum(hours) FILTER (week = 'this_week'), 0)::DOUBLE AS this_week,
    coalesce(sum(hours) FILTER (week = 'last_week'), 0)::DOUBLE AS last_week
FROM weeks
UNION ALL
SELECT 'Revenue earned', 'money',
    coalesce(sum(earned_revenue) FILTER (week = 'this_week'), 0)::DOUBLE,
    coalesce(sum(earned_revenue) FILTER (week = 'last_week'), 0)::DOUBLE
FROM weeks
UNION ALL
SELECT 'Invoiced (net of tax)', 'money',
    coalesce(sum(billed_revenue) FILTER (week = 'this_week'), 0)::DOUBLE,
    coalesce(sum(billed_revenue) FILTER (week = 'last_week'), 0)::DOUBLE
FROM weeks
UNION ALL
SELECT 'Deliverables delivered', 'count',
    coalesce(sum(deliverables_delivered) FILTER (week = 'this_week'), 0)::DOUBLE,
    coalesce(sum(deliverables_delivered) FILTER (week = 'last_week'), 0)::DOUBLE
FROM weeks
UNION ALL
SELECT 'Delivered on time', 'count',
    coalesce(sum(deliverables_on_time) FILTER (week = 'this_week'), 0)::DOUBLE,
    coalesce(sum(deliverables_on_time) FILTER (week = 'last_week'), 0)::DOUBLE
FROM weeks
UNION ALL
SELECT 'Projects started', 'count', this_week::DOUBLE, last_week::DOUBLE FROM starts
