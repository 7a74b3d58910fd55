"""Settings come from the environment through ``partact_app.settings`` only; one language rule everywhere."""

from __future__ import annotations

import pytest

from partact_app import settings
from partact_app.i18n import DEFAULT_LANGUAGE, language_from_accept, normalise_language


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "fr"),
        ({"LANG": "C.UTF-8"}, "fr"),
        ({"LANG": "it_IT.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_LU.UTF-8", "LC_ALL": "fr_LU.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "PARTACT_LANG": "de"}, "de"),
        ({"PARTACT_LANG": "EN"}, "en"),
    ],
)
def test_cli_language(monkeypatch, env, expected):
    for name in ("PARTACT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert settings.cli_language() == expected


def test_an_unknown_language_is_french_everywhere():
    assert DEFAULT_LANGUAGE == "fr"
    assert normalise_language("it") == normalise_language(None) == language_from_accept("es, it;q=0.5") == "fr"


def test_urls_and_port(monkeypatch):
    monkeypatch.delenv("PARTACT_PUBLIC_URL", raising=False)
    monkeypatch.setenv("PORT", "3456")
    assert settings.port() == 3456
    assert settings.participant_url("abc") == "http://localhost:3456/p/abc"
    monkeypatch.setenv("PARTACT_PUBLIC_URL", "https://speed.example.lu/")
    assert settings.organiser_url() == "https://speed.example.lu/organiser"


def test_database_and_redis_urls(monkeypatch):
    monkeypatch.setenv("REFLEX_DB_URL", "postgres://u@h:5432/d")
    assert settings.database_url() == "postgresql+psycopg://u@h:5432/d"
    monkeypatch.delenv("REFLEX_DB_URL")
    assert settings.database_url().startswith("sqlite:///") and settings.database_url().endswith("partact.db")
    monkeypatch.setenv("REFLEX_REDIS_URL", " redis://127.0.0.1:6379 ")
    assert settings.redis_url() == "redis://127.0.0.1:6379"


def test_redis_names_belong_to_one_deployment(monkeypatch):
    """Pub/sub channels are global to a Redis server: two deployments sharing one must not hear each other."""
    from partact_app.broadcast import bus

    monkeypatch.delenv("PARTACT_DEPLOYMENT", raising=False)
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setenv("REFLEX_DB_URL", "postgresql://u@h:5432/spring")
    spring = bus.channel()
    assert settings.redis_db() == 3 and spring.startswith("partact:") and spring.endswith(":3:live")
    monkeypatch.setenv("REFLEX_DB_URL", "postgresql://u@h:5432/autumn")
    assert bus.channel() != spring  # another database, another deployment
    monkeypatch.setenv("REFLEX_DB_URL", "postgres://u@h:5432/spring")  # the same database, spelt otherwise
    assert bus.channel() == spring
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379/4")
    assert bus.channel() != spring  # another Redis database: the keys differ, and so must the channel
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379?db=4")
    assert settings.redis_db() == 4
    monkeypatch.setenv("PARTACT_DEPLOYMENT", "lux prod")
    assert settings.redis_prefix() == "partact:lux_prod:4"
    assert bus.channel() == "partact:lux_prod:4:live"
