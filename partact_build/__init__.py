"""How the front end is built and delivered (used by rxconfig.py only): see docs/benchmark-pages.md."""
