"""Normalisation of the keys that identify a lead (pure functions, no ORM).

They are used on create/write (stored, indexed keys on ``crm.lead``) and by the XLSX import,
which normalises a whole workbook in memory before one indexed lookup per key.
"""
import re
import unicodedata

from odoo.tools.mail import email_normalize

# Longest first: the first suffix that matches is removed, then we try again.
LEGAL_SUFFIXES = (
    "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "分公司", "公司",
    "corporation", "company limited", "co ltd", "co limited", "limited", "incorporated",
    "company", "corp", "gmbh", "llc", "ltd", "inc", "plc", "co", "sa", "ag",
)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def _fold(text):
    """Full-width → half-width (NFKC), lower-case, trimmed."""
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def normalize_email(email, email_normalized=None):
    """The address as Odoo's ``email_normalized`` holds it (first address, no display name, lower-case
    ASCII), full-width characters folded first: '"Zhang San" <ZS@x.com>' → 'zs@x.com'.
    ``email_normalized``: Odoo's ``email_normalize(email, strict=False)`` when the caller has it —
    the key, when folding changes nothing."""
    folded = unicodedata.normalize("NFKC", email or "").strip()
    if email_normalized is not None and folded == email:
        return email_normalized or ""
    return email_normalize(folded, strict=False) or ""


def normalize_phone(phone, country_code=None):
    """Digits with the country code: '+86 138-0013-8000', '0086 13800138000' and, for a
    company in China, '138 0013 8000' all give '8613800138000'."""
    raw = _fold(phone)
    digits = re.sub(r"\D", "", raw)
    if not digits:
        return ""
    if raw.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if country_code:
        code = str(country_code)
        if digits.startswith("0"):  # national trunk prefix
            return code + digits[1:]
        if not (digits.startswith(code) and len(digits) > 11):
            return code + digits
    return digits


def normalize_company(name):
    """'  深圳市腾飞科技有限公司 ' / 'ＡＢＣ Trading Co., Ltd.' → '深圳市腾飞科技' / 'abctrading'."""
    text = _PUNCT.sub(" ", _fold(name)).strip()
    changed = True
    while changed and text:
        changed = False
        for suffix in LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                head = text[: -len(suffix)]
                # latin suffixes must stand as a word of their own
                if suffix.isascii() and not head.endswith(" "):
                    continue
                text = head.strip()
                changed = True
                break
    return text.replace(" ", "")


def normalize_name(name):
    """Contact or project name: folded, punctuation and spaces removed."""
    return _PUNCT.sub("", _fold(name))
