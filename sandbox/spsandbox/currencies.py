"""ISO 4217 currencies the sandbox accepts: numeric code -> (alpha-3, minor-unit exponent)."""

CURRENCIES = {
    "978": ("EUR", 2), "840": ("USD", 2), "826": ("GBP", 2), "756": ("CHF", 2),
    "124": ("CAD", 2), "036": ("AUD", 2), "554": ("NZD", 2), "752": ("SEK", 2),
    "578": ("NOK", 2), "208": ("DKK", 2), "985": ("PLN", 2), "203": ("CZK", 2),
    "348": ("HUF", 2), "946": ("RON", 2), "975": ("BGN", 2), "949": ("TRY", 2),
    "643": ("RUB", 2), "156": ("CNY", 2), "344": ("HKD", 2), "702": ("SGD", 2),
    "356": ("INR", 2), "484": ("MXN", 2), "986": ("BRL", 2), "710": ("ZAR", 2),
    "504": ("MAD", 2), "012": ("DZD", 2), "376": ("ILS", 2), "784": ("AED", 2),
    "682": ("SAR", 2), "634": ("QAR", 2), "764": ("THB", 2), "458": ("MYR", 2),
    "608": ("PHP", 2), "901": ("TWD", 2), "032": ("ARS", 2), "170": ("COP", 2),
    "604": ("PEN", 2), "818": ("EGP", 2), "980": ("UAH", 2),
    # 0 decimals
    "392": ("JPY", 0), "410": ("KRW", 0), "952": ("XOF", 0), "953": ("XPF", 0),
    "950": ("XAF", 0), "360": ("IDR", 0), "152": ("CLP", 0), "352": ("ISK", 0),
    "704": ("VND", 0),
    # 3 decimals
    "414": ("KWD", 3), "788": ("TND", 3), "048": ("BHD", 3), "400": ("JOD", 3),
    "512": ("OMR", 3),
}

# Decimal separator per page language.
_DECIMAL_SEP = {"en": ".", "zh": ".", "ja": "."}


def format_amount(minor: int, currency_numeric: str, language: str) -> str:
    """Integer minor units -> '12,34' (fr) / '12.34' (en); integer arithmetic only."""
    _, exp = CURRENCIES[currency_numeric]
    sign = "-" if minor < 0 else ""
    minor = abs(minor)
    if exp == 0:
        return sign + str(minor)
    units, frac = divmod(minor, 10 ** exp)
    return "%s%d%s%0*d" % (sign, units, _DECIMAL_SEP.get(language, ","), exp, frac)


# REST API V4 uses the alpha-3 code: alpha-3 -> numeric code.
NUMERIC_BY_ALPHA3 = {alpha: num for num, (alpha, _) in CURRENCIES.items()}

# Symbols shown on the embedded form's pay button (others show the alpha-3 code).
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "CHF"}
