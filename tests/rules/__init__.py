"""Rule test tables: one module per rule family, YAML snippets in, (line, column, code) out."""

import pytest

# The helper asserts on behalf of the tables; rewrite its asserts so failures show the diff.
pytest.register_assert_rewrite("tests.rules.common")
