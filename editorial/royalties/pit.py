"""Personal income tax withheld on a royalty payment.

- Staff (cán bộ, viên chức): royalties are income from wages; tax is computed on the progressive
  scale with the month's salary by payroll, so the statement withholds nothing (Luật Thuế TNCN
  2007, Điều 3.2; Thông tư 111/2013/TT-BTC, Điều 2.2).
- Resident collaborators without a labour contract: 10% withheld when one payment reaches
  2,000,000 đồng (Thông tư 111/2013/TT-BTC, Điều 25.1.i).
- Non-residents: 20% of every payment (Luật Thuế TNCN, Điều 26; Thông tư 111/2013, Điều 18).
A month's statement is one payment per contributor.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .enums import ContributorKind

THRESHOLD = 2_000_000
RESIDENT_RATE = Decimal("0.10")
NON_RESIDENT_RATE = Decimal("0.20")
LEGAL_BASIS = "Thông tư 111/2013/TT-BTC, Điều 25 khoản 1 điểm i; Luật Thuế thu nhập cá nhân, Điều 26"


def withholding(kind: str, is_resident: bool, gross: int) -> int:
    """Tax to withhold from one payment of ``gross`` đồng (never negative)."""
    if gross <= 0 or kind == ContributorKind.STAFF:
        return 0
    if not is_resident:
        rate = NON_RESIDENT_RATE
    elif gross >= THRESHOLD:
        rate = RESIDENT_RATE
    else:
        return 0
    return int((Decimal(gross) * rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
