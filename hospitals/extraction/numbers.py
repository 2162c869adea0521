"""Numerals: Arabic or Chinese, converted from the matched span only (never the whole text)."""

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CN_FRACTION = "零〇一二三四五六七八九"
# "四点六亿元": a Chinese numeral may carry decimals after 点.
NUMERAL = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_DIGITS}]+(?:点[{_CN_FRACTION}]+)?)"
_CN_ONLY = re.compile(rf"[{CN_DIGITS}]+")
_CN_DECIMAL = re.compile(rf"([{CN_DIGITS}]+)点([{_CN_FRACTION}]+)")


def parse_number(span):
    """Decimal value of a numeral span ("41201", "15.49", "2,000", "十余" minus 余, "三十二"), or None."""
    span = span.replace(",", "")
    if not span:
        return None
    decimal = _CN_DECIMAL.fullmatch(span)
    if decimal:
        whole = parse_number(decimal.group(1))
        digits = "".join(str("零一二三四五六七八九".find(c)) if c != "〇" else "0" for c in decimal.group(2))
        return None if whole is None else Decimal(f"{whole}.{digits}")
    if _CN_ONLY.fullmatch(span):
        import cn2an

        if span[0] in "百千万亿":
            span = "一" + span
        try:
            value = cn2an.cn2an(span, "smart")
        except (ValueError, KeyError, IndexError):
            return None
        if value is None:
            return None
        return Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))
    try:
        return Decimal(span)
    except InvalidOperation:
        return None


def is_chinese(span):
    return bool(_CN_ONLY.fullmatch(span))
