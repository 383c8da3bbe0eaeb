-- One row per deliverable, with its delivery status as of the as-of date (public view).
WITH as_of AS (SELECT as_of_date() AS as_of),
known AS (
    SELECT
        d.*,
        a.as_of,
        -- A delivery dated after the as-of date had not happened yet.
        CASE WHEN d.delivered_date <= a.as_of THEN d.delivered_date END AS delivered_by_as_of
    FROM deliverables d, as_of a
)
SELECT
    project_code,
    client,
    deliverable,
    due_date,
    delivered_by_as_of AS delivered_date,
    CASE
        WHEN delivered_by_as_of < due_date THEN 'early'
        WHEN delivered_by_as_of = due_date THEN 'on_time'
        WHEN delivered_by_as_of > due_date THEN 'late'
        WHEN due_date < as_of THEN 'open_overdue'
        ELSE 'open'
    END AS status,
    greatest(date_diff('day', due_date, coalesce(delivered_by_as_of, as_of)), 0) AS days_late
FROM known
