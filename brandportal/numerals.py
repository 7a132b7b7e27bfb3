"""Amounts of money in capital Chinese numerals (大写金额), as finance documents write them.

The rules followed (as on bank slips and vouchers): digits 零壹贰叁肆伍陆柒捌玖, units
拾佰仟 within a group of four and 万亿 between groups; a run of zeros inside the
number is written once as 零 (100001 → 壹拾万零壹元整), zeros at the end of a group or
of the number are not written; an amount of whole yuan ends in 整; 角 and 分 follow
元, and a missing 角 before 分 is written 零 (1.05 → 壹元零伍分).
"""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS_IN_GROUP = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")


def _integer_in_capitals(value: int) -> str:
    digits = str(value)
    if len(digits) > 4 * len(GROUP_UNITS):
        raise ValueError(f"amount too large to write in capitals: {value}")
    parts: list[str] = []
    pending_zero = False
    group_has_digit = False
    for index, char in enumerate(digits):
        position = len(digits) - 1 - index
        digit = int(char)
        if digit == 0:
            pending_zero = bool(parts)
        else:
            if pending_zero:
                parts.append(DIGITS[0])
                pending_zero = False
            parts.append(DIGITS[digit] + UNITS_IN_GROUP[position % 4])
            group_has_digit = True
        if position % 4 == 0:
            if group_has_digit:
                parts.append(GROUP_UNITS[position // 4])
            group_has_digit = False
    return "".join(parts)


def amount_in_capitals(amount: Decimal) -> str:
    """`amount` yuan in capitals: 20000 → 贰万元整, 10500.50 → 壹万零伍佰元伍角.

    Rounded half up to the fen; a negative amount is refused (a notice never states one).
    """
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError(f"negative amount: {amount}")
    yuan = int(amount)
    cents = int((amount - yuan) * 100)
    jiao, fen = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return "零元整"
    text = _integer_in_capitals(yuan) + "元" if yuan else ""
    if cents == 0:
        return text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan:
        text += DIGITS[0]
    if fen:
        text += DIGITS[fen] + "分"
    return text
