"""Secrets: organiser keys (stored as salted hashes) and participant tokens (unguessable, 192 bits)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

PBKDF2_ITERATIONS = 120_000
MAX_KEY_LENGTH = 200  # a key is 24 characters; anything much longer is not worth hashing


def new_token() -> str:
    """A participant token for the badge's QR code: 24 random bytes, URL-safe (32 characters, 192 bits)."""
    return secrets.token_urlsafe(24)


def new_organiser_key() -> str:
    """An organiser key: 18 random bytes (144 bits), 24 URL-safe characters."""
    return secrets.token_urlsafe(18)


def key_lookup(key: str) -> str:
    """A short public fingerprint to find the event of a key without trying every event's slow hash."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def same_lookup(key: str, lookup: str) -> bool:
    """Whether ``key`` has the fingerprint ``lookup`` (constant time): a cheap filter before the slow hash."""
    return bool(lookup) and hmac.compare_digest(key_lookup(key), lookup)


def hash_key(key: str, salt: str | None = None) -> tuple[str, str]:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", key.encode(), bytes.fromhex(salt), PBKDF2_ITERATIONS)
    return salt, digest.hex()


def verify_key(key: str, salt: str, expected_hash: str) -> bool:
    if not key or not salt or not expected_hash:
        return False
    return hmac.compare_digest(hash_key(key, salt)[1], expected_hash)
