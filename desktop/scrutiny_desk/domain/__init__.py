"""The review model: records, enumerations, rules and errors. Standard library only."""
