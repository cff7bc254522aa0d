"""factcheck: a numeric fact checker for Chinese news text."""

__version__ = "0.1.0"
