"""The lint rules, one class per code, grouped by family in modules.

This package's `__init__` imports nothing, so that the loader can use the Y codes without
pulling in pydantic and every rule: the registry lives in `catalogue.py`.
"""
