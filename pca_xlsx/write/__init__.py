"""Write stage: xlsx (xlsxwriter) outputs. Writers know nothing about reading."""
