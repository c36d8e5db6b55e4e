"""One module per service of the demo hospital, named after the service code in lower case."""
