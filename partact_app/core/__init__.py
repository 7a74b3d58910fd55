"""The pure core of partact: plain functions over dataclasses and numpy arrays.

Nothing here imports Reflex, SQLModel, the database or performs I/O.
"""
