//! The Excel report: titles, headers and notes of each sheet.
