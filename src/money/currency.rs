//! Currencies: ISO 4217 codes and their minor units.

/// A currency: its ISO 4217 code and number of minor-unit decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub code: String,
    pub decimals: u32,
}

impl Default for Currency {
    fn default() -> Self {
        Currency {
            code: "XOF".into(),
            decimals: 0,
        }
    }
}

/// ISO 4217 minor units of the currencies a plan is likely to use.
const MINOR_UNITS: &[(&str, u32)] = &[
    ("XOF", 0),
    ("XAF", 0),
    ("GNF", 0),
    ("KMF", 0),
    ("BIF", 0),
    ("RWF", 0),
    ("DJF", 0),
    ("UGX", 0),
    ("XPF", 0),
    ("JPY", 0),
    ("KRW", 0),
    ("VND", 0),
    ("CLP", 0),
    ("PYG", 0),
    ("ISK", 0),
    ("VUV", 0),
    ("EUR", 2),
    ("USD", 2),
    ("GBP", 2),
    ("CHF", 2),
    ("CAD", 2),
    ("MAD", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("MGA", 2),
    ("MRU", 2),
    ("CDF", 2),
    ("HTG", 2),
    ("NGN", 2),
    ("GHS", 2),
    ("CVE", 2),
    ("STN", 2),
    ("SLE", 2),
    ("LRD", 2),
    ("GMD", 2),
    ("KES", 2),
    ("TZS", 2),
    ("ETB", 2),
    ("SCR", 2),
    ("MUR", 2),
    ("ZAR", 2),
    ("AOA", 2),
    ("MZN", 2),
    ("SSP", 2),
    ("SDG", 2),
    ("ERN", 2),
    ("SOS", 2),
    ("ZMW", 2),
    ("MWK", 2),
    ("BWP", 2),
    ("NAD", 2),
    ("LSL", 2),
    ("SZL", 2),
    ("CNY", 2),
    ("INR", 2),
    ("BRL", 2),
    ("XDR", 2),
    ("SEK", 2),
    ("NOK", 2),
    ("DKK", 2),
    ("AUD", 2),
    ("NZD", 2),
    ("LBP", 2),
    ("TND", 3),
    ("LYD", 3),
    ("BHD", 3),
    ("KWD", 3),
    ("OMR", 3),
    ("JOD", 3),
    ("IQD", 3),
    ("CLF", 4),
    ("UYW", 4),
];

/// Looks up a currency code. `None` for a code that is not a known ISO 4217 code.
pub fn minor_units(code: &str) -> Option<u32> {
    MINOR_UNITS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|&(_, d)| d)
}

/// The name of a currency as people write it after an amount.
pub fn currency_label(currency: &Currency) -> &str {
    match currency.code.as_str() {
        "XOF" | "XAF" => "FCFA",
        c => c,
    }
}
