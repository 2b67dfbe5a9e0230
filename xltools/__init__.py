"""xltools: action, activity and communication plans in Excel — templates, validation, roll-up."""

__version__ = "0.1.0"
