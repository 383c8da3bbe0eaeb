-- One row: the warehouse's reporting currency.
SELECT coalesce(max(value), 'EUR') AS currency FROM settings WHERE key = 'reporting_currency'
