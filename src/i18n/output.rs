//! Summaries, terminal tables, bars, the narrative paragraph, the dashboard, diff and rollover.
