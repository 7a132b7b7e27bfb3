"""Signatures on the QR codes of certificates.

The QR code holds the verification URL with the certificate number and a signature of
that number: `/verify/JXGE-2026-360734-0001/?s=<signature>`. A QR code whose number was
altered, or one made up for a number that does exist, carries no valid signature, and
the verification page says so.

Why HMAC-SHA256 and not Ed25519: the only verifier is this portal (the QR opens our own
page, which looks the number up anyway), so nobody outside needs a public key; HMAC
needs no new dependency (`cryptography` is not installed) and gives a short signature
(22 characters for 128 bits against 86 for an Ed25519 signature), which keeps the QR
code small and easy to scan. If third parties ever verify certificates offline, switch to
Ed25519 and publish the public key; the `v` prefix of the signed message allows that.

The key is CERTIFICATE_SIGNING_KEY, or when that is empty a key derived from SECRET_KEY
(a different salt, so the signatures reveal nothing usable elsewhere).
"""

import base64
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac

SALT = "brandportal.certificates.qr"
# 16 bytes (128 bits) of the HMAC: far beyond guessing, short enough for a small QR.
SIGNATURE_BYTES = 16


def sign_number(number: str) -> str:
    secret = settings.CERTIFICATE_SIGNING_KEY or settings.SECRET_KEY
    digest = salted_hmac(SALT, f"v1:{number}", secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:SIGNATURE_BYTES]).rstrip(b"=").decode()


def signature_valid(number: str, signature: str) -> bool:
    return hmac.compare_digest(sign_number(number), signature or "")
