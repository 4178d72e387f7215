"""The schema this version of the app writes, in a module that imports nothing: the
store's opening (``db``) compares a database with it, and so can a look at a file
taken before SQLAlchemy is imported."""

HEAD_REVISION = "0015"
"""The newest migration's revision: the schema this version of the app writes. Add a
migration, change this; a test fails until the two agree."""
