"""pca-xlsx: the cyber-attack business continuity plan of a hospital, built from Excel workbooks."""

__version__ = "0.1.0"
