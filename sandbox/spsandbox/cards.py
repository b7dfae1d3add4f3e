"""Test cards (protocol.md section 7) and the scenario each one plays."""

from dataclasses import dataclass

# Brands the payment page offers (vads_payment_cards empty = all of them).
PAGE_BRANDS = ("CB", "VISA", "MASTERCARD", "MAESTRO", "VISA_ELECTRON")
# Brand codes accepted in vads_payment_cards (others are a format error 08).
KNOWN_BRANDS = set(PAGE_BRANDS) | {
    "E-CARTEBLEUE", "AMEX", "VPAY", "JCB", "DINERS", "CUP", "DISCOVER", "PAYPAL", "SDD",
}

# Scenarios
CHALLENGE_OK = "challenge"            # 3DS challenge page, then accepted (or failed by the buyer)
FRICTIONLESS_OK = "frictionless"      # accepted, frictionless 3DS
THREEDS_FAILED = "threeds_failed"     # refused: 3DS authentication failed
ISSUER_REFUSED = "issuer_refused"     # refused by the issuer
NOT_ENROLLED_OK = "not_enrolled"      # card not enrolled in 3DS, accepted
UNKNOWN_REFUSED = "unknown"           # any other number: refused, vads_result=05

# Columns of the seed's table: CB/VISA (co-badged), MASTERCARD, MAESTRO, VISA ELECTRON.
_COLUMNS = (("CB", "VISA"), ("MASTERCARD",), ("MAESTRO",), ("VISA_ELECTRON",))
_ROWS = (
    (CHALLENGE_OK, ("4970100000000014", "5970100300000018", "5000550000000029", "4917480000000008")),
    (FRICTIONLESS_OK, ("4970100000000055", "5970100300000067", "5000550000000052", "4917480000000057")),
    (THREEDS_FAILED, ("4970100000000063", "5970100300000075", "5000550000000060", "4917480000000065")),
    (ISSUER_REFUSED, ("4970100000000071", "5970100300000083", "5000550000000078", "4917480000000073")),
)


@dataclass(frozen=True)
class TestCard:
    number: str
    scenario: str
    brands: tuple   # brands the card can be processed as (first = default)
    label: str


def table_rows():
    """The seed's table as the payment page shows it in TEST mode: (scenario, {brand: number})."""
    return tuple((scenario, dict(zip((c[0] for c in _COLUMNS), numbers))) for scenario, numbers in _ROWS)


TEST_CARDS = {}
for _row, (_scenario, _numbers) in enumerate(_ROWS, start=1):
    for _col, _num in enumerate(_numbers):
        TEST_CARDS[_num] = TestCard(_num, _scenario, _COLUMNS[_col], "row %d" % _row)
for _num, _scenario, _label in (
    ("4970110000000013", FRICTIONLESS_OK, "3DS2 frictionless, accepted"),
    ("4970110000000021", CHALLENGE_OK, "3DS2 challenge, accepted"),
    ("4970110000000401", ISSUER_REFUSED, "refused"),
    ("4970100000000048", NOT_ENROLLED_OK, "not enrolled in 3DS, accepted"),
):
    TEST_CARDS[_num] = TestCard(_num, _scenario, ("CB", "VISA"), _label)


def lookup(number: str) -> TestCard:
    """The test card for a digit string; unknown numbers get the 'unknown' scenario
    and brands guessed from the prefix."""
    card = TEST_CARDS.get(number)
    if card:
        return card
    if number.startswith("4"):
        brands = ("CB", "VISA")
    elif number[:2] in ("51", "52", "53", "54", "55") or number[:1] == "2":
        brands = ("MASTERCARD",)
    elif number[:2] in ("50", "56", "57", "58") or number[:1] == "6":
        brands = ("MAESTRO",)
    else:
        brands = ("CB",)
    return TestCard(number, UNKNOWN_REFUSED, brands, "not a test card")


def mask(number: str) -> str:
    """First 6 + X... + last 4 (497010XXXXXX0014)."""
    if len(number) <= 10:
        return number[:2] + "X" * max(0, len(number) - 4) + number[-2:]
    return number[:6] + "X" * (len(number) - 10) + number[-4:]


def check_entry(number: str, month: str, year: str, cvv: str, now):
    """Format checks of what the buyer typed, shared by the payment page and the embedded form.
    Returns (problem, number, month, year): problem is None, "bad_card_number", "bad_expiry" or
    "bad_cvv"; number without spaces; month 1-12 and 4-digit year as ints."""
    number = "".join((number or "").split())
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return "bad_card_number", number, None, None
    month, year = month or "", year or ""
    if not (month.isdigit() and 1 <= int(month) <= 12 and year.isdigit() and len(year) in (2, 4)):
        return "bad_expiry", number, None, None
    y = int(year) + (2000 if len(year) == 2 else 0)
    if (y, int(month)) < (now.year, now.month):
        return "bad_expiry", number, None, None
    cvv = cvv or ""
    if not (cvv.isdigit() and len(cvv) in (3, 4)):
        return "bad_cvv", number, int(month), y
    return None, number, int(month), y
