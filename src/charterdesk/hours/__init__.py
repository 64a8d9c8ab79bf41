"""Time entries and hours banks: what work on tickets costs a contract."""
