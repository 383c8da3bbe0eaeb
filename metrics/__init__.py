"""The only Python that reads the warehouse: typed queries, the KPI catalogue and charts."""
