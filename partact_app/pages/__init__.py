"""Pages: layout only; data and actions come from states."""
