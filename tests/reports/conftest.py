from tests.catalog.admin_helpers import editor, editor_client  # noqa: F401  (fixtures)
