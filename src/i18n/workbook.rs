//! The plan workbook, the template and TOML plan files: sheet and column labels, and what their readers say.
