-- One row per measure: the 7 days ending on the as-of date against the 7 days before.
WITH bounds AS (SELECT as_of_date() AS as_of),
labels(measure, unit, position, label) AS (
    VALUES
        ('hours', 'hours', 1, 'Hours logged'),
        ('earned_revenue', 'money', 2, 'Revenue earned'),
        ('billed_revenue', 'money', 3, 'Invoiced (net of tax)'),
        ('deliverables_delivered', 'count', 4, 'Deliverables delivered'),
        ('deliverables_on_time', 'count', 5, 'Delivered on time'),
        ('projects_started', 'count', 6, 'Projects started')
),
activity AS (
    SELECT
        CASE WHEN a.day > b.as_of - INTERVAL 7 DAY THEN 'this_week' ELSE 'last_week' END AS week,
        a.hours::DOUBLE AS hours,
        a.earned_revenue::DOUBLE AS earned_revenue,
        a.billed_revenue::DOUBLE AS billed_revenue,
        a.deliverables_delivered::DOUBLE AS deliverables_delivered,
        a.deliverables_on_time::DOUBLE AS deliverables_on_time,
        0.0 AS projects_started
    FROM activity_day a
    JOIN clients c USING (client)
    LEFT JOIN projects p USING (project_code)
    CROSS JOIN bounds b
    WHERE a.day > b.as_of - INTERVAL 14 DAY
        AND in_scope(c.account_manager, a.client, p.service_line, $manager, $client, $service_line,
                     $visible)
    UNION ALL
    SELECT
        CASE WHEN p.start_date > b.as_of - INTERVAL 7 DAY THEN 'this_week' ELSE 'last_week' END,
        0.0, 0.0, 0.0, 0.0, 0.0, 1.0
    FROM projects p
    JOIN clients c USING (client)
    CROSS JOIN bounds b
    WHERE p.start_date > b.as_of - INTERVAL 14 DAY AND p.start_date <= b.as_of
        AND in_scope(c.account_manager, p.client, p.service_line, $manager, $client, $service_line,
                     $visible)
),
values AS (
    UNPIVOT activity
    ON hours, earned_revenue, billed_revenue, deliverables_delivered, deliverables_on_time,
        projects_started
    INTO NAME measure VALUE amount
)
SELECT
    l.label AS measure,
    l.unit,
    coalesce(sum(v.amount) FILTER (v.week = 'this_week'), 0) AS this_week,
    coalesce(sum(v.amount) FILTER (v.week = 'last_week'), 0) AS last_week
FROM labels l
LEFT JOIN values v USING (measure)
GROUP BY l.label, l.unit, l.position
ORDER BY l.position
