"""Secrets: organiser keys (stored as salted hashes) and participant tokens (unguessable, 192 bits)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict

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


# Keys this process has verified, by their stored hash: an HMAC of the key under a secret of this process only
# (never stored, never logged). The organiser key is 144 random bits, not a password, so the slow hash protects
# the stored hashes, not the guessing (hopeless at 144 bits and rate-limited): paying it once per process and
# stored hash is enough. An organiser script's every call (`next-round`: the round waits for it) then costs
# microseconds instead of a slow hash (35 ms on a 2-core test machine). A new key has a new stored hash, so the
# old key's entry never matches again; a wrong key never enters.
VERIFIED_MAX = 4096
_process_secret = secrets.token_bytes(32)
_verified: OrderedDict[str, bytes] = OrderedDict()
_verified_lock = threading.Lock()


def verify_key(key: str, salt: str, expected_hash: str) -> bool:
    if not key or not salt or not expected_hash:
        return False
    fast = hmac.new(_process_secret, key.encode(), "sha256").digest()
    with _verified_lock:
        known = _verified.get(expected_hash)
    if known is not None and hmac.compare_digest(known, fast):
        return True
    if not hmac.compare_digest(hash_key(key, salt)[1], expected_hash):
        return False
    with _verified_lock:
        _verified[expected_hash] = fast
        _verified.move_to_end(expected_hash)
        while len(_verified) > VERIFIED_MAX:
            _verified.popitem(last=False)
    return True
