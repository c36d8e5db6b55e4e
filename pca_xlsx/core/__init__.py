"""Neutral core: helpers every stage may use. Imports no stage (only :mod:`pca_xlsx.format`)."""
