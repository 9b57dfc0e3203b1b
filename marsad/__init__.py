"""marsad (مرصد): structured, source-attributed conflict events from Arabic news."""

__version__ = "0.1.0"
